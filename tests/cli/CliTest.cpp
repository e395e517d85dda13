#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "CliRunner.h"
#include "TestData.h"
#include "experiment/Experiment.h"
#include "train/RunFolder.h"

namespace fs = std::filesystem;

namespace vaecf {
namespace {

using CliResult = test::CliOutcome;

CliResult runCli(const std::string& arguments) { return test::runVaecf(arguments); }

// Training commands run on ML-100K (1.4k items after the protocol): EASE fits in well
// under a second there.
std::string ml100k() { return " --format ml-100k --path " + test::sharedData("ml-100k").string() + " "; }

// Positives of ml-latest-small counted independently: rating >= 4, users with >= 5.
std::size_t bundledPositives() {
  std::ifstream in(test::bundledData() / "ratings.csv");
  std::string line;
  std::getline(in, line);
  std::map<std::string, std::size_t> perUser;
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string user, item, rating;
    std::getline(fields, user, ',');
    std::getline(fields, item, ',');
    std::getline(fields, rating, ',');
    if (std::stod(rating) >= 4.0) ++perUser[user];
  }
  std::size_t total = 0;
  for (const auto& [user, count] : perUser)
    if (count >= 5) total += count;
  return total;
}

TEST(Cli, DataStatsJsonOnTheBundledDataset) {
  const CliResult result = runCli("data stats --json");
  ASSERT_EQ(result.exitCode, 0) << result.err;
  const nlohmann::json stats = result.lastJson();
  EXPECT_EQ(stats.at("users"), 610);
  EXPECT_EQ(stats.at("items"), 9724);
  EXPECT_EQ(stats.at("interactions"), 100836);
  EXPECT_EQ(stats.at("positives"), bundledPositives());
}

TEST(Cli, SyntheticDataNeedsNoFileAndTimesEveryPrecision) {
  const std::string synthetic = " --format synthetic --users 300 --items 120 --interactions 6000 --heldout-users 30";
  const CliResult stats = runCli("data stats --json" + synthetic);
  ASSERT_EQ(stats.exitCode, 0) << stats.err;
  EXPECT_EQ(stats.lastJson().at("users"), 300);
  EXPECT_EQ(stats.lastJson().at("items"), 120);

  const CliResult bench = runCli("bench --json --models ease,multdae --precisions fp32,tf32 --set threads=1 "
                                 "--set hidden_dim=16 --set latent_dim=8" + synthetic);
  ASSERT_EQ(bench.exitCode, 0) << bench.err;
  const nlohmann::json epochs = bench.lastJson().at("training_epoch");
  for (const char* key : {"multdae/fp32", "multdae/tf32"}) {
    ASSERT_TRUE(epochs.contains(key)) << epochs.dump();
    EXPECT_EQ(epochs.at(key).at("updates"), 1);  // 240 training users, batch 500
    EXPECT_GT(epochs.at(key).at("ratio_to_flop_bound").get<double>(), 0.0);
  }
  // A closed-form model is timed by its fit, with its own defaults (precision float64).
  const nlohmann::json fit = bench.lastJson().at("fit").at("ease");
  EXPECT_GT(fit.at("fit_seconds").get<double>(), 0.0);
  EXPECT_EQ(fit.at("params").at("precision"), "float64");
  EXPECT_FALSE(bench.lastJson().at("training_epoch").contains("ease"));
  EXPECT_NE(runCli("bench --models multdae --set no_such_option=1" + synthetic).exitCode, 0);
  EXPECT_NE(runCli("data stats --preset ml-20m").exitCode, 0);  // a preset without --format synthetic
}

class CliTrainedRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    runDir = new fs::path(test::freshTempDir("cli-run") / "ease");
    const CliResult result = runCli("train --model ease --set lambda=200 --json" + ml100k() + "--out " + runDir->string());
    ASSERT_EQ(result.exitCode, 0) << result.err;
    trained = new nlohmann::json(result.lastJson());
  }
  static void TearDownTestSuite() {
    delete runDir;
    delete trained;
  }
  static fs::path* runDir;
  static nlohmann::json* trained;
};
fs::path* CliTrainedRun::runDir = nullptr;
nlohmann::json* CliTrainedRun::trained = nullptr;

