#include "lessons/StepTraceJob.h"

#include <utility>

namespace vaecf::ui {

StepTraceJob::StepTraceJob(QObject* parent) : BackgroundJob(parent) {}

bool StepTraceJob::start(const std::filesystem::path& runFolder, std::string userId,
                         lessons::StepTraceOptions options) {
  auto trace = std::make_shared<lessons::StepTrace>();
  const bool started =
      run([trace, runFolder, userId = std::move(userId), options](const TaskContext& context) {
        context.report("trace", 0, 1);
        *trace = lessons::traceTrainingStep(runFolder, userId, options);
      });
  if (started) trace_ = std::move(trace);
  return started;
}

void StepTraceJob::succeeded() { Q_EMIT traced(std::move(trace_)); }

}  // namespace vaecf::ui
