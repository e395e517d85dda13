#include "geometry/BarnesHutTsne.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <tuple>

namespace vaecf::geometry {

namespace {

constexpr double kInitialStd = 1e-4;
constexpr double kMinGain = 0.01;
constexpr int kMaxDepth = 40;                // beyond it a leaf keeps coinciding points together
constexpr std::int64_t kPointsPerTask = 64;  // one point's traversal visits a few hundred cells

// A square cell of the quadtree over the layout; a leaf lists its points (at most one
// unless they coincide), an inner cell its four children.
struct Cell {
  double centerX = 0.0, centerY = 0.0, halfWidth = 0.0;
  double massX = 0.0, massY = 0.0;  // centre of mass
  std::int64_t count = 0;
  std::int32_t firstChild = -1;  // four consecutive cells; -1 for a leaf
  std::int64_t begin = 0, end = 0;  // the leaf's points in QuadTree::order
};

class QuadTree {
 public:
  explicit QuadTree(const std::vector<double>& layout) : layout_(layout) {
    const auto n = static_cast<std::int64_t>(layout.size() / 2);
    order_.resize(static_cast<std::size_t>(n));
    std::iota(order_.begin(), order_.end(), 0);
    double minX = x(0), maxX = x(0), minY = y(0), maxY = y(0);
    for (std::int64_t i = 1; i < n; ++i) {
      minX = std::min(minX, x(i));
      maxX = std::max(maxX, x(i));
      minY = std::min(minY, y(i));
      maxY = std::max(maxY, y(i));
    }
    cells_.reserve(static_cast<std::size_t>(4 * n + 1));
    Cell root;
    root.centerX = (minX + maxX) / 2.0;
    root.centerY = (minY + maxY) / 2.0;
    root.halfWidth = std::max({maxX - minX, maxY - minY, 1e-12}) / 2.0 * (1.0 + 1e-9);
    cells_.push_back(root);
    build(0, 0, n, 0);
  }

  // Sum over j != i of q_ij^2 (y_i - y_j) and of q_ij, q_ij = (1 + |y_i - y_j|^2)^-1.
  // `stack` is scratch space, reused across points.
  void repulsion(std::int64_t i, double theta, std::vector<std::int32_t>& stack, double& forceX, double& forceY,
                 double& normalizer) const {
    const double xi = x(i), yi = y(i);
    stack.assign(1, 0);
    while (!stack.empty()) {
      const Cell& cell = cells_[static_cast<std::size_t>(stack.back())];
      stack.pop_back();
      if (cell.count == 0) continue;
      if (cell.firstChild < 0) {
        for (std::int64_t k = cell.begin; k < cell.end; ++k) {
          const std::int64_t j = order_[static_cast<std::size_t>(k)];
          if (j != i) add(xi - x(j), yi - y(j), 1.0, forceX, forceY, normalizer);
        }
        continue;
      }
      const double dx = xi - cell.massX, dy = yi - cell.massY;
      const double width = 2.0 * cell.halfWidth;
      if (width * width < theta * theta * (dx * dx + dy * dy)) {
        add(dx, dy, static_cast<double>(cell.count), forceX, forceY, normalizer);
      } else {
        for (std::int32_t c = 0; c < 4; ++c) stack.push_back(cell.firstChild + c);
      }
    }
  }

 private:
  double x(std::int64_t i) const { return layout_[static_cast<std::size_t>(2 * i)]; }
  double y(std::int64_t i) const { return layout_[static_cast<std::size_t>(2 * i + 1)]; }

  static void add(double dx, double dy, double weight, double& forceX, double& forceY, double& normalizer) {
    const double q = 1.0 / (1.0 + dx * dx + dy * dy);
    normalizer += weight * q;
    forceX += weight * q * q * dx;
    forceY += weight * q * q * dy;
  }

