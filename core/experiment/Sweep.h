#pragma once
// A sweep over a model's declared parameters (docs/sweeps.md): every trial is an ordinary
// run folder inside the sweep's folder, beside sweep.json (what was asked) and index.json
// (each trial's parameters, state and validation value, rewritten atomically after every
// trial), so a killed sweep resumes where it stopped and never repeats a finished trial.
// The winner is chosen on validation alone; test metrics are read only to report it.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "common/TaskContext.h"
#include "data/DataSource.h"
#include "eval/Evaluator.h"
#include "experiment/Experiment.h"

namespace vaecf {

using ParamValues = std::vector<std::pair<std::string, std::string>>;

// A numeric parameter drawn from [low, high], uniformly or on a log scale.
struct SweepRange {
  std::string name;
  double low = 0.0, high = 0.0;
  bool logScale = false;
};

// Grid and Random run every trial they list in full. Halving draws like Random, trains
// every draw for a few epochs, and promotes the best 1/reduction of each rung to the next
// rung's longer training, up to the model's full epochs (synchronous successive halving;
// ASHA is its asynchronous form for parallel workers).
enum class SweepScheduler { Grid, Random, Halving };

struct SweepDefinition {
  std::string model;
  ParamValues fixed;                                              // every trial's --set
  std::vector<std::pair<std::string, std::vector<std::string>>> grid;  // name and its values
  std::vector<SweepRange> ranges;                                 // random search only
  SweepScheduler scheduler = SweepScheduler::Grid;
  int trials = 0;          // random search: how many draws
  std::uint64_t seed = 1;  // of the random draws
  int seeds = 1;           // training seeds the winner is run with, its own included
  int minEpochs = 1;       // halving: the epochs of the first rung
  int reduction = 3;       // halving: one trial in `reduction` goes on to the next rung
  DataSource data;
  EvaluationOptions evaluation;
};

nlohmann::json toJson(const SweepDefinition& definition);
SweepDefinition sweepDefinitionFromJson(const nlohmann::json& json);

// Each trial's parameters, in order: the grid's every combination (the last axis varying
// fastest), or `trials` seeded draws (ranges uniformly or on a log scale, rounded for an
// integer parameter; grid axes uniformly among their values). Throws Error naming a
// parameter the model does not declare or a value its declaration refuses.
std::vector<ParamValues> sweepTrialParams(const SweepDefinition& definition);

enum class TrialState { Pending, Finished, Failed };
// "pending", "finished" or "failed", as index.json and the CLI write them.
const char* trialStateName(TrialState state);

struct SweepTrial {
  int id = 0;
  std::string run;  // the trial's run folder, relative to the sweep folder
  ParamValues params;  // the swept ones; with `fixed`, every value the trial differs in
  TrialState state = TrialState::Pending;
  std::optional<double> validation;  // the selection metric at the selected epoch
  std::string error;                 // why a failed trial failed
  int rung = 0;                      // halving: its rung (0 first), trained for that rung's epochs
  std::optional<int> promotedFrom;   // halving: the trial of the rung below it continues
};

struct SweepIndex {
  std::string selectionMetric;  // what validation holds; "rmse" is better lower
  std::vector<SweepTrial> trials;
};

// The trial of `index` with `id`; nullptr when it holds none.
const SweepTrial* findTrial(const SweepIndex& index, int id);
SweepTrial* findTrial(SweepIndex& index, int id);

// The finished trial with the best validation value (the earliest on a tie) among those of
// the highest rung any trial finished in, or none. Reads nothing but the index: the test
// metrics cannot leak into the choice.
std::optional<int> sweepWinner(const SweepIndex& index);

// The epochs of each rung of successive halving: `maxEpochs` at the top, each rung below
// `reduction` times fewer (rounded, at least 1), down to no fewer than `minEpochs`.
std::vector<int> halvingBudgets(int minEpochs, int maxEpochs, int reduction);

// The trials of `rung` that go on to the next: the best 1/reduction (at least one) of its
// finished trials by validation, best first (the earlier of a tie). Reads only the index.
std::vector<int> promotedTrials(const SweepIndex& index, int rung, int reduction);

struct SweepReport {
  SweepIndex index;
  std::optional<int> winner;
  // The winner's runs, one per training seed (its own first), with their test metrics.
  std::vector<std::pair<std::uint64_t, ExperimentResult>> winnerSeeds;
};

// Mean and sample standard deviation (0 for one seed) of a test metric over the winner's
// seeds; throws Error when the report has no winner runs or they lack the metric.
std::pair<double, double> winnerTestSpread(const SweepReport& report, const std::string& metric);

// Called after each trial or seed run with the index as it stands.
using SweepProgress = std::function<void(const SweepIndex&)>;

// How a trial run elsewhere (a child process) ended: its error (empty when its run folder
// holds metrics.json) and the peak memory it took, 0 when unknown.
struct TrialOutcome {
  std::string error;
  std::uint64_t peakBytes = 0;
};
// One run of a sweep: a trial, or (with a seed) the winning trial again with that training
// seed, in the folder TRIAL-seed-SEED beside it.
struct SweepRun {
  int trialId = 0;
  std::optional<std::uint64_t> seed;
};
// Runs `run` of the sweep in `sweepDir` with runSweepTrial, out of this process, and returns
// when it has ended; stops it early when the context is cancelled.
using TrialWorker =
    std::function<TrialOutcome(const std::filesystem::path& sweepDir, const SweepRun& run, const TaskContext&)>;

// Trials, and then the winner's further seeds, run one at a time in this process when there
// is no `worker`, else through it, up to `count` at once.
// Each runs in a process of its own, with its share of the cores (torch's thread count is
// one per process) and its peak memory measured by the kernel; a sweep repeats whatever
// the worker count.
// The first trial runs alone to measure its peak memory; another starts only while the
// available memory (the container's limit included) holds that peak with a quarter to spare.
struct SweepWorkers {
  int count = 1;
  TrialWorker worker;
};

// Workers that run each trial as the child process `program --threads T sweep --resume DIR
// --trial ID [--trial-seed S]` (`program` is vaecf), `count` at once, T their share of this
// process's compute threads; a child's output is kept in a log beside the trial while it
// runs, and its failure is its own error line.
SweepWorkers processWorkers(std::filesystem::path program, int count);

// Starts the sweep `definition` in the new folder `sweepDir` and runs it to the end. Unless
// it chooses threads itself, each trial records and trains with its share of this process's
// compute threads among the workers.
// Throws Error when the folder already holds a sweep, and Cancelled when the context's
// flag is raised (the sweep then resumes with resumeSweep).
SweepReport runSweep(const SweepDefinition& definition, const std::filesystem::path& sweepDir,
                     const SweepProgress& progress = {}, const TaskContext& context = {},
                     const SweepWorkers& workers = {});
// Continues the sweep in `sweepDir`: a trial a kill interrupted starts again from
// nothing; finished and failed trials are kept.
SweepReport resumeSweep(const std::filesystem::path& sweepDir, const SweepProgress& progress = {},
                        const TaskContext& context = {}, const SweepWorkers& workers = {});

// Trains `run` of the sweep in `sweepDir` from nothing into its run folder and leaves
// index.json alone: what a worker process runs. Throws Error for a trial the index does not
// hold, and whatever the training throws.
void runSweepTrial(const std::filesystem::path& sweepDir, const SweepRun& run, const TaskContext& context = {});

// sweep.json of a sweep folder; throws InputError naming the file when it is damaged.
SweepDefinition readSweepDefinition(const std::filesystem::path& sweepDir);
// index.json of a sweep folder; throws InputError naming the file when it is damaged.
SweepIndex readSweepIndex(const std::filesystem::path& sweepDir);

}  // namespace vaecf
