#include "experiment/Sweep.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <thread>
#include <utility>

#include "common/AtomicFile.h"
#include "common/AvailableMemory.h"
#include "common/ChildProcess.h"
#include "common/Compute.h"
#include "common/Error.h"
#include "common/InputFile.h"
#include "common/JsonValues.h"
#include "plugin/ModelCatalog.h"
#include "train/RunFolder.h"
#include "train/TrainingParams.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace vaecf {

namespace {

const char* const kDefinitionFile = "sweep.json";
const char* const kIndexFile = "index.json";

const char* schedulerName(SweepScheduler scheduler) {
  switch (scheduler) {
    case SweepScheduler::Grid:
      return "grid";
    case SweepScheduler::Random:
      return "random";
    case SweepScheduler::Halving:
      return "halving";
  }
  return "grid";
}

SweepScheduler schedulerNamed(const std::string& name) {
  for (const SweepScheduler scheduler :
       {SweepScheduler::Grid, SweepScheduler::Random, SweepScheduler::Halving})
    if (name == schedulerName(scheduler)) return scheduler;
  throw Error("unknown scheduler " + quoteText(name));
}

TrialState trialStateNamed(const std::string& name) {
  if (name == "finished") return TrialState::Finished;
  if (name == "failed") return TrialState::Failed;
  if (name == "pending") return TrialState::Pending;
  throw Error("unknown trial state " + quoteText(name));
}

json valuesJson(const ParamValues& values) {
  json object = json::object();
  for (const auto& [name, value] : values) object[name] = value;
  return object;
}

ParamValues valuesFromJson(const json& object) {
  ParamValues values;
  for (const auto& [name, value] : object.items()) values.emplace_back(name, value.get<std::string>());
  return values;
}

void writeJsonFile(const fs::path& file, const json& content) {
  writeFileAtomically(file, [&](std::ostream& out) { out << content.dump(2) << '\n'; });
}

json readJsonFile(const fs::path& file) {
  requireRegularFileIfPresent(file);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "cannot open (is this a sweep folder?)");
  try {
    return json::parse(in);
  } catch (const json::exception& e) {
    throw InputError(file.string(), 0, std::string("not valid JSON: ") + e.what());
  }
}

// Reads `file` with `parse`, every failure an InputError naming the file and `what` it
// should have been.
template <class Parse>
auto parseJsonFile(const fs::path& file, const std::string& what, Parse parse) {
  try {
    return parse(readJsonFile(file));
  } catch (const json::exception& e) {
    throw InputError(file.string(), 0, "not " + what + ": " + e.what());
  } catch (const InputError&) {
    throw;
  } catch (const Error& e) {
    throw InputError(file.string(), 0, "not " + what + ": " + e.what());
  }
}

// A parameter value as its declaration reads it: integers without a fraction.
std::string valueText(const ParamSpec& spec, double value) {
  if (spec.type == ParamSpec::Type::Int) return std::to_string(std::llround(value));
  std::ostringstream text;
  text.precision(6);
  text << value;
  return text.str();
}

std::vector<ParamValues> gridTrials(const SweepDefinition& definition) {
  std::vector<ParamValues> trials{{}};
  for (const auto& [name, values] : definition.grid) {
    std::vector<ParamValues> grown;
    for (const ParamValues& trial : trials)
      for (const std::string& value : values) {
        ParamValues next = trial;
        next.emplace_back(name, value);
        grown.push_back(std::move(next));
      }
    trials = std::move(grown);
  }
  return trials;
}

