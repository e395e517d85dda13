#include "geometry/GeometryMeasures.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>
#include <utility>

#include "common/Error.h"

namespace vaecf::geometry {

double wasserstein2(const float* meanA, const float* varA, const float* meanB, const float* varB,
                    std::int64_t dims) {
  double squared = 0.0;
  for (std::int64_t i = 0; i < dims; ++i) {
    const double meanGap = static_cast<double>(meanA[i]) - meanB[i];
    const double sigmaGap = std::sqrt(static_cast<double>(varA[i])) - std::sqrt(static_cast<double>(varB[i]));
    squared += meanGap * meanGap + sigmaGap * sigmaGap;
  }
  return std::sqrt(squared);
}

RowMatrix wassersteinEmbedding(const Posteriors& posteriors) {
  const auto& mean = posteriors.mean;
  RowMatrix embedded(mean.rows, 2 * mean.cols);
  for (std::int64_t r = 0; r < mean.rows; ++r) {
    std::copy(mean.row(r), mean.row(r) + mean.cols, embedded.row(r));
    std::transform(posteriors.variance.row(r), posteriors.variance.row(r) + mean.cols,
                   embedded.row(r) + mean.cols, [](float variance) { return std::sqrt(variance); });
  }
  return embedded;
}

std::vector<double> wasserstein2From(const Posteriors& posteriors, std::int64_t focus) {
  const auto& mean = posteriors.mean;
  const auto& variance = posteriors.variance;
  std::vector<double> distances(static_cast<std::size_t>(mean.rows));
  for (std::int64_t r = 0; r < mean.rows; ++r) {
    distances[static_cast<std::size_t>(r)] =
        wasserstein2(mean.row(focus), variance.row(focus), mean.row(r), variance.row(r), mean.cols);
  }
  return distances;
}

double jaccard(std::vector<std::int64_t> a, std::vector<std::int64_t> b) {
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  std::sort(b.begin(), b.end());
  b.erase(std::unique(b.begin(), b.end()), b.end());
  if (a.empty() && b.empty()) return 1.0;
  std::vector<std::int64_t> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  const auto unionSize = a.size() + b.size() - common.size();
  return static_cast<double>(common.size()) / static_cast<double>(unionSize);
}

double neighbourhoodDrift(const std::vector<std::vector<std::int64_t>>& neighbourSets) {
  double similarity = 0.0;
  std::size_t pairs = 0;
  for (std::size_t i = 0; i < neighbourSets.size(); ++i) {
    for (std::size_t j = i + 1; j < neighbourSets.size(); ++j, ++pairs) {
      similarity += jaccard(neighbourSets[i], neighbourSets[j]);
    }
  }
  return pairs == 0 ? 0.0 : 1.0 - similarity / static_cast<double>(pairs);
}

SharingCurve sharingCurve(const std::vector<double>& distance, const std::vector<double>& transfer,
                          std::size_t window) {
  if (distance.size() != transfer.size())
    throw Error("sharing curve: distances and transfers differ in count");
  SharingCurve curve;
  const std::size_t count = distance.size();
  window = std::clamp<std::size_t>(window, 1, std::max<std::size_t>(count, 1));
  if (count == 0) return curve;

  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return distance[a] < distance[b]; });
  auto helpful = [&](std::size_t rank) { return transfer[order[rank]] > 0.0 ? 1 : 0; };

  std::size_t helpfulInWindow = 0;
  for (std::size_t rank = 0; rank < window; ++rank) helpfulInWindow += helpful(rank);
  for (std::size_t start = 0;; ++start) {
    const double centre = 0.5 * (distance[order[start]] + distance[order[start + window - 1]]);
    const double share = static_cast<double>(helpfulInWindow) / static_cast<double>(window);
    curve.distance.push_back(centre);
    curve.helpfulShare.push_back(share);
    if (!curve.radius && share < 0.5) curve.radius = centre;
    if (start + window == count) break;
    helpfulInWindow += helpful(start + window);
    helpfulInWindow -= helpful(start);
  }
  return curve;
}

Cohorts::Cohorts(std::vector<std::uint32_t> lowerEdges) : edges_(std::move(lowerEdges)) {
  if (edges_.empty() || !std::is_sorted(edges_.begin(), edges_.end()) || edges_.front() == 0 ||
      std::adjacent_find(edges_.begin(), edges_.end()) != edges_.end()) {
    throw Error("cohort edges must be positive and strictly increasing");
  }
  labels_.push_back("0-" + std::to_string(edges_.front() - 1));
  for (std::size_t i = 0; i < edges_.size(); ++i) {
    const bool open = i + 1 == edges_.size();
    const auto lower = std::to_string(edges_[i]);
    labels_.push_back(open ? lower + "+" : lower + "-" + std::to_string(edges_[i + 1] - 1));
  }
}

std::size_t Cohorts::of(std::uint32_t count) const {
  return static_cast<std::size_t>(std::upper_bound(edges_.begin(), edges_.end(), count) - edges_.begin());
}

}  // namespace vaecf::geometry
