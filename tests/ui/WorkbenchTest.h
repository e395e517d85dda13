#pragma once

#include <QObject>
#include <QTemporaryDir>

#include <memory>

namespace vaecf::ui {

class MainWindow;
struct DataRequest;

// The acceptance tests of the workbench window, offscreen, on real training runs.
class WorkbenchTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void windowOpensOnBundledData();
  void sessionIsKeptFromOneCloseToTheNextStart();
  void runOnSyntheticDataFillsLossAndCohortCharts();
  void pauseHoldsTheEpochCounter();
  void stepEpochAdvancesExactlyOneEpoch();
  void runTableSortsFiltersAndComparesTheSelectedRuns();
  void runTableHidesColumnsAndTheSessionKeepsThem();
  void runTableGroupsRunsByModel();
  void liveParameterIsAppliedToTheRunningModel();
  void liveChangeEndsWithItsRunAndAStepSaysItStartsANewOne();
  void savedRunReopensWithTheSameCurves();
  void runColoursMatchAcrossChartsAndSurviveTheSession();
  void windowRunHasTheFilesAndMetricsOfACliRun();
  void localWorkersTrainAsOneRankWould();
  void aLocalWorkerThatCannotStartIsNamed();
  void stopWhileWorkersJoinEndsThem();
  void continuedRunTrainsOnTheChosenWorkers();
  void stoppedRunContinuesItsCurve();
  void eventLoopStaysResponsiveWhileTraining();
  void easeRunsOffTheGuiThreadAndAppearsInTheRunTable();
  void malformedDatasetShowsAnErrorAndKeepsTheSession();
  void everyModelIsOfferedWithItsDeclaredParameters();
  void deeprecTrainsOnBundledDataAndStreamsItsRmse();
  void svaeTrainsOnATimedDatasetAndReportsNdcg();
  void dataWithoutRatingsOrTimesIsRefusedBeforeARun();
  void latentSpaceShowsTheRunAndStudiesAClickedUser();
  void latentSpaceFollowsTheLiveRunUntilARunIsSelected();
  void screenshotAfterShortRun();
  void latentScreenshotAfterShortRun();

 private:
  // A shown window on a small synthetic dataset, loaded, with a small fast model.
  std::unique_ptr<MainWindow> syntheticWindow(int epochs);
  // A shown window on `request` whose data has loaded, keeping its runs in `runsFolder`.
  static std::unique_ptr<MainWindow> loadedWindow(const QString& runsFolder, const DataRequest& request);
  // A VampPrior model with PIA anchors trained for `epochs` in `window`, its latent space
  // shown; false when any step of it failed.
  static bool trainVampWithAnchors(MainWindow& window, int epochs);
  // Clicks a user of the latent map whose marker no other marker covers; its position.
  static int clickUserOnMap(MainWindow& window);

  QTemporaryDir runs_;
};

}  // namespace vaecf::ui
