// `vaecf bench --scale` at tiny fractions of ML-20M: the report's structure and invariants.
// Never its timings: they depend on the machine and its load (docs/scale.md).
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "CliRunner.h"
#include "plugin/ModelCatalog.h"

namespace vaecf {
namespace {

const std::vector<std::string> kStages = {"generate", "write ml-20m", "write netflix", "import netflix",
                                          "import ml-20m", "binarise", "split", "csr",
                                          "train", "evaluate", "top-n", "latent frame"};

bool positiveNumber(const nlohmann::json& value) { return value.is_number() && value.get<double>() > 0.0; }
bool finiteNumber(const nlohmann::json& value) { return value.is_number() && std::isfinite(value.get<double>()); }

TEST(ScaleBenchCli, ReportsEveryStageAtEachSizeWithFiniteGrowthExponents) {
  // Given out of order: the sizes run ascending.
  const test::CliOutcome run = test::runVaecf("bench --scale --fractions 0.004,0.002 --json");
  ASSERT_EQ(run.exitCode, 0) << run.err;
  const nlohmann::json report = run.lastJson();
  EXPECT_EQ(report["preset"], "ml-20m");
  // Without --scale-model, the epoch is a model's that trains data-parallel.
  EXPECT_TRUE(findModel(report["model"].get<std::string>()).capabilities.dataParallel) << report["model"];
  const bool peaksMeasured = !report.contains("peak_memory_refused");
  const nlohmann::json& sizes = report["sizes"];
  ASSERT_EQ(sizes.size(), 2U);
  EXPECT_EQ(sizes[0]["fraction"], 0.002);
  EXPECT_EQ(sizes[1]["fraction"], 0.004);
  for (const char* count : {"users", "interactions", "heldout_users"})
    EXPECT_LT(sizes[0][count].get<double>(), sizes[1][count].get<double>()) << count;
  for (const nlohmann::json& size : sizes) {
    EXPECT_TRUE(positiveNumber(size["items"]));
    EXPECT_TRUE(positiveNumber(size["process_peak_mb"]));
    ASSERT_EQ(size["stages"].size(), kStages.size());
    for (std::size_t s = 0; s < kStages.size(); ++s) {
      const nlohmann::json& stage = size["stages"][s];
      EXPECT_EQ(stage["stage"], kStages[s]);
      EXPECT_TRUE(positiveNumber(stage["seconds"])) << stage.dump();
      EXPECT_TRUE(positiveNumber(stage["start_mb"])) << stage.dump();
      EXPECT_TRUE(peaksMeasured ? positiveNumber(stage["peak_mb"]) : stage["peak_mb"].is_null()) << stage.dump();
      EXPECT_FALSE(stage["detail"].get<std::string>().empty());
    }
  }

  ASSERT_EQ(report["growth"].size(), 1U);
  const nlohmann::json& step = report["growth"][0];
  EXPECT_EQ(step["from"], 0.002);
  EXPECT_EQ(step["to"], 0.004);
  EXPECT_GT(step["interaction_ratio"].get<double>(), 1.0);
  EXPECT_TRUE(finiteNumber(step["process_peak_exponent"]));
  ASSERT_EQ(step["stages"].size(), kStages.size());
  for (const nlohmann::json& stage : step["stages"]) {
    EXPECT_TRUE(finiteNumber(stage["seconds_exponent"])) << stage.dump();
    EXPECT_TRUE(peaksMeasured ? finiteNumber(stage["memory_exponent"]) : stage["memory_exponent"].is_null())
        << stage.dump();
  }
}

TEST(ScaleBenchCli, RefusesAFractionOutsideZeroToOne) {
  const test::CliOutcome run = test::runVaecf("bench --scale --fractions 0.5,1.5");
  EXPECT_NE(run.exitCode, 0);
  EXPECT_NE(run.err.find("--fractions"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace vaecf