TEST_F(CliTrainedRun, TrainPrintsTheJsonContract) {
  const nlohmann::json& r = *trained;
  EXPECT_EQ(r.at("model"), "ease");
  EXPECT_EQ(r.at("params").at("lambda"), "200");
  for (const char* part : {"validation", "test"}) {
    for (const char* metric : {"ndcg@100", "recall@20", "recall@50"}) {
      const double value = r.at(part).at(metric).get<double>();
      EXPECT_GT(value, 0.05) << part << " " << metric;
      EXPECT_LT(value, 1.0) << part << " " << metric;
    }
    std::size_t cohortUsers = 0;
    for (const auto& cohort : r.at(part).at("cohorts")) cohortUsers += cohort.at("users").get<std::size_t>();
    EXPECT_EQ(cohortUsers, r.at(part).at("users").get<std::size_t>());
  }
  EXPECT_GT(r.at("seconds").get<double>(), 0.0);
  EXPECT_TRUE(fs::exists(*runDir / "config.json"));
  EXPECT_TRUE(fs::exists(*runDir / "metrics.json"));
}

TEST_F(CliTrainedRun, MetricsFileReadsBackIntoTheSameReport) {
  std::ifstream in(*runDir / "metrics.json");
  const nlohmann::json metrics = nlohmann::json::parse(in);
  for (const char* part : {"validation", "test"})
    EXPECT_EQ(toJson(evaluationReportFromJson(metrics.at(part))), metrics.at(part)) << part;
}

TEST_F(CliTrainedRun, EvalReproducesTheTestMetrics) {
  const CliResult result = runCli("eval --json --run " + runDir->string());
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_NEAR(result.lastJson().at("test").at("ndcg@100").get<double>(), trained->at("test").at("ndcg@100").get<double>(),
              1e-9);
}

TEST_F(CliTrainedRun, RecommendSkipsKnownItemsAndShowsTitles) {
  const CliResult result = runCli("recommend --json -n 7 --user 1 --run " + runDir->string());
  ASSERT_EQ(result.exitCode, 0) << result.err;
  const nlohmann::json user = result.lastJson().at("users").at(0);
  ASSERT_EQ(user.at("recommendations").size(), 7U);
  std::set<std::string> rated;  // everything user 1 rated in u.data
  std::ifstream in(test::sharedData("ml-100k/u.data"));
  for (std::string user, item, rating, time; in >> user >> item >> rating >> time;)
    if (user == "1") rated.insert(item);
  double previous = 1e30;
  for (const auto& entry : user.at("recommendations")) {
    EXPECT_EQ(rated.count(entry.at("item").get<std::string>()), 0U);
    EXPECT_FALSE(entry.at("title").get<std::string>().empty());
    EXPECT_LE(entry.at("score").get<double>(), previous);
    previous = entry.at("score").get<double>();
  }
}

TEST_F(CliTrainedRun, RecommendRefusesUnknownUsersAndHugeCounts) {
  CliResult result = runCli("recommend --user no-such-user --run " + runDir->string());
  EXPECT_NE(result.exitCode, 0);
  EXPECT_NE(result.err.find("no-such-user"), std::string::npos) << result.err;
  result = runCli("recommend --user 1 -n 100000 --run " + runDir->string());
  EXPECT_NE(result.exitCode, 0);
  EXPECT_NE(result.err.find("exceeds the catalogue"), std::string::npos) << result.err;
}

// `train --like RUN` trains a new run of RUN's model, parameters, data and evaluation (what
// the window's lessons start in child processes): the same numbers; --set changes one.
TEST(Cli, TrainLikeARunRepeatsItsConfiguration) {
  const fs::path dir = test::freshTempDir("cli-like");
  const std::string small = " --format synthetic --users 300 --items 100 --heldout-users 30 ";
  const CliResult first =
      runCli("train --model multdae --set epochs=2 --set hidden_dim=16 --cohort-edges 5,20 --json" + small +
             "--out " + (dir / "first").string());
  ASSERT_EQ(first.exitCode, 0) << first.err;
  const CliResult again = runCli("train --like " + (dir / "first").string() + " --json --out " + (dir / "again").string());
  ASSERT_EQ(again.exitCode, 0) << again.err;
  const RunConfig a = readRunConfig(dir / "first"), b = readRunConfig(dir / "again");
  EXPECT_EQ(b.model, "multdae");
  EXPECT_EQ(b.params, a.params);
  EXPECT_EQ(b.data.describe(), a.data.describe());
  EXPECT_EQ(b.evaluation.cohortEdges, a.evaluation.cohortEdges);
  EXPECT_EQ(again.lastJson().at("test"), first.lastJson().at("test"));

  const CliResult reseeded = runCli("train --like " + (dir / "first").string() + " --set seed=5 --json --out " +
                                    (dir / "reseeded").string());
  ASSERT_EQ(reseeded.exitCode, 0) << reseeded.err;
  EXPECT_EQ(reseeded.lastJson().at("params").at("seed"), "5");
  EXPECT_NE(reseeded.lastJson().at("test"), first.lastJson().at("test"));

  const CliResult both = runCli("train --like " + (dir / "first").string() + " --model multvae");
  EXPECT_NE(both.exitCode, 0);
  const CliResult neither = runCli("train" + small);
  EXPECT_NE(neither.exitCode, 0);
  EXPECT_NE(neither.err.find("give --model NAME, or --like FOLDER"), std::string::npos) << neither.err;
}

