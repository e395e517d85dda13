#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <map>

#include <nlohmann/json.hpp>

#include "common/Error.h"
#include "data/DataSource.h"
#include "data/Protocol.h"
#include "data/SyntheticData.h"
#include "plugin/DatasetFormat.h"
#include "eval/Evaluator.h"
#include "ease/Ease.h"

namespace vaecf {
namespace {

std::vector<std::size_t> activity(const SyntheticData& data) {
  std::vector<std::size_t> perUser(data.log.users.size(), 0);
  for (const Interaction& row : data.log.interactions) ++perUser[row.user];
  return perUser;
}

TEST(SyntheticData, SameSeedSameDataOtherSeedOtherData) {
  SyntheticOptions options;
  options.users = 200;
  const SyntheticData a = generateSyntheticData(options), b = generateSyntheticData(options);
  ASSERT_EQ(a.log.interactions.size(), b.log.interactions.size());
  for (std::size_t i = 0; i < a.log.interactions.size(); ++i)
    ASSERT_EQ(a.log.interactions[i].item, b.log.interactions[i].item);
  options.seed = 2;
  EXPECT_NE(generateSyntheticData(options).log.interactions.size(), a.log.interactions.size());
}

TEST(SyntheticData, ActivityIsWidelySpread) {
  const SyntheticData data = generateSyntheticData({});
  std::vector<std::size_t> perUser = activity(data);
  std::sort(perUser.begin(), perUser.end());
  EXPECT_GE(perUser.front(), 5U);
  const std::size_t median = perUser[perUser.size() / 2];
  EXPECT_GT(perUser.back(), 4 * median);  // heavy users exist
  EXPECT_LE(perUser[perUser.size() / 10], median / 2 + 1);  // and light ones
}

TEST(SyntheticData, PopularityIsHeavyTailed) {
  const SyntheticData data = generateSyntheticData({});
  std::vector<std::size_t> perItem(data.log.items.size(), 0);
  for (const Interaction& row : data.log.interactions) ++perItem[row.item];
  std::sort(perItem.rbegin(), perItem.rend());
  std::size_t top = 0, total = 0;
  for (std::size_t i = 0; i < perItem.size(); ++i) (i < perItem.size() / 10 ? top : total) += perItem[i];
  total += top;
  EXPECT_GT(static_cast<double>(top) / static_cast<double>(total), 0.3);  // top 10% of items: 3x their share
}

TEST(SyntheticData, UsersMostlyPickTheirCommunitysItems) {
  const SyntheticData data = generateSyntheticData({});
  std::size_t own = 0;
  for (const Interaction& row : data.log.interactions)
    own += data.itemCommunity[row.item] == data.userCommunity[row.user] ? 1 : 0;
  const double share = static_cast<double>(own) / static_cast<double>(data.log.interactions.size());
  // At most 0.8 + 0.2 / 8 by construction, less for heavy users who exhaust their
  // community's block; chance would be 1/8.
  EXPECT_GT(share, 0.6);
  EXPECT_LT(share, 0.83);
}

// Scores every item by its number of training users: the baseline that knows no taste.
class PopularityRecommender : public Recommender {
 public:
  explicit PopularityRecommender(const CsrMatrix& train) : counts_(train.cols(), 0.0F) {
    for (std::int32_t c : train.columns()) counts_[c] += 1.0F;
  }
  std::int64_t items() const override { return static_cast<std::int64_t>(counts_.size()); }
  void score(const CsrMatrix&, std::int64_t begin, std::int64_t end, float* out) const override {
    for (std::int64_t r = begin; r < end; ++r) std::memcpy(out + (r - begin) * items(), counts_.data(), counts_.size() * 4);
  }

 private:
  std::vector<float> counts_;
};

TEST(SyntheticData, PlantedCommunitiesAreRecoverableByEaseNotByPopularity) {
  const SyntheticData data = generateSyntheticData({});
  ProtocolOptions protocol;
  protocol.heldoutUsers = 200;
  const Split split = strongGeneralizationSplit(data.log, binarize(data.log, protocol), protocol);
  const auto ease = EaseRecommender::fit(split.train, {});
  const double easeNdcg = evaluate(*ease, split.testFoldIn, split.testHeldout).metrics.at("ndcg@100").mean;
  const double popularNdcg =
      evaluate(PopularityRecommender(split.train), split.testFoldIn, split.testHeldout).metrics.at("ndcg@100").mean;
  EXPECT_GT(easeNdcg, 1.5 * popularNdcg) << "EASE " << easeNdcg << " vs popularity " << popularNdcg;
}

TEST(SyntheticData, PresetsHaveThePublishedShapes) {
  const SyntheticOptions ml20m = syntheticPreset("ml-20m");
  EXPECT_EQ(ml20m.users, 136677U);
  EXPECT_EQ(ml20m.items, 20108U);
  EXPECT_DOUBLE_EQ(ml20m.meanActivity * ml20m.users, 10.0e6);
  EXPECT_EQ(syntheticPreset("netflix").items, 17769U);
  EXPECT_EQ(syntheticPreset("msd").users, 571355U);
  EXPECT_THROW(syntheticPreset("ml-30m"), Error);
}

TEST(SyntheticData, TheSyntheticFormatReadsNoFileAndItsOptionsSurviveARunConfig) {
  DataSource source;
  ImportOptions raw{"synthetic", {}, {{"users", "300"}, {"items", "120"}, {"mean_activity", "20"}, {"seed", "7"}}};
  EXPECT_FALSE(findFormat(raw.format).readsPath);
  EXPECT_EQ(resolveImport(raw), "");
  EXPECT_EQ(raw.options.at("communities"), "8");  // every option recorded, the defaults too
  source.raw = raw;
  const DataSource reread = dataSourceFromJson(toJson(source));
  ASSERT_TRUE(reread.raw.has_value());
  EXPECT_EQ(reread.raw->format, "synthetic");
  EXPECT_EQ(reread.raw->options, raw.options);
  // Importing it generates the data: the same log as the generator gives.
  const InteractionLog log = importDataset(*reread.raw);
  SyntheticOptions generator;
  generator.users = 300;
  generator.items = 120;
  generator.meanActivity = 20.0;
  generator.seed = 7;
  EXPECT_EQ(log.interactions.size(), generateSyntheticData(generator).log.interactions.size());
  EXPECT_EQ(log.users.size(), 300U);
}

}  // namespace
}  // namespace vaecf
