#include "session/RecommendJob.h"

namespace vaecf::ui {

RecommendJob::RecommendJob(QObject* parent) : BackgroundJob(parent) {}

bool RecommendJob::start(const std::filesystem::path& runFolder, std::shared_ptr<const SessionData> data,
                         std::string userId, std::size_t count) {
  auto result = std::make_shared<RunRecommendations>();
  const bool started = run([result, runFolder, data = std::move(data), userId = std::move(userId),
                            count](const TaskContext& context) {
    context.report("recommend", 0, 1);
    *result = recommendFromRun(runFolder, data->split, data->log.get(), {userId}, count, context);
  });
  if (started) result_ = std::move(result);
  return started;
}

void RecommendJob::succeeded() { Q_EMIT recommended(*result_); }

}  // namespace vaecf::ui
