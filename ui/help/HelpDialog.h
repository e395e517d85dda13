#pragma once
// Help → First steps and Help → Glossary: what a newcomer does first, and the terms the
// views use (help/Glossary.h), in one non-modal window with a page per topic.

#include <QDialog>

class QTabWidget;
class QTextBrowser;

namespace vaecf::ui {

class HelpDialog : public QDialog {
  Q_OBJECT

 public:
  enum class Page { FirstSteps, Glossary };

  explicit HelpDialog(QWidget* parent = nullptr);
  void showPage(Page page);
  Page page() const;
  QString pageText(Page page) const;  // as shown, for tests

 private:
  QTabWidget* tabs_;
  QTextBrowser* firstSteps_;
  QTextBrowser* glossary_;
};

// The pages as HTML, translated.
QString firstStepsHtml();
QString glossaryHtml();

}  // namespace vaecf::ui
