#include "charts/Decimation.h"

#include <algorithm>
#include <array>

namespace vaecf::ui {

QVector<QPointF> decimateMinMax(const QVector<QPointF>& points, int maxPoints) {
  if (points.size() <= maxPoints || maxPoints < 8) return points;
  // Each bucket contributes up to four points (first, min, max, last).
  const int buckets = maxPoints / 4;
  const qsizetype size = points.size();
  QVector<QPointF> thinned;
  thinned.reserve(maxPoints);
  for (int bucket = 0; bucket < buckets; ++bucket) {
    const qsizetype begin = size * bucket / buckets;
    const qsizetype end = size * (bucket + 1) / buckets;
    if (begin == end) continue;
    qsizetype low = begin;
    qsizetype high = begin;
    for (qsizetype i = begin; i < end; ++i) {
      if (points[i].y() < points[low].y()) low = i;
      if (points[i].y() > points[high].y()) high = i;
    }
    std::array<qsizetype, 4> keep{begin, std::min(low, high), std::max(low, high), end - 1};
    const auto last = std::unique(keep.begin(), keep.end());
    for (auto it = keep.begin(); it != last; ++it) thinned.push_back(points[*it]);
  }
  return thinned;
}

}  // namespace vaecf::ui
