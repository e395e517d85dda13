#include "charts/ChartView.h"

#include <QAbstractAxis>
#include <QValueAxis>
#include <QMouseEvent>
#include <QResizeEvent>
#include <QXYSeries>

#include <algorithm>

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
}

bool ChartView::isZoomed() const { return chart()->isZoomed(); }

void ChartView::resetZoom() {
  chart()->zoomReset();
  Q_EMIT zoomReset();
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
