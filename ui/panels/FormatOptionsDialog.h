#pragma once
// A dataset format's options as a form generated from their declarations, beside the first
// lines of the file, with what the format detects from it filled in (the separator and
// header of a delimited log, for one). Nothing here knows a format by name.

#include <QDialog>
#include <QMap>

#include <map>
#include <string>

#include "plugin/DatasetFormat.h"

class QLabel;
class QPlainTextEdit;

namespace vaecf::ui {

class FormatOptionsDialog : public QDialog {
  Q_OBJECT

 public:
  // `given`: the values chosen before (the others show their defaults).
  FormatOptionsDialog(const DatasetFormat& format, const QString& path, const std::map<std::string, std::string>& given,
                      QWidget* parent = nullptr);

  // Every option with the value its editor shows.
  std::map<std::string, std::string> options() const;
  // What the format detected from the file, in words (empty when nothing).
  QString detected() const;

 private:
  void showPreview(const QString& path);

  QMap<QString, QWidget*> editors_;
  QLabel* detected_;
  QPlainTextEdit* preview_;
};

}  // namespace vaecf::ui
