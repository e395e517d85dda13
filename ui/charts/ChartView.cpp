#include "charts/ChartView.h"

#include <QAbstractAxis>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QXYSeries>

#include <algorithm>
#include <utility>

namespace vaecf::ui {

namespace {

// Below this height a chart keeps its room for the plot and the tick labels.
constexpr int kShortHeight = 260;
// Room per tick label: fewer ticks on a small chart rather than labels elided to "…".
constexpr int kPixelsPerVerticalTick = 45;
constexpr int kPixelsPerHorizontalTick = 90;
constexpr int kMostTicks = 9;
const char* const kTitleProperty = "vaecfTitle";

}  // namespace

ChartView::ChartView(QChart* chart, QWidget* parent) : QChartView(chart, parent) {
  // Antialiased lines cost several times more to raster; live charts repaint ~30 times a
  // second, so they are drawn without it (exports render the same view).
  setRenderHint(QPainter::Antialiasing, false);
  setRubberBand(QChartView::RectangleRubberBand);
  setMouseTracking(true);
}

bool ChartView::isZoomed() const { return zoomedTo_ || chart()->isZoomed(); }

void ChartView::resetZoom() {
  zoomedTo_ = false;
  chart()->zoomReset();
  Q_EMIT zoomReset();
}

std::optional<QRectF> ChartView::zoomedArea() const {
  if (!isZoomed()) return std::nullopt;
  std::optional<std::pair<double, double>> x, y;
  for (QAbstractAxis* axis : chart()->axes()) {
    std::optional<std::pair<double, double>> range;
    if (const auto* values = qobject_cast<const QValueAxis*>(axis)) range = {values->min(), values->max()};
    if (const auto* logs = qobject_cast<const QLogValueAxis*>(axis)) range = {logs->min(), logs->max()};
    (axis->orientation() == Qt::Horizontal ? x : y) = range;
  }
  if (!x || !y) return std::nullopt;
  return QRectF(QPointF(x->first, y->first), QPointF(x->second, y->second));
}

void ChartView::zoomTo(const QRectF& area) {
  for (QAbstractAxis* axis : chart()->axes()) {
    const bool horizontal = axis->orientation() == Qt::Horizontal;
    axis->setRange(horizontal ? area.left() : area.top(), horizontal ? area.right() : area.bottom());
  }
  zoomedTo_ = true;
}

void ChartView::trackHover(QXYSeries* series) {
  connect(series, &QXYSeries::hovered, this, [this, series](const QPointF& point, bool entered) {
    if (entered) Q_EMIT pointHovered(series->name(), point);
  });
}

bool ChartView::titlesShown() const { return !chart()->property(kTitleProperty).isValid(); }

void ChartView::showTitles(bool shown) {
  if (shown == titlesShown()) return;
  QChart* shownChart = chart();
  if (shown) {
    shownChart->setTitle(shownChart->property(kTitleProperty).toString());
    shownChart->setProperty(kTitleProperty, QVariant());
  } else {
    shownChart->setProperty(kTitleProperty, shownChart->title());
    shownChart->setTitle(QString());
  }
  for (QAbstractAxis* axis : shownChart->axes()) axis->setTitleVisible(shown);
}

void ChartView::fitTicks(const QSize& size) {
  for (QAbstractAxis* axis : chart()->axes()) {
    auto* values = qobject_cast<QValueAxis*>(axis);
    if (values == nullptr) continue;
    const bool vertical = values->orientation() == Qt::Vertical;
    const int room = vertical ? size.height() / kPixelsPerVerticalTick : size.width() / kPixelsPerHorizontalTick;
    values->setTickCount(std::clamp(room, 2, kMostTicks));
  }
}

void ChartView::showCrosshair(std::optional<double> x) {
  if (x == crosshair_) return;
  crosshair_ = x;
  viewport()->update();
}

void ChartView::mouseMoveEvent(QMouseEvent* event) {
  QChartView::mouseMoveEvent(event);
  const QPointF atChart = chart()->mapFromScene(mapToScene(event->position().toPoint()));
  const bool overPlot = !chart()->series().isEmpty() && chart()->plotArea().contains(atChart);
  if (overPlot) {
    hovering_ = true;
    Q_EMIT hoveredAt(chart()->mapToValue(atChart).x());
  } else if (hovering_) {
    hovering_ = false;
    Q_EMIT hoverLeft();
  }
}

void ChartView::leaveEvent(QEvent* event) {
  QChartView::leaveEvent(event);
  if (!hovering_) return;
  hovering_ = false;
  Q_EMIT hoverLeft();
}

// Drawn at each paint from the axes as they are, so zooming or a growing live curve keep
// the line at its x.
void ChartView::drawForeground(QPainter* painter, const QRectF& rect) {
  QChartView::drawForeground(painter, rect);
  if (!crosshair_ || chart()->series().isEmpty()) return;
  const QRectF plot = chart()->plotArea();
  const double y = chart()->mapToValue(plot.center()).y();
  const double atX = chart()->mapToPosition({*crosshair_, y}).x();
  if (atX < plot.left() || atX > plot.right()) return;
  painter->save();
  painter->setPen(QPen(palette().color(QPalette::Mid), 1.0, Qt::DashLine));
  painter->drawLine(chart()->mapToScene({atX, plot.top()}), chart()->mapToScene({atX, plot.bottom()}));
  painter->restore();
}

void ChartView::resizeEvent(QResizeEvent* event) {
  showTitles(event->size().height() >= kShortHeight);
  fitTicks(event->size());
  QChartView::resizeEvent(event);
}

void ChartView::mouseReleaseEvent(QMouseEvent* event) {
  // QChartView zooms out one step on a right click; a full reset is what users expect.
  if (event->button() == Qt::RightButton) {
    resetZoom();
    event->accept();
    return;
  }
  QChartView::mouseReleaseEvent(event);
}

}  // namespace vaecf::ui
