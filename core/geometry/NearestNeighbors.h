#pragma once
// k nearest neighbours of query points among reference points (docs/geometry.md sections 1
// and 4): exact by batched matrix products, or approximate with an HNSW graph (hnswlib)
// when the reference set is large. Search W2 by passing wassersteinEmbedding() points
// with the Euclidean metric.

#include <cstdint>
#include <memory>
#include <vector>

#include "common/TaskContext.h"
#include "geometry/RowMatrix.h"

namespace vaecf::geometry {

enum class Metric {
  Euclidean,
  Cosine,  // 1 - cosine similarity; zero vectors are at distance 1 from everything
};

// For each query, the ids (reference rows) of its k nearest references, nearest first,
// and their distances: row q of `ids` and `distances` is query q.
struct Neighbors {
  std::int64_t k = 0;
  std::vector<std::int64_t> ids;
  std::vector<float> distances;

  std::vector<std::int64_t> of(std::int64_t query) const {
    return {ids.begin() + query * k, ids.begin() + (query + 1) * k};
  }
};

// Exact search in blocks of queries, reporting ("neighbours", done, total) per block.
// k is clamped to the number of references.
Neighbors exactNeighbors(const RowMatrix& reference, const RowMatrix& queries, std::int64_t k, Metric metric,
                         const TaskContext& context = {});

struct HnswOptions {
  std::size_t links = 16;             // M: graph degree
  std::size_t buildCandidates = 200;  // ef_construction
  std::size_t searchCandidates = 64;  // ef at query time, raised to k when smaller
  std::uint64_t seed = 100;
};

// An HNSW index over reference points, built once and searched many times.
class ApproximateIndex {
 public:
  ApproximateIndex(const RowMatrix& reference, Metric metric, const HnswOptions& options = {},
                   const TaskContext& context = {});
  ~ApproximateIndex();
  ApproximateIndex(const ApproximateIndex&) = delete;
  ApproximateIndex& operator=(const ApproximateIndex&) = delete;

  // k is clamped to the number of references.
  Neighbors search(const RowMatrix& queries, std::int64_t k) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Exact below `exactUpTo` references, HNSW above (docs/geometry.md section 4).
Neighbors nearestNeighbors(const RowMatrix& reference, const RowMatrix& queries, std::int64_t k,
                           Metric metric, std::int64_t exactUpTo = 20000, const TaskContext& context = {});

// Share of the exact neighbour ids that the approximate search also found, over all
// queries (both searched with the same k).
double recall(const Neighbors& approximate, const Neighbors& exact);

}  // namespace vaecf::geometry
