#include "session/CompareJob.h"

namespace vaecf::ui {

CompareJob::CompareJob(QObject* parent) : BackgroundJob(parent) {}

bool CompareJob::start(const std::filesystem::path& runA, const std::filesystem::path& runB,
                       RunComparisonOptions options) {
  auto result = std::make_shared<RunComparison>();
  const bool started = run([result, runA, runB, options = std::move(options)](const TaskContext& context) {
    *result = compareRuns(runA, runB, options, context);
  });
  if (started) result_ = std::move(result);
  return started;
}

void CompareJob::succeeded() { Q_EMIT compared(*result_); }

}  // namespace vaecf::ui
