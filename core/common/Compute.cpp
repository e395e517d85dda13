#include "common/Compute.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <dlfcn.h>

#include <algorithm>
#include <thread>

#include "common/Error.h"

namespace vaecf {

namespace {

// Debian's libtorch multiplies matrices with OpenBLAS, whose own thread pool
// at::set_num_threads does not bound: a one-thread run kept a second core busy (169% CPU)
// and ran no faster. Looked up at run time, so a libtorch built on MKL needs nothing.
void setBlasThreads(int threads) {
  using SetThreads = void (*)(int);
  static const auto openblas = reinterpret_cast<SetThreads>(::dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  if (openblas != nullptr) openblas(threads);
}

}  // namespace

void setComputeThreads(int threads) {
  const int chosen = threads > 0 ? threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  at::set_num_threads(chosen);
  setBlasThreads(chosen);
}

int computeThreads() { return at::get_num_threads(); }

int threadsEach(int threads, int workers) {
  const int available = threads > 0 ? threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  return std::max(1, available / std::max(1, workers));
}

std::string resolveDevice(const std::string& requested) {
  const bool cudaAvailable = at::globalContext().hasCUDA();
  if (requested == "cuda" && !cudaAvailable) throw Error("device cuda was asked for but CUDA is not available");
  return requested == "cpu" || !cudaAvailable ? "cpu" : "cuda";
}

}  // namespace vaecf
