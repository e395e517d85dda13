#include "lessons/LessonJob.h"

#include <algorithm>
#include <thread>

#include "common/Compute.h"
#include "session/CliProgram.h"

namespace vaecf::ui {

LessonJob::LessonJob(QObject* parent)
    : BackgroundJob(parent),
      program_(cliProgram()) {}

bool LessonJob::start(std::vector<lessons::LessonRunRequest> requests,
                      std::vector<lessons::LessonCheck> checks, lessons::RunFolders folders) {
  auto outcome = std::make_shared<LessonStepOutcome>();
  // A step's runs train side by side, each with its share of the cores.
  const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  const int workers = std::clamp(static_cast<int>(requests.size()), 1, cores);
  const int threads = threadsEach(cores, workers);
  const bool started = run([outcome, requests = std::move(requests), checks = std::move(checks),
                            folders = std::move(folders), program = program_, workers,
                            threads](const TaskContext& context) {
    outcome->runs = lessons::trainLessonRunsAtOnce(requests, program, workers, threads, context);
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
