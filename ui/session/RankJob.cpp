#include "session/RankJob.h"

#include <utility>

namespace vaecf::ui {

RankJob::RankJob(QObject* parent) : BackgroundJob(parent) {}

bool RankJob::start(std::shared_ptr<LocalRanks> ranks, Ready ready) {
  auto result = std::make_shared<std::shared_ptr<RankGroup>>();
  const bool started = run([result, ranks = std::move(ranks)](const TaskContext& context) {
    context.report("ranks", 0, 1);
    *result = ranks->join([&context] { context.checkCancelled(); });
  });
  if (!started) return false;
  result_ = std::move(result);
  ready_ = std::move(ready);
  return true;
}

void RankJob::succeeded() {
  auto ready = std::exchange(ready_, {});
  ready(std::move(*result_));
}

}  // namespace vaecf::ui
