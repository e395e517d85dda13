#pragma once

#include <QObject>
#include <QTemporaryDir>

#include <memory>

namespace vaecf::ui {

class MainWindow;

// The acceptance tests of the workbench window, offscreen, on real training runs.
class WorkbenchTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void windowOpensOnBundledData();
  void runOnSyntheticDataFillsLossAndCohortCharts();
  void pauseHoldsTheEpochCounter();
  void stepEpochAdvancesExactlyOneEpoch();
  void liveParameterIsAppliedToTheRunningModel();
  void savedRunReopensWithTheSameCurves();
  void stoppedRunContinuesItsCurve();
  void eventLoopStaysResponsiveWhileTraining();
  void easeRunsOffTheGuiThreadAndAppearsInTheRunTable();
  void malformedDatasetShowsAnErrorAndKeepsTheSession();
  void screenshotAfterShortRun();

 private:
  // A shown window on a small synthetic dataset, loaded, with a small fast model.
  std::unique_ptr<MainWindow> syntheticWindow(int epochs);

  QTemporaryDir runs_;
};

}  // namespace vaecf::ui
