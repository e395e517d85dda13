#pragma once
// Internal to core/geometry: the descent of tsne() (Projection.h) on sparse input
// affinities, with the repulsion between all pairs approximated by Barnes-Hut on a
// quadtree (van der Maaten 2014). Torch-free; exposed for tests.

#include <cstdint>
#include <vector>

#include "common/TaskContext.h"
#include "geometry/Projection.h"
#include "geometry/RowMatrix.h"

namespace vaecf::geometry {

// Symmetric input affinities P in compressed rows: row i lists the j with P_ij > 0.
struct SparseAffinities {
  std::vector<std::int64_t> rowStart{0};
  std::vector<std::int32_t> columns;
  std::vector<double> values;

  std::int64_t rows() const { return static_cast<std::int64_t>(rowStart.size()) - 1; }
};

// P_ij = (p_{j|i} + p_{i|j}) / 2n from each point's conditional affinities over its
// neighbours: `neighbours` and `conditional` are [n, k] row-major.
SparseAffinities symmetricAffinities(std::int64_t n, std::int64_t k, const std::vector<std::int64_t>& neighbours,
                                     const std::vector<double>& conditional);

// The gradient of KL(P || Q) at the 2-D `layout` (n x 2, row-major), P multiplied by
// `exaggeration`: 4 sum_j (P_ij - q_ij) (1 + |y_i - y_j|^2)^-1 (y_i - y_j). The repulsion
// treats a quadtree cell as one point at its centre of mass when its width is below
// `theta` times its distance; theta = 0 sums every pair exactly.
std::vector<double> tsneGradient(const std::vector<double>& layout, const SparseAffinities& p, double exaggeration,
                                 double theta);

// Gradient descent with momentum and delta-bar-delta gains from a small seeded Gaussian
// layout, as the reference implementation; reports ("tsne", iteration, iterations) and
// honours cancellation between iterations.
RowMatrix descendTsne(const SparseAffinities& p, const TsneOptions& options, const TaskContext& context);

}  // namespace vaecf::geometry
