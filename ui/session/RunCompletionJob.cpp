#include "session/RunCompletionJob.h"

#include "experiment/Experiment.h"

namespace vaecf::ui {

RunCompletionJob::RunCompletionJob(QObject* parent) : BackgroundJob(parent) {}

bool RunCompletionJob::start(const std::filesystem::path& runFolder, std::shared_ptr<const SessionData> data) {
  const bool started = run([runFolder, data = std::move(data)](const TaskContext& context) {
    context.report("metrics", 0, 1);
    completeIterativeRun(runFolder, data->log.get());
  });
  if (started) runFolder_ = QString::fromStdString(runFolder.string());
  return started;
}

void RunCompletionJob::succeeded() { Q_EMIT completed(runFolder_); }

}  // namespace vaecf::ui
