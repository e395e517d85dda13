#include "panels/DelimitedImportDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFormLayout>
#include <QHeaderView>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace vaecf::ui {

namespace {

constexpr int kPreviewRows = 20;

QSpinBox* columnBox(int value, bool optional, QWidget* parent) {
  auto* box = new QSpinBox(parent);
  box->setRange(optional ? -1 : 0, 999);
  if (optional) box->setSpecialValueText(DelimitedImportDialog::tr("none"));
  box->setValue(value);
  return box;
}

}  // namespace

DelimitedImportDialog::DelimitedImportDialog(const QString& path, const DelimitedOptions& options, QWidget* parent)
    : QDialog(parent),
      path_(path),
      separator_(new QComboBox(this)),
      header_(new QCheckBox(tr("First line is a header"), this)),
      user_(columnBox(static_cast<int>(options.userColumn), false, this)),
      item_(columnBox(static_cast<int>(options.itemColumn), false, this)),
      value_(columnBox(options.valueColumn ? static_cast<int>(*options.valueColumn) : -1, true, this)),
      time_(columnBox(options.timestampColumn ? static_cast<int>(*options.timestampColumn) : -1, true, this)),
      encoding_(new QComboBox(this)),
      preview_(new QTableWidget(this)) {
  setWindowTitle(tr("Columns of %1").arg(path));
  separator_->addItem(tr("comma ,"), QStringLiteral(","));
  separator_->addItem(tr("semicolon ;"), QStringLiteral(";"));
  separator_->addItem(tr("tab"), QStringLiteral("\t"));
  separator_->addItem(tr("pipe |"), QStringLiteral("|"));
  separator_->addItem(tr("space"), QStringLiteral(" "));
  separator_->setCurrentIndex(std::max(0, separator_->findData(QString(QLatin1Char(options.separator)))));
  header_->setChecked(options.header);
  encoding_->addItem(QStringLiteral("UTF-8"), static_cast<int>(TextEncoding::Utf8));
  encoding_->addItem(QStringLiteral("Latin-1"), static_cast<int>(TextEncoding::Latin1));
  encoding_->setCurrentIndex(options.encoding == TextEncoding::Latin1 ? 1 : 0);
  preview_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  preview_->verticalHeader()->hide();

  for (QSpinBox* box : {user_, item_, value_, time_})
    connect(box, &QSpinBox::valueChanged, this, &DelimitedImportDialog::refreshPreview);
  connect(separator_, &QComboBox::currentIndexChanged, this, &DelimitedImportDialog::refreshPreview);
  connect(header_, &QCheckBox::toggled, this, &DelimitedImportDialog::refreshPreview);
  connect(encoding_, &QComboBox::currentIndexChanged, this, &DelimitedImportDialog::refreshPreview);

  auto* form = new QFormLayout;
  form->addRow(tr("Separator"), separator_);
  form->addRow(QString(), header_);
  form->addRow(tr("User column"), user_);
  form->addRow(tr("Item column"), item_);
  form->addRow(tr("Value column"), value_);
  form->addRow(tr("Time column"), time_);
  form->addRow(tr("Encoding"), encoding_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(preview_, 1);
  layout->addWidget(buttons);
  resize(640, 480);
  refreshPreview();
}

DelimitedOptions DelimitedImportDialog::options() const {
  DelimitedOptions options;
  options.separator = separator_->currentData().toString().at(0).toLatin1();
  options.header = header_->isChecked();
  options.userColumn = static_cast<std::size_t>(user_->value());
  options.itemColumn = static_cast<std::size_t>(item_->value());
  options.valueColumn = value_->value() >= 0 ? std::optional<std::size_t>(value_->value()) : std::nullopt;
  options.timestampColumn = time_->value() >= 0 ? std::optional<std::size_t>(time_->value()) : std::nullopt;
  options.encoding = static_cast<TextEncoding>(encoding_->currentData().toInt());
  return options;
}

QVector<QStringList> DelimitedImportDialog::previewRows(const QString& path, const DelimitedOptions& options,
                                                        int rows) {
  QVector<QStringList> lines;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return lines;
  while (!file.atEnd() && lines.size() < rows) {
    const QByteArray raw = file.readLine().trimmed();
    const QString line = options.encoding == TextEncoding::Latin1 ? QString::fromLatin1(raw) : QString::fromUtf8(raw);
    lines.push_back(line.split(QLatin1Char(options.separator)));
  }
  return lines;
}

void DelimitedImportDialog::refreshPreview() {
  const DelimitedOptions current = options();
  QVector<QStringList> rows = previewRows(path_, current, kPreviewRows + 1);
  QStringList header;
  if (current.header && !rows.isEmpty()) header = rows.takeFirst();
  int columns = 0;
  for (const QStringList& row : rows) columns = std::max(columns, static_cast<int>(row.size()));
  preview_->clear();
  preview_->setColumnCount(columns);
  preview_->setRowCount(static_cast<int>(rows.size()));
  QStringList titles;
  for (int column = 0; column < columns; ++column) {
    QString role;
    if (column == user_->value()) role = tr("user");
    else if (column == item_->value()) role = tr("item");
    else if (column == value_->value()) role = tr("value");
    else if (column == time_->value()) role = tr("time");
    const QString name = column < header.size() ? header[column] : QString::number(column);
    titles << (role.isEmpty() ? name : QStringLiteral("%1 [%2]").arg(name, role));
  }
  preview_->setHorizontalHeaderLabels(titles);
  for (int row = 0; row < rows.size(); ++row)
    for (int column = 0; column < rows[row].size(); ++column)
      preview_->setItem(row, column, new QTableWidgetItem(rows[row][column]));
}

}  // namespace vaecf::ui
