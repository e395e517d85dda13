#pragma once

#include <cstdint>
#include <vector>

namespace vaecf {

// Compressed sparse rows of user-item interactions. Column indices within a row keep
// the order they were added in (file order, which is time order for time-sorted logs);
// `values` is empty for a binary matrix (every stored entry is 1).
class CsrMatrix {
 public:
  CsrMatrix() = default;
  explicit CsrMatrix(std::int64_t cols) : cols_(cols) {}

  // Appends one row; `values` is empty for binary rows or has one entry per column.
  void appendRow(const std::vector<std::int32_t>& columns, const std::vector<float>& values = {});

  std::int64_t rows() const { return static_cast<std::int64_t>(rowStart_.size()) - 1; }
  std::int64_t cols() const { return cols_; }
  std::int64_t nonZeros() const { return rowStart_.back(); }
  bool binary() const { return values_.empty(); }

  std::int64_t rowSize(std::int64_t row) const { return rowStart_[row + 1] - rowStart_[row]; }
  const std::int32_t* rowColumns(std::int64_t row) const { return columns_.data() + rowStart_[row]; }
  // Value of the k-th stored entry of `row` (1 for binary matrices).
  float value(std::int64_t row, std::int64_t k) const {
    return values_.empty() ? 1.0F : values_[rowStart_[row] + k];
  }

  const std::vector<std::int64_t>& rowStart() const { return rowStart_; }
  const std::vector<std::int32_t>& columns() const { return columns_; }
  const std::vector<float>& values() const { return values_; }

 private:
  std::int64_t cols_ = 0;
  std::vector<std::int64_t> rowStart_{0};
  std::vector<std::int32_t> columns_;
  std::vector<float> values_;
};

}  // namespace vaecf
