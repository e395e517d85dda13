#pragma once
// A chart view that zooms by rubber band (right click or resetZoom() restores), reports
// the point under the mouse, and tells its owner whether the user has zoomed, so periodic
// refreshes leave a zoomed view alone. When it is short (a laptop screen, a small dock) it
// drops the chart's title and the axis titles, which the panel around it names, and every
// value axis gets as many ticks as its length holds, so that the tick labels keep their
// room instead of collapsing to "…".

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
  // Whether the chart's title and axis titles are shown (false while the view is short).
  bool titlesShown() const;

 Q_SIGNALS:
  void pointHovered(const QString& seriesName, const QPointF& point);
  void zoomReset();

 protected:
  void mouseReleaseEvent(QMouseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void showTitles(bool shown);
  void fitTicks(const QSize& size);
};

}  // namespace vaecf::ui
