// vaecf sweep: a grid and a random search through the CLI, the JSON contract, --seeds and
// --resume.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "CliRunner.h"
#include "TestData.h"
#include "train/RunFolder.h"

namespace vaecf {
namespace {

namespace fs = std::filesystem;
using test::CliOutcome;
using test::runVaecf;

const std::string kSmallData = " --format synthetic --users 300 --items 100 --heldout-users 30";

TEST(SweepCli, GridSweepReportsEveryTrialAndTheWinnerAndResumes) {
  const fs::path dir = test::freshTempDir("sweep-cli") / "ease";
  const CliOutcome sweep = runVaecf("sweep --model ease --grid lambda=5,50,500 --json --out " + dir.string() + kSmallData);
  ASSERT_EQ(sweep.exitCode, 0) << sweep.err;
  const nlohmann::json result = sweep.lastJson();
  EXPECT_EQ(result.at("selection_metric"), "ndcg@100");
  ASSERT_EQ(result.at("trials").size(), 3U);
  int best = 0;
  double bestValidation = -1.0;
  for (const auto& trial : result.at("trials")) {
    EXPECT_EQ(trial.at("state"), "finished");
    EXPECT_TRUE(fs::exists(fs::path(trial.at("run").get<std::string>()) / "metrics.json"));
    if (trial.at("validation").get<double>() > bestValidation)
      best = trial.at("id").get<int>(), bestValidation = trial.at("validation").get<double>();
  }
  EXPECT_EQ(result.at("winner"), best);
  EXPECT_GT(result.at("winner_test").at("metrics").at("ndcg@100").at("mean").get<double>(), 0.0);

  // Nothing is left to run: the same report again.
  const CliOutcome resumed = runVaecf("sweep --resume " + dir.string() + " --json");
  ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
  EXPECT_EQ(resumed.lastJson().at("trials"), result.at("trials"));
  EXPECT_EQ(resumed.lastJson().at("winner"), best);

  const CliOutcome again = runVaecf("sweep --model ease --grid lambda=5 --out " + dir.string() + kSmallData);
  EXPECT_NE(again.exitCode, 0);
  EXPECT_NE(again.err.find("already holds a sweep"), std::string::npos) << again.err;
}

TEST(SweepCli, RandomSearchRepeatsTheWinnerOverSeeds) {
  const fs::path dir = test::freshTempDir("sweep-cli-random") / "multdae";
  const CliOutcome sweep = runVaecf(
      "sweep --model multdae --set epochs=2 --set threads=1 --set latent_every=0 --range lr=0.0001:0.01:log "
      "--grid hidden_dim=16,32 --scheduler random --trials 2 --seeds 3 --json --out " + dir.string() + kSmallData);
  ASSERT_EQ(sweep.exitCode, 0) << sweep.err;
  const nlohmann::json result = sweep.lastJson();
  ASSERT_EQ(result.at("trials").size(), 2U);
  const nlohmann::json seeds = result.at("winner_test").at("seeds");
  ASSERT_EQ(seeds.size(), 3U);
  EXPECT_EQ(seeds[1].get<std::uint64_t>(), seeds[0].get<std::uint64_t>() + 1);
  EXPECT_GE(result.at("winner_test").at("metrics").at("ndcg@100").at("sd").get<double>(), 0.0);

  const CliOutcome refused = runVaecf("sweep --model multdae --range dropout=0.9:0.1 --scheduler random --trials 2" + kSmallData);
  EXPECT_NE(refused.exitCode, 0);
  EXPECT_NE(refused.err.find("the low end must be below the high end"), std::string::npos) << refused.err;
}

TEST(SweepCli, HalvingPromotesTheBestDrawToTheFullEpochs) {
  const fs::path dir = test::freshTempDir("sweep-cli-halving") / "multdae";
  const CliOutcome sweep = runVaecf(
      "sweep --model multdae --scheduler halving --trials 3 --min-epochs 1 --range lr=0.0003:0.01:log "
      "--set epochs=3 --set hidden_dim=32 --set batch_size=100 --json --out " +
      dir.string() + kSmallData);
  ASSERT_EQ(sweep.exitCode, 0) << sweep.err;
  const nlohmann::json trials = sweep.lastJson().at("trials");
  ASSERT_EQ(trials.size(), 4U);  // three draws for 1 epoch, the best of them again for 3
  int best = 0;
  double bestValidation = -1.0;
  for (int t = 0; t < 3; ++t) {
    EXPECT_EQ(trials[t].at("rung"), 0);
    EXPECT_EQ(trials[t].at("params").at("epochs"), "1");
    if (trials[t].at("validation").get<double>() > bestValidation)
      best = trials[t].at("id").get<int>(), bestValidation = trials[t].at("validation").get<double>();
  }
  EXPECT_EQ(trials[3].at("rung"), 1);
  EXPECT_EQ(trials[3].at("promoted_from"), best);
  EXPECT_EQ(trials[3].at("params").at("epochs"), "3");
  EXPECT_EQ(sweep.lastJson().at("winner"), 4);

  const CliOutcome closedForm =
      runVaecf("sweep --model ease --scheduler halving --trials 3 --range lambda=1:100" + kSmallData);
  EXPECT_NE(closedForm.exitCode, 0);
  EXPECT_NE(closedForm.lastError().find("model ease trains in one go, it has no epochs to halve"),
            std::string::npos)
      << closedForm.err;
}

// Trials and the winner's further seeds in worker processes draw their numbers alone: two
// workers give the values one does.
TEST(SweepCli, WorkersRepeatTheOneWorkerSweep) {
  const fs::path dir = test::freshTempDir("sweep-cli-workers");
  const std::string sweep =
      "sweep --model multdae --scheduler random --trials 3 --range lr=0.0003:0.01:log --set epochs=2 "
      "--set hidden_dim=32 --set batch_size=100 --seeds 2 --json" +
      kSmallData;
  const CliOutcome one = runVaecf(sweep + " --set threads=1 --out " + (dir / "one").string());
  const CliOutcome two = runVaecf(sweep + " --set threads=1 --workers 2 --out " + (dir / "two").string());
  ASSERT_EQ(one.exitCode, 0) << one.err;
  ASSERT_EQ(two.exitCode, 0) << two.err;
  const nlohmann::json a = one.lastJson().at("trials"), b = two.lastJson().at("trials");
  ASSERT_EQ(a.size(), 3U);
  ASSERT_EQ(b.size(), 3U);
  for (std::size_t t = 0; t < 3; ++t) {
    EXPECT_EQ(b[t].at("state"), "finished");
    EXPECT_EQ(a[t].at("validation"), b[t].at("validation")) << "trial " << t + 1;
  }
  EXPECT_EQ(one.lastJson().at("winner"), two.lastJson().at("winner"));
  EXPECT_EQ(one.lastJson().at("winner_test"), two.lastJson().at("winner_test"));
  EXPECT_EQ(two.lastJson().at("winner_test").at("seeds").size(), 2U);
  for (const auto& entry : fs::directory_iterator(dir / "two"))
    EXPECT_EQ(entry.path().extension(), entry.is_directory() ? "" : ".json")
        << entry.path();  // no worker log left

  const CliOutcome missing = runVaecf("sweep --resume " + (dir / "two").string() + " --trial 9");
  EXPECT_NE(missing.exitCode, 0);
  EXPECT_EQ(missing.lastError(),
            "vaecf: error: " + (dir / "two" / "index.json").string() + " holds no trial 9");
}

// A trial trains with its worker's share of --threads (runVaecf passes 2) and records it,
// unless the sweep sets threads itself.
TEST(SweepCli, TrialsTrainOnTheirWorkersShareOfTheThreads) {
  const fs::path dir = test::freshTempDir("sweep-cli-threads");
  const std::string sweep = "sweep --model multdae --grid lr=0.001,0.002 --set epochs=1 --set hidden_dim=16 --json" +
                            kSmallData;
  const auto threadsOf = [](const nlohmann::json& trial) {
    const RunConfig config = readRunConfig(trial.at("run").get<std::string>());
    const auto threads = std::find_if(config.params.begin(), config.params.end(),
                                      [](const auto& param) { return param.first == "threads"; });
    return threads == config.params.end() ? std::string("absent") : threads->second;
  };
  for (const auto& [workers, expected] : {std::pair{1, "2"}, {2, "1"}}) {
    const CliOutcome run = runVaecf(sweep + " --workers " + std::to_string(workers) + " --out " +
                                    (dir / std::to_string(workers)).string());
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const nlohmann::json report = run.lastJson();  // kept: a range-for over a temporary's member dangles
    for (const auto& trial : report.at("trials")) EXPECT_EQ(threadsOf(trial), expected) << workers;
  }
  const CliOutcome chosen = runVaecf(sweep + " --set threads=1 --out " + (dir / "chosen").string());
  ASSERT_EQ(chosen.exitCode, 0) << chosen.err;
  const nlohmann::json chosenReport = chosen.lastJson();
  for (const auto& trial : chosenReport.at("trials")) EXPECT_EQ(threadsOf(trial), "1");
}

}  // namespace
}  // namespace vaecf
