#pragma once

#include <QObject>

namespace vaecf::ui {

// The pieces below the panels: smoothing, decimation, export, histograms, run history, run
// colours and the validation chart,
// the generated model form, session files and the German translation.
class ChartHelpersTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void smoothingIsDebiasedAndCanBeSwitchedOff();
  void decimationKeepsExtremesAndEnds();
  void csvQuotesFieldsThatNeedIt();
  void histogramBinsEveryUserOnce();
  void runHistoryDropsPointsLostOnResume();
  void runColoursAreDistinctStableAndChosen();
  void validationChartDrawsEachRunOverallInItsColour();
  void aRunAloneTellsItsLinesApartByHue();
  void hoverReadsEveryRunAtOneEpochOnBothCharts();
  void validationCsvHoldsTheOverallCurveKeyedByRun();
  void wholeNumberAxesTickOnWholeNumbers();
  void modelFormFollowsTheDeclarations();
  void sessionFileRoundTrips();
  void germanTranslationIsComplete();
  void pluginsDialogListsEveryPlugin();
  void pluginsDialogWritesTheEnabledChoice();
  void formatOptionsFollowTheFormatAndWhatItDetects();
  void shortChartsGiveTheirTitlesRoomToTheTicks();
  void narrowCohortBarsDropTheUserCountsFromTheirLabels();
};

}  // namespace vaecf::ui
