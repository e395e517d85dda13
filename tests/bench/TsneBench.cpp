// t-SNE at the latent map's sizes: a whole map of 2k, 10k and 20k points in 64 latent
// dimensions (ten Gaussian clusters), with the default 750 iterations and Barnes-Hut.
// build/bin/vaecf_tsne_bench

#include <benchmark/benchmark.h>

#include <random>

#include "geometry/Projection.h"

namespace {

vaecf::geometry::RowMatrix clusters(std::int64_t count) {
  constexpr std::int64_t kDimensions = 64, kClusters = 10;
  std::mt19937_64 random(1);
  std::normal_distribution<float> normal(0.0F, 1.0F);
  vaecf::geometry::RowMatrix points(count, kDimensions);
  for (std::int64_t r = 0; r < count; ++r) {
    for (std::int64_t c = 0; c < kDimensions; ++c) points.at(r, c) = normal(random);
    points.at(r, r % kClusters) += 8.0F;
  }
  return points;
}

void TsneMap(benchmark::State& state) {
  const auto points = clusters(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(vaecf::geometry::tsne(points));
}
BENCHMARK(TsneMap)->Arg(2000)->Arg(10000)->Arg(20000)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
