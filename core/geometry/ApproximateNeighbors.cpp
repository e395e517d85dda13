// The hnswlib side of NearestNeighbors.h, kept apart from the tensor code so this
// translation unit stays cheap to compile.
#if defined(__SANITIZE_ADDRESS__)
// hnswlib 0.6's SSE prefetch hints read the int just past a full link list (searchBaseLayer,
// hnswalg.h:214); harmless, but AddressSanitizer rightly reports it. The sanitizer build
// (.ci/sanitize.sh) takes the plain loops instead.
#define NO_MANUAL_VECTORIZATION
#endif
#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "common/Error.h"
#include "geometry/NearestNeighbors.h"

namespace vaecf::geometry {
namespace {

constexpr std::int64_t kProgressEvery = 1000;

// Cosine search runs as inner product over unit vectors; zero vectors stay zero.
std::vector<float> prepared(const float* point, std::int64_t dims, Metric metric) {
  std::vector<float> values(point, point + dims);
  if (metric == Metric::Cosine) {
    double squared = 0.0;
    for (const float v : values) squared += static_cast<double>(v) * v;
    if (squared > 0.0) {
      const auto scale = static_cast<float>(1.0 / std::sqrt(squared));
      for (float& v : values) v *= scale;
    }
  }
  return values;
}

// hnswlib reports squared L2, or 1 - inner product; Neighbors carries the metric's distance.
float reported(float hnswDistance, Metric metric) {
  return metric == Metric::Euclidean ? std::sqrt(std::max(hnswDistance, 0.0F)) : hnswDistance;
}

std::unique_ptr<hnswlib::SpaceInterface<float>> makeSpace(Metric metric, std::int64_t dims) {
  const auto size = static_cast<std::size_t>(dims);
  if (metric == Metric::Euclidean) return std::make_unique<hnswlib::L2Space>(size);
  return std::make_unique<hnswlib::InnerProductSpace>(size);
}

}  // namespace

struct ApproximateIndex::Impl {
  Metric metric;
  std::int64_t dims;
  std::int64_t size;
  std::size_t searchCandidates;
  std::unique_ptr<hnswlib::SpaceInterface<float>> space;
  std::unique_ptr<hnswlib::HierarchicalNSW<float>> graph;
};

ApproximateIndex::ApproximateIndex(const RowMatrix& reference, Metric metric, const HnswOptions& options,
                                   const TaskContext& context)
    : impl_(std::make_unique<Impl>()) {
  if (reference.rows == 0) throw Error("nearest neighbours: the reference set is empty");
  impl_->metric = metric;
  impl_->dims = reference.cols;
  impl_->size = reference.rows;
  impl_->searchCandidates = options.searchCandidates;
  impl_->space = makeSpace(metric, reference.cols);
  impl_->graph = std::make_unique<hnswlib::HierarchicalNSW<float>>(
      impl_->space.get(), static_cast<std::size_t>(reference.rows), options.links, options.buildCandidates,
      options.seed);
  for (std::int64_t r = 0; r < reference.rows; ++r) {
    impl_->graph->addPoint(prepared(reference.row(r), reference.cols, metric).data(),
                           static_cast<hnswlib::labeltype>(r));
    if ((r + 1) % kProgressEvery == 0 || r + 1 == reference.rows) {
      context.checkCancelled();
      context.report("index", static_cast<std::uint64_t>(r + 1), static_cast<std::uint64_t>(reference.rows));
    }
  }
}

ApproximateIndex::~ApproximateIndex() = default;

Neighbors ApproximateIndex::search(const RowMatrix& queries, std::int64_t k) const {
  if (queries.cols != impl_->dims)
    throw Error("nearest neighbours: queries and references differ in dimension");
  Neighbors result;
  result.k = std::min(k, impl_->size);
  result.ids.resize(static_cast<std::size_t>(queries.rows * result.k));
  result.distances.resize(result.ids.size());
  impl_->graph->setEf(std::max(impl_->searchCandidates, static_cast<std::size_t>(result.k)));
  for (std::int64_t q = 0; q < queries.rows; ++q) {
    auto found = impl_->graph->searchKnn(prepared(queries.row(q), queries.cols, impl_->metric).data(),
                                         static_cast<std::size_t>(result.k));
    // The queue pops the farthest first.
    for (std::int64_t slot = result.k - 1; slot >= 0 && !found.empty(); --slot, found.pop()) {
      const auto index = static_cast<std::size_t>(q * result.k + slot);
      result.ids[index] = static_cast<std::int64_t>(found.top().second);
      result.distances[index] = reported(found.top().first, impl_->metric);
    }
  }
  return result;
}

Neighbors nearestNeighbors(const RowMatrix& reference, const RowMatrix& queries, std::int64_t k,
                           Metric metric, std::int64_t exactUpTo, const TaskContext& context) {
  if (reference.rows <= exactUpTo) return exactNeighbors(reference, queries, k, metric, context);
  return ApproximateIndex(reference, metric, {}, context).search(queries, k);
}

double recall(const Neighbors& approximate, const Neighbors& exact) {
  if (approximate.k != exact.k || approximate.ids.size() != exact.ids.size()) {
    throw Error("recall: the searches differ in k or in queries");
  }
  if (exact.ids.empty()) return 1.0;
  std::size_t found = 0;
  const auto queries = static_cast<std::int64_t>(exact.ids.size()) / exact.k;
  for (std::int64_t q = 0; q < queries; ++q) {
    const auto truth = exact.of(q);
    const std::unordered_set<std::int64_t> expected(truth.begin(), truth.end());
    for (const auto id : approximate.of(q)) found += expected.count(id);
  }
  return static_cast<double>(found) / static_cast<double>(exact.ids.size());
}

}  // namespace vaecf::geometry
