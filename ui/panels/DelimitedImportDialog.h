#pragma once
// Maps the columns of a generic delimited log to user, item, value and time, with the
// first rows of the file shown as they will be split.

#include <QDialog>

#include "data/Importers.h"

class QCheckBox;
class QComboBox;
class QSpinBox;
class QTableWidget;

namespace vaecf::ui {

class DelimitedImportDialog : public QDialog {
  Q_OBJECT

 public:
  DelimitedImportDialog(const QString& path, const DelimitedOptions& options, QWidget* parent = nullptr);

  DelimitedOptions options() const;
  // The rows the preview shows: up to `rows` lines of `path` split by the options.
  static QVector<QStringList> previewRows(const QString& path, const DelimitedOptions& options, int rows);

 private:
  void refreshPreview();

  QString path_;
  QComboBox* separator_;
  QCheckBox* header_;
  QSpinBox* user_;
  QSpinBox* item_;
  QSpinBox* value_;
  QSpinBox* time_;
  QComboBox* encoding_;
  QTableWidget* preview_;
};

}  // namespace vaecf::ui
