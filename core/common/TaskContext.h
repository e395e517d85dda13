#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

namespace vaecf {

// What a long-running core task receives from its caller: where to report progress and
// the flag that asks it to stop. The flag is shared, never reached through the worker,
// so a window can raise it after the worker is gone (docs/building.md, headless GUI).
struct TaskContext {
  using ProgressFn = std::function<void(std::string_view stage, std::uint64_t done, std::uint64_t total)>;

  ProgressFn onProgress;
  std::shared_ptr<std::atomic<bool>> cancelFlag;

  void report(std::string_view stage, std::uint64_t done, std::uint64_t total) const {
    if (onProgress) onProgress(stage, done, total);
  }
  bool cancelled() const { return cancelFlag && cancelFlag->load(std::memory_order_relaxed); }
  // Throws Cancelled when the caller asked to stop.
  void checkCancelled() const;
};

}  // namespace vaecf
