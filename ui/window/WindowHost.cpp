#include "window/WindowHost.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QSettings>
#include <QTemporaryDir>

#include "session/TrainingSession.h"

namespace vaecf::ui {

namespace {

const char* const kLanguageKey = "language";

// The language the Language menu saved, else the system's.
QLocale chosenLocale() {
  const QString language = QSettings().value(QLatin1String(kLanguageKey)).toString();
  return language.isEmpty() ? QLocale::system() : QLocale(language);
}

}  // namespace

WindowHost::WindowHost(WorkbenchConfig config, const QString& catalogues, QObject* parent)
    : QObject(parent), config_(std::move(config)), catalogues_(catalogues) {
  install(chosenLocale());
  adopt(std::make_unique<MainWindow>(config_));
}

WindowHost::~WindowHost() {
  QApplication::removeTranslator(&translator_);
  QApplication::removeTranslator(&qtTranslator_);
}

void WindowHost::install(const QLocale& locale) {
  QLocale::setDefault(locale);  // lessons pick their text's language from it
  QApplication::removeTranslator(&qtTranslator_);
  QApplication::removeTranslator(&translator_);
  if (qtTranslator_.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QApplication::installTranslator(&qtTranslator_);
  if (translator_.load(locale, QStringLiteral("vaecf"), QStringLiteral("_"), catalogues_))
    QApplication::installTranslator(&translator_);
}

void WindowHost::adopt(std::unique_ptr<MainWindow> window) {
  window_ = std::move(window);
  connect(window_.get(), &MainWindow::languageChosen, this, &WindowHost::switchLanguage);
  Q_EMIT windowReplaced(window_.get());
}

void WindowHost::switchLanguage(const QString& code) {
  QSettings().setValue(QLatin1String(kLanguageKey), code);
  install(code.isEmpty() ? QLocale::system() : QLocale(code));
  // The session travels through a file, as from one start to the next, and what only this
  // window shows (a lesson, a sweep, zoom) beside it; the old window saves its geometry on
  // close, which the new one restores.
  const QTemporaryDir carrier;
  const std::filesystem::path session = std::filesystem::path(carrier.path().toStdString()) / "session.json";
  const bool visible = window_->isVisible();
  window_->saveSession(session);
  const MainWindow::Views views = window_->views();
  window_->close();
  auto replacement = std::make_unique<MainWindow>(config_);
  replacement->loadSession(session);
  replacement->restoreViews(views);
  if (visible) replacement->show();
  window_.release()->deleteLater();  // its queued events may still name it
  adopt(std::move(replacement));
}

}  // namespace vaecf::ui
