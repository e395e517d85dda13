#pragma once
// A lesson's checks measured: the figures of an expectation (lessons/CheckExpression.h) read
// from the learner's finished runs, their metrics and latent spaces (docs/lessons.md,
// "Figures"). Torch-free header; evaluating a check loads models and is heavy: call it off
// the GUI thread.

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "common/TaskContext.h"
#include "lessons/CheckExpression.h"
#include "lessons/Lesson.h"

namespace vaecf::lessons {

struct CheckResult {
  std::string id, claim, expectation;
  bool held = false;
  double left = 0.0, right = 0.0;       // the two sides' values
  std::vector<MeasuredFigure> figures;  // every figure read, in the order written
  std::string error;                    // why a figure could not be measured (then held is false)
};

// The folders of a lesson's finished runs, by run id.
using RunFolders = std::map<std::string, std::filesystem::path>;

// Measures the figures of `check` on the runs and compares. A figure that cannot be
// measured (a run missing from `runs`, a metric the run lacks, a latent figure of a model
// without a latent space) makes the result fail with `error` set. Reports ("figures", done,
// total) and honours cancellation.
CheckResult evaluateCheck(const LessonCheck& check, const RunFolders& runs, const TaskContext& context = {});

struct LessonRunRecord {
  std::string id;
  std::filesystem::path folder;
  double seconds = 0.0;
};

struct LessonCheckReport {
  std::string lesson;
  bool fast = false;
  std::vector<LessonRunRecord> runs;
  std::vector<CheckResult> checks;
  double seconds = 0.0;
  bool passed() const;
};

// A run to train for a lesson: its id, what it trains and where.
struct LessonRunRequest {
  std::string id;
  PreparedRun prepared;
  std::filesystem::path folder;
};

// Trains the requests whose folder does not hold a finished run of the same model and
// parameters already (those are kept; an unfinished one, from a cancelled step, is trained
// again), several at once: each as a child process
// `program --threads T train --like STAGING --out FOLDER`, at most `workers` at a time with
// `threads` each. In processes, not threads: torch's random generator is one per process,
// so each run draws what it would alone. Reports ("runs", finished, to train); cancelling
// stops the children. Throws Error when a folder holds something else, or naming a run whose
// process failed with the last line it wrote.
std::vector<LessonRunRecord> trainLessonRunsAtOnce(const std::vector<LessonRunRequest>& requests,
                                                   const std::filesystem::path& program, int workers, int threads,
                                                   const TaskContext& context = {});

// Trains every run of `lesson` into workFolder/RUN_ID, as `vaecf train` would, then
// evaluates every check. A folder already there is refused, unless `reuse` is set and it
// holds a finished run of the same model and parameters (a teacher editing checks). Reports
// the run being trained as ("run RUN_ID", done, total) and the checks as ("checks", done, total).
LessonCheckReport checkLesson(const Lesson& lesson, const std::filesystem::path& workFolder, bool fast, bool reuse,
                              const TaskContext& context = {});

nlohmann::json toJson(const CheckResult& result);
nlohmann::json toJson(const LessonCheckReport& report);

}  // namespace vaecf::lessons
