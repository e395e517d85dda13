#include "sweeps/MetricSlices.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

#include "sweeps/ParallelCoordinates.h"

namespace vaecf::ui {

namespace {

constexpr double kLeftMargin = 56.0;  // the metric's labels, left of the first panel
constexpr double kGap = 14.0;
constexpr double kTopMargin = 26.0;
constexpr double kBottomMargin = 22.0;
constexpr double kDotRadius = 3.5;

}  // namespace

MetricSlices::MetricSlices(const ParallelCoordinates& chart, QWidget* parent) : QWidget(parent), chart_(chart) {
  setToolTip(tr("The validation metric against each swept option, one dot per finished trial; "
                "grey while the parallel-coordinates brushes leave it out"));
}

QSize MetricSlices::sizeHint() const { return {640, 200}; }
QSize MetricSlices::minimumSizeHint() const { return {240, 120}; }

void MetricSlices::refresh() {
  ranges_.assign(static_cast<std::size_t>(chart_.axisCount()), Range{});
  for (int a = 0; a < chart_.axisCount(); ++a) {
    Range& range = ranges_[static_cast<std::size_t>(a)];
    const QStringList& categories = chart_.axis(a).categories;
    if (!categories.isEmpty()) {
      range = {-0.5, categories.size() - 0.5};  // each value in the middle of its band
      continue;
    }
    range = {INFINITY, -INFINITY};
    for (const ParallelCoordinates::Line& line : chart_.lines()) {
      const double value = chart_.scaled(a, line.values[static_cast<std::size_t>(a)]);
      if (!std::isfinite(value)) continue;
      range.low = std::min(range.low, value);
      range.high = std::max(range.high, value);
    }
    if (range.low > range.high) range = {0.0, 1.0};
    const double pad = range.low == range.high ? 0.5 : (range.high - range.low) * 0.06;
    range = {range.low - pad, range.high + pad};  // no dot on a panel's edge
  }
  update();
}

QRectF MetricSlices::plotArea(int parameter) const {
  const double each = (width() - kLeftMargin - kGap * (panelCount() - 1)) / std::max(1, panelCount());
  return {kLeftMargin + parameter * (each + kGap), kTopMargin, std::max(0.0, each),
          std::max(0.0, height() - kTopMargin - kBottomMargin)};
}

double MetricSlices::toUnit(int axis, double value) const {
  const Range& range = ranges_[static_cast<std::size_t>(axis)];
  return (value - range.low) / (range.high - range.low);
}

QPointF MetricSlices::pointOf(int parameter, double value, double metric) const {
  const QRectF area = plotArea(parameter);
  const int metricAxis = panelCount();
  return {area.left() + toUnit(parameter, chart_.scaled(parameter, value)) * area.width(),
          area.bottom() - toUnit(metricAxis, chart_.scaled(metricAxis, metric)) * area.height()};
}

void MetricSlices::drawPanel(QPainter& painter, int parameter) const {
  const QRectF area = plotArea(parameter);
  const ParallelCoordinates::Axis& axis = chart_.axis(parameter);
  const QColor text = palette().color(QPalette::WindowText);
  painter.setPen(QPen(palette().color(QPalette::Mid), 1.0));
  painter.drawRect(area);
  painter.setPen(text);
  painter.drawText(QRectF(area.left(), 2, area.width(), kTopMargin - 4), Qt::AlignCenter,
                   axis.logScale ? tr("%1 (log)").arg(axis.name) : axis.name);
  const Range& range = ranges_[static_cast<std::size_t>(parameter)];
  const auto label = [&](double scaledValue) {
    return QString::number(axis.logScale ? std::pow(10.0, scaledValue) : scaledValue, 'g', 3);
  };
  const QRectF below(area.left(), area.bottom() + 2, area.width(), kBottomMargin - 4);
  if (axis.categories.isEmpty()) {
    painter.drawText(below, Qt::AlignLeft | Qt::AlignVCenter, label(range.low));
    painter.drawText(below, Qt::AlignRight | Qt::AlignVCenter, label(range.high));
  } else {
    for (int c = 0; c < axis.categories.size(); ++c) {
      const double x = area.left() + toUnit(parameter, c) * area.width();
      painter.drawText(QRectF(x - 40, below.top(), 80, below.height()), Qt::AlignCenter, axis.categories[c]);
    }
  }
  // The dots the brushes leave out go underneath, in grey.
  for (const bool inside : {false, true}) {
    painter.setPen(Qt::NoPen);
    painter.setBrush(inside ? palette().color(QPalette::Highlight) : QColor(190, 190, 190, 150));
    for (const ParallelCoordinates::Line& line : chart_.lines()) {
      if (chart_.passesBrushes(line.id) != inside) continue;
      painter.drawEllipse(pointOf(parameter, line.values[static_cast<std::size_t>(parameter)], line.values.back()),
                          kDotRadius, kDotRadius);
    }
  }
}

void MetricSlices::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(rect(), palette().color(QPalette::Base));
  if (panelCount() < 1) {
    painter.drawText(rect(), Qt::AlignCenter, tr("Finished trials appear here"));
    return;
  }
  for (int p = 0; p < panelCount(); ++p) drawPanel(painter, p);
  // The metric's scale, left of the first panel.
  const int metricAxis = panelCount();
  const Range& range = ranges_.back();
  const QRectF first = plotArea(0);
  painter.setPen(palette().color(QPalette::WindowText));
  for (const double value : {range.low, range.high}) {
    const double y = first.bottom() - toUnit(metricAxis, value) * first.height();
    painter.drawText(QRectF(0, y - 8, kLeftMargin - 4, 16), Qt::AlignRight | Qt::AlignVCenter,
                     QString::number(value, 'g', 4));
  }
  painter.drawText(QRectF(2, 2, kLeftMargin + 40, kTopMargin - 4), Qt::AlignLeft | Qt::AlignVCenter,
                   chart_.axis(metricAxis).name);
}

}  // namespace vaecf::ui
