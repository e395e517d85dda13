#pragma once
// Help → Plugins: every plugin the program knows, like Qt Creator's About Plugins: name,
// version, kind, where it came from, whether it is loaded, what it provides, and why a
// refused one was refused (docs/plugins.md).

#include <QDialog>

class QTableWidget;

namespace vaecf::ui {

class PluginsDialog : public QDialog {
  Q_OBJECT

 public:
  explicit PluginsDialog(QWidget* parent = nullptr);

  // The table, for tests: one row per plugin, columns as the header names them.
  const QTableWidget* table() const { return table_; }

 private:
  QTableWidget* table_;
};

}  // namespace vaecf::ui
