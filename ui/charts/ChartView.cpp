#include "charts/ChartView.h"

#include <QMouseEvent>
#include <QXYSeries>

namespace vaecf::ui {

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
