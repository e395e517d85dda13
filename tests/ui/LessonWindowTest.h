#pragma once

#include <QObject>
#include <QTemporaryDir>

namespace vaecf::ui {

// The window's Lessons tab: the start page lists the lessons; a step's Run trains its runs
// with live curves and checks its claims; predictions, controls, slow motion, a saved
// lesson that reopens exactly, the report; and every bundled lesson walked from its first
// step to its last on the runs the lesson.NAME tests trained (VAECF_LESSON_RUNS).
class LessonWindowTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void startPageListsEveryLessonInOrder();
  void runTrainsTheStepLiveAndChecksItsClaim();
  void savedLessonReopensAtTheSameStepAndSettings();
  void malformedSavedLessonIsRefusedWithItsLine();
  void everyBundledLessonWalksFromFirstToLastStep();

 private:
  QTemporaryDir lessons_;  // the tiny lesson, on VAECF_LESSON_PATH
  QTemporaryDir runs_;
};

}  // namespace vaecf::ui
