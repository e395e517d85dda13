#pragma once
// Conversions between RowMatrix/CsrMatrix and tensors for the two geometry translation
// units that use torch (LatentModel.cpp, GeometryTensors.cpp). Internal: never include
// from a public header.

#include <torch/torch.h>

#include <cstring>

#include "data/CsrMatrix.h"
#include "geometry/RowMatrix.h"

namespace vaecf::geometry {

// A copy of `matrix` as a [rows, cols] tensor of `dtype`.
inline torch::Tensor toTensor(const RowMatrix& matrix, torch::Dtype dtype = torch::kFloat) {
  return torch::from_blob(const_cast<float*>(matrix.values.data()), {matrix.rows, matrix.cols}, torch::kFloat)
      .to(dtype, false, true);
}

inline RowMatrix toRowMatrix(const torch::Tensor& tensor) {
  const auto values = tensor.detach().to(torch::kCPU, torch::kFloat).contiguous();
  RowMatrix matrix(values.size(0), values.size(1));
  // An empty matrix has no data pointer to copy to (UBSan: memcpy of null, issue 13).
  if (!matrix.values.empty())
    std::memcpy(matrix.values.data(), values.data_ptr<float>(), matrix.values.size() * sizeof(float));
  return matrix;
}

// Rows [begin, end) of `rows` as a dense [end - begin, cols] tensor.
inline torch::Tensor denseRows(const CsrMatrix& rows, std::int64_t begin, std::int64_t end,
                               torch::Dtype dtype = torch::kFloat) {
  auto dense = torch::zeros({end - begin, rows.cols()}, torch::kFloat);
  auto* values = dense.data_ptr<float>();
  for (std::int64_t r = begin; r < end; ++r) {
    const auto* columns = rows.rowColumns(r);
    for (std::int64_t k = 0; k < rows.rowSize(r); ++k) {
      values[(r - begin) * rows.cols() + columns[k]] = rows.value(r, k);
    }
  }
  return dense.to(dtype);
}

}  // namespace vaecf::geometry
