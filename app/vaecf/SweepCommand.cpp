#include "SweepCommand.h"

#include <fmt/core.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "ProgressBar.h"
#include "common/Error.h"
#include "data/BundledData.h"
#include "experiment/Sweep.h"
#include "plugin/ModelCatalog.h"
#include "train/RunFolder.h"

namespace vaecf::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct SweepOptions {
  std::string model, resume, out, scheduler = "grid";
  std::vector<std::string> assignments, grid, ranges;
  int trials = 0, seeds = 1, minEpochs = 1, reduction = 3, workers = 1, trial = 0;
  std::optional<std::uint64_t> trialSeed;
  std::uint64_t seed = 1;
  bool json = false;
};

std::pair<std::string, std::string> nameAndValue(const std::string& text, const char* option) {
  const std::size_t equals = text.find('=');
  // An empty value is a value: an empty list (--set lr_milestones=) is one.
  if (equals == std::string::npos || equals == 0) throw Error(std::string(option) + " " + text + ": write name=value");
  return {text.substr(0, equals), text.substr(equals + 1)};
}

std::vector<std::string> splitOn(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find(separator, start)) != std::string::npos; start = end + 1)
    parts.push_back(text.substr(start, end - start));
  parts.push_back(text.substr(start));
  return parts;
}

double numberIn(const std::string& text, const std::string& option) {
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used == text.size() && std::isfinite(value)) return value;
  } catch (const std::exception&) {
  }
  throw Error("--range " + option + ": '" + text + "' is not a number");
}

// --range name=lo:hi[:log]
SweepRange rangeOf(const std::string& text) {
  const auto [name, bounds] = nameAndValue(text, "--range");
  const std::vector<std::string> parts = splitOn(bounds, ':');
  if (parts.size() < 2 || parts.size() > 3 || (parts.size() == 3 && parts[2] != "log"))
    throw Error("--range " + text + ": write name=low:high or name=low:high:log");
  return {name, numberIn(parts[0], text), numberIn(parts[1], text), parts.size() == 3};
}

SweepDefinition definitionOf(const SweepOptions& options, const DataOptions& data) {
  SweepDefinition definition;
  definition.model = findModel(options.model).name;
  for (const std::string& assignment : options.assignments) definition.fixed.push_back(nameAndValue(assignment, "--set"));
  for (const std::string& axis : options.grid) {
    const auto [name, values] = nameAndValue(axis, "--grid");
    definition.grid.emplace_back(name, splitOn(values, ','));
  }
  for (const std::string& range : options.ranges) definition.ranges.push_back(rangeOf(range));
  definition.scheduler = options.scheduler == "random"    ? SweepScheduler::Random
                         : options.scheduler == "halving" ? SweepScheduler::Halving
                                                          : SweepScheduler::Grid;
  definition.minEpochs = options.minEpochs;
  definition.reduction = options.reduction;
  definition.trials = options.trials;
  definition.seed = options.seed;
  definition.seeds = options.seeds;
  definition.data = data.dataSource();
  return definition;
}

std::string paramsText(const ParamValues& params) {
  std::string text;
  for (const auto& [name, value] : params) text += (text.empty() ? "" : " ") + name + "=" + value;
  return text;
}

void printReport(const SweepReport& report, const fs::path& dir, bool asJson) {
  if (asJson) {
    json trials = json::array();
    for (const SweepTrial& trial : report.index.trials) {
      json entry = {{"id", trial.id},
                    {"run", (dir / trial.run).string()},
                    {"state", trialStateName(trial.state)},
                    {"rung", trial.rung}};
      if (trial.promotedFrom) entry["promoted_from"] = *trial.promotedFrom;
      for (const auto& [name, value] : trial.params) entry["params"][name] = value;
      if (trial.validation) entry["validation"] = *trial.validation;
      if (!trial.error.empty()) entry["error"] = trial.error;
      trials.push_back(std::move(entry));
    }
    json out = {{"sweep", dir.string()}, {"selection_metric", report.index.selectionMetric}, {"trials", trials}};
    if (report.winner) {
      out["winner"] = *report.winner;
      json test = json::object();
      for (const auto& [metric, summary] : report.winnerSeeds.front().second.test.metrics) {
        const auto [mean, sd] = winnerTestSpread(report, metric);
        test[metric] = {{"mean", mean}, {"sd", sd}};
      }
      json seeds = json::array();
      for (const auto& [seed, result] : report.winnerSeeds) seeds.push_back(seed);
      out["winner_test"] = {{"seeds", seeds}, {"metrics", test}};
    }
    fmt::print("{}\n", out.dump());
    return;
  }
  fmt::print("{:>5}  {:<9} {:>10}  {}\n", "trial", "state", report.index.selectionMetric, "parameters");
  for (const SweepTrial& trial : report.index.trials)
    fmt::print("{:>5}  {:<9} {:>10}  {}{}{}\n", trial.id, trialStateName(trial.state),
               trial.validation ? fmt::format("{:.4f}", *trial.validation) : "-", paramsText(trial.params),
               trial.promotedFrom
                   ? fmt::format("  (rung {}, promoted from trial {})", trial.rung, *trial.promotedFrom)
                   : "",
               trial.error.empty() ? "" : "  (" + trial.error + ")");
  if (!report.winner) {
    fmt::print("no trial finished\n");
    return;
  }
  const SweepTrial& winner = *findTrial(report.index, *report.winner);
  fmt::print("\nwinner on validation: trial {} ({}), {}\n", winner.id, paramsText(winner.params),
             (dir / winner.run).string());
  fmt::print("its test metrics over {} training seed(s):\n", report.winnerSeeds.size());
  for (const auto& [metric, summary] : report.winnerSeeds.front().second.test.metrics) {
    const auto [mean, sd] = winnerTestSpread(report, metric);
    fmt::print("  {:<10} {:.4f}  (sd {:.4f})\n", metric, mean, sd);
  }
}