std::vector<ParamValues> randomTrials(const SweepDefinition& definition, const ParamSet& declared) {
  std::mt19937_64 engine(definition.seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<ParamValues> trials;
  for (int t = 0; t < definition.trials; ++t) {
    ParamValues trial;
    for (const SweepRange& range : definition.ranges) {
      const double u = unit(engine);
      const double value = range.logScale ? std::exp(std::log(range.low) + u * (std::log(range.high) - std::log(range.low)))
                                          : range.low + u * (range.high - range.low);
      trial.emplace_back(range.name, valueText(declared.spec(range.name), value));
    }
    for (const auto& [name, values] : definition.grid) {
      std::uniform_int_distribution<std::size_t> pick(0, values.size() - 1);
      trial.emplace_back(name, values[pick(engine)]);
    }
    trials.push_back(std::move(trial));
  }
  return trials;
}

// The parameters of a trial: the model's defaults, the fixed values, then the swept ones.
ParamSet trialParamSet(const SweepDefinition& definition, const ParamValues& swept) {
  ParamSet params = defaultParams(definition.model);
  for (const auto& [name, value] : definition.fixed) params.set(name, value);
  for (const auto& [name, value] : swept) params.set(name, value);
  return params;
}

// The epochs of a full trial: what every trial would train for without the scheduler.
int fullEpochs(const SweepDefinition& definition) {
  return static_cast<int>(trialParamSet(definition, {}).integer("epochs"));
}

// Each rung's epochs under successive halving; one rung of the trials' own epochs (0) else.
std::vector<int> rungEpochs(const SweepDefinition& definition) {
  if (definition.scheduler != SweepScheduler::Halving) return {0};
  return halvingBudgets(definition.minEpochs, fullEpochs(definition), definition.reduction);
}

// Whether the sweep draws or lists values of option `name`.
bool sweeps(const SweepDefinition& definition, const std::string& name) {
  return std::any_of(definition.grid.begin(), definition.grid.end(),
                     [&](const auto& axis) { return axis.first == name; }) ||
         std::any_of(definition.ranges.begin(), definition.ranges.end(),
                     [&](const SweepRange& range) { return range.name == name; });
}

void checkHalving(const SweepDefinition& definition, const ParamSet& declared) {
  if (!declared.declares("epochs"))
    throw Error("--scheduler halving: model " + definition.model +
                " trains in one go, it has no epochs to halve");
  if (sweeps(definition, "epochs"))
    throw Error("--scheduler halving sets each trial's epochs itself: do not sweep epochs");
  if (definition.reduction < 2) throw Error("--reduction must be at least 2");
  if (definition.minEpochs < 1 || definition.minEpochs >= fullEpochs(definition))
    throw Error("--min-epochs must be at least 1 and below the full " +
                std::to_string(fullEpochs(definition)) + " epochs (set them with --set epochs=N)");
}

void checkDefinition(const SweepDefinition& definition, const ParamSet& declared) {
  for (const auto& [name, values] : definition.grid) {
    if (!declared.declares(name)) throw Error("--grid " + name + ": model " + definition.model + " has no option '" + name + "'");
    if (values.empty()) throw Error("--grid " + name + " lists no value");
  }
  for (const SweepRange& range : definition.ranges) {
    if (!declared.declares(range.name))
      throw Error("--range " + range.name + ": model " + definition.model + " has no option '" + range.name + "'");
    const ParamSpec::Type type = declared.spec(range.name).type;
    if (type != ParamSpec::Type::Int && type != ParamSpec::Type::Float)
      throw Error("--range " + range.name + ": a range needs a numeric option, '" + range.name + "' is " + typeName(type));
    if (!(range.low < range.high)) throw Error("--range " + range.name + ": the low end must be below the high end");
    if (range.logScale && range.low <= 0.0) throw Error("--range " + range.name + ": a log scale needs a positive low end");
  }
  if (definition.scheduler == SweepScheduler::Grid && !definition.ranges.empty())
    throw Error("a grid sweep takes --grid only; --range needs --scheduler random or halving");
  if (definition.scheduler != SweepScheduler::Grid && definition.trials < 1)
    throw Error(std::string("a ") + schedulerName(definition.scheduler) + " sweep needs --trials N (N >= 1)");
  if (definition.scheduler == SweepScheduler::Halving) checkHalving(definition, declared);
  if (definition.grid.empty() && definition.ranges.empty()) throw Error("a sweep needs a --grid or a --range");
  if (definition.seeds < 1) throw Error("--seeds must be at least 1");
  if (definition.seeds > 1 && !declared.declares("seed"))
    throw Error("--seeds: model " + definition.model + " has no training seed");
}

// What the model selects its epochs on, which the sweep selects its trials on.
std::string selectionMetricOf(const ModelFamily& model, const ParamSet& params) {
  if (params.declares("selection_metric")) return params.text("selection_metric");
  return model.task == ModelTask::RatingPrediction ? "rmse" : "ndcg@100";
}

json indexJson(const SweepIndex& index, const std::optional<int>& winner) {
  json trials = json::array();
  for (const SweepTrial& trial : index.trials) {
    json entry = {{"id", trial.id},
                  {"run", trial.run},
                  {"params", valuesJson(trial.params)},
                  {"state", trialStateName(trial.state)},
                  {"rung", trial.rung}};
    if (trial.promotedFrom) entry["promoted_from"] = *trial.promotedFrom;
    if (trial.validation) entry["validation"] = *trial.validation;
    if (!trial.error.empty()) entry["error"] = trial.error;
    trials.push_back(std::move(entry));
  }
  json out = {{"selection_metric", index.selectionMetric}, {"trials", std::move(trials)}};
  if (winner) out["winner"] = *winner;
  return out;
}

SweepIndex indexFromJson(const json& in) {
  SweepIndex index;
  index.selectionMetric = in.at("selection_metric").get<std::string>();
  for (const json& entry : in.at("trials")) {
    SweepTrial trial;
    trial.id = jsonIntegerAt<int>(entry, "id");
    trial.run = entry.at("run").get<std::string>();
    if (trial.run.empty() || fs::path(trial.run).filename() != fs::path(trial.run))
      throw Error("trial " + std::to_string(trial.id) + ": 'run' must be a folder name, found " + quoteText(trial.run));
    trial.params = valuesFromJson(entry.at("params"));
    trial.state = trialStateNamed(entry.at("state").get<std::string>());
    if (entry.contains("validation")) trial.validation = entry.at("validation").get<double>();
    trial.error = entry.value("error", std::string());
    if (entry.contains("rung")) trial.rung = jsonIntegerAt<int>(entry, "rung");  // older sweeps had none
    if (entry.contains("promoted_from")) trial.promotedFrom = jsonIntegerAt<int>(entry, "promoted_from");
    index.trials.push_back(std::move(trial));
  }
  return index;
}

void writeIndex(const fs::path& sweepDir, const SweepIndex& index) {
  writeJsonFile(sweepDir / kIndexFile, indexJson(index, sweepWinner(index)));
}

std::string trialFolderName(int id) {
  char name[32];
  std::snprintf(name, sizeof name, "trial-%03d", id);
  return name;
}

// A copy of the finished run `from` in `runDir` with `params` (more epochs), ready to be
// resumed: its test results go, and its log is cut back to its last checkpoint on resume.
void copyToContinue(const fs::path& from, const fs::path& runDir, const ParamSet& params) {
  const fs::path staging = runDir.parent_path() / (runDir.filename().string() + ".copying");
  fs::remove_all(staging);
  fs::copy(from, staging, fs::copy_options::recursive);
  fs::remove(runMetricsPath(staging));
  RunConfig config = readRunConfig(staging);
  config.params = params.values();
  writeRunConfig(staging, config);
  fs::rename(staging, runDir);
}

// Trains one trial: from nothing, or, promoted by successive halving, on from the run of
// the trial it was promoted from with the rung's epochs. The trainer resumes exactly, so
// that is the run the longer budget gives from the start, for the epochs it adds alone.
// A folder a killed trial left is removed first.
void trainTrial(const SweepDefinition& definition, const LoadedData& data, const fs::path& sweepDir,
                const SweepTrial& trial, const TaskContext& context) {
  const fs::path runDir = sweepDir / trial.run;
  fs::remove_all(runDir);
  const ParamSet params = trialParamSet(definition, trial.params);
  if (!trial.promotedFrom) {
    runExperiment(definition.model, params, definition.data, data, definition.evaluation, runDir, context);
    return;
  }
  copyToContinue(sweepDir / trialFolderName(*trial.promotedFrom), runDir, params);
  resumeExperiment(runDir, context);
}

// The winning trial's run with another training seed, beside it.
fs::path seedRunFolder(const fs::path& sweepDir, const SweepTrial& trial, std::uint64_t seed) {
  return sweepDir / (trial.run + "-seed-" + std::to_string(seed));
}

void trainSeedRun(const SweepDefinition& definition, const LoadedData& data, const fs::path& sweepDir,
                  const SweepTrial& trial, std::uint64_t seed, const TaskContext& context) {
  const fs::path runDir = seedRunFolder(sweepDir, trial, seed);
  fs::remove_all(runDir);
  ParamSet params = trialParamSet(definition, trial.params);
  params.set("seed", std::to_string(seed));
  runExperiment(definition.model, params, definition.data, data, definition.evaluation, runDir, context);
}

// A trial's state from how its training ended: its validation value from its metrics.json.
void recordOutcome(const SweepDefinition& definition, const fs::path& sweepDir, SweepTrial& trial,
                   const std::string& error) {
  trial.error = error;
  if (trial.error.empty()) {
    try {
      const std::string metric =
          selectionMetricOf(findModel(definition.model), trialParamSet(definition, trial.params));
      trial.validation = readRunMetrics(sweepDir / trial.run).validation.metrics.at(metric).mean;
    } catch (const std::exception& failure) {
      trial.error = failure.what();
    }
  }
  trial.state = trial.error.empty() ? TrialState::Finished : TrialState::Failed;
}

void runTrialHere(const SweepDefinition& definition, const LoadedData& data, const fs::path& sweepDir,
                  SweepTrial& trial, const TaskContext& context) {
  std::string error;
  try {
    trainTrial(definition, data, sweepDir, trial, context);
  } catch (const Cancelled&) {
    throw;
  } catch (const std::exception& failure) {
    error = failure.what();
  }
  recordOutcome(definition, sweepDir, trial, error);
}

// Another trial may start beside running ones while the memory they leave holds the peak
// a finished trial took, with a quarter to spare; unmeasured, none may.
bool roomForAnotherTrial(std::uint64_t peakBytes) {
  if (peakBytes == 0) return false;
  const std::optional<AvailableMemory> available = availableMemory();
  return !available || available->bytes >= peakBytes + peakBytes / 4;
}

// Runs `runs` through the workers, up to their count at once while the memory left holds
// `peakBytes` (the most a finished run took, kept up to date), handing each outcome to
// `ended` as it comes.
void runInWorkers(const fs::path& sweepDir, std::deque<SweepRun> runs, const SweepWorkers& workers,
                  std::uint64_t& peakBytes, const std::function<void(const SweepRun&, const TrialOutcome&)>& ended,
                  const TaskContext& context) {
  std::vector<std::pair<SweepRun, std::future<TrialOutcome>>> running;
  while (!runs.empty() || !running.empty()) {
    while (!runs.empty() && static_cast<int>(running.size()) < workers.count &&
           (running.empty() || roomForAnotherTrial(peakBytes))) {
      const SweepRun run = runs.front();
      runs.pop_front();
      running.emplace_back(run, std::async(std::launch::async, workers.worker, sweepDir, run, context));
    }
    for (auto it = running.begin(); it != running.end();) {
      if (it->second.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready) {
        ++it;
        continue;
      }
      const TrialOutcome outcome = it->second.get();
      peakBytes = std::max(peakBytes, outcome.peakBytes);
      // One stopped by a cancel stays pending, to be trained again on resume.
      if (outcome.error.empty() || !context.cancelled()) ended(it->first, outcome);
      it = running.erase(it);
    }
    if (context.cancelled()) {
      for (auto& [run, outcome] : running) outcome.wait();  // the workers stop their processes
      context.checkCancelled();
    }
  }
}

// Runs the trials at `pending` (positions in the index) through the workers, recording
// each as it ends.
void runTrialsInWorkers(const SweepDefinition& definition, const fs::path& sweepDir, SweepIndex& index,
                        const std::deque<std::size_t>& pending, const SweepWorkers& workers,
                        std::uint64_t& peakBytes, const SweepProgress& progress, const TaskContext& context) {
  std::deque<SweepRun> runs;
  for (const std::size_t t : pending) runs.push_back({index.trials[t].id, std::nullopt});
  runInWorkers(
      sweepDir, std::move(runs), workers, peakBytes,
      [&](const SweepRun& run, const TrialOutcome& outcome) {
        recordOutcome(definition, sweepDir, *findTrial(index, run.trialId), outcome.error);
        writeIndex(sweepDir, index);
        if (progress) progress(index);
      },
      context);
}

// The winner again with each further training seed, in folders beside the trials: through
// the workers when there are several, else here one after another.
std::vector<std::pair<std::uint64_t, ExperimentResult>> runWinnerSeeds(const SweepDefinition& definition,
                                                                       const LoadedData& data, const fs::path& sweepDir,
                                                                       const SweepTrial& winner,
                                                                       const SweepWorkers& workers,
                                                                       std::uint64_t& peakBytes,
                                                                       const TaskContext& context) {
  const ParamSet params = trialParamSet(definition, winner.params);
  const std::uint64_t first = params.declares("seed") ? static_cast<std::uint64_t>(params.integer("seed")) : 0;
  std::vector<std::uint64_t> further;
  for (int k = 1; k < definition.seeds; ++k) further.push_back(first + static_cast<std::uint64_t>(k));
  std::deque<SweepRun> pending;  // a finished one is kept, a killed one redone
  for (const std::uint64_t seed : further)
    if (!fs::exists(runMetricsPath(seedRunFolder(sweepDir, winner, seed)))) pending.push_back({winner.id, seed});
  if (workers.worker) {
    std::string failure;
    runInWorkers(
        sweepDir, pending, workers, peakBytes,
        [&](const SweepRun& run, const TrialOutcome& outcome) {
          if (!outcome.error.empty() && failure.empty())
            failure = "the winner's run with seed " + std::to_string(*run.seed) + " failed: " + outcome.error;
        },
        context);
    if (!failure.empty()) throw Error(failure);
  } else {
    for (const SweepRun& run : pending) trainSeedRun(definition, data, sweepDir, winner, *run.seed, context);
  }
  std::vector<std::pair<std::uint64_t, ExperimentResult>> runs{{first, readRunMetrics(sweepDir / winner.run)}};
  for (const std::uint64_t seed : further) runs.emplace_back(seed, readRunMetrics(seedRunFolder(sweepDir, winner, seed)));
  return runs;
}

// The trials of `rung` + 1 that promotion from `rung` gives, appended with new ids.
void promote(SweepIndex& index, int rung, int epochs, int reduction) {
  int next = 0;
  for (const SweepTrial& trial : index.trials) next = std::max(next, trial.id);
  for (const int id : promotedTrials(index, rung, reduction)) {
    const SweepTrial& from = *findTrial(index, id);
    SweepTrial promoted{
        ++next, trialFolderName(next), from.params, TrialState::Pending, std::nullopt, {}, rung + 1, id};
    for (auto& [name, value] : promoted.params)
      if (name == "epochs") value = std::to_string(epochs);
    index.trials.push_back(std::move(promoted));
  }
}

bool hasRung(const SweepIndex& index, int rung) {
  return std::any_of(index.trials.begin(), index.trials.end(),
                     [&](const SweepTrial& trial) { return trial.rung == rung; });
}

// Rung by rung: its pending trials, then (halving) the promotion to the next, each step
// written to the index before the next begins, so a resume picks up where a kill struck.
void runTrials(const SweepDefinition& definition, const LoadedData& data, const fs::path& sweepDir,
               SweepIndex& index, const SweepProgress& progress, const TaskContext& context,
               const SweepWorkers& workers, std::uint64_t& peakBytes) {
  const std::vector<int> budgets = rungEpochs(definition);
  for (int rung = 0; rung < static_cast<int>(budgets.size()); ++rung) {
    std::deque<std::size_t> pending;
    for (std::size_t t = 0; t < index.trials.size(); ++t)
      if (index.trials[t].rung == rung && index.trials[t].state == TrialState::Pending) pending.push_back(t);
    if (workers.worker) {
      runTrialsInWorkers(definition, sweepDir, index, pending, workers, peakBytes, progress, context);
    } else {
      for (const std::size_t t : pending) {
        context.report("trial", t, index.trials.size());
        runTrialHere(definition, data, sweepDir, index.trials[t], context);
        writeIndex(sweepDir, index);
        if (progress) progress(index);
      }
    }
    const int next = rung + 1;
    if (next < static_cast<int>(budgets.size()) && !hasRung(index, next)) {
      promote(index, rung, budgets[static_cast<std::size_t>(next)], definition.reduction);
      writeIndex(sweepDir, index);
    }
  }
}

SweepReport continueSweep(const SweepDefinition& definition, const fs::path& sweepDir, SweepIndex index,
                          const SweepProgress& progress, const TaskContext& context,
                          const SweepWorkers& workers) {
  if (workers.count > 1 && !workers.worker)
    throw Error("a sweep with several workers needs a way to start them");
  const LoadedData data = loadData(definition.data, context);
  std::uint64_t peakBytes = 0;  // measured by the first run through the workers
  runTrials(definition, data, sweepDir, index, progress, context, workers, peakBytes);
  SweepReport report;
  report.winner = sweepWinner(index);
  if (report.winner)
    report.winnerSeeds =
        runWinnerSeeds(definition, data, sweepDir, *findTrial(index, *report.winner), workers, peakBytes, context);
  report.index = std::move(index);
  return report;
}

// `definition` with the threads each trial trains with recorded among its fixed options:
// this process's compute threads shared among `workers` side by side (the declared default,
// 0, would give every trial every core), so that a trial repeats its numbers whoever runs
// it; unless the sweep sets or sweeps threads itself, or the model has no such option.
SweepDefinition withWorkersThreads(SweepDefinition definition, int workers) {
  const bool fixed = std::any_of(definition.fixed.begin(), definition.fixed.end(),
                                 [](const auto& option) { return option.first == "threads"; });
  if (!fixed && !sweeps(definition, "threads") && defaultParams(definition.model).declares("threads"))
    definition.fixed.emplace_back("threads", std::to_string(threadsEach(computeThreads(), workers)));
  return definition;
}

// `run` in a child process of `program` (vaecf), its output kept in a log beside the trial
// until it has ended; its peak memory from the kernel.
TrialOutcome runTrialProcess(const fs::path& program, const fs::path& sweepDir, const SweepRun& run, int threads,
                             const TaskContext& context) {
  std::vector<std::string> argv{program.string(), "--threads", std::to_string(threads), "sweep",
                                "--resume",       sweepDir.string(), "--trial",   std::to_string(run.trialId)};
  std::string name = ".trial-" + std::to_string(run.trialId);
  if (run.seed) {
    argv.insert(argv.end(), {"--trial-seed", std::to_string(*run.seed)});
    name += "-seed-" + std::to_string(*run.seed);
  }
  const fs::path log = sweepDir / (name + ".log");
  TrialOutcome outcome;
  try {
    ChildProcess child(argv, ChildOutput::log(log));
    while (!child.finished() && !context.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!child.finished()) {
      outcome.error = "cancelled";  // the child is stopped as it goes
    } else if (!child.succeeded()) {
      outcome.error = errorReportedIn(log);
      if (outcome.error.empty()) outcome.error = "the worker process " + child.howItEnded();
    }
    outcome.peakBytes = child.peakBytes();
  } catch (const Error& error) {
    outcome.error = std::string("could not start a worker process: ") + error.what();
  }
  std::error_code ignored;
  fs::remove(log, ignored);
  return outcome;
}

}  // namespace

