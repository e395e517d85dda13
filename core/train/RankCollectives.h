#pragma once
// The collectives of a RankGroup on torch tensors. Internal to core/train: includes ATen.

#include <ATen/core/Tensor.h>

#include <chrono>
#include <string>
#include <vector>

#include "train/DataParallel.h"

namespace vaecf {

class RankGroup::Collectives {
 public:
  virtual ~Collectives() = default;
  virtual int rank() const = 0;
  virtual int worldSize() const = 0;
  // Replaces each tensor by its sum over the ranks. Throws RankLost.
  virtual void sum(std::vector<at::Tensor>& tensors) = 0;
  // Replaces `tensor` on every rank by rank 0's. `patient`: the wait is bounded by a day,
  // not the gradient timeout, as rank 0 may be validating or paused. Throws RankLost.
  virtual void broadcast(at::Tensor& tensor, bool patient) = 0;
};

}  // namespace vaecf