TEST(Cli, IterativeModelReportsEpochsAndItsRunServesRecommendations) {
  const fs::path run = test::freshTempDir("cli-vae") / "multvae";
  const CliResult trained = runCli("train --model multvae --set epochs=3 --json" + ml100k() + "--out " + run.string());
  ASSERT_EQ(trained.exitCode, 0) << trained.err;
  const nlohmann::json r = trained.lastJson();
  EXPECT_EQ(r.at("params").at("epochs"), "3");
  EXPECT_GT(r.at("seconds_per_epoch").get<double>(), 0.0);
  EXPECT_GE(r.at("best_epoch").get<int>(), 1);
  EXPECT_LE(r.at("best_epoch").get<int>(), 3);
  EXPECT_GT(r.at("test").at("ndcg@100").get<double>(), 0.05);
  EXPECT_TRUE(fs::exists(run / "events.jsonl"));

  const CliResult evaluated = runCli("eval --json --run " + run.string());
  ASSERT_EQ(evaluated.exitCode, 0) << evaluated.err;
  EXPECT_NEAR(evaluated.lastJson().at("test").at("ndcg@100").get<double>(), r.at("test").at("ndcg@100").get<double>(), 1e-6);
  const CliResult recommended = runCli("recommend --json -n 3 --user 5 --run " + run.string());
  ASSERT_EQ(recommended.exitCode, 0) << recommended.err;
  EXPECT_EQ(recommended.lastJson().at("users").at(0).at("recommendations").size(), 3U);

  // Geometry of the trained run: drift is 0 without masking and the file is complete.
  const fs::path figures = run.parent_path() / "geometry.json";
  const CliResult geometry = runCli("geometry " + run.string() +
                                    " --what drift transfer --sample 200 --rho 0.5 1 --out " + figures.string());
  ASSERT_EQ(geometry.exitCode, 0) << geometry.err;
  std::ifstream figuresFile(figures);
  const nlohmann::json g = nlohmann::json::parse(figuresFile);
  const auto& byRho = g.at("drift").at("by_rho");
  ASSERT_EQ(byRho.size(), 2U);
  EXPECT_EQ(byRho.at(1).at("rho").get<double>(), 1.0);
  EXPECT_EQ(byRho.at(1).at("mean_drift").get<double>(), 0.0);
  EXPECT_GT(byRho.at(0).at("mean_drift").get<double>(), 0.0);
  EXPECT_TRUE(g.at("transfer").at("available").get<bool>());
  ASSERT_EQ(g.at("splits").size(), g.at("sample").size());

  // A test-split user in full detail, beside the maps the trainer saved while training.
  std::string testUser;
  for (std::size_t u = 0; u < g.at("sample").size() && testUser.empty(); ++u)
    if (g.at("splits").at(u) == "test") testUser = g.at("sample").at(u).get<std::string>();
  ASSERT_FALSE(testUser.empty());
  const std::string focusArguments = "geometry " + run.string() + " --what projection --sample 200 --users " +
                                     testUser + " -k 5 --recommendations 4 --rho 0.5 --out ";
  const fs::path focusFigures = run.parent_path() / "focus.json";
  const CliResult focused = runCli(focusArguments + focusFigures.string());
  ASSERT_EQ(focused.exitCode, 0) << focused.err;
  std::ifstream focusFile(focusFigures);
  const nlohmann::json f = nlohmann::json::parse(focusFile);
  const auto& focus = f.at("focus").at(0);
  EXPECT_EQ(focus.at("user"), testUser);
  EXPECT_EQ(focus.at("split"), "test");
  EXPECT_EQ(focus.at("latent_neighbours").size(), 5U);
  ASSERT_EQ(focus.at("recommendations").size(), 4U);
  const auto history = focus.at("history").get<std::set<std::string>>();
  for (const auto& item : focus.at("recommendations")) EXPECT_EQ(history.count(item.get<std::string>()), 0U);
  const auto& projection = f.at("projection");
  ASSERT_EQ(projection.at("masked_clouds").size(), 1U);
  EXPECT_EQ(projection.at("masked_clouds").at(0).at("xy").size(), 16U);
  const auto& frames = projection.at("frames");
  ASSERT_FALSE(frames.at("epochs").empty());
  EXPECT_EQ(frames.at("epochs").back().at("epoch"), 3);  // the last epoch is always saved
  for (const auto& frame : frames.at("epochs"))
    EXPECT_EQ(frame.at("users").size(), frames.at("users").size());
  const fs::path focusCsv = run.parent_path() / "focus.csv";
  ASSERT_EQ(runCli(focusArguments + focusCsv.string()).exitCode, 0);
  const std::string csv = test::readBytes(focusCsv);
  EXPECT_NE(csv.find("\npca_frame_user," + frames.at("users").at(0).get<std::string>() + ",epoch=3,"),
            std::string::npos);
  EXPECT_NE(csv.find("\nfocus_recommendations," + testUser + ","), std::string::npos);

  // A finished run resumes to the same end: its checkpoint is its last epoch.
  const CliResult resumed = runCli("resume --json --run " + run.string());
  ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
  EXPECT_EQ(resumed.lastJson().at("best_epoch"), r.at("best_epoch"));
  EXPECT_NEAR(resumed.lastJson().at("test").at("ndcg@100").get<double>(), r.at("test").at("ndcg@100").get<double>(), 1e-6);
}

