// Tensor side of NearestNeighbors.h (exact search) and Projection.h (PCA, t-SNE): dense
// batched linear algebra, one translation unit so torch headers are parsed once.
#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "common/Error.h"
#include "geometry/BarnesHutTsne.h"
#include "geometry/NearestNeighbors.h"
#include "geometry/Projection.h"
#include "geometry/TensorBridge.h"

namespace vaecf::geometry {
namespace {

constexpr std::int64_t kDistanceBlockEntries = std::int64_t{1} << 24;  // 64 MB of float32 per block
constexpr double kNormFloor = 1e-12;

torch::Tensor unitRows(const torch::Tensor& points) {
  return points / points.norm(2, 1, true).clamp_min(kNormFloor);
}

// Distances from each query to each reference: [queries, references].
torch::Tensor distances(const torch::Tensor& queries, const torch::Tensor& reference,
                        const torch::Tensor& referenceSquaredNorms, Metric metric) {
  if (metric == Metric::Cosine) return 1.0 - torch::mm(queries, reference.t());
  const auto squared =
      queries.pow(2).sum(1, true) - 2.0 * torch::mm(queries, reference.t()) + referenceSquaredNorms;
  return squared.clamp_min(0.0).sqrt();
}

}  // namespace

Neighbors exactNeighbors(const RowMatrix& reference, const RowMatrix& queries, std::int64_t k, Metric metric,
                         const TaskContext& context) {
  if (reference.rows == 0) throw Error("nearest neighbours: the reference set is empty");
  if (queries.cols != reference.cols)
    throw Error("nearest neighbours: queries and references differ in dimension");
  torch::NoGradGuard noGrad;
  auto references = toTensor(reference);
  auto queryPoints = toTensor(queries);
  if (metric == Metric::Cosine) {
    references = unitRows(references);
    queryPoints = unitRows(queryPoints);
  }
  const auto referenceNorms = references.pow(2).sum(1).unsqueeze(0);

  Neighbors result;
  result.k = std::min(k, reference.rows);
  result.ids.resize(static_cast<std::size_t>(queries.rows * result.k));
  result.distances.resize(result.ids.size());
  const auto block = std::max<std::int64_t>(1, kDistanceBlockEntries / reference.rows);
  for (std::int64_t begin = 0; begin < queries.rows; begin += block) {
    context.checkCancelled();
    const auto end = std::min(queries.rows, begin + block);
    const auto [nearest, ids] =
        distances(queryPoints.slice(0, begin, end), references, referenceNorms, metric)
            .topk(result.k, 1, false);
    const auto offset = begin * result.k;
    const auto count = (end - begin) * result.k;
    const auto idValues = ids.contiguous();
    const auto distanceValues = nearest.contiguous();
    std::copy_n(idValues.data_ptr<std::int64_t>(), count, result.ids.begin() + offset);
    std::copy_n(distanceValues.data_ptr<float>(), count, result.distances.begin() + offset);
    context.report("neighbours", static_cast<std::uint64_t>(end), static_cast<std::uint64_t>(queries.rows));
  }
  return result;
}

// ---- PCA ----

PcaBasis fitPca(const RowMatrix& points, std::int64_t dimensions) {
  if (points.rows < 2) throw Error("PCA needs at least two points");
  if (dimensions < 1 || dimensions > points.cols)
    throw Error("PCA: dimensions must lie in 1..point dimension");
  torch::NoGradGuard noGrad;
  const auto x = toTensor(points, torch::kDouble);
  const auto center = x.mean(0);
  const auto centered = x - center;
  const auto covariance = torch::mm(centered.t(), centered) / static_cast<double>(points.rows);
  const auto [eigenvalues, eigenvectors] = torch::linalg_eigh(covariance);               // ascending
  const auto leading = eigenvectors.flip({1}).slice(1, 0, dimensions).t().contiguous();  // [m, D]
  // Sign convention: each axis' largest-magnitude coordinate is positive.
  const auto pivot = leading.abs().argmax(1, true);
  const auto signs = leading.gather(1, pivot).sign().clamp_min(0.0) * 2.0 - 1.0;

  PcaBasis basis;
  basis.center.assign(points.cols, 0.0F);
  const auto centerValues = center.to(torch::kFloat).contiguous();
  std::copy_n(centerValues.data_ptr<float>(), points.cols, basis.center.begin());
  basis.components = toRowMatrix(leading * signs);
  const auto variance =
      eigenvalues.flip({0}).slice(0, 0, dimensions).clamp_min(0.0).to(torch::kFloat).contiguous();
  basis.explainedVariance.assign(variance.data_ptr<float>(), variance.data_ptr<float>() + dimensions);
  return basis;
}

PcaBasis alignedTo(const PcaBasis& next, const PcaBasis& previous) {
  if (next.components.rows != previous.components.rows || next.components.cols != previous.components.cols) {
    throw Error("PCA alignment: the two bases differ in shape");
  }
  torch::NoGradGuard noGrad;
  const auto nextAxes = toTensor(next.components, torch::kDouble);
  const auto previousAxes = toTensor(previous.components, torch::kDouble);
  const auto [u, s, vh] = torch::linalg_svd(torch::mm(previousAxes, nextAxes.t()), false);
  const auto rotation = torch::mm(u, vh);  // orthogonal [m, m]

  PcaBasis aligned = next;
  aligned.components = toRowMatrix(torch::mm(rotation, nextAxes));
  // Variance along each rotated axis: sum_j R_ij^2 lambda_j.
  const auto eigenvalues = torch::tensor(
      std::vector<double>(next.explainedVariance.begin(), next.explainedVariance.end()), torch::kDouble);
  const auto variance = torch::mv(rotation.pow(2), eigenvalues).to(torch::kFloat).contiguous();
  aligned.explainedVariance.assign(variance.data_ptr<float>(), variance.data_ptr<float>() + variance.numel());
  return aligned;
}

RowMatrix project(const PcaBasis& basis, const RowMatrix& points) {
  if (points.cols != basis.components.cols)
    throw Error("PCA projection: points and basis differ in dimension");
  torch::NoGradGuard noGrad;
  const auto center = torch::tensor(basis.center, torch::kFloat);
  return toRowMatrix(torch::mm(toTensor(points) - center, toTensor(basis.components).t()));
}

// ---- t-SNE ----

namespace {

constexpr int kBisectionSteps = 64;

// Squared distances from each point to its `k` nearest other points, and their ids: the
// only affinities worth computing, as p_{j|i} beyond 3 perplexities is negligible (van
// der Maaten 2014). Distances are formed in blocks of rows. ([n, k], [n, k])
std::pair<torch::Tensor, torch::Tensor> nearestSquaredDistances(const torch::Tensor& points, std::int64_t k) {
  const auto n = points.size(0);
  const auto norms = points.pow(2).sum(1);
  const auto rowsPerBlock = std::max<std::int64_t>(1, kDistanceBlockEntries / 2 / n);
  std::vector<torch::Tensor> distances, ids;
  for (std::int64_t begin = 0; begin < n; begin += rowsPerBlock) {
    const auto block = points.slice(0, begin, std::min(n, begin + rowsPerBlock));
    auto squared = torch::addmm(norms.unsqueeze(0), block, points.t(), 1.0, -2.0);
    squared.add_(block.pow(2).sum(1, true)).clamp_min_(0.0);
    squared.diagonal(begin).fill_(std::numeric_limits<double>::infinity());  // not one's own neighbour
    auto [nearest, nearestIds] = squared.topk(k, 1, false);
    distances.push_back(nearest);
    ids.push_back(nearestIds);
  }
  return {torch::cat(distances), torch::cat(ids)};
}

// Per point a Gaussian over its neighbours whose precision is bisected, all points at once,
// until it has perplexity `perplexity`: p_{j|i} over the columns of `squared` [n, k].
torch::Tensor conditionalAffinities(const torch::Tensor& squared, double perplexity) {
  // Shifted by the nearest neighbour's distance, so exp() cannot underflow to 0.
  const auto shifted = squared - squared.select(1, 0).unsqueeze(1);
  const double targetEntropy = std::log(perplexity);
  auto precision = torch::ones({squared.size(0), 1}, squared.options());
  auto low = torch::zeros_like(precision);
  auto high = torch::full_like(precision, std::numeric_limits<double>::infinity());
  torch::Tensor conditional;
  for (int step = 0; step < kBisectionSteps; ++step) {
    const auto weights = torch::exp(-shifted * precision);
    const auto total = weights.sum(1, true);
    conditional = weights / total;
    const auto entropy = torch::log(total) + precision * (shifted * conditional).sum(1, true);
    const auto tooFlat = entropy > targetEntropy;  // too flat: raise the precision
    low = torch::where(tooFlat, precision, low);
    high = torch::where(tooFlat, high, precision);
    precision = torch::where(torch::isinf(high), precision * 2.0, (low + high) / 2.0);
  }
  return conditional;
}

}  // namespace

RowMatrix tsne(const RowMatrix& points, const TsneOptions& options, const TaskContext& context) {
  const auto n = points.rows;
  if (n > kTsneMaxPoints)
    throw Error("t-SNE takes at most " + std::to_string(kTsneMaxPoints) + " points; sample the users first");
  if (n < 2) throw Error("t-SNE needs at least two points");
  if (options.perplexity >= static_cast<double>(n))
    throw Error("t-SNE: perplexity must be below the number of points");
  torch::NoGradGuard noGrad;
  const auto k = std::min<std::int64_t>(n - 1, static_cast<std::int64_t>(std::ceil(3.0 * options.perplexity)));
  const auto [squared, ids] = nearestSquaredDistances(toTensor(points, torch::kDouble), k);
  const auto conditional = conditionalAffinities(squared, options.perplexity).contiguous();
  const auto neighbours = ids.contiguous();
  const SparseAffinities p = symmetricAffinities(
      n, k, std::vector<std::int64_t>(neighbours.data_ptr<std::int64_t>(), neighbours.data_ptr<std::int64_t>() + n * k),
      std::vector<double>(conditional.data_ptr<double>(), conditional.data_ptr<double>() + n * k));
  return descendTsne(p, options, context);
}

}  // namespace vaecf::geometry
