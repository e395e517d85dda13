#include "sweeps/ParallelCoordinates.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <map>

namespace vaecf::ui {

namespace {

constexpr double kSideMargin = 60.0;
constexpr double kTopMargin = 36.0;
constexpr double kBottomMargin = 24.0;
constexpr double kGrabDistance = 12.0;  // pixels either side of an axis that start a brush
constexpr double kClickSlack = 4.0;     // a drag shorter than this is a click

}  // namespace

ParallelCoordinates::ParallelCoordinates(QWidget* parent) : QWidget(parent) {
  setToolTip(
      tr("Drag along an axis to keep only the trials inside that interval; click an axis to clear it"));
}

QSize ParallelCoordinates::sizeHint() const { return {640, 320}; }
QSize ParallelCoordinates::minimumSizeHint() const { return {240, 160}; }

void ParallelCoordinates::setData(std::vector<Axis> axes, std::vector<Line> lines) {
  std::map<QString, std::pair<double, double>> kept;
  for (std::size_t a = 0; a < axes_.size() && a < brushes_.size(); ++a)
    if (brushes_[a]) kept[axes_[a].name] = *brushes_[a];
  axes_ = std::move(axes);
  lines_ = std::move(lines);
  brushes_.assign(axes_.size(), std::nullopt);
  for (std::size_t a = 0; a < axes_.size(); ++a)
    if (const auto found = kept.find(axes_[a].name); found != kept.end()) brushes_[a] = found->second;
  fitRanges();
  update();
}

double ParallelCoordinates::scaled(int axis, double value) const {
  return axes_[static_cast<std::size_t>(axis)].logScale ? std::log10(value) : value;
}

void ParallelCoordinates::fitRanges() {
  ranges_.assign(axes_.size(), Range{});
  for (std::size_t a = 0; a < axes_.size(); ++a) {
    Range& range = ranges_[a];
    if (!axes_[a].categories.isEmpty()) {
      range = {0.0, static_cast<double>(axes_[a].categories.size() - 1)};
    } else {
      range = {INFINITY, -INFINITY};
      for (const Line& line : lines_) {
        const double value = scaled(static_cast<int>(a), line.values[a]);
        if (!std::isfinite(value)) continue;
        range.low = std::min(range.low, value);
        range.high = std::max(range.high, value);
      }
      if (range.low > range.high) range = {0.0, 1.0};
    }
    if (range.low == range.high) range = {range.low - 0.5, range.high + 0.5};  // one value: centred
  }
}

double ParallelCoordinates::axisX(int axis) const {
  if (axes_.size() < 2) return width() / 2.0;
  const double span = width() - 2 * kSideMargin;
  return kSideMargin + span * axis / static_cast<double>(axes_.size() - 1);
}

double ParallelCoordinates::yOfScaled(int axis, double scaledValue) const {
  const Range& range = ranges_[static_cast<std::size_t>(axis)];
  const double t = (scaledValue - range.low) / (range.high - range.low);
  return height() - kBottomMargin - t * (height() - kTopMargin - kBottomMargin);
}

double ParallelCoordinates::scaledAtY(int axis, double y) const {
  const Range& range = ranges_[static_cast<std::size_t>(axis)];
  const double bottom = height() - kBottomMargin;
  const double t = std::clamp((bottom - y) / (bottom - kTopMargin), 0.0, 1.0);
  return range.low + t * (range.high - range.low);
}

QPointF ParallelCoordinates::pointOf(int axis, double value) const {
  return {axisX(axis), yOfScaled(axis, scaled(axis, value))};
}

bool ParallelCoordinates::hasBrush() const {
  return std::any_of(brushes_.begin(), brushes_.end(), [](const auto& brush) { return brush.has_value(); });
}

bool ParallelCoordinates::passesBrushes(int id) const {
  const auto line = std::find_if(lines_.begin(), lines_.end(), [id](const Line& l) { return l.id == id; });
  if (line == lines_.end()) return !hasBrush();  // a trial not drawn lies in no interval
  for (std::size_t a = 0; a < brushes_.size(); ++a) {
    if (!brushes_[a]) continue;
    const double value = scaled(static_cast<int>(a), line->values[a]);
    if (!(value >= brushes_[a]->first && value <= brushes_[a]->second)) return false;
  }
  return true;
}

std::optional<int> ParallelCoordinates::axisNear(double x) const {
  for (int a = 0; a < axisCount(); ++a)
    if (std::abs(axisX(a) - x) <= kGrabDistance) return a;
  return std::nullopt;
}

// Blue for the lowest metric to red for the highest.
QColor ParallelCoordinates::colourOf(const Line& line) const {
  const int metric = axisCount() - 1;
  const Range& range = ranges_.back();
  const double t =
      std::clamp((scaled(metric, line.values.back()) - range.low) / (range.high - range.low), 0.0, 1.0);
  return QColor::fromHsvF(static_cast<float>(0.66 * (1.0 - t)), 0.85F, 0.85F);
}

QString ParallelCoordinates::label(int axis, double scaledValue) const {
  const Axis& spec = axes_[static_cast<std::size_t>(axis)];
  return QString::number(spec.logScale ? std::pow(10.0, scaledValue) : scaledValue, 'g', 4);
}

void ParallelCoordinates::drawAxis(QPainter& painter, int axis) const {
  const Axis& spec = axes_[static_cast<std::size_t>(axis)];
  const double x = axisX(axis);
  const QColor text = palette().color(QPalette::WindowText);
  if (const auto& brush = brushes_[static_cast<std::size_t>(axis)]) {
    const double top = yOfScaled(axis, brush->second), bottom = yOfScaled(axis, brush->first);
    painter.fillRect(QRectF(x - 6, top, 12, bottom - top), QColor(255, 200, 0, 110));
  }
  if (dragAxis_ == axis)
    painter.fillRect(QRectF(x - 6, std::min(dragFrom_, dragTo_), 12, std::abs(dragTo_ - dragFrom_)),
                     QColor(255, 200, 0, 70));
  painter.setPen(QPen(text, 1.5));
  painter.drawLine(QPointF(x, kTopMargin), QPointF(x, height() - kBottomMargin));
  const QString title = spec.logScale ? tr("%1 (log)").arg(spec.name) : spec.name;
  painter.drawText(QRectF(x - kSideMargin, 4, 2 * kSideMargin, kTopMargin - 12), Qt::AlignCenter, title);
  const Range& range = ranges_[static_cast<std::size_t>(axis)];
  QStringList ticks;
  std::vector<double> at;
  if (!spec.categories.isEmpty()) {
    for (int c = 0; c < spec.categories.size(); ++c) {
      ticks << spec.categories[c];
      at.push_back(c);
    }
  } else {
    ticks << label(axis, range.low) << label(axis, range.high);
    at = {range.low, range.high};
  }
  for (std::size_t t = 0; t < at.size(); ++t) {
    const double y = yOfScaled(axis, at[t]);
    painter.drawLine(QPointF(x - 3, y), QPointF(x + 3, y));
    painter.drawText(QRectF(x + 5, y - 8, kSideMargin, 16), Qt::AlignLeft | Qt::AlignVCenter,
                     ticks[static_cast<int>(t)]);
  }
}

void ParallelCoordinates::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(rect(), palette().color(QPalette::Base));
  if (axes_.empty()) {
    painter.drawText(rect(), Qt::AlignCenter, tr("Finished trials appear here"));
    return;
  }
  // Lines outside the brushes go underneath, in grey.
  for (const bool inside : {false, true}) {
    for (const Line& line : lines_) {
      if (passesBrushes(line.id) != inside) continue;
      QPainterPath path;
      for (int a = 0; a < axisCount(); ++a) {
        const QPointF point(axisX(a), yOfScaled(a, scaled(a, line.values[static_cast<std::size_t>(a)])));
        if (a == 0)
          path.moveTo(point);
        else
          path.lineTo(point);
      }
      painter.setPen(QPen(inside ? colourOf(line) : QColor(190, 190, 190, 120), inside ? 1.8 : 1.0));
      painter.drawPath(path);
    }
  }
  for (int a = 0; a < axisCount(); ++a) drawAxis(painter, a);
}

void ParallelCoordinates::mousePressEvent(QMouseEvent* event) {
  dragAxis_ = event->button() == Qt::LeftButton ? axisNear(event->position().x()) : std::nullopt;
  dragFrom_ = dragTo_ = event->position().y();
}

void ParallelCoordinates::mouseMoveEvent(QMouseEvent* event) {
  if (!dragAxis_) return;
  dragTo_ = event->position().y();
  update();
}

void ParallelCoordinates::mouseReleaseEvent(QMouseEvent* event) {
  if (!dragAxis_) return;
  const int axis = *dragAxis_;
  dragAxis_.reset();
  dragTo_ = event->position().y();
  auto& brush = brushes_[static_cast<std::size_t>(axis)];
  if (std::abs(dragTo_ - dragFrom_) < kClickSlack)
    brush.reset();
  else
    brush = std::make_pair(std::min(scaledAtY(axis, dragFrom_), scaledAtY(axis, dragTo_)),
                           std::max(scaledAtY(axis, dragFrom_), scaledAtY(axis, dragTo_)));
  update();
  Q_EMIT brushesChanged();
}

}  // namespace vaecf::ui
