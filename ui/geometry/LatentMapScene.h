#pragma once
// What the latent map draws (docs/geometry.md sections 3-6), apart from the widget that shows
// it: the trail's users, PIA anchors and VampPrior pseudo-inputs of one frame, their
// colouring, the focus overlays and the view (centre and zoom). A plain value that paints
// onto any QPainter at any size, so the widget, PNG/SVG export and the video export on a
// worker thread all draw the same picture without a window.

#include <QColor>
#include <QCoreApplication>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <QTransform>
#include <QVector>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "geometry/GeometryMeasures.h"
#include "geometry/LatentTrail.h"

class QPainter;

namespace vaecf::ui {

enum class MapColouring { Cohort, Activity, Split };
enum class MapMarker { User, Anchor, PseudoInput };

struct MapHit {
  MapMarker kind = MapMarker::User;
  int index = -1;  // sample position, item column or pseudo-input index
  bool operator==(const MapHit& other) const { return kind == other.kind && index == other.index; }
};

struct MapLayers {
  bool users = true;
  bool anchors = true;
  bool pseudoInputs = true;
  bool focus = true;
};

// One keep rate's masked inputs of the focus user, projected with the frame's basis.
struct MapCloud {
  double keepRate = 1.0;
  geometry::RowMatrix points;                         // [masks, 2] map coordinates
  std::vector<std::vector<std::int64_t>> neighbours;  // per mask: sample positions of its neighbours
};

class LatentMapScene {
  Q_DECLARE_TR_FUNCTIONS(vaecf::ui::LatentMapScene)

 public:
  LatentMapScene();

  // Item titles and first genres by item column; either may be empty.
  void setTrail(std::shared_ptr<const geometry::LatentTrailHeader> header, QStringList itemTitles = {},
                QStringList itemGenres = {});
  void setFrame(std::shared_ptr<const geometry::LatentFrame> frame);
  const geometry::LatentTrailHeader* header() const { return header_.get(); }
  const geometry::LatentFrame* frame() const { return frame_.get(); }
  int userCount() const;

  void setColouring(MapColouring colouring) { colouring_ = colouring; }
  MapColouring colouring() const { return colouring_; }
  // Lower edges as the evaluator's (Evaluator.h); throws Error for edges that are not
  // positive and strictly increasing.
  void setCohortEdges(std::vector<std::uint32_t> lowerEdges);
  int cohortOf(std::uint32_t interactions) const;
  QString cohortLabel(int cohort) const;
  QColor cohortColour(int cohort) const;
  QColor userColour(int position) const;
  QColor anchorColour(int column) const;
  void setLayers(MapLayers layers) { layers_ = layers; }
  MapLayers layers() const { return layers_; }
  void setLegendVisible(bool visible) { legendVisible_ = visible; }

  // Focus overlays, from a focus study of the same sample.
  void setFocusUser(int position) { focusUser_ = position; }
  int focusUser() const { return focusUser_; }
  void setHighlightedUsers(QVector<int> positions) { highlighted_ = std::move(positions); }
  void setRadiusCircle(std::optional<double> radius) { radius_ = radius; }
  // The centroid of the focus user's PIA item anchors on the map (docs/geometry.md section 5),
  // drawn with the pull from each masked cloud's mean towards it.
  void setItemCentroid(std::optional<QPointF> mapPoint) { centroid_ = mapPoint; }
  std::optional<QPointF> itemCentroid() const { return centroid_; }
  void setNeighbours(QVector<int> latent, QVector<int> map);
  // The pseudo-input chosen in the pseudo-input panel, ringed on every frame; -1: none.
  void setHighlightedPseudoInput(int component) { highlightedPseudoInput_ = component; }
  int highlightedPseudoInput() const { return highlightedPseudoInput_; }
  void setMaskedClouds(std::vector<MapCloud> clouds);
  void clearFocus();
  // Neighbours found under every mask of every cloud, and under some masks only.
  QVector<int> stableCloudNeighbours() const { return stableNeighbours_; }
  QVector<int> transientCloudNeighbours() const { return transientNeighbours_; }

