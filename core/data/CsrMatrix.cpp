#include "data/CsrMatrix.h"

#include <stdexcept>

namespace vaecf {

void CsrMatrix::appendRow(const std::vector<std::int32_t>& columns, const std::vector<float>& values) {
  if (!values.empty() && values.size() != columns.size())
    throw std::invalid_argument("CsrMatrix::appendRow: one value per column expected");
  if (!values.empty() && values_.size() != columns_.size())
    throw std::invalid_argument("CsrMatrix::appendRow: cannot mix binary and valued rows");
  if (values.empty() && !values_.empty() && !columns.empty())
    throw std::invalid_argument("CsrMatrix::appendRow: cannot mix binary and valued rows");
  for (std::int32_t c : columns)
    if (c < 0 || c >= cols_) throw std::out_of_range("CsrMatrix::appendRow: column out of range");
  columns_.insert(columns_.end(), columns.begin(), columns.end());
  values_.insert(values_.end(), values.begin(), values.end());
  rowStart_.push_back(static_cast<std::int64_t>(columns_.size()));
}

}  // namespace vaecf
