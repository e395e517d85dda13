#include "common/Compute.h"

#include <ATen/Parallel.h>

#include <thread>

namespace vaecf {

void setComputeThreads(int threads) {
  at::set_num_threads(threads > 0 ? threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency())));
}

int computeThreads() { return at::get_num_threads(); }

}  // namespace vaecf