// One worker: the trials train here, one after another; several: in child processes.
SweepWorkers workersOf(const SweepOptions& options) {
  if (options.workers == 1) return {};
  return processWorkers("/proc/self/exe", options.workers);
}

void sweep(const SweepOptions& options, const DataOptions& data) {
  if (options.trial > 0) {
    if (options.resume.empty()) throw Error("--trial runs one trial of the sweep named with --resume DIR");
    runSweepTrial(options.resume, {options.trial, options.trialSeed});
    return;
  }
  const TaskContext progress = progressBarContext();
  auto trialDone = [](const SweepIndex& index) {
    int finished = 0;
    for (const SweepTrial& trial : index.trials) finished += trial.state != TrialState::Pending ? 1 : 0;
    fmt::print(stderr, "vaecf: sweep: {} of {} trials done\n", finished, index.trials.size());
  };
  if (!options.resume.empty()) {
    printReport(resumeSweep(options.resume, trialDone, progress, workersOf(options)), options.resume,
                options.json);
    return;
  }
  if (options.model.empty()) throw Error("give --model NAME, or --resume DIR");
  const fs::path dir = options.out.empty() ? freshRunFolder(defaultRunsFolder(), "sweep-" + options.model)
                                           : fs::path(options.out);
  printReport(runSweep(definitionOf(options, data), dir, trialDone, progress, workersOf(options)), dir,
              options.json);
}

}  // namespace

void declareSweepCommand(CLI::App& app, std::vector<std::pair<CLI::App*, std::function<void()>>>& actions,
                         DataOptions& data) {
  auto options = std::make_shared<SweepOptions>();
  CLI::App* command = app.add_subcommand(
      "sweep", "tune a model: grid or random search over its options, the winner chosen on validation");
  command->add_option("--model", options->model, "model to tune");
  command->add_option("--set", options->assignments, "an option every trial shares, name=value (repeatable)");
  command->add_option("--grid", options->grid, "an option's values to try, name=v1,v2,... (repeatable)");
  command->add_option("--range", options->ranges,
                      "a numeric option drawn from name=low:high, or name=low:high:log on a log scale "
                      "(repeatable; random search)");
  command
      ->add_option(
          "--scheduler", options->scheduler,
          "every grid combination, seeded random draws, or random draws by successive halving "
          "(trained briefly, the best 1/reduction promoted to longer training, up to the full epochs)")
      ->check(CLI::IsMember({"grid", "random", "halving"}))
      ->capture_default_str();
  command->add_option("--trials", options->trials, "random search and halving: how many draws")
      ->check(CLI::PositiveNumber);
  command->add_option("--min-epochs", options->minEpochs, "halving: epochs of the first rung")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command
      ->add_option("--reduction", options->reduction,
                   "halving: one trial in this many goes on to the next rung")
      ->capture_default_str()
      ->check(CLI::Range(2, 100));
  command->add_option("--sweep-seed", options->seed, "seed of the random draws")->capture_default_str();
  command->add_option("--seeds", options->seeds, "run the winner with this many training seeds (its own first)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  command
      ->add_option(
          "--workers", options->workers,
          "trials at once, each in a process of its own with its share of --threads; more start only "
          "while memory holds another trial's measured peak")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  CLI::Option* trial =
      command
          ->add_option(
              "--trial", options->trial,
              "run only this trial of the sweep in --resume DIR, leaving its index alone (what a worker does)")
          ->check(CLI::PositiveNumber);
  command
      ->add_option("--trial-seed", options->trialSeed,
                   "with --trial: run that trial again with this training seed, into TRIAL-seed-SEED beside it "
                   "(what a worker does for the winner's further seeds)")
      ->needs(trial);
  command->add_option("--out", options->out, "sweep folder (default sweep-MODEL-TIMESTAMP in the runs folder)");
  command->add_option("--resume", options->resume, "continue the sweep in this folder")->check(CLI::ExistingDirectory);
  command->add_flag("--json", options->json, "print one JSON object");
  data.addTo(*command);
  actions.emplace_back(command, [options, &data] { sweep(*options, data); });
}

}  // namespace vaecf::cli
