#pragma once

#include <filesystem>
#include <memory>

#include "experiment/RunComparison.h"
#include "session/BackgroundJob.h"

namespace vaecf::ui {

// Two saved runs compared user by user (core compareRuns, as `vaecf compare`), on a worker
// thread: it rebuilds both runs' splits and scores both models on the test users.
class CompareJob : public BackgroundJob {
  Q_OBJECT

 public:
  explicit CompareJob(QObject* parent = nullptr);

  // Ignored (false) while a comparison is running.
  bool start(const std::filesystem::path& runA, const std::filesystem::path& runB, RunComparisonOptions options = {});

 Q_SIGNALS:
  void compared(const vaecf::RunComparison& result);

 private:
  void succeeded() override;

  std::shared_ptr<RunComparison> result_;
};

}  // namespace vaecf::ui
