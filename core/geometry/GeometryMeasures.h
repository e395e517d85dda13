#pragma once
// Closed-form measures over latent points (docs/geometry.md sections 1, 3, 4 and 7): posterior
// distances, Jaccard drift of neighbour sets, the empirical sharing radius and cohorts.
// Plain C++, no tensors.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geometry/RowMatrix.h"

namespace vaecf::geometry {

// W2 between N(meanA, diag varA) and N(meanB, diag varB), both of length `dims`:
// sqrt(||meanA - meanB||^2 + ||sqrt(varA) - sqrt(varB)||^2).
double wasserstein2(const float* meanA, const float* varA, const float* meanB, const float* varB,
                    std::int64_t dims);

// Each posterior as the point [mean, sqrt(variance)], in which plain Euclidean distance
// is W2, so any Euclidean nearest-neighbour search also searches by W2.
RowMatrix wassersteinEmbedding(const Posteriors& posteriors);

// W2 from row `focus` of `posteriors` to every row.
std::vector<double> wasserstein2From(const Posteriors& posteriors, std::int64_t focus);

// |A n B| / |A u B| of two id sets (duplicates ignored); 1 when both are empty.
double jaccard(std::vector<std::int64_t> a, std::vector<std::int64_t> b);

// 1 - mean pairwise Jaccard similarity of the neighbour sets found for one user's masked
// inputs; 0 with fewer than two sets.
double neighbourhoodDrift(const std::vector<std::vector<std::int64_t>>& neighbourSets);

// The share of helpful users (transfer > 0) along distance, and where it falls below 1/2.
struct SharingCurve {
  std::vector<double> distance;      // window centres, ascending
  std::vector<double> helpfulShare;  // share of transfer > 0 in the window around each centre
  std::optional<double> radius;      // first centre whose window is mostly unhelpful
};

// Sorts the (distance, transfer) pairs by distance and slides a window of `window` pairs
// (clamped to the count) over them one pair at a time. No radius when every window is
// mostly helpful.
SharingCurve sharingCurve(const std::vector<double>& distance, const std::vector<double>& transfer,
                          std::size_t window);

// Users bucketed by a count (fold-in interactions) with the evaluator's edges: cohort 0
// holds counts below the first edge, cohort i >= 1 counts in [edge_i-1, edge_i - 1], the
// last one is open.
class Cohorts {
 public:
  explicit Cohorts(std::vector<std::uint32_t> lowerEdges);

  std::size_t size() const { return labels_.size(); }
  std::size_t of(std::uint32_t count) const;
  const std::string& label(std::size_t cohort) const { return labels_[cohort]; }

 private:
  std::vector<std::uint32_t> edges_;
  std::vector<std::string> labels_;
};

}  // namespace vaecf::geometry
