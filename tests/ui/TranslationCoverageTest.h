#pragma once

#include <QObject>

namespace vaecf::ui {

// Every word the window shows goes through tr(): under a pseudo-translation that brackets
// every translated string, a visible text without brackets is either data (numbers, ids,
// model, parameter and metric names) or a string a translator never sees. A language chosen
// in the window takes effect at once, the session kept.
class TranslationCoverageTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void everyVisibleStringOfTheWindowIsTranslatable();
  void languageSwitchesWithoutARestartAndKeepsTheSession();
  void languageSwitchKeepsTheLessonSweepAndZoom();
};

}  // namespace vaecf::ui
