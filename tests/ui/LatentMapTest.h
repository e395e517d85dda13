#pragma once

#include <QObject>

namespace vaecf::ui {

// The latent map and its panel: hit tests, clicks, selection, colouring, PNG/SVG/video
// export and loading a run's latent trail, on hand-placed points.
class LatentMapTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void hitTestPicksTheNearestMarkerWithinThePickRadius();
  void clicksEmitTheClickedMarker();
  void rectangleSelectionSelectsExactlyTheUsersInside();
  void cohortColouringBucketsInteractionCounts();
  void pngExportDrawsTheUsersWhereTheyAre();
  void svgExportHasOneMarkerPerVisiblePoint();
  void focusOverlaysSortCloudNeighbours();
  void tooltipsDescribeMarkers();
  void largeMapDrawsEveryLayer();
  void videoExportWritesEveryFrame();
  void panelLoadsATrailAndStepsThroughEpochs();
  void refreshPicksUpANewFrame();
  void runWithoutFramesShowsTheEmptyState();
  void unfinishedRunWaitsForItsFirstFrame();
  void chosenPseudoInputIsRingedOnTheMap();
};

}  // namespace vaecf::ui
