#include "common/Compute.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>

#include <thread>

#include "common/Error.h"

namespace vaecf {

void setComputeThreads(int threads) {
  at::set_num_threads(threads > 0 ? threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency())));
}

int computeThreads() { return at::get_num_threads(); }

std::string resolveDevice(const std::string& requested) {
  const bool cudaAvailable = at::globalContext().hasCUDA();
  if (requested == "cuda" && !cudaAvailable) throw Error("device cuda was asked for but CUDA is not available");
  return requested == "cpu" || !cudaAvailable ? "cpu" : "cuda";
}

}  // namespace vaecf
