#pragma once
// A parallel-coordinates chart drawn with QPainter (Qt Charts has none): one vertical axis
// per swept parameter and one for the validation metric, one polyline per finished trial
// coloured by its metric. Dragging along an axis brushes an interval on it; a click on an
// axis without dragging clears its brush.

#include <QWidget>
#include <optional>
#include <utility>
#include <vector>

namespace vaecf::ui {

class ParallelCoordinates : public QWidget {
  Q_OBJECT

 public:
  struct Axis {
    QString name;
    bool logScale = false;
    QStringList categories;  // a choice option's values, spaced evenly; empty for a number
  };
  // A trial's value on each axis (a category's index on a choice axis), the metric last.
  struct Line {
    int id = 0;
    std::vector<double> values;
  };

  explicit ParallelCoordinates(QWidget* parent = nullptr);

  // Brushes on axes that keep their name stay.
  void setData(std::vector<Axis> axes, std::vector<Line> lines);
  int axisCount() const { return static_cast<int>(axes_.size()); }
  const Axis& axis(int index) const { return axes_.at(static_cast<std::size_t>(index)); }
  int lineCount() const { return static_cast<int>(lines_.size()); }
  const std::vector<Line>& lines() const { return lines_; }
  // The trials inside every brushed interval (all of them while nothing is brushed).
  bool passesBrushes(int id) const;
  bool hasBrush() const;
  // A value of an axis in its drawing scale: its logarithm on a log axis.
  double scaled(int axis, double value) const;
  // Where a value of an axis is drawn: for tests and the brush's mouse handling.
  QPointF pointOf(int axis, double value) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 Q_SIGNALS:
  void brushesChanged();

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  // An axis's data range in its drawing scale (the logarithm on a log axis).
  struct Range {
    double low = 0.0, high = 1.0;
  };

  double axisX(int axis) const;
  double yOfScaled(int axis, double scaledValue) const;
  double scaledAtY(int axis, double y) const;
  std::optional<int> axisNear(double x) const;
  QColor colourOf(const Line& line) const;
  QString label(int axis, double scaledValue) const;
  void drawAxis(QPainter& painter, int axis) const;
  void fitRanges();

  std::vector<Axis> axes_;
  std::vector<Line> lines_;
  std::vector<Range> ranges_;
  std::vector<std::optional<std::pair<double, double>>> brushes_;  // per axis, in its drawing scale
  std::optional<int> dragAxis_;
  double dragFrom_ = 0.0, dragTo_ = 0.0;  // pixels
};

}  // namespace vaecf::ui
