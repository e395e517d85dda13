#pragma once
// Help → Plugins: every plugin the program knows, like Qt Creator's About Plugins: name,
// whether it is enabled (a check box: the user's plugin settings, read at the next start,
// shared with `vaecf plugin disable|enable`), version, kind, whether it is loaded, what it
// provides, where it came from, and why a refused one was refused (docs/plugins.md).

#include <QDialog>

class QLabel;
class QTableWidget;
class QTableWidgetItem;

namespace vaecf::ui {

class PluginsDialog : public QDialog {
  Q_OBJECT

 public:
  explicit PluginsDialog(QWidget* parent = nullptr);

  // The table, for tests: one row per plugin, columns as the header names them.
  const QTableWidget* table() const { return table_; }
  // Ticks or clears a plugin's Enabled box as a user would.
  void setEnabled(const QString& plugin, bool enabled);
  QString notice() const;

 private:
  void enabledChanged(QTableWidgetItem* item);

  QTableWidget* table_;
  QLabel* notice_;
};

}  // namespace vaecf::ui