const char* trialStateName(TrialState state) {
  switch (state) {
    case TrialState::Pending: return "pending";
    case TrialState::Finished: return "finished";
    case TrialState::Failed: return "failed";
  }
  return "pending";
}

json toJson(const SweepDefinition& definition) {
  json grid = json::array();
  for (const auto& [name, values] : definition.grid) grid.push_back({{"name", name}, {"values", values}});
  json ranges = json::array();
  for (const SweepRange& range : definition.ranges)
    ranges.push_back({{"name", range.name}, {"low", range.low}, {"high", range.high}, {"log", range.logScale}});
  return {{"model", definition.model},
          {"fixed", valuesJson(definition.fixed)},
          {"grid", std::move(grid)},
          {"ranges", std::move(ranges)},
          {"scheduler", schedulerName(definition.scheduler)},
          {"trials", definition.trials},
          {"seed", definition.seed},
          {"seeds", definition.seeds},
          {"min_epochs", definition.minEpochs},
          {"reduction", definition.reduction},
          {"data", toJson(definition.data)},
          {"evaluation", toJson(definition.evaluation)}};
}

SweepDefinition sweepDefinitionFromJson(const json& in) {
  SweepDefinition definition;
  definition.model = in.at("model").get<std::string>();
  definition.fixed = valuesFromJson(in.at("fixed"));
  for (const json& axis : in.at("grid"))
    definition.grid.emplace_back(axis.at("name").get<std::string>(), axis.at("values").get<std::vector<std::string>>());
  for (const json& range : in.at("ranges"))
    definition.ranges.push_back({range.at("name").get<std::string>(), range.at("low").get<double>(),
                                 range.at("high").get<double>(), range.at("log").get<bool>()});
  definition.scheduler = schedulerNamed(in.at("scheduler").get<std::string>());
  definition.trials = jsonIntegerAt<int>(in, "trials");
  definition.seed = jsonIntegerAt<std::uint64_t>(in, "seed");
  definition.seeds = jsonIntegerAt<int>(in, "seeds");
  if (in.contains("min_epochs"))
    definition.minEpochs = jsonIntegerAt<int>(in, "min_epochs");  // older sweeps had none
  if (in.contains("reduction")) definition.reduction = jsonIntegerAt<int>(in, "reduction");
  definition.data = dataSourceFromJson(in.at("data"));
  definition.evaluation = evaluationOptionsFromJson(in.at("evaluation"));
  return definition;
}

