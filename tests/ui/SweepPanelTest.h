#pragma once

#include <QObject>

namespace vaecf::ui {

// The Sweeps tab, offscreen, on small EASE sweeps that fit in seconds.
class SweepPanelTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void gridSweepFillsTheTableAndTheChartWhichBrushesIt();
  void cancelledSweepOpensAgainAndResumes();
  void randomSweepDrawsOnALogAxis();
  void sweepTrainsBesideTheWindowsRun();
  void winnerIsRepeatedOverTheChosenSeeds();
};

}  // namespace vaecf::ui
