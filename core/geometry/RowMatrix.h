#pragma once
// The plain matrix every geometry result comes in: torch-free, so the UI and the CLI can
// hold latent points without parsing tensor headers (docs/building.md, compile cost).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vaecf::geometry {

// Row-major float matrix: one point (user, anchor, pseudo-input) per row.
struct RowMatrix {
  std::int64_t rows = 0;
  std::int64_t cols = 0;
  std::vector<float> values;

  RowMatrix() = default;
  RowMatrix(std::int64_t rowCount, std::int64_t colCount)
      : rows(rowCount), cols(colCount), values(static_cast<std::size_t>(rowCount * colCount)) {}

  float* row(std::int64_t r) { return values.data() + r * cols; }
  const float* row(std::int64_t r) const { return values.data() + r * cols; }
  float& at(std::int64_t r, std::int64_t c) { return values[static_cast<std::size_t>(r * cols + c)]; }
  float at(std::int64_t r, std::int64_t c) const { return values[static_cast<std::size_t>(r * cols + c)]; }
};

// Diagonal Gaussian posteriors q(z|x) = N(mean, diag(variance)), one user per row.
struct Posteriors {
  RowMatrix mean;
  RowMatrix variance;  // all zeros for Mult-DAE, whose code is deterministic
};

}  // namespace vaecf::geometry
