#include "charts/ChartView.h"

#include <QAbstractAxis>
#include <QLogValueAxis>
#include <QValueAxis>
#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QXYSeries>

#include <algorithm>
#include <cmath>

namespace vaecf::ui {

namespace {

// Below this height a chart keeps its room for the plot and the tick labels.
constexpr int kShortHeight = 260;
// Room per tick label: fewer ticks on a small chart rather than labels elided to "…".
constexpr int kPixelsPerVerticalTick = 45;
constexpr int kPixelsPerHorizontalTick = 90;
constexpr int kMostTicks = 9;
const char* const kTitleProperty = "vaecfTitle";
const char* const kWatchedProperty = "vaecfTicksWatched";

// An axis labelled "%d" or "%i" (epochs, steps) ticks on whole numbers only: a tick between
// two would repeat a neighbour's label ("1 1 2 2 3").
bool showsWholeNumbers(const QValueAxis& axis) {
  const QString format = axis.labelFormat();
  const qsizetype conversion = format.indexOf(QLatin1Char('%'));
  if (conversion < 0) return false;
  for (qsizetype at = conversion + 1; at < format.size(); ++at) {
    const QChar letter = format[at];
    if (letter.isLetter()) return letter == QLatin1Char('d') || letter == QLatin1Char('i');
  }
  return false;
}

// An axis's (min, max), for the value axes the panels use; NaNs for another kind.
QPointF rangeOf(const QAbstractAxis& axis) {
  if (const auto* values = qobject_cast<const QValueAxis*>(&axis)) return {values->min(), values->max()};
  if (const auto* logs = qobject_cast<const QLogValueAxis*>(&axis)) return {logs->min(), logs->max()};
  return {std::nan(""), std::nan("")};
}

// The smallest whole 1, 2 or 5 x 10^k that puts at most `room` ticks on `span`.
double wholeStep(double span, int room) {
  const double least = std::max(1.0, span / std::max(1, room - 1));
  const double magnitude = std::pow(10.0, std::floor(std::log10(least)));
  for (const double factor : {1.0, 2.0, 5.0})
    if (factor * magnitude >= least) return factor * magnitude;
  return 10.0 * magnitude;
}

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
  const QList<QAbstractAxis*> across = chart()->axes(Qt::Horizontal), up = chart()->axes(Qt::Vertical);
  if (!isZoomed() || across.isEmpty() || up.isEmpty()) return std::nullopt;
  const QPointF x = rangeOf(*across.front()), y = rangeOf(*up.front());
  if (std::isnan(x.x()) || std::isnan(y.x())) return std::nullopt;
  return QRectF(QPointF(x.x(), y.x()), QPointF(x.y(), y.y()));
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
    // Refitted as the range grows (a live run's epochs), once per axis.
    if (!values->property(kWatchedProperty).toBool()) {
      values->setProperty(kWatchedProperty, true);
      connect(values, &QValueAxis::rangeChanged, this, [this] { fitTicks(this->size()); });
    }
    const bool vertical = values->orientation() == Qt::Vertical;
    const int room = std::clamp(
        vertical ? size.height() / kPixelsPerVerticalTick : size.width() / kPixelsPerHorizontalTick, 2, kMostTicks);
    if (showsWholeNumbers(*values)) {
      values->setTickType(QValueAxis::TicksDynamic);
      values->setTickAnchor(std::ceil(values->min()));
      values->setTickInterval(wholeStep(values->max() - values->min(), room));
    } else {
      values->setTickType(QValueAxis::TicksFixed);
      values->setTickCount(room);
    }
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