std::vector<ParamValues> sweepTrialParams(const SweepDefinition& definition) {
  const ParamSet declared = defaultParams(definition.model);
  checkDefinition(definition, declared);
  std::vector<ParamValues> trials =
      definition.scheduler == SweepScheduler::Grid ? gridTrials(definition) : randomTrials(definition, declared);
  for (const ParamValues& trial : trials) trialParamSet(definition, trial);  // every value valid before any runs
  return trials;
}

namespace {

bool better(const SweepIndex& index, const SweepTrial& a, const SweepTrial& b) {
  return lowerIsBetter(index.selectionMetric) ? *a.validation < *b.validation : *a.validation > *b.validation;
}

bool measured(const SweepTrial& trial) {
  return trial.state == TrialState::Finished && trial.validation.has_value();
}

}  // namespace

const SweepTrial* findTrial(const SweepIndex& index, int id) {
  const auto found =
      std::find_if(index.trials.begin(), index.trials.end(), [id](const SweepTrial& trial) { return trial.id == id; });
  return found == index.trials.end() ? nullptr : &*found;
}

SweepTrial* findTrial(SweepIndex& index, int id) {
  return const_cast<SweepTrial*>(findTrial(std::as_const(index), id));
}

std::optional<int> sweepWinner(const SweepIndex& index) {
  int topRung = -1;
  for (const SweepTrial& trial : index.trials)
    if (measured(trial)) topRung = std::max(topRung, trial.rung);
  const SweepTrial* best = nullptr;
  for (const SweepTrial& trial : index.trials)
    if (measured(trial) && trial.rung == topRung && (best == nullptr || better(index, trial, *best)))
      best = &trial;
  return best ? std::optional<int>(best->id) : std::nullopt;
}

