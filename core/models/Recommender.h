#pragma once

#include <cstdint>

#include "data/CsrMatrix.h"

namespace vaecf {

// Anything that turns users' known items into a score for every item. Implementations
// keep their tensors private so this header stays free of torch.
class Recommender {
 public:
  virtual ~Recommender() = default;

  virtual std::int64_t items() const = 0;
  // Scores of every item for rows [begin, end) of `input`, row-major into `out`, which
  // holds (end - begin) * items() floats. Higher is better; the caller masks seen items.
  virtual void score(const CsrMatrix& input, std::int64_t begin, std::int64_t end, float* out) const = 0;
};

}  // namespace vaecf
