#include "lessons/LessonJob.h"

namespace vaecf::ui {

LessonJob::LessonJob(QObject* parent) : BackgroundJob(parent) {}

bool LessonJob::start(std::vector<lessons::LessonRunRequest> requests,
                      std::vector<lessons::LessonCheck> checks, lessons::RunFolders folders) {
  auto outcome = std::make_shared<LessonStepOutcome>();
  const bool started = run([outcome, requests = std::move(requests), checks = std::move(checks),
                            folders = std::move(folders)](const TaskContext& context) {
    outcome->runs = lessons::trainLessonRuns(requests, /*reuse=*/true, context);
    for (std::size_t i = 0; i < checks.size(); ++i) {
      context.report("checks", i, checks.size());
      outcome->checks.push_back(lessons::evaluateCheck(checks[i], folders, context));
    }
  });
  if (started) outcome_ = std::move(outcome);
  return started;
}

void LessonJob::succeeded() { Q_EMIT stepDone(outcome_); }

}  // namespace vaecf::ui