TEST_F(CliTrainedRun, ResumeRefusesAClosedFormRun) {
  const CliResult result = runCli("resume --run " + runDir->string());
  EXPECT_NE(result.exitCode, 0);
  EXPECT_NE(result.err.find("nothing to resume"), std::string::npos) << result.err;
}

// SVAE resumes on the time-ordered split it trained on (a random split has other heldout
// items, so its test NDCG would differ), through the same trainer as the VAE family.
TEST(Cli, SvaeRunResumesOnItsTimeOrderedSplit) {
  const fs::path run = test::freshTempDir("cli-svae") / "svae";
  const CliResult trained = runCli(
      "train --json --model svae --set epochs=1 --set embedding_dim=16 --set hidden_dim=16 --set latent_dim=8 "
      "--set threads=1 --out " + run.string());
  ASSERT_EQ(trained.exitCode, 0) << trained.err;
  const CliResult resumed = runCli("resume --json --run " + run.string());
  ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
  EXPECT_EQ(resumed.lastJson().at("best_epoch"), 1);
  EXPECT_NEAR(resumed.lastJson().at("test").at("ndcg@100").get<double>(),
              trained.lastJson().at("test").at("ndcg@100").get<double>(), 1e-6);
  // eval scores the same time-ordered heldout items.
  const CliResult evaluated = runCli("eval --json --run " + run.string());
  ASSERT_EQ(evaluated.exitCode, 0) << evaluated.err;
  EXPECT_NEAR(evaluated.lastJson().at("test").at("ndcg@100").get<double>(),
              trained.lastJson().at("test").at("ndcg@100").get<double>(), 1e-6);
}

