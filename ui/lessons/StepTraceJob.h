#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "lessons/TrainingStepTrace.h"
#include "session/BackgroundJob.h"

namespace vaecf::ui {

// One user's training step traced stage by stage (core traceTrainingStep), on a worker
// thread: it loads the run's weights and rebuilds its split, which can take seconds.
class StepTraceJob : public BackgroundJob {
  Q_OBJECT

 public:
  explicit StepTraceJob(QObject* parent = nullptr);

  // Traces `userId`'s step with the run in `runFolder`. Ignored (false) while a trace runs.
  bool start(const std::filesystem::path& runFolder, std::string userId,
             lessons::StepTraceOptions options = {});

 Q_SIGNALS:
  void traced(std::shared_ptr<const vaecf::lessons::StepTrace> trace);

 private:
  void succeeded() override;

  std::shared_ptr<lessons::StepTrace> trace_;
};

}  // namespace vaecf::ui
