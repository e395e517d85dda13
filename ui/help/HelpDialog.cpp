#include "help/HelpDialog.h"

#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "help/Glossary.h"

namespace vaecf::ui {

QString firstStepsHtml() {
  return HelpDialog::tr(
      "<h2>First steps</h2>"
      "<ol>"
      "<li><b>Data.</b> The window opens on the bundled MovieLens latest-small dataset, split by the "
      "strong-generalisation protocol: some users are held out entirely, and part of each held-out user's "
      "items is hidden and must be recommended. Load another dataset in the Data panel (its format is "
      "detected).</li>"
      "<li><b>Model.</b> Choose a model and its parameters in the Model panel; the window starts from a "
      "quick preset so that curves move within seconds. Parameters marked ● change a running model.</li>"
      "<li><b>Train.</b> Press Run (F5). Watch the loss terms and the validation NDCG@100; Pause (F6), "
      "step a batch (F7) or an epoch (F8), Stop (Shift+F5).</li>"
      "<li><b>Compare.</b> Every run is a folder in the run table with its test metrics. Select runs to "
      "overlay their curves and cohorts; a filter such as <i>state:finished</i> narrows the table.</li>"
      "<li><b>Look inside.</b> The Latent space tab shows the users' posteriors on a 2-D map; click a user to "
      "study who helps it (gradient transfer) and how its neighbours drift when its history is masked.</li>"
      "</ol>"
      "<p>The command line <tt>vaecf</tt> runs the same core: <tt>vaecf train --model recvae</tt> writes "
      "a run folder the window opens.</p>");
}

QString glossaryHtml() {
  QString html = QStringLiteral("<h2>%1</h2><dl>").arg(HelpDialog::tr("Glossary"));
  for (const GlossaryEntry& entry : glossary())
    html += QStringLiteral("<dt><b>%1</b></dt><dd>%2</dd>").arg(entry.name.toHtmlEscaped(), entry.explanation.toHtmlEscaped());
  return html + QStringLiteral("</dl>");
}

HelpDialog::HelpDialog(QWidget* parent)
    : QDialog(parent), tabs_(new QTabWidget(this)), firstSteps_(new QTextBrowser(this)), glossary_(new QTextBrowser(this)) {
  setWindowTitle(tr("Help"));
  firstSteps_->setHtml(firstStepsHtml());
  glossary_->setHtml(glossaryHtml());
  tabs_->addTab(firstSteps_, tr("First steps"));
  tabs_->addTab(glossary_, tr("Glossary"));
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(tabs_);
  resize(560, 520);
}

void HelpDialog::showPage(Page page) { tabs_->setCurrentIndex(page == Page::FirstSteps ? 0 : 1); }

HelpDialog::Page HelpDialog::page() const { return tabs_->currentIndex() == 0 ? Page::FirstSteps : Page::Glossary; }

QString HelpDialog::pageText(Page page) const {
  return (page == Page::FirstSteps ? firstSteps_ : glossary_)->toPlainText();
}

}  // namespace vaecf::ui
