// `vaecf compare` on two tiny runs trained on the bundled data (60 test users).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "CliRunner.h"
#include "TestData.h"

namespace fs = std::filesystem;

namespace vaecf {
namespace {

class CliCompare : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const fs::path root = test::freshTempDir("cli-compare");
    runA = new fs::path(root / "ease");
    runB = new fs::path(root / "multdae");
    train("--model ease --set lambda=200 --out " + runA->string());
    train("--model multdae --set epochs=1 --out " + runB->string());
  }
  static void TearDownTestSuite() {
    delete runA;
    delete runB;
  }
  static void train(const std::string& arguments) {
    const test::CliOutcome trained = test::runVaecf("train --json " + arguments);
    ASSERT_EQ(trained.exitCode, 0) << trained.err;
  }
  static std::size_t testUsers(const fs::path& run) {
    std::ifstream in(run / "metrics.json");
    return nlohmann::json::parse(in).at("test").at("users").get<std::size_t>();
  }
  static fs::path* runA;
  static fs::path* runB;
};

fs::path* CliCompare::runA = nullptr;
fs::path* CliCompare::runB = nullptr;

TEST_F(CliCompare, JsonPairsEveryTestUserAndTheIntervalHoldsTheMean) {
  const test::CliOutcome result =
      test::runVaecf("compare --json --bootstrap 2000 --seed 5 " + runA->string() + " " + runB->string());
  ASSERT_EQ(result.exitCode, 0) << result.err;
  const nlohmann::json r = result.lastJson();
  for (const char* key : {"run_a", "run_b", "model_a", "model_b", "data", "test_users", "bootstrap_resamples", "seed",
                          "confidence", "alpha", "metrics"})
    EXPECT_TRUE(r.contains(key)) << key;
  EXPECT_EQ(r.at("test_users").get<std::size_t>(), testUsers(*runA));
  EXPECT_EQ(r.at("bootstrap_resamples"), 2000);
  ASSERT_EQ(r.at("metrics").size(), 3u);
  EXPECT_EQ(r.at("metrics")[0].at("metric"), "ndcg@100");
  for (const nlohmann::json& metric : r.at("metrics")) {
    const nlohmann::json& overall = metric.at("overall");
    for (const char* key : {"n", "mean_a", "mean_b", "mean_difference", "sd_difference", "ci_low", "ci_high", "t",
                            "df", "p"})
      EXPECT_TRUE(overall.contains(key)) << key;
    EXPECT_EQ(overall.at("n").get<std::size_t>(), testUsers(*runA));
    const double diff = overall.at("mean_difference").get<double>();
    EXPECT_NEAR(diff, overall.at("mean_a").get<double>() - overall.at("mean_b").get<double>(), 1e-12);
    EXPECT_LE(overall.at("ci_low").get<double>(), diff);
    EXPECT_GE(overall.at("ci_high").get<double>(), diff);
    std::size_t inCohorts = 0;
    for (const nlohmann::json& cohort : metric.at("cohorts")) inCohorts += cohort.at("n").get<std::size_t>();
    EXPECT_EQ(inCohorts, testUsers(*runA));
    EXPECT_TRUE(metric.contains("verdict"));
  }
  // The trained run's own test NDCG@100 is the mean of its per-user values.
  std::ifstream metricsFile(*runA / "metrics.json");
  EXPECT_NEAR(r.at("metrics")[0].at("overall").at("mean_a").get<double>(),
              nlohmann::json::parse(metricsFile).at("test").at("ndcg@100").get<double>(), 1e-9);
}

TEST_F(CliCompare, TableNamesTheBetterRunOrNoDifference) {
  const test::CliOutcome result =
      test::runVaecf("compare --metric ndcg@100 --bootstrap 500 " + runA->string() + " " + runB->string());
  ASSERT_EQ(result.exitCode, 0) << result.err;
  EXPECT_NE(result.out.find("all users"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("95% CI"), std::string::npos);
  EXPECT_TRUE(result.out.find("is better than") != std::string::npos ||
              result.out.find("no significant difference") != std::string::npos)
      << result.out;
  // A run against itself: every difference is zero.
  const test::CliOutcome self = test::runVaecf("compare --json --bootstrap 100 " + runA->string() + " " + runA->string());
  ASSERT_EQ(self.exitCode, 0) << self.err;
  EXPECT_EQ(self.lastJson().at("metrics")[0].at("overall").at("p"), 1.0);
  EXPECT_TRUE(self.lastJson().at("metrics")[0].at("preferred").is_null());
}

TEST_F(CliCompare, RefusesRunsOnAnotherSplit) {
  const fs::path other = test::freshTempDir("cli-compare-other") / "ease";
  train("--model ease --set lambda=200 --heldout-users 50 --out " + other.string());
  const test::CliOutcome result = test::runVaecf("compare " + runA->string() + " " + other.string());
  EXPECT_EQ(result.exitCode, 1);
  EXPECT_NE(result.lastError().find(runA->string()), std::string::npos) << result.err;
  EXPECT_NE(result.lastError().find(other.string()), std::string::npos) << result.err;
  EXPECT_NE(result.lastError().find("test users: 60 vs 50"), std::string::npos) << result.err;
  EXPECT_NE(result.lastError().find("not tested on the same split"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace vaecf
