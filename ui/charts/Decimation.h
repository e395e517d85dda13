#pragma once
// Qt Charts slows down past a few thousand points per series: long curves are thinned to
// the first, minimum, maximum and last point of each bucket, so spikes stay visible.

#include <QPointF>
#include <QVector>

namespace vaecf::ui {

// Returns `points` (sorted by x) when it has at most `maxPoints`, else at most
// `maxPoints` of them, always keeping the first and last.
QVector<QPointF> decimateMinMax(const QVector<QPointF>& points, int maxPoints);

}  // namespace vaecf::ui
