#include "charts/Readout.h"

#include <QStringList>
#include <QXYSeries>

#include <algorithm>
#include <cmath>

namespace vaecf::ui {

namespace {

// The point of `points` (sorted by x) nearest `x`, or null when `x` lies outside them.
const QPointF* nearest(const QList<QPointF>& points, double x) {
  if (points.isEmpty() || x < points.front().x() || x > points.back().x()) return nullptr;
  const auto after = std::lower_bound(points.begin(), points.end(), x,
                                      [](const QPointF& point, double at) { return point.x() < at; });
  if (after == points.begin()) return &*after;
  const auto before = std::prev(after);
  if (after == points.end()) return &*before;
  return std::abs(after->x() - x) < std::abs(x - before->x()) ? &*after : &*before;
}

}  // namespace

QString valuesAt(double x, const QList<NamedLine>& lines, char format, int precision) {
  QStringList values;
  for (const auto& [name, line] : lines) {
    const QList<QPointF> points = line->points();
    if (const QPointF* point = nearest(points, x))
      values << name + QLatin1Char(' ') + QString::number(point->y(), format, precision);
  }
  return values.join(QStringLiteral(", "));
}

QString readoutText(const QString& where, const QList<std::pair<QString, QString>>& valuesByRun, bool nameRuns) {
  if (valuesByRun.isEmpty()) return {};
  QStringList runs;
  for (const auto& [label, values] : valuesByRun) runs << (nameRuns ? label + QStringLiteral(": ") + values : values);
  return where + QStringLiteral(" — ") + runs.join(QStringLiteral("; "));
}

}  // namespace vaecf::ui
