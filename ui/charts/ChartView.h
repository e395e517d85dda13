#pragma once
// A chart view that zooms by rubber band (right click or resetZoom() restores), reports
// the point under the mouse, and tells its owner whether the user has zoomed, so periodic
// refreshes leave a zoomed view alone. When it is short (a laptop screen, a small dock) it
// drops the chart's title and the axis titles, which the panel around it names, and every
// value axis gets as many ticks as its length holds, so that the tick labels keep their
// room instead of collapsing to "…". It can draw a crosshair, a vertical line at one x,
// for a read-out of every run at that x (linked across charts by the panels).

#include <QChartView>

#include <optional>

class QXYSeries;

namespace vaecf::ui {

class ChartView : public QChartView {
  Q_OBJECT

 public:
  explicit ChartView(QChart* chart, QWidget* parent = nullptr);

  bool isZoomed() const;
  void resetZoom();
  // The axes' ranges while zoomed (x horizontally, y vertically, in axis values); none
  // when not zoomed.
  std::optional<QRectF> zoomedArea() const;
  // Zooms to those ranges, as the user's rubber band would; the owner's refreshes keep them.
  void zoomTo(const QRectF& area);
  // Makes the series report hovered points through pointHovered().
  void trackHover(QXYSeries* series);
  // Whether the chart's title and axis titles are shown (false while the view is short).
  bool titlesShown() const;
  // The crosshair at `x` in the x axis's values; none hides it.
  void showCrosshair(std::optional<double> x);
  std::optional<double> crosshair() const { return crosshair_; }

 Q_SIGNALS:
  void pointHovered(const QString& seriesName, const QPointF& point);
  void zoomReset();
  // The x under the mouse, in the x axis's values, while the mouse is over the plot.
  void hoveredAt(double x);
  void hoverLeft();

 protected:
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void drawForeground(QPainter* painter, const QRectF& rect) override;

 private:
  void showTitles(bool shown);
  void fitTicks(const QSize& size);

  std::optional<double> crosshair_;
  bool zoomedTo_ = false;  // by zoomTo(), which Qt's zoom state does not know of
  bool hovering_ = false;
};

}  // namespace vaecf::ui