  // Fills cell `index` with points order_[begin, end), splitting it into quadrants while
  // it holds two or more distinct points.
  void build(std::int32_t index, std::int64_t begin, std::int64_t end, int depth) {
    Cell& cell = cells_[static_cast<std::size_t>(index)];
    cell.count = end - begin;
    cell.begin = begin;
    cell.end = end;
    for (std::int64_t k = begin; k < end; ++k) {
      cell.massX += x(order_[static_cast<std::size_t>(k)]);
      cell.massY += y(order_[static_cast<std::size_t>(k)]);
    }
    if (cell.count > 0) {
      cell.massX /= static_cast<double>(cell.count);
      cell.massY /= static_cast<double>(cell.count);
    }
    if (cell.count <= 1 || depth == kMaxDepth) return;

    const double cx = cell.centerX, cy = cell.centerY, quarter = cell.halfWidth / 2.0;
    auto first = order_.begin() + begin;
    auto last = order_.begin() + end;
    // Quadrants in the order west-south, east-south, west-north, east-north.
    const auto northStart = std::partition(first, last, [&](std::int64_t i) { return y(i) < cy; });
    const auto southEast = std::partition(first, northStart, [&](std::int64_t i) { return x(i) < cx; });
    const auto northEast = std::partition(northStart, last, [&](std::int64_t i) { return x(i) < cx; });
    const std::int64_t bounds[5] = {begin, southEast - order_.begin(), northStart - order_.begin(),
                                    northEast - order_.begin(), end};
    const auto firstChild = static_cast<std::int32_t>(cells_.size());
    cells_[static_cast<std::size_t>(index)].firstChild = firstChild;  // `cell` dangles once cells_ grows
    for (int c = 0; c < 4; ++c) {
      Cell child;
      child.centerX = cx + ((c & 1) != 0 ? quarter : -quarter);
      child.centerY = cy + ((c & 2) != 0 ? quarter : -quarter);
      child.halfWidth = quarter;
      cells_.push_back(child);
    }
    for (int c = 0; c < 4; ++c) build(firstChild + c, bounds[c], bounds[c + 1], depth + 1);
  }

