#include "LessonCommands.h"

#include <fmt/core.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "ProgressBar.h"
#include "common/Error.h"
#include "data/BundledData.h"
#include "lessons/LessonChecks.h"
#include "lessons/TrainingStepTrace.h"
#include "plugin/ModelCatalog.h"
#include "train/RunFolder.h"

namespace vaecf::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct LessonOptions {
  std::string name, out, language = "en", runDir, user;
  std::uint64_t seed = 1;
  std::vector<std::string> overrides;  // --set, for every run that declares the parameter
  bool json = false, fast = false, reuse = false;
};

void listLessons(const LessonOptions& options) {
  const auto catalog = lessons::lessonCatalog(options.language);
  if (options.json) {
    json list = json::array();
    for (const auto& entry : catalog) {
      json item{{"file", entry.file.string()}};
      if (entry.lesson) {
        const lessons::Lesson& lesson = *entry.lesson;
        item.update({{"name", lesson.name},
                     {"title", lesson.title},
                     {"summary", lesson.summary},
                     {"order", lesson.order},
                     {"language", lesson.language},
                     {"runs", lesson.runs.size()},
                     {"steps", lesson.steps.size()},
                     {"checks", lesson.checks.size()}});
      } else {
        item["error"] = entry.error;
      }
      list.push_back(item);
    }
    fmt::print("{}\n", list.dump());
    return;
  }
  for (const auto& entry : catalog) {
    if (!entry.lesson) {
      fmt::print("  (unreadable) {}\n", entry.error);
      continue;
    }
    const lessons::Lesson& lesson = *entry.lesson;
    fmt::print("{:<20} {}\n{:<20} {} ({} steps, {} runs, {} checks)\n", lesson.name, lesson.title, "", lesson.summary,
               lesson.steps.size(), lesson.runs.size(), lesson.checks.size());
  }
  if (catalog.empty()) fmt::print("no lessons found\n");
}

void printCheck(const lessons::CheckResult& check) {
  fmt::print("{} {}\n", check.held ? "  held  " : "  FAILED", check.claim);
  fmt::print("           expect {}\n", check.expectation);
  if (!check.error.empty()) {
    fmt::print("           could not be measured: {}\n", check.error);
    return;
  }
  for (const auto& figure : check.figures) fmt::print("           {} = {:.4g}\n", figure.figure, figure.value);
  fmt::print("           {:.4g} against {:.4g}\n", check.left, check.right);
}

void checkLesson(const LessonOptions& options) {
  lessons::Lesson lesson = lessons::findLesson(options.name, options.language);
  for (const std::string& assignment : options.overrides) lessons::overrideParameter(lesson, assignment);
  const fs::path folder =
      options.out.empty() ? freshRunFolder(defaultRunsFolder(), "lesson-" + lesson.name) : fs::path(options.out);
  const auto report = lessons::checkLesson(lesson, folder, options.fast, options.reuse, progressBarContext());
  if (options.json) {
    fmt::print("{}\n", lessons::toJson(report).dump());
  } else {
    fmt::print("{}: {}{}\n", lesson.name, lesson.title, options.fast ? " (fast setting)" : "");
    for (const auto& run : report.runs) fmt::print("  trained {} in {:.1f} s ({})\n", run.id, run.seconds, run.folder.string());
    for (const auto& check : report.checks) printCheck(check);
    fmt::print("{} in {:.1f} s\n", report.passed() ? "every claim held" : "a claim did not hold", report.seconds);
  }
  if (!report.passed()) throw Error("lesson '" + lesson.name + "': a claim did not hold");
}

// The slow motion of one training step, stage by stage; long series show their first values.
void traceStep(const LessonOptions& options) {
  lessons::StepTraceOptions traceOptions;
  traceOptions.seed = options.seed;
  const auto stages = lessons::traceStages(lessons::traceTrainingStep(options.runDir, options.user, traceOptions));
  constexpr std::size_t kShown = 8;
  json all = json::array();
  for (const auto& stage : stages) {
    json series = json::array();
    if (!options.json) fmt::print("{}: {}\n", stage.id, stage.title);
    for (const auto& values : stage.series) {
      series.push_back({{"name", values.name}, {"labels", values.labels}, {"values", values.values}});
      if (options.json) continue;
      std::string line;
      for (std::size_t i = 0; i < std::min(kShown, values.values.size()); ++i)
        line += fmt::format("{}{}={:.4g}", i == 0 ? "" : "  ", i < values.labels.size() ? values.labels[i] : std::to_string(i), values.values[i]);
      if (values.values.size() > kShown) line += fmt::format("  ... ({} values)", values.values.size());
      fmt::print("  {:<22} {}\n", values.name, line);
    }
    all.push_back({{"id", stage.id}, {"title", stage.title}, {"series", series}});
  }
  if (options.json) fmt::print("{}\n", all.dump());
}

void listFigures() {
  for (const auto& figure : lessons::figureCatalog()) fmt::print("{:<44} {}\n", figure.signature, figure.meaning);
}

}  // namespace

void declareLessonCommands(CLI::App& app, std::vector<std::pair<CLI::App*, std::function<void()>>>& actions) {
  auto options = std::make_shared<LessonOptions>();
  CLI::App* lesson = app.add_subcommand("lesson", "guided lessons: list them, or run a lesson's claims headless");
  lesson->require_subcommand(1);
  CLI::App* list = lesson->add_subcommand("list", "every lesson found, with its title and summary");
  list->add_flag("--json", options->json, "print one JSON array");
  list->add_option("--language", options->language, "language of the text (en, de)")->capture_default_str();
  actions.emplace_back(list, [options] { listLessons(*options); });

  CLI::App* check = lesson->add_subcommand(
      "check", "train a lesson's runs and say whether each of its claims held, with the measured figures");
  check->add_option("lesson", options->name, "lesson name (vaecf lesson list) or a .lesson file")->required();
  check->add_flag("--fast", options->fast, "the lesson's fast setting (fewer epochs), as CI runs it");
  check->add_option("--set", options->overrides,
                    "NAME=VALUE for every run that has the parameter, e.g. threads=1 or device=cuda (repeatable)");
  check->add_option("--out", options->out, "folder for the lesson's runs (default lesson-NAME-TIMESTAMP in the runs folder)");
  check->add_flag("--reuse", options->reuse,
                  "keep finished runs in --out that have the same model and parameters (to try edited checks)");
  check->add_option("--language", options->language, "language of the claims (en, de)")->capture_default_str();
  check->add_flag("--json", options->json, "print one JSON object");
  actions.emplace_back(check, [options] { checkLesson(*options); });

  CLI::App* step = lesson->add_subcommand(
      "step", "slow motion of one training step of a Mult-VAE or Mult-DAE run for one user, stage by stage");
  step->add_option("run", options->runDir, "run folder")->required()->check(CLI::ExistingDirectory);
  step->add_option("user", options->user, "user id (as in the dataset)")->required();
  step->add_option("--seed", options->seed, "seed of the dropout, mask and sampling draws")->capture_default_str();
  step->add_flag("--json", options->json, "print the stages as one JSON array");
  actions.emplace_back(step, [options] { traceStep(*options); });

  CLI::App* figures = lesson->add_subcommand("figures", "the figures a lesson's checks can compare");
  actions.emplace_back(figures, [] { listFigures(); });
}

}  // namespace vaecf::cli
