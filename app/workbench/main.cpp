// vaecf-workbench: the Qt window over the same core as the `vaecf` command line.

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "Plugins.h"
#include "data/BundledData.h"
#include "panels/RunsPanel.h"
#include "plugin/PluginVersion.h"
#include "session/TrainingSession.h"
#include "window/MainWindow.h"
#include "window/WindowHost.h"

namespace {

// The folder chosen in the window last time, else the one default of the CLI and the
// window (core/data/BundledData.h): the XDG data folder when installed, ./runs in a build tree.
std::filesystem::path runsFolder() {
  const QString fallback = QString::fromStdString(std::filesystem::absolute(vaecf::defaultRunsFolder()).string());
  return QSettings().value(QStringLiteral("runs/folder"), fallback).toString().toStdString();
}

// The session the window keeps from one start to the next (saved when it closes).
std::filesystem::path lastSessionFile() {
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
  return folder.isEmpty() ? std::filesystem::path() : std::filesystem::path(folder.toStdString()) / "last-session.json";
}

// A run folder handed over by the desktop or the command line: the folder itself or its config.json.
std::optional<std::filesystem::path> runFolderOf(const QString& argument) {
  namespace fs = std::filesystem;
  const fs::path path = fs::absolute(argument.toStdString());
  std::error_code error;
  if (fs::is_directory(path, error) && fs::exists(path / "config.json", error)) return path;
  if (path.filename() == "config.json") return path.parent_path();
  return std::nullopt;
}

// --screenshot: once the data has loaded, save the window as a PNG and quit (exit 1 when
// the data did not load within two minutes or the file could not be written).
void saveScreenshotWhenLoaded(vaecf::ui::MainWindow& window, const QString& file) {
  auto* timer = new QTimer(&window);
  auto* clock = new QElapsedTimer;
  clock->start();
  QObject::connect(timer, &QTimer::timeout, &window, [&window, file, timer, clock] {
    const bool loaded = window.session().data() != nullptr;
    if (!loaded && clock->elapsed() < 120000) return;
    timer->stop();
    delete clock;
    const bool saved = loaded && window.grab().toImage().save(file, "PNG");
    if (!saved) std::fprintf(stderr, "vaecf-workbench: %s\n", loaded ? "cannot write the screenshot" : "the data did not load");
    QCoreApplication::exit(saved ? 0 : 1);
  });
  timer->start(200);
}

// --help and --version, which print and exit: they need no display.
bool asksOnlyForText(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument == "-h" || argument == "--help" || argument == "--help-all" || argument == "-v" ||
        argument == "--version")
      return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  const std::unique_ptr<QCoreApplication> app = asksOnlyForText(argc, argv)
                                                    ? std::make_unique<QCoreApplication>(argc, argv)
                                                    : std::make_unique<QApplication>(argc, argv);
  QCoreApplication::setOrganizationName(QStringLiteral("vaecf"));
  QCoreApplication::setApplicationName(QStringLiteral("vaecf-workbench"));
  QCoreApplication::setApplicationVersion(QStringLiteral(VAECF_VERSION));  // project(VERSION) in CMakeLists.txt
  QGuiApplication::setDesktopFileName(QStringLiteral(VAECF_APP_ID));  // its .desktop file

  // Options and argument as packaging/man/vaecf-workbench.1.in describes them.
  QCommandLineParser parser;
  parser.setApplicationDescription(
      QStringLiteral("Train, compare and look inside variational-autoencoder recommenders."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption screenshot(
      QStringLiteral("screenshot"),
      QStringLiteral("Save the window as a PNG once the data has loaded, then quit."), QStringLiteral("file"));
  parser.addOption(screenshot);
  parser.addPositionalArgument(QStringLiteral("file"),
                               QStringLiteral("A session file, or a run folder or its config.json, to open."),
                               QStringLiteral("[file]"));
  parser.process(*app);  // exits after --help and --version
  vaecf::loadPlugins();

  const QString file = parser.positionalArguments().value(0);
  const std::optional<std::filesystem::path> run = file.isEmpty() ? std::nullopt : runFolderOf(file);
  const bool session = !file.isEmpty() && !run;  // a session brings its own data and runs folder
  // Without a file to open, the window comes back as it was left; a screenshot starts fresh
  // and leaves the kept session alone.
  const std::filesystem::path kept = parser.isSet(screenshot) ? std::filesystem::path() : lastSessionFile();
  std::error_code absent;
  const bool restore = file.isEmpty() && !kept.empty() && std::filesystem::is_regular_file(kept, absent);
  // The host installs the chosen language and rebuilds the window when another is chosen.
  vaecf::ui::WindowHost host({run ? run->parent_path() : runsFolder(), std::nullopt, kept},
                             QStringLiteral(":/i18n"));
  vaecf::ui::MainWindow& window = host.window();
  if (run) window.runsPanel()->selectRuns({*run});
  const bool opened = session ? window.loadSession(std::filesystem::absolute(file.toStdString()))
                              : restore && window.loadSession(kept);
  if (!opened) window.loadData(vaecf::ui::bundledDataRequest());
  // A first start (nothing kept, nothing named) opens on the lessons.
  if (!opened && !run && !parser.isSet(screenshot)) window.showLessons();
  if (parser.isSet(screenshot)) {
    window.resize(1500, 950);
    saveScreenshotWhenLoaded(window, parser.value(screenshot));
  }
  window.show();
  return QApplication::exec();
}
