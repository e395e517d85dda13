#pragma once
// A chart view that zooms by rubber band (right click or resetZoom() restores), reports
// the point under the mouse, and tells its owner whether the user has zoomed, so periodic
// refreshes leave a zoomed view alone.

#include <QChartView>

class QXYSeries;

namespace vaecf::ui {

class ChartView : public QChartView {
  Q_OBJECT

 public:
  explicit ChartView(QChart* chart, QWidget* parent = nullptr);

  bool isZoomed() const;
  void resetZoom();
  // Makes the series report hovered points through pointHovered().
  void trackHover(QXYSeries* series);

 Q_SIGNALS:
  void pointHovered(const QString& seriesName, const QPointF& point);
  void zoomReset();

 protected:
  void mouseReleaseEvent(QMouseEvent* event) override;
};

}  // namespace vaecf::ui
