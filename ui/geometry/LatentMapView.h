#pragma once
// The interactive latent map (docs/geometry.md sections 3-6): users, PIA anchors and VampPrior
// pseudo-inputs of one frame, painted with QPainter so that ten thousand users stay fluid.
// The markers are painted once into a cached image per frame, view and colouring; hover,
// selection and focus overlays are painted over it, and a grid of marker cells answers
// hit tests. Wheel zooms, dragging pans, shift+drag (or selection mode) selects users.

#include <QImage>
#include <QWidget>
#include <memory>
#include <optional>

#include "geometry/LatentMapScene.h"

namespace vaecf::ui {

class LatentMapView : public QWidget {
  Q_OBJECT

 public:
  explicit LatentMapView(QWidget* parent = nullptr);

  // Item titles and first genres by item column (either may be empty); clears the frame,
  // the focus overlays and the selection.
  void setTrail(std::shared_ptr<const geometry::LatentTrailHeader> header, QStringList itemTitles = {},
                QStringList itemGenres = {});
  void setFrame(std::shared_ptr<const geometry::LatentFrame> frame);
  void setFrame(const geometry::LatentFrame& frame);
  // What zoom 1 shows, e.g. the bounds of every frame of a trail so playback keeps its scale.
  void setHomeBounds(QRectF bounds);
  const LatentMapScene& scene() const { return scene_; }

  void setColourMode(MapColouring mode);
  MapColouring colourMode() const { return scene_.colouring(); }
  // Throws Error for edges that are not positive and strictly increasing.
  void setCohortEdges(std::vector<std::uint32_t> lowerEdges);
  void setLayers(MapLayers layers);
  MapLayers layers() const { return scene_.layers(); }

  // Focus overlays (sample positions; -1 or empty to clear).
  void setFocusUser(int position);
  void setHighlightedUsers(QVector<int> positions);
  // Radius in map units, drawn around the focus user as an illustration only.
  void setRadiusCircle(std::optional<double> radius);
  // Map coordinates of the focus user's item-anchor centroid (PIA runs); none to hide it.
  void setItemCentroid(std::optional<QPointF> mapPoint);
  void setNeighbours(QVector<int> latent, QVector<int> map);
  void setMaskedClouds(std::vector<MapCloud> clouds);
  void clearFocus();
  // Rings pseudo-input `component` (the one the pseudo-input panel shows); -1: none.
  void setHighlightedPseudoInput(int component);

  // While on, a plain drag selects instead of panning.
  void setSelectionMode(bool on) { selectionMode_ = on; }
  bool selectionMode() const { return selectionMode_; }
  // Selects the visible users inside a rectangle of widget pixels and emits selectionChanged.
  void selectUsersIn(QRectF pixels);
  void clearSelection();
  const QVector<int>& selection() const { return scene_.selection(); }
  QString selectionSummary() const { return scene_.selectionSummary(); }

  void resetView();
  // The marker nearest to a widget pixel within the pick radius.
  std::optional<MapHit> hitTest(QPointF pixel);
  // Where a user is drawn in the widget.
  QPointF pixelOfUser(int position) const;

  // The map as the widget shows it, at any size, without a window.
  QImage renderImage(QSize size) const;
  // Written atomically; `size` defaults to the widget's. False when the file cannot be written.
  bool exportPng(const QString& path, QSize size = {}) const;
  bool exportSvg(const QString& path, QSize size = {}) const;
  // The frame's map coordinates, one row per user, anchor and pseudo-input.
  bool exportCsv(const QString& path) const;

  static constexpr double kPickRadius = 6.0;  // pixels

 Q_SIGNALS:
  void userClicked(int samplePosition);
  void pseudoInputClicked(int k);
  void anchorClicked(int itemColumn);
  void selectionChanged(QVector<int> samplePositions);
  // The hovered marker's description; empty when the mouse leaves every marker.
  void hovered(const QString& description);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  enum class Drag { None, Pending, Pan, Select };

  QSize exportSize(QSize size) const;
  // Marker positions, hit grid and cached marker image follow frame, view, layers, colour.
  void invalidateMarkers();
  void ensureLayout();
  void updateHover(QPointF pixel, QPoint globalPixel);
  void click(QPointF pixel);

  LatentMapScene scene_;
  bool layoutValid_ = false;
  LatentMapScene::Positions positions_;
  MarkerGrid grid_;
  QImage markers_;
  bool markersValid_ = false;

  std::optional<MapHit> hover_;
  bool selectionMode_ = false;
  Drag drag_ = Drag::None;
  QPointF pressedAt_;
  QPointF lastAt_;
};

}  // namespace vaecf::ui
