#pragma once
// The validation metric against each swept parameter: one small scatter per parameter,
// side by side (a slice plot), drawn with QPainter from the parallel-coordinates chart's
// axes and trials. A trial is one dot in each; the dots the chart's brushes filter out are
// grey, so brushing one view reads in the other.

#include <QWidget>
#include <vector>

namespace vaecf::ui {

class ParallelCoordinates;

class MetricSlices : public QWidget {
  Q_OBJECT

 public:
  explicit MetricSlices(const ParallelCoordinates& chart, QWidget* parent = nullptr);

  // Takes the chart's axes and trials anew (after its setData).
  void refresh();
  int panelCount() const { return static_cast<int>(ranges_.size()) - 1; }
  // Where a trial with `value` on swept parameter `parameter` and `metric` is drawn.
  QPointF pointOf(int parameter, double value, double metric) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  struct Range {
    double low = 0.0, high = 1.0;
  };

  QRectF plotArea(int parameter) const;
  double toUnit(int axis, double value) const;  // 0 at the range's low end, 1 at its high
  void drawPanel(QPainter& painter, int parameter) const;

  const ParallelCoordinates& chart_;
  std::vector<Range> ranges_;  // per axis of the chart, the metric last
};

}  // namespace vaecf::ui
