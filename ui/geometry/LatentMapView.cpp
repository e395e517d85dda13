#include "geometry/LatentMapView.h"

#include <QApplication>
#include <QBuffer>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QSaveFile>
#include <QToolTip>
#include <QWheelEvent>
#include <cmath>

#include "charts/ChartExport.h"

namespace vaecf::ui {

namespace {

constexpr QSize kDefaultExportSize(960, 720);

bool saveAtomically(const QString& path, const QByteArray& bytes) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return false;
  file.write(bytes);
  return file.commit();
}

}  // namespace

LatentMapView::LatentMapView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(160, 120);
}

void LatentMapView::setTrail(std::shared_ptr<const geometry::LatentTrailHeader> header,
                             QStringList itemTitles, QStringList itemGenres) {
  scene_.setTrail(std::move(header), std::move(itemTitles), std::move(itemGenres));
  hover_.reset();
  invalidateMarkers();
}

void LatentMapView::setFrame(std::shared_ptr<const geometry::LatentFrame> frame) {
  scene_.setFrame(std::move(frame));
  invalidateMarkers();
}

void LatentMapView::setFrame(const geometry::LatentFrame& frame) {
  setFrame(std::make_shared<const geometry::LatentFrame>(frame));
}

void LatentMapView::setHomeBounds(QRectF bounds) {
  scene_.setHomeBounds(bounds);
  invalidateMarkers();
}

void LatentMapView::setColourMode(MapColouring mode) {
  scene_.setColouring(mode);
  invalidateMarkers();
}

void LatentMapView::setCohortEdges(std::vector<std::uint32_t> lowerEdges) {
  scene_.setCohortEdges(std::move(lowerEdges));
  invalidateMarkers();
}

void LatentMapView::setLayers(MapLayers layers) {
  scene_.setLayers(layers);
  hover_.reset();
  invalidateMarkers();
}

void LatentMapView::setFocusUser(int position) {
  scene_.setFocusUser(position);
  update();
}

void LatentMapView::setHighlightedUsers(QVector<int> positions) {
  scene_.setHighlightedUsers(std::move(positions));
  update();
}

void LatentMapView::setRadiusCircle(std::optional<double> radius) {
  scene_.setRadiusCircle(radius);
  update();
}

void LatentMapView::setItemCentroid(std::optional<QPointF> mapPoint) {
  scene_.setItemCentroid(mapPoint);
  update();
}

void LatentMapView::setNeighbours(QVector<int> latent, QVector<int> map) {
  scene_.setNeighbours(std::move(latent), std::move(map));
  update();
}

void LatentMapView::setMaskedClouds(std::vector<MapCloud> clouds) {
  scene_.setMaskedClouds(std::move(clouds));
  update();
}

void LatentMapView::clearFocus() {
  scene_.clearFocus();
  update();
}

void LatentMapView::setHighlightedPseudoInput(int component) {
  scene_.setHighlightedPseudoInput(component);
  update();
}

void LatentMapView::selectUsersIn(QRectF pixels) {
  ensureLayout();
  const QRectF area = pixels.normalized();
  QVector<int> selected;
  for (std::size_t position = 0; position < positions_.users.size(); ++position)
    if (area.contains(positions_.users[position])) selected.push_back(static_cast<int>(position));
  scene_.setSelection(selected);
  update();
  Q_EMIT selectionChanged(selected);
}

void LatentMapView::clearSelection() {
  if (scene_.selection().isEmpty()) return;
  scene_.setSelection({});
  update();
  Q_EMIT selectionChanged({});
}

void LatentMapView::resetView() {
  scene_.resetView();
  invalidateMarkers();
}

std::optional<MapHit> LatentMapView::hitTest(QPointF pixel) {
  ensureLayout();
  return grid_.nearest(pixel);
}

QPointF LatentMapView::pixelOfUser(int position) const {
  const geometry::LatentFrame* frame = scene_.frame();
  if (frame == nullptr || position < 0 || position >= frame->users.rows) return {};
  return scene_.transform(size()).map(QPointF(frame->users.at(position, 0), frame->users.at(position, 1)));
}

QImage LatentMapView::renderImage(QSize size) const {
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  QPainter painter(&image);
  scene_.render(painter, size);
  return image;
}

QSize LatentMapView::exportSize(QSize size) const {
  if (size.isValid() && !size.isEmpty()) return size;
  return width() > 0 && height() > 0 ? this->size() : kDefaultExportSize;
}

bool LatentMapView::exportPng(const QString& path, QSize size) const {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  return renderImage(exportSize(size)).save(&buffer, "PNG") && saveAtomically(path, bytes);
}

bool LatentMapView::exportSvg(const QString& path, QSize size) const {
  return saveAtomically(path, scene_.svg(exportSize(size)).toUtf8());
}

