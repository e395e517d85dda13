// Sweeps: the trials a definition makes, the winner chosen on validation alone, and a
// killed sweep resuming without repeating a finished trial.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <nlohmann/json.hpp>
#include <thread>

#include "TestData.h"
#include "common/Error.h"
#include "experiment/Experiment.h"
#include "experiment/Sweep.h"
#include "plugin/ModelCatalog.h"
#include "train/RunFolder.h"

namespace vaecf {
namespace {

namespace fs = std::filesystem;

// Synthetic data small enough for EASE to fit in well under a second per trial.
SweepDefinition easeSweep(std::vector<std::string> lambdas) {
  SweepDefinition definition;
  definition.model = "ease";
  definition.grid = {{"lambda", std::move(lambdas)}};
  ImportOptions raw{"synthetic", {}, {{"users", "300"}, {"items", "100"}, {"communities", "4"}, {"seed", "5"}}};
  definition.data.raw = raw;
  definition.data.protocol.heldoutUsers = 30;
  return definition;
}

std::string readText(const fs::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(Sweep, GridTriesEveryCombinationLastAxisFastest) {
  SweepDefinition definition = easeSweep({"10", "100"});
  definition.grid.emplace_back("precision", std::vector<std::string>{"float32", "float64"});
  const std::vector<ParamValues> trials = sweepTrialParams(definition);
  ASSERT_EQ(trials.size(), 4U);
  EXPECT_EQ(trials[0], (ParamValues{{"lambda", "10"}, {"precision", "float32"}}));
  EXPECT_EQ(trials[1], (ParamValues{{"lambda", "10"}, {"precision", "float64"}}));
  EXPECT_EQ(trials[3], (ParamValues{{"lambda", "100"}, {"precision", "float64"}}));
}

TEST(Sweep, RandomDrawsAreSeededWithinTheirRangesOnTheAskedScale) {
  SweepDefinition definition;
  definition.model = "multdae";
  definition.scheduler = SweepScheduler::Random;
  definition.trials = 200;
  definition.seed = 7;
  definition.ranges = {{"lr", 1e-4, 1e-1, true}, {"hidden_dim", 16, 64, false}};
  const std::vector<ParamValues> draws = sweepTrialParams(definition);
  ASSERT_EQ(draws.size(), 200U);
  EXPECT_EQ(draws, sweepTrialParams(definition));  // the same seed, the same trials
  int belowOneHundredth = 0;
  for (const ParamValues& trial : draws) {
    const double lr = std::stod(trial[0].second);
    EXPECT_GE(lr, 1e-4);
    EXPECT_LE(lr, 1e-1);
    belowOneHundredth += lr < 1e-2 ? 1 : 0;
    const std::string& hidden = trial[1].second;
    EXPECT_EQ(hidden.find('.'), std::string::npos) << hidden;  // an integer option stays whole
    EXPECT_GE(std::stoi(hidden), 16);
    EXPECT_LE(std::stoi(hidden), 64);
  }
  // On a log scale two of the three decades lie below 0.01: about 2/3 of the draws.
  EXPECT_GT(belowOneHundredth, 110);
  EXPECT_LT(belowOneHundredth, 155);
  definition.seed = 8;
  EXPECT_NE(draws, sweepTrialParams(definition));
}

TEST(Sweep, DefinitionsTheModelCannotTakeAreRefusedBeforeAnyTrial) {
  auto refusal = [](const SweepDefinition& definition) {
    try {
      sweepTrialParams(definition);
    } catch (const Error& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  SweepDefinition unknown = easeSweep({"10"});
  unknown.grid.emplace_back("dropout", std::vector<std::string>{"0.5"});
  EXPECT_EQ(refusal(unknown), "--grid dropout: model ease has no option 'dropout'");
  SweepDefinition badValue = easeSweep({"10", "-3"});
  EXPECT_NE(refusal(badValue).find("lambda"), std::string::npos) << refusal(badValue);
  SweepDefinition gridWithRange = easeSweep({"10"});
  gridWithRange.ranges = {{"lambda", 1, 10, false}};
  EXPECT_EQ(refusal(gridWithRange),
            "a grid sweep takes --grid only; --range needs --scheduler random or halving");
  SweepDefinition textRange = easeSweep({});
  textRange.grid.clear();
  textRange.scheduler = SweepScheduler::Random;
  textRange.trials = 2;
  textRange.ranges = {{"precision", 1, 2, false}};
  EXPECT_NE(refusal(textRange).find("a range needs a numeric option"), std::string::npos) << refusal(textRange);
}

TEST(Sweep, WinnerIsTheBestFinishedValidationValue) {
  SweepIndex index;
  index.selectionMetric = "ndcg@100";
  index.trials = {{1, "trial-001", {}, TrialState::Finished, 0.30, {}, 0, {}},
                  {2, "trial-002", {}, TrialState::Failed, std::nullopt, "nan", 0, {}},
                  {3, "trial-003", {}, TrialState::Finished, 0.35, {}, 0, {}},
                  {4, "trial-004", {}, TrialState::Pending, std::nullopt, {}, 0, {}},
                  {5, "trial-005", {}, TrialState::Finished, 0.35, {}, 0, {}}};
  EXPECT_EQ(sweepWinner(index), 3);  // the earliest of a tie
  index.selectionMetric = "rmse";    // lower is better
  EXPECT_EQ(sweepWinner(index), 1);
  index.trials.resize(2);
  index.trials[0].state = TrialState::Pending;
  EXPECT_EQ(sweepWinner(index), std::nullopt);
}

TEST(Sweep, WinnerIsChosenOnValidationWhateverTheTestMetricsSay) {
  const fs::path dir = test::freshTempDir("sweep-leak") / "sweep";
  const SweepReport report = runSweep(easeSweep({"1", "30", "3000"}), dir);
  ASSERT_EQ(report.index.trials.size(), 3U);
  ASSERT_TRUE(report.winner.has_value());
  // The winner is the best validation NDCG@100 the trials' own metrics.json files hold.
  int best = 0;
  double bestValidation = -1.0;
  for (const SweepTrial& trial : report.index.trials) {
    EXPECT_EQ(trial.state, TrialState::Finished) << trial.error;
    const double validation = readRunMetrics(dir / trial.run).validation.metrics.at("ndcg@100").mean;
    EXPECT_DOUBLE_EQ(*trial.validation, validation);
    if (validation > bestValidation) best = trial.id, bestValidation = validation;
  }
  EXPECT_EQ(*report.winner, best);

  // Make every loser's test NDCG@100 far better than the winner's: the choice must not move.
  for (const SweepTrial& trial : report.index.trials) {
    const fs::path metrics = runMetricsPath(dir / trial.run);
    nlohmann::json json = nlohmann::json::parse(readText(metrics));
    json["test"]["ndcg@100"] = trial.id == best ? 0.0 : 1.0;
    test::writeText(metrics, json.dump());
  }
  const SweepReport again = resumeSweep(dir);
  EXPECT_EQ(again.winner, best);
  EXPECT_EQ(again.winnerSeeds.front().second.test.metrics.at("ndcg@100").mean, 0.0);  // reported, not chosen on
}

TEST(Sweep, KilledSweepResumesWithoutRepeatingAFinishedTrial) {
  const fs::path dir = test::freshTempDir("sweep-resume") / "sweep";
  // Cancelled once the first trial is recorded, as a kill between trials would leave it.
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  TaskContext context;
  context.cancelFlag = cancel;
  std::vector<std::string> indexes;
  const auto stopAfterFirst = [&](const SweepIndex&) {
    indexes.push_back(readText(dir / "index.json"));
    cancel->store(true);
  };
  EXPECT_THROW(runSweep(easeSweep({"10", "100", "1000"}), dir, stopAfterFirst, context), Cancelled);
  SweepIndex index = readSweepIndex(dir);
  ASSERT_EQ(index.trials.size(), 3U);
  EXPECT_EQ(index.trials[0].state, TrialState::Finished);
  EXPECT_EQ(index.trials[1].state, TrialState::Pending);
  const std::string firstMetrics = readText(runMetricsPath(dir / "trial-001"));
  // A trial killed half-way leaves a partial folder behind.
  test::writeText(dir / "trial-002" / "config.json", "{ half written");

  std::vector<int> finishedAtEachStep;
  const SweepReport report = resumeSweep(dir, [&](const SweepIndex& now) {
    finishedAtEachStep.push_back(static_cast<int>(std::count_if(
        now.trials.begin(), now.trials.end(), [](const SweepTrial& t) { return t.state == TrialState::Finished; })));
    EXPECT_NO_THROW(readSweepIndex(dir));  // whole after every trial
  });
  EXPECT_EQ(finishedAtEachStep, (std::vector<int>{2, 3}));  // only the two left ran
  EXPECT_EQ(readText(runMetricsPath(dir / "trial-001")), firstMetrics);
  EXPECT_TRUE(fs::exists(runMetricsPath(dir / "trial-002")));
  for (const SweepTrial& trial : report.index.trials) EXPECT_EQ(trial.state, TrialState::Finished);
  EXPECT_THROW(runSweep(easeSweep({"10"}), dir), Error);  // the folder holds a sweep already
}

TEST(Sweep, HalvingBudgetsEndAtTheFullEpochsEachRungReductionTimesShorter) {
  EXPECT_EQ(halvingBudgets(1, 9, 3), (std::vector<int>{1, 3, 9}));
  EXPECT_EQ(halvingBudgets(2, 20, 3), (std::vector<int>{2, 7, 20}));     // 20/9 = 2.2, 20/3 = 6.7
  EXPECT_EQ(halvingBudgets(5, 20, 3), (std::vector<int>{7, 20}));        // 20/9 would be below 5
  EXPECT_EQ(halvingBudgets(1, 10, 2), (std::vector<int>{1, 3, 5, 10}));  // 1.25, 2.5, 5
}

// The objective peaks at lr = 10^-2.5; the rung keeps the third of its trials nearest it.
TEST(Sweep, HalvingPromotesTheBestOfEachRungOnASyntheticObjective) {
  SweepIndex index;
  index.selectionMetric = "ndcg@100";
  const std::vector<double> exponents{-4.0, -3.6, -3.2, -2.9, -2.6, -2.4, -2.0, -1.5, -1.0};
  for (std::size_t t = 0; t < exponents.size(); ++t) {
    const double objective = 1.0 - std::pow(exponents[t] + 2.5, 2);
    index.trials.push_back({static_cast<int>(t) + 1, "t", {}, TrialState::Finished, objective, {}, 0, {}});
  }
  EXPECT_EQ(promotedTrials(index, 0, 3), (std::vector<int>{5, 6, 4}));  // -2.6, -2.4, -2.9: best first
  index.trials[4].state = TrialState::Failed;                           // a failed trial is never promoted
  EXPECT_EQ(promotedTrials(index, 0, 3), (std::vector<int>{6, 4, 7}));
  EXPECT_EQ(promotedTrials(index, 0, 9), (std::vector<int>{6}));  // at least one
  EXPECT_TRUE(promotedTrials(index, 1, 3).empty());               // nothing in rung 1 yet
  index.selectionMetric = "rmse";                                 // lower is better
  EXPECT_EQ(promotedTrials(index, 0, 3),
            (std::vector<int>{1, 9, 2}));  // -1.25 twice (the earlier first), -0.21
  // The winner comes from the highest rung any trial finished in, even when a shorter
  // trial below scored better.
  index.selectionMetric = "ndcg@100";
  index.trials.push_back({10, "t", {}, TrialState::Finished, 0.5, {}, 1, 6});
  EXPECT_EQ(sweepWinner(index), 10);
}

TEST(Sweep, HalvingSweepTrainsFewerTrialsLongerEachRungAndResumesAfterAKill) {
  SweepDefinition definition;
  definition.model = "multdae";
  definition.scheduler = SweepScheduler::Halving;
  definition.trials = 9;
  definition.ranges = {{"lr", 3e-4, 1e-2, true}};
  definition.fixed = {{"epochs", "9"}, {"batch_size", "100"}, {"hidden_dim", "32"}, {"threads", "1"}};
  ImportOptions raw{
      "synthetic", {}, {{"users", "300"}, {"items", "100"}, {"communities", "4"}, {"seed", "5"}}};
  definition.data.raw = raw;
  definition.data.protocol.heldoutUsers = 30;
  const fs::path dir = test::freshTempDir("sweep-halving") / "sweep";

  // Killed once the first rung is done: the promotion must be on disk before rung 1 starts.
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  TaskContext context;
  context.cancelFlag = cancel;
  int recorded = 0;
  EXPECT_THROW(runSweep(
                   definition, dir, [&](const SweepIndex&) { cancel->store(++recorded == 10); }, context),
               Cancelled);
  const SweepIndex killed = readSweepIndex(dir);
  ASSERT_EQ(killed.trials.size(), 12U);  // nine draws and the three promoted
  EXPECT_EQ(killed.trials[9].state, TrialState::Finished);
  EXPECT_EQ(killed.trials[10].state, TrialState::Pending);
  const std::string finishedMetrics = readText(runMetricsPath(dir / killed.trials[9].run));

  const SweepReport report = resumeSweep(dir);
  const std::vector<SweepTrial>& trials = report.index.trials;
  ASSERT_EQ(trials.size(), 13U);
  EXPECT_EQ(readText(runMetricsPath(dir / trials[9].run)), finishedMetrics);  // not trained again
  std::vector<int> perRung(3, 0);
  for (const SweepTrial& trial : trials) {
    ASSERT_EQ(trial.state, TrialState::Finished) << trial.error;
    ++perRung.at(static_cast<std::size_t>(trial.rung));
    const int epochs = std::vector<int>{1, 3, 9}[static_cast<std::size_t>(trial.rung)];
    const auto params = readRunConfig(dir / trial.run).params;
    const auto trained =
        std::find_if(params.begin(), params.end(), [](const auto& p) { return p.first == "epochs"; });
    ASSERT_NE(trained, params.end());
    EXPECT_EQ(trained->second, std::to_string(epochs)) << "trial " << trial.id;
  }
  EXPECT_EQ(perRung, (std::vector<int>{9, 3, 1}));
  // Rung 1 holds rung 0's best third, rung 2 rung 1's best, each with its parent's options.
  std::vector<int> promoted;
  for (const SweepTrial& trial : trials)
    if (trial.rung == 1) promoted.push_back(*trial.promotedFrom);
  EXPECT_EQ(promoted, promotedTrials(report.index, 0, 3));
  EXPECT_EQ(*trials[12].promotedFrom, promotedTrials(report.index, 1, 3).front());
  const auto lrOf = [](const SweepTrial& trial) {
    return std::find_if(trial.params.begin(), trial.params.end(),
                        [](const auto& p) { return p.first == "lr"; })
        ->second;
  };
  EXPECT_EQ(lrOf(trials[12]), lrOf(trials[static_cast<std::size_t>(*trials[12].promotedFrom) - 1]));
  EXPECT_EQ(report.winner, 13);

  // A promoted trial went on from its parent's run, which stays as it was, and is the run
  // its options give trained that long from the start.
  const SweepTrial& top = trials[12];
  const fs::path parent = dir / trials[static_cast<std::size_t>(*top.promotedFrom) - 1].run;
  EXPECT_EQ(readRunMetrics(parent).details.at("epochs"), 3);
  const RunConfig config = readRunConfig(dir / top.run);
  const ExperimentResult alone =
      runExperiment(config.model, runParams(config, findModel(config.model)), config.data, loadData(config.data),
                    config.evaluation, test::freshTempDir("sweep-halving-alone") / "alone");
  EXPECT_NEAR(readRunMetrics(dir / top.run).test.metrics.at("ndcg@100").mean,
              alone.test.metrics.at("ndcg@100").mean, 1e-6);
}

// A stand-in worker that trains nothing: it holds each trial for a while, counts how many
// it holds at once, and reports `peakBytes` and a failure for each.
struct CountingWorker {
  std::uint64_t peakBytes = 0;
  std::shared_ptr<std::atomic<int>> running = std::make_shared<std::atomic<int>>(0);
  std::shared_ptr<std::atomic<int>> most = std::make_shared<std::atomic<int>>(0);

  TrialOutcome operator()(const fs::path&, const SweepRun& run, const TaskContext&) const {
    const int now = ++*running;
    for (int seen = *most; now > seen && !most->compare_exchange_weak(seen, now);) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    --*running;
    return {"not trained: trial " + std::to_string(run.trialId) + " went to a stand-in worker", peakBytes};
  }
};

TEST(Sweep, WorkersStartBesideEachOtherOnlyWhileMemoryHoldsTheMeasuredPeak) {
  const auto sweepWith = [](std::uint64_t peakBytes, const std::string& tag) {
    CountingWorker worker;
    worker.peakBytes = peakBytes;
    const SweepReport report = runSweep(easeSweep({"1", "10", "100", "1000", "10000"}),
                                        test::freshTempDir(tag) / "sweep", {}, {}, SweepWorkers{3, worker});
    for (const SweepTrial& trial : report.index.trials) {
      EXPECT_EQ(trial.state, TrialState::Failed);
      EXPECT_EQ(trial.error, "not trained: trial " + std::to_string(trial.id) + " went to a stand-in worker");
    }
    return worker.most->load();
  };
  EXPECT_EQ(sweepWith(1, "sweep-workers-small"), 3);                      // a byte fits beside anything
  EXPECT_EQ(sweepWith(std::uint64_t{1} << 62, "sweep-workers-huge"), 1);  // 4 EiB never does
}

// A worker stops its trials when the sweep is cancelled and reports them cancelled (as a
// child process stopped then would): they stay pending for the resume, not failed.
TEST(Sweep, TrialsStoppedByACancelStayPendingForTheResume) {
  TaskContext context;
  context.cancelFlag = std::make_shared<std::atomic<bool>>(false);
  const auto stopping = [](const fs::path&, const SweepRun&, const TaskContext& stopped) {
    while (!stopped.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return TrialOutcome{"cancelled", 1};
  };
  const fs::path dir = test::freshTempDir("sweep-workers-cancelled") / "sweep";
  std::thread canceller([flag = context.cancelFlag] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    *flag = true;
  });
  EXPECT_THROW(runSweep(easeSweep({"10", "100", "1000"}), dir, {}, context, SweepWorkers{2, stopping}), Cancelled);
  canceller.join();
  const SweepIndex index = readSweepIndex(dir);
  ASSERT_EQ(index.trials.size(), 3U);
  for (const SweepTrial& trial : index.trials) {
    EXPECT_EQ(trial.state, TrialState::Pending) << trial.id;
    EXPECT_EQ(trial.error, "") << trial.id;
  }
}

// A worker on a thread of this process that really trains, noting which runs it was given
// and how many it trained at once.
struct TrainingWorker {
  std::shared_ptr<std::mutex> mutex = std::make_shared<std::mutex>();
  std::shared_ptr<std::vector<std::optional<std::uint64_t>>> seeds =
      std::make_shared<std::vector<std::optional<std::uint64_t>>>();
  std::shared_ptr<std::atomic<int>> running = std::make_shared<std::atomic<int>>(0);
  std::shared_ptr<std::atomic<int>> most = std::make_shared<std::atomic<int>>(0);

  TrialOutcome operator()(const fs::path& sweepDir, const SweepRun& run, const TaskContext& context) const {
    {
      std::lock_guard<std::mutex> lock(*mutex);
      seeds->push_back(run.seed);
    }
    const int now = ++*running;
    for (int seen = *most; now > seen && !most->compare_exchange_weak(seen, now);) {
    }
    TrialOutcome outcome{{}, 1};
    try {
      runSweepTrial(sweepDir, run, context);
    } catch (const std::exception& error) {
      outcome.error = error.what();
    }
    --*running;
    return outcome;
  }
};

// --seeds runs the winner's further seeds through the workers side by side, and they test
// as the same seeds run one after another here.
TEST(Sweep, TheWinnersSeedsRunThroughTheWorkersAtOnce) {
  SweepDefinition definition;
  definition.model = "multdae";
  definition.grid = {{"lr", {"0.003"}}};
  definition.fixed = {{"epochs", "2"}, {"batch_size", "100"}, {"hidden_dim", "32"}, {"threads", "1"}};
  definition.seeds = 3;
  ImportOptions raw{"synthetic", {}, {{"users", "300"}, {"items", "100"}, {"communities", "4"}, {"seed", "5"}}};
  definition.data.raw = raw;
  definition.data.protocol.heldoutUsers = 30;
  const fs::path dir = test::freshTempDir("sweep-seed-workers");

  const SweepReport alone = runSweep(definition, dir / "alone");
  TrainingWorker worker;
  const SweepReport beside = runSweep(definition, dir / "workers", {}, {}, SweepWorkers{3, worker});

  ASSERT_EQ(beside.winnerSeeds.size(), 3U);
  ASSERT_EQ(alone.winnerSeeds.size(), 3U);
  const std::uint64_t first = beside.winnerSeeds.front().first;
  std::vector<std::optional<std::uint64_t>> given = *worker.seeds;
  std::sort(given.begin() + 1, given.end());
  EXPECT_EQ(given, (std::vector<std::optional<std::uint64_t>>{std::nullopt, first + 1, first + 2}));
  EXPECT_EQ(worker.most->load(), 2);  // the two further seeds at once
  for (std::size_t k = 0; k < 3; ++k) {
    EXPECT_EQ(beside.winnerSeeds[k].first, alone.winnerSeeds[k].first);
    EXPECT_EQ(beside.winnerSeeds[k].second.test.metrics.at("ndcg@100").mean,
              alone.winnerSeeds[k].second.test.metrics.at("ndcg@100").mean)
        << "seed " << beside.winnerSeeds[k].first;
  }
  EXPECT_TRUE(fs::exists(runMetricsPath(dir / "workers" / ("trial-001-seed-" + std::to_string(first + 2)))));
}

TEST(Sweep, DamagedIndexIsNamed) {
  const fs::path dir = test::freshTempDir("sweep-damaged");
  test::writeText(dir / "index.json", R"({"selection_metric": "ndcg@100", "trials": [{"id": 1}]})");
  try {
    readSweepIndex(dir);
    FAIL() << "a damaged index was read";
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), (dir / "index.json").string());
    EXPECT_NE(error.reason().find("not a sweep index"), std::string::npos) << error.reason();
  }
  test::writeText(dir / "index.json",
                  R"({"selection_metric": "ndcg@100", "trials": [{"id": 1, "run": "../elsewhere", "params": {},
                      "state": "pending"}]})");
  EXPECT_THROW(readSweepIndex(dir), InputError);  // a trial's folder stays inside the sweep
}

}  // namespace
}  // namespace vaecf
