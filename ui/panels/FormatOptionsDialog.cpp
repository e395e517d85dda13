#include "panels/FormatOptionsDialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "common/Error.h"
#include "data/Importers.h"
#include "panels/ParamEditor.h"

namespace vaecf::ui {

namespace {

constexpr int kPreviewLines = 20;
constexpr qint64 kPreviewBytes = 16 * 1024;

QString qs(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

FormatOptionsDialog::FormatOptionsDialog(const DatasetFormat& format, const QString& path,
                                         const std::map<std::string, std::string>& given, QWidget* parent)
    : QDialog(parent), detected_(new QLabel(this)), preview_(new QPlainTextEdit(this)) {
  setWindowTitle(tr("Options of the %1 format").arg(qs(format.name)));
  // Settle what the format detects from the file (a 64 KB read at most), so the form shows it.
  ImportOptions import{format.name, path.toStdString(), given};
  try {
    detected_->setText(qs(resolveImport(import)));
  } catch (const Error& error) {
    detected_->setText(tr("Nothing detected: %1").arg(qs(error.what())));
    import.options = given;
  }
  detected_->setWordWrap(true);
  ParamSet values(format.options);
  for (const auto& [name, value] : import.options)
    if (values.declares(name)) values.set(name, value);

  auto* form = new QFormLayout;
  for (const ParamSpec& spec : values.specs()) {
    QWidget* editor = createParamEditor(spec, values.text(spec.name), [](const QString&) {});
    editor->setParent(this);
    auto* label = new QLabel(qs(spec.name), this);
    label->setToolTip(editor->toolTip());
    form->addRow(label, editor);
    editors_.insert(qs(spec.name), editor);
  }
  preview_->setReadOnly(true);
  preview_->setLineWrapMode(QPlainTextEdit::NoWrap);
  preview_->setFont(QFont(QStringLiteral("monospace")));
  showPreview(path);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel(qs(format.summary), this));
  layout->addLayout(form);
  layout->addWidget(detected_);
  layout->addWidget(preview_, 1);
  layout->addWidget(buttons);
  resize(640, 480);
}

void FormatOptionsDialog::showPreview(const QString& path) {
  QFile file(path);
  if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
    preview_->setPlaceholderText(tr("The first lines of the file show here when the path names a file."));
    return;
  }
  QStringList lines;
  const QByteArray start = file.read(kPreviewBytes);
  for (const QByteArray& line : start.split('\n')) {
    if (lines.size() == kPreviewLines) break;
    lines << QString::fromUtf8(line).trimmed();
  }
  preview_->setPlainText(lines.join(QLatin1Char('\n')));
}

std::map<std::string, std::string> FormatOptionsDialog::options() const {
  std::map<std::string, std::string> values;
  for (auto it = editors_.begin(); it != editors_.end(); ++it)
    values[it.key().toStdString()] = paramEditorValue(it.value()).toStdString();
  return values;
}

QString FormatOptionsDialog::detected() const { return detected_->text(); }

}  // namespace vaecf::ui