std::vector<int> halvingBudgets(int minEpochs, int maxEpochs, int reduction) {
  std::vector<int> budgets;
  const int rungs = static_cast<int>(
      std::floor(std::log(static_cast<double>(maxEpochs) / minEpochs) / std::log(reduction) + 1e-9));
  for (int below = rungs; below >= 0; --below) {
    const int epochs = std::max(1, static_cast<int>(std::lround(maxEpochs / std::pow(reduction, below))));
    if (budgets.empty() || epochs > budgets.back()) budgets.push_back(epochs);
  }
  return budgets;
}

std::vector<int> promotedTrials(const SweepIndex& index, int rung, int reduction) {
  std::vector<const SweepTrial*> finished;
  std::size_t inRung = 0;
  for (const SweepTrial& trial : index.trials) {
    if (trial.rung != rung) continue;
    ++inRung;
    if (measured(trial)) finished.push_back(&trial);
  }
  std::stable_sort(finished.begin(), finished.end(),
                   [&](const SweepTrial* a, const SweepTrial* b) { return better(index, *a, *b); });
  const std::size_t keep =
      std::min(finished.size(), std::max<std::size_t>(1, inRung / static_cast<std::size_t>(reduction)));
  std::vector<int> ids;
  for (std::size_t k = 0; k < keep; ++k) ids.push_back(finished[k]->id);
  return ids;
}

