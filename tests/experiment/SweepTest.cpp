// Sweeps: the trials a definition makes, the winner chosen on validation alone, and a
// killed sweep resuming without repeating a finished trial.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "TestData.h"
#include "common/Error.h"
#include "experiment/Sweep.h"
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
  EXPECT_EQ(refusal(gridWithRange), "a grid sweep takes --grid only; --range needs --scheduler random");
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
  index.trials = {{1, "trial-001", {}, TrialState::Finished, 0.30, {}},
                  {2, "trial-002", {}, TrialState::Failed, std::nullopt, "nan"},
                  {3, "trial-003", {}, TrialState::Finished, 0.35, {}},
                  {4, "trial-004", {}, TrialState::Pending, std::nullopt, {}},
                  {5, "trial-005", {}, TrialState::Finished, 0.35, {}}};
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
