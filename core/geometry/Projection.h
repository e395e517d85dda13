#pragma once
// Shared 2-D maps of latent points (docs/geometry.md section 6): PCA fitted on user means with
// a basis aligned to the previous epoch's, so playback shows motion rather than sign flips,
// and seeded exact t-SNE, which shows neighbourhoods and never distances.

#include <cstdint>
#include <vector>

#include "common/TaskContext.h"
#include "geometry/RowMatrix.h"

namespace vaecf::geometry {

struct PcaBasis {
  std::vector<float> center;             // [D], the fitted points' mean
  RowMatrix components;                  // [m, D], orthonormal rows, by decreasing variance when fitted
  std::vector<float> explainedVariance;  // [m], variance along each component
};

// The leading `dimensions` principal axes of `points` (one per row). Each axis is signed so
// that its largest-magnitude coordinate is positive, which already fixes most flips.
PcaBasis fitPca(const RowMatrix& points, std::int64_t dimensions = 2);

// `next` rotated within its own span to lie closest to `previous` (orthogonal Procrustes:
// R = U V^T from the SVD of previous.components next.components^T), so an axis that merely
// flipped sign or swapped with its neighbour keeps its orientation on the map.
PcaBasis alignedTo(const PcaBasis& next, const PcaBasis& previous);

// (points - center) components^T: [n, m].
RowMatrix project(const PcaBasis& basis, const RowMatrix& points);

struct TsneOptions {
  double perplexity = 30.0;
  std::int64_t iterations = 750;
  // 0: max(n / earlyExaggeration / 4, 50) (Belkina et al. 2019, as scikit-learn's 'auto'):
  // a fixed 200 overshoots on small sets, where the exaggerated attraction is strong.
  double learningRate = 0.0;
  double earlyExaggeration = 12.0;
  std::int64_t exaggerationIterations = 250;
  std::uint64_t seed = 1;
  // Barnes-Hut accuracy: a quadtree cell narrower than theta times its distance repels as
  // one point; 0 computes every pair exactly (O(n^2) per iteration).
  double theta = 0.5;
};

// The most points tsne() maps: its neighbour search compares every pair once.
inline constexpr std::int64_t kTsneMaxPoints = 50000;

// A 2-D t-SNE map (van der Maaten and Hinton 2008) with input affinities over each
// point's 3 * perplexity nearest neighbours and Barnes-Hut repulsion (van der Maaten
// 2014); reports ("tsne", iteration, iterations) and honours cancellation between
// iterations. Throws Error beyond kTsneMaxPoints points.
RowMatrix tsne(const RowMatrix& points, const TsneOptions& options = {}, const TaskContext& context = {});

}  // namespace vaecf::geometry
