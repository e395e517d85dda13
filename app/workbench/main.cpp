// vaecf-workbench: the Qt window over the same core as the `vaecf` command line.

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QTranslator>

#include "window/MainWindow.h"

namespace {

// The user's choice from the Language menu, else the system's.
QLocale chosenLocale() {
  const QString language = QSettings().value(QStringLiteral("language")).toString();
  return language.isEmpty() ? QLocale::system() : QLocale(language);
}

std::filesystem::path runsFolder() {
  const QString fallback =
      QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/runs");
  return QSettings().value(QStringLiteral("runs/folder"), fallback).toString().toStdString();
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QCoreApplication::setOrganizationName(QStringLiteral("vaecf"));
  QCoreApplication::setApplicationName(QStringLiteral("vaecf-workbench"));

  const QLocale locale = chosenLocale();
  QTranslator qtTranslator;
  if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                        QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QApplication::installTranslator(&qtTranslator);
  QTranslator translator;
  if (translator.load(locale, QStringLiteral("vaecf"), QStringLiteral("_"), QStringLiteral(":/i18n")))
    QApplication::installTranslator(&translator);

  vaecf::ui::MainWindow window({runsFolder(), vaecf::ui::bundledDataRequest()});
  window.show();
  return QApplication::exec();
}