// DeepRec trains, resumes and is evaluated on its rating split, by RMSE.
TEST(Cli, DeepRecRunIsEvaluatedByRmseOnItsRatingSplit) {
  const fs::path run = test::freshTempDir("cli-deeprec") / "deeprec";
  const CliResult trained = runCli("train --json --model deeprec --set epochs=2 --set layers=16 --set threads=1" +
                                   ml100k() + "--out " + run.string());
  ASSERT_EQ(trained.exitCode, 0) << trained.err;
  const double testRmse = trained.lastJson().at("test").at("rmse").get<double>();
  EXPECT_GT(testRmse, 0.0);
  EXPECT_TRUE(std::isfinite(testRmse));
  EXPECT_EQ(trained.lastJson().at("details").at("test_ratings"), 1378);  // README's table
  const CliResult resumed = runCli("resume --json --run " + run.string());
  ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
  EXPECT_NEAR(resumed.lastJson().at("test").at("rmse").get<double>(), testRmse, 1e-9);
  EXPECT_EQ(resumed.lastJson().at("details").at("test_ratings"), 1378);
  const CliResult evaluated = runCli("eval --json --run " + run.string());
  ASSERT_EQ(evaluated.exitCode, 0) << evaluated.err;
  EXPECT_NEAR(evaluated.lastJson().at("test").at("rmse").get<double>(), testRmse, 1e-6);
  // It recommends the unrated items with the highest predicted ratings, from the user's
  // training ratings, never an item the user rated in any period.
  const CliResult recommended = runCli("recommend --json --run " + run.string() + " --user 1");
  ASSERT_EQ(recommended.exitCode, 0) << recommended.err;
  const nlohmann::json user = recommended.lastJson().at("users").at(0);
  EXPECT_EQ(user.at("known_items"), 272);
  std::set<std::string> rated;
  std::ifstream ratings(test::sharedData("ml-100k") / "u.data");
  for (std::string u, item, rest; ratings >> u >> item && std::getline(ratings, rest);)
    if (u == "1") rated.insert(item);
  ASSERT_EQ(rated.size(), 272U);  // user 1 of ML-100K
  EXPECT_GT(user.at("ratings").get<int>(), 0);
  EXPECT_LE(user.at("ratings").get<int>(), 272);  // the training period's
  ASSERT_EQ(user.at("recommendations").size(), 10U);
  double previous = std::numeric_limits<double>::infinity();
  for (const auto& entry : user.at("recommendations")) {
    EXPECT_EQ(rated.count(entry.at("item").get<std::string>()), 0U) << entry.dump();
    EXPECT_LE(entry.at("score").get<double>(), previous);
    previous = entry.at("score").get<double>();
  }
}

TEST(Cli, SplitFolderGivesTheSameResultsAsTheRawDataset) {
  const fs::path dir = test::freshTempDir("cli-split") / "split";
  CliResult result = runCli("split" + ml100k() + "--out " + dir.string());
  ASSERT_EQ(result.exitCode, 0) << result.err;
  const CliResult fromSplit = runCli("train --model ease --json --out " + (dir.parent_path() / "a").string() +
                                     " --split " + dir.string());
  const CliResult fromRaw = runCli("train --model ease --json" + ml100k() + "--out " + (dir.parent_path() / "b").string());
  ASSERT_EQ(fromSplit.exitCode, 0) << fromSplit.err;
  ASSERT_EQ(fromRaw.exitCode, 0) << fromRaw.err;
  EXPECT_DOUBLE_EQ(fromSplit.lastJson().at("test").at("ndcg@100").get<double>(),
                   fromRaw.lastJson().at("test").at("ndcg@100").get<double>());
}

TEST(Cli, ModelHelpListsItsOptions) {
  const CliResult result = runCli("train --model ease --help");
  EXPECT_EQ(result.exitCode, 0);
  EXPECT_NE(result.out.find("lambda_grid"), std::string::npos) << result.out;
}

TEST(Cli, BadOptionValuesAreRefused) {
  CliResult result = runCli("train --model ease --set lambda=abc");
  EXPECT_NE(result.exitCode, 0);
  EXPECT_NE(result.err.find("lambda"), std::string::npos) << result.err;
  result = runCli("train --model ease --set nonsense=1");
  EXPECT_NE(result.exitCode, 0);
  EXPECT_NE(result.err.find("nonsense"), std::string::npos) << result.err;
  result = runCli("train --model no-such-model");
  EXPECT_NE(result.exitCode, 0);
}

TEST(Cli, MalformedDatasetNamesFileAndLineAndWritesNothing) {
  const fs::path dir = test::freshTempDir("cli-bad");
  test::writeText(dir / "ratings.dat", "1::10::5\n1::11::4\n2;12;3\n");
  const fs::path out = dir / "split";
  const CliResult result = runCli("split --format ml-1m --path " + (dir / "ratings.dat").string() + " --out " + out.string());
  EXPECT_NE(result.exitCode, 0);
  EXPECT_NE(result.err.find("ratings.dat:3"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST(Cli, SplitFolderWithMissingFilesIsRefused) {
  const fs::path dir = test::freshTempDir("cli-missing");
  test::writeText(dir / "unique_sid.txt", "1\n");
  const CliResult result = runCli("train --model ease --split " + dir.string());
  EXPECT_NE(result.exitCode, 0);
  EXPECT_NE(result.err.find("train.csv"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace vaecf