  void setSelection(QVector<int> positions) { selection_ = std::move(positions); }
  const QVector<int>& selection() const { return selection_; }
  // "N users selected: mean M interactions; train a, validation b, test c".
  QString selectionSummary() const;

  // The view: `home` is what zoom 1 fits (by default the current frame's points).
  void setHomeBounds(QRectF home);
  QRectF homeBounds() const { return home_; }
  void resetView();
  void panByPixels(QPointF delta, QSizeF size);
  // Zooms by `factor` keeping the map point under `pixel` where it is.
  void zoomAt(double factor, QPointF pixel, QSizeF size);
  double zoom() const { return zoom_; }
  // Map coordinates to pixels of a picture of `size` (y up on the map, down on screen).
  QTransform transform(QSizeF size) const;

  // Pixel positions of every user, anchor and pseudo-input of the frame; empty vectors for
  // hidden layers.
  struct Positions {
    std::vector<QPointF> users, anchors, pseudoInputs;
  };
  Positions positions(QSizeF size) const;

  QString describe(const MapHit& hit) const;  // the tooltip text
  // The line over the map: "model, epoch N", or the t-SNE map's for a frame without a PCA
  // basis; the frame and trail must be set.
  QString caption() const;

  void renderMarkers(QPainter& painter, const Positions& at) const;  // the static layers
  void renderOverlays(QPainter& painter, QSizeF size, const Positions& at) const;
  void render(QPainter& painter, QSizeF size) const;  // background, markers, overlays
  QString svg(QSizeF size) const;                     // the same picture as SVG text

  static QRectF boundsOf(const geometry::LatentFrame& frame);

 private:
  struct LegendEntry {
    QString label;
    QColor colour;
    MapMarker marker;
  };

  std::vector<LegendEntry> legend() const;
  void renderLegend(QPainter& painter, QSizeF size) const;
  void renderFocus(QPainter& painter, QSizeF size, const QTransform& toPixel) const;
  // Where the highlighted pseudo-input is drawn; none when hidden or not in the frame.
  std::optional<QPointF> highlightedPseudoInputAt(const Positions& at) const;
  QColor activityColour(std::uint32_t interactions) const;
  QPointF userPoint(int position) const;

  std::shared_ptr<const geometry::LatentTrailHeader> header_;
  std::shared_ptr<const geometry::LatentFrame> frame_;
  QStringList itemTitles_;
  QStringList itemGenres_;
  QStringList genresByCount_;  // the genres with their own colour, most frequent first
  double logActivityMin_ = 0.0;
  double logActivityMax_ = 1.0;

  MapColouring colouring_ = MapColouring::Cohort;
  geometry::Cohorts cohorts_;
  MapLayers layers_;
  bool legendVisible_ = true;

  int focusUser_ = -1;
  QVector<int> highlighted_;
  int highlightedPseudoInput_ = -1;
  std::optional<double> radius_;
  std::optional<QPointF> centroid_;
  QVector<int> latentNeighbours_;
  QVector<int> mapNeighbours_;
  std::vector<MapCloud> clouds_;
  QVector<int> stableNeighbours_;
  QVector<int> transientNeighbours_;
  QVector<int> selection_;

  QRectF home_;
  bool homeFixed_ = false;
  QPointF centre_;
  double zoom_ = 1.0;
};

// Nearest marker to a pixel among many, through a uniform grid of cells as wide as the pick
// radius, so a hover costs a few cells rather than every point.
class MarkerGrid {
 public:
  MarkerGrid() = default;
  MarkerGrid(const LatentMapScene::Positions& at, double pickRadius);

  std::optional<MapHit> nearest(QPointF pixel) const;

 private:
  struct Entry {
    QPointF at;
    MapHit hit;
  };
  qint64 cellOf(QPointF pixel) const;

  double cell_ = 1.0;
  std::vector<std::pair<qint64, Entry>> entries_;  // sorted by cell
};

}  // namespace vaecf::ui