SweepReport runSweep(const SweepDefinition& asked, const fs::path& sweepDir, const SweepProgress& progress,
                     const TaskContext& context, const SweepWorkers& workers) {
  if (fs::exists(sweepDir / kDefinitionFile))
    throw Error(sweepDir.string() + " already holds a sweep: continue it with vaecf sweep --resume " + sweepDir.string());
  const SweepDefinition definition = withWorkersThreads(asked, workers.count);
  const std::vector<ParamValues> params = sweepTrialParams(definition);
  SweepIndex index;
  index.selectionMetric = selectionMetricOf(findModel(definition.model), trialParamSet(definition, params.front()));
  const bool halving = definition.scheduler == SweepScheduler::Halving;
  const int firstEpochs = rungEpochs(definition).front();
  for (std::size_t t = 0; t < params.size(); ++t) {
    const int id = static_cast<int>(t) + 1;
    ParamValues trialParams = params[t];
    if (halving) trialParams.emplace_back("epochs", std::to_string(firstEpochs));
    index.trials.push_back(
        {id, trialFolderName(id), std::move(trialParams), TrialState::Pending, std::nullopt, {}, 0, {}});
  }
  fs::create_directories(sweepDir);
  writeJsonFile(sweepDir / kDefinitionFile, toJson(definition));
  writeIndex(sweepDir, index);
  return continueSweep(definition, sweepDir, std::move(index), progress, context, workers);
}

