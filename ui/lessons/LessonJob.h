#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "lessons/LessonChecks.h"
#include "session/BackgroundJob.h"

namespace vaecf::ui {

// What a lesson step's Run produced: its runs and its checks measured on them.
struct LessonStepOutcome {
  std::vector<lessons::LessonRunRecord> runs;
  std::vector<lessons::CheckResult> checks;
};

// A lesson step's Run on a worker thread: trains the step's runs side by side as `vaecf`
// processes found beside this program (finished ones of the same parameters are kept), then
// measures the step's checks on every run of the lesson that `folders` names, as `vaecf
// lesson check` does.
class LessonJob : public BackgroundJob {
  Q_OBJECT

 public:
  explicit LessonJob(QObject* parent = nullptr);

  // Ignored (false) while a step runs.
  bool start(std::vector<lessons::LessonRunRequest> requests, std::vector<lessons::LessonCheck> checks,
             lessons::RunFolders folders);

 Q_SIGNALS:
  void stepDone(std::shared_ptr<const vaecf::ui::LessonStepOutcome> outcome);

 private:
  void succeeded() override;

  std::shared_ptr<LessonStepOutcome> outcome_;
  std::filesystem::path program_;
};

}  // namespace vaecf::ui
