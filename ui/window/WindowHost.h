#pragma once
// Owns the main window and the translations installed for it. A language chosen in the
// window's Language menu is installed at once and the window is rebuilt in it around the
// same session (data, model and form, runs, colours, tab) and views (lesson, sweep, chart
// zoom), so no restart is needed; Qt widgets take their words when they are built, and
// rebuilding is the one way that reaches every one of them.

#include <QLocale>
#include <QObject>
#include <QString>
#include <QTranslator>
#include <memory>

#include "window/MainWindow.h"

namespace vaecf::ui {

class WindowHost : public QObject {
  Q_OBJECT

 public:
  // `catalogues`: the folder of the window's compiled translations (vaecf_LANG.qm).
  WindowHost(WorkbenchConfig config, const QString& catalogues, QObject* parent = nullptr);
  ~WindowHost() override;

  MainWindow& window() { return *window_; }
  // Installs `code`'s translations ("" the system's) and rebuilds the shown window in it.
  void switchLanguage(const QString& code);

 Q_SIGNALS:
  void windowReplaced(MainWindow* window);

 private:
  void install(const QLocale& locale);
  void adopt(std::unique_ptr<MainWindow> window);

  WorkbenchConfig config_;
  QString catalogues_;
  QTranslator qtTranslator_;
  QTranslator translator_;
  std::unique_ptr<MainWindow> window_;
};

}  // namespace vaecf::ui