  const std::vector<double>& layout_;
  std::vector<std::int64_t> order_;
  std::vector<Cell> cells_;
};

std::vector<double> initialLayout(std::int64_t n, std::uint64_t seed) {
  std::mt19937_64 generator(seed);
  std::normal_distribution<double> normal(0.0, kInitialStd);
  std::vector<double> layout(static_cast<std::size_t>(2 * n));
  for (double& value : layout) value = normal(generator);
  return layout;
}

}  // namespace

SparseAffinities symmetricAffinities(std::int64_t n, std::int64_t k, const std::vector<std::int64_t>& neighbours,
                                     const std::vector<double>& conditional) {
  // Every p_{j|i} / 2n lands at (i, j) and at (j, i); the two halves of a pair add up.
  std::vector<std::tuple<std::int64_t, std::int64_t, double>> entries;
  entries.reserve(static_cast<std::size_t>(2 * n * k));
  const double half = 1.0 / (2.0 * static_cast<double>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    for (std::int64_t c = 0; c < k; ++c) {
      const auto at = static_cast<std::size_t>(i * k + c);
      entries.emplace_back(i, neighbours[at], conditional[at] * half);
      entries.emplace_back(neighbours[at], i, conditional[at] * half);
    }
  }
  std::sort(entries.begin(), entries.end());
  SparseAffinities p;
  p.rowStart.assign(static_cast<std::size_t>(n + 1), 0);
  for (std::size_t e = 0; e < entries.size(); ++e) {
    const auto [row, column, value] = entries[e];
    const bool repeat = e > 0 && std::get<0>(entries[e - 1]) == row && std::get<1>(entries[e - 1]) == column;
    if (repeat) {
      p.values.back() += value;
      continue;
    }
    p.columns.push_back(static_cast<std::int32_t>(column));
    p.values.push_back(value);
    ++p.rowStart[static_cast<std::size_t>(row + 1)];
  }
  std::partial_sum(p.rowStart.begin(), p.rowStart.end(), p.rowStart.begin());
  return p;
}

std::vector<double> tsneGradient(const std::vector<double>& layout, const SparseAffinities& p, double exaggeration,
                                 double theta) {
  const std::int64_t n = p.rows();
  const QuadTree tree(layout);
  std::vector<double> attraction(static_cast<std::size_t>(2 * n)), repulsion(static_cast<std::size_t>(2 * n));
  std::vector<double> normalizers(static_cast<std::size_t>(n));
  at::parallel_for(0, n, kPointsPerTask, [&](std::int64_t first, std::int64_t last) {
    std::vector<std::int32_t> stack;
    for (std::int64_t i = first; i < last; ++i) {
      const auto xi = static_cast<std::size_t>(2 * i);
      for (std::int64_t e = p.rowStart[static_cast<std::size_t>(i)]; e < p.rowStart[static_cast<std::size_t>(i + 1)];
           ++e) {
        const auto xj = static_cast<std::size_t>(2 * p.columns[static_cast<std::size_t>(e)]);
        const double dx = layout[xi] - layout[xj], dy = layout[xi + 1] - layout[xj + 1];
        const double weight = p.values[static_cast<std::size_t>(e)] / (1.0 + dx * dx + dy * dy);
        attraction[xi] += weight * dx;
        attraction[xi + 1] += weight * dy;
      }
      tree.repulsion(i, theta, stack, repulsion[xi], repulsion[xi + 1], normalizers[static_cast<std::size_t>(i)]);
    }
  });
  // Summed in point order, so a run does not depend on how the points were shared out.
  const double normalizer = std::accumulate(normalizers.begin(), normalizers.end(), 0.0);
  std::vector<double> gradient(static_cast<std::size_t>(2 * n));
  for (std::size_t c = 0; c < gradient.size(); ++c)
    gradient[c] = 4.0 * (exaggeration * attraction[c] - repulsion[c] / normalizer);
  return gradient;
}

RowMatrix descendTsne(const SparseAffinities& p, const TsneOptions& options, const TaskContext& context) {
  const std::int64_t n = p.rows();
  const double learningRate = options.learningRate > 0.0
                                  ? options.learningRate
                                  : std::max(static_cast<double>(n) / options.earlyExaggeration / 4.0, 50.0);
  std::vector<double> layout = initialLayout(n, options.seed);
  std::vector<double> update(layout.size(), 0.0), gains(layout.size(), 1.0);
  for (std::int64_t iteration = 0; iteration < options.iterations; ++iteration) {
    const bool early = iteration < options.exaggerationIterations;
    const double momentum = early ? 0.5 : 0.8;
    const std::vector<double> gradient =
        tsneGradient(layout, p, early ? options.earlyExaggeration : 1.0, options.theta);
    double meanX = 0.0, meanY = 0.0;
    for (std::size_t c = 0; c < layout.size(); ++c) {
      // Delta-bar-delta gains, as in the reference implementation.
      const bool sameDirection = (gradient[c] > 0.0) == (update[c] > 0.0);
      gains[c] = std::max(sameDirection ? gains[c] * 0.8 : gains[c] + 0.2, kMinGain);
      update[c] = momentum * update[c] - learningRate * gains[c] * gradient[c];
      layout[c] += update[c];
      (c % 2 == 0 ? meanX : meanY) += layout[c];
    }
    for (std::size_t c = 0; c < layout.size(); ++c)
      layout[c] -= (c % 2 == 0 ? meanX : meanY) / static_cast<double>(n);
    context.checkCancelled();
    context.report("tsne", static_cast<std::uint64_t>(iteration + 1), static_cast<std::uint64_t>(options.iterations));
  }
  RowMatrix map(n, 2);
  std::transform(layout.begin(), layout.end(), map.values.begin(), [](double v) { return static_cast<float>(v); });
  return map;
}

}  // namespace vaecf::geometry