SweepReport resumeSweep(const fs::path& sweepDir, const SweepProgress& progress, const TaskContext& context,
                        const SweepWorkers& workers) {
  return continueSweep(readSweepDefinition(sweepDir), sweepDir, readSweepIndex(sweepDir), progress, context,
                       workers);
}

void runSweepTrial(const fs::path& sweepDir, const SweepRun& run, const TaskContext& context) {
  const SweepDefinition definition = readSweepDefinition(sweepDir);
  const SweepIndex index = readSweepIndex(sweepDir);
  const SweepTrial* trial = findTrial(index, run.trialId);
  if (!trial)
    throw Error((sweepDir / kIndexFile).string() + " holds no trial " + std::to_string(run.trialId));
  const LoadedData data = loadData(definition.data, context);
  if (run.seed) {
    trainSeedRun(definition, data, sweepDir, *trial, *run.seed, context);
  } else {
    trainTrial(definition, data, sweepDir, *trial, context);
  }
}

SweepWorkers processWorkers(fs::path program, int count) {
  const int each = threadsEach(computeThreads(), count);
  return {count, [program = std::move(program), each](const fs::path& sweepDir, const SweepRun& run,
                                                      const TaskContext& context) {
            return runTrialProcess(program, sweepDir, run, each, context);
          }};
}

SweepDefinition readSweepDefinition(const fs::path& sweepDir) {
  return parseJsonFile(sweepDir / kDefinitionFile, "a sweep definition", sweepDefinitionFromJson);
}

SweepIndex readSweepIndex(const fs::path& sweepDir) {
  return parseJsonFile(sweepDir / kIndexFile, "a sweep index", indexFromJson);
}

std::pair<double, double> winnerTestSpread(const SweepReport& report, const std::string& metric) {
  if (report.winnerSeeds.empty()) throw Error("the sweep has no winner runs");
  std::vector<double> values;
  for (const auto& [seed, result] : report.winnerSeeds) {
    const auto found = result.test.metrics.find(metric);
    if (found == result.test.metrics.end()) throw Error("the winner's runs have no test " + metric);
    values.push_back(found->second.mean);
  }
  const auto n = static_cast<double>(values.size());
  double mean = 0.0;
  for (const double value : values) mean += value / n;
  double squares = 0.0;
  for (const double value : values) squares += (value - mean) * (value - mean);
  return {mean, values.size() > 1 ? std::sqrt(squares / (n - 1)) : 0.0};
}

}  // namespace vaecf
