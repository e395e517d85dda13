#include "ProgressBar.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

namespace vaecf::cli {

namespace {

struct ProgressLine {
  std::chrono::steady_clock::time_point lastDraw{};
  std::string lastStage;

  void draw(std::string_view stage, std::uint64_t done, std::uint64_t total) {
    const auto now = std::chrono::steady_clock::now();
    const bool finished = total > 0 && done >= total;
    if (!finished && stage == lastStage && now - lastDraw < std::chrono::milliseconds(100)) return;
    lastDraw = now;
    lastStage = std::string(stage);
    const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    std::fprintf(stderr, "\r%-10.10s [%s%s] %5.1f%%", lastStage.c_str(), std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, ' ').c_str(), 100.0 * fraction);
    if (finished) std::fputc('\n', stderr);
    std::fflush(stderr);
  }
};

}  // namespace

TaskContext progressBarContext() {
  TaskContext context;
  if (::isatty(STDERR_FILENO)) {
    auto line = std::make_shared<ProgressLine>();
    context.onProgress = [line](std::string_view stage, std::uint64_t done, std::uint64_t total) {
      line->draw(stage, done, total);
    };
  }
  return context;
}

}  // namespace vaecf::cli