bool LatentMapView::exportCsv(const QString& path) const {
  const geometry::LatentFrame* frame = scene_.frame();
  const geometry::LatentTrailHeader* header = scene_.header();
  QVector<QStringList> rows;
  auto coordinates = [](const geometry::RowMatrix& points, std::int64_t row) {
    return QStringList{QString::number(points.at(row, 0), 'g', 7),
                       QString::number(points.at(row, 1), 'g', 7)};
  };
  if (frame != nullptr && header != nullptr) {
    for (std::int64_t row = 0; row < frame->users.rows; ++row) {
      const auto position = static_cast<std::size_t>(row);
      rows.push_back(QStringList{QStringLiteral("user"), QString::fromStdString(header->userIds[position])}
                     << coordinates(frame->users, row)
                     << QString::fromUtf8(geometry::splitName(header->splits[position]).data())
                     << QString::number(header->interactions[position]));
    }
    for (std::int64_t row = 0; row < frame->anchors.rows; ++row)
      rows.push_back(QStringList{QStringLiteral("anchor"), QString::number(row)}
                     << coordinates(frame->anchors, row) << QString() << QString());
    for (std::int64_t row = 0; row < frame->pseudoInputs.rows; ++row)
      rows.push_back(QStringList{QStringLiteral("pseudo-input"), QString::number(row)}
                     << coordinates(frame->pseudoInputs, row) << QString() << QString());
  }
  return ui::exportCsv(path,
                       {QStringLiteral("kind"), QStringLiteral("id"), QStringLiteral("x"),
                        QStringLiteral("y"), QStringLiteral("split"), QStringLiteral("interactions")},
                       rows);
}

void LatentMapView::invalidateMarkers() {
  layoutValid_ = false;
  markersValid_ = false;
  update();
}

void LatentMapView::ensureLayout() {
  if (layoutValid_) return;
  positions_ = scene_.positions(size());
  grid_ = MarkerGrid(positions_, kPickRadius);
  layoutValid_ = true;
}

void LatentMapView::paintEvent(QPaintEvent*) {
  ensureLayout();
  const qreal ratio = devicePixelRatioF();
  if (!markersValid_ || markers_.size() != size() * ratio) {
    markers_ = QImage(size() * ratio, QImage::Format_ARGB32_Premultiplied);
    markers_.setDevicePixelRatio(ratio);
    markers_.fill(Qt::white);
    QPainter layer(&markers_);
    scene_.renderMarkers(layer, positions_);
    markersValid_ = true;
  }
  QPainter painter(this);
  painter.drawImage(QPointF(0, 0), markers_);
  scene_.renderOverlays(painter, size(), positions_);
  if (hover_) {
    const auto& points = hover_->kind == MapMarker::User     ? positions_.users
                         : hover_->kind == MapMarker::Anchor ? positions_.anchors
                                                             : positions_.pseudoInputs;
    if (static_cast<std::size_t>(hover_->index) < points.size()) {
      painter.setRenderHint(QPainter::Antialiasing, true);
      painter.setPen(QPen(Qt::black, 1.5));
      painter.setBrush(Qt::NoBrush);
      painter.drawEllipse(points[static_cast<std::size_t>(hover_->index)], kPickRadius, kPickRadius);
    }
  }
  if (drag_ == Drag::Select) {
    painter.setPen(QPen(palette().highlight().color(), 1.0, Qt::DashLine));
    painter.setBrush(QColor(0, 120, 215, 40));
    painter.drawRect(QRectF(pressedAt_, lastAt_).normalized());
  }
}

void LatentMapView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  invalidateMarkers();
}

void LatentMapView::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
  pressedAt_ = lastAt_ = event->position();
  drag_ = selectionMode_ || event->modifiers().testFlag(Qt::ShiftModifier) ? Drag::Select : Drag::Pending;
}

void LatentMapView::mouseMoveEvent(QMouseEvent* event) {
  const QPointF at = event->position();
  switch (drag_) {
    case Drag::None:
      updateHover(at, event->globalPosition().toPoint());
      return;
    case Drag::Pending:
      if ((at - pressedAt_).manhattanLength() < QApplication::startDragDistance()) return;
      drag_ = Drag::Pan;
      [[fallthrough]];
    case Drag::Pan:
      scene_.panByPixels(at - lastAt_, size());
      lastAt_ = at;
      invalidateMarkers();
      return;
    case Drag::Select:
      lastAt_ = at;
      update();
      return;
  }
}

void LatentMapView::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QWidget::mouseReleaseEvent(event);
  const Drag finished = drag_;
  drag_ = Drag::None;
  const QPointF at = event->position();
  if (finished == Drag::Select && (at - pressedAt_).manhattanLength() >= QApplication::startDragDistance())
    selectUsersIn(QRectF(pressedAt_, at));
  else if (finished == Drag::Pending || finished == Drag::Select)
    click(at);
  update();
}

void LatentMapView::mouseDoubleClickEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton && !hitTest(event->position())) resetView();
}

void LatentMapView::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  if (steps == 0.0) return;
  scene_.zoomAt(std::pow(1.25, steps), event->position(), size());
  invalidateMarkers();
  event->accept();
}

void LatentMapView::leaveEvent(QEvent* event) {
  QWidget::leaveEvent(event);
  if (!hover_) return;
  hover_.reset();
  update();
  Q_EMIT hovered({});
}

void LatentMapView::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Escape)
    clearSelection();
  else
    QWidget::keyPressEvent(event);
}

void LatentMapView::updateHover(QPointF pixel, QPoint globalPixel) {
  const std::optional<MapHit> hit = hitTest(pixel);
  if (hit == hover_) return;
  hover_ = hit;
  update();
  const QString description = hit ? scene_.describe(*hit) : QString();
  if (hit)
    QToolTip::showText(globalPixel, description, this);
  else
    QToolTip::hideText();
  Q_EMIT hovered(description);
}

void LatentMapView::click(QPointF pixel) {
  const std::optional<MapHit> hit = hitTest(pixel);
  if (!hit) return;
  switch (hit->kind) {
    case MapMarker::User:
      Q_EMIT userClicked(hit->index);
      break;
    case MapMarker::Anchor:
      Q_EMIT anchorClicked(hit->index);
      break;
    case MapMarker::PseudoInput:
      Q_EMIT pseudoInputClicked(hit->index);
      break;
  }
}

}  // namespace vaecf::ui
