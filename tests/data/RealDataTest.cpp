#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "TestData.h"
#include "data/DataSource.h"
#include "data/Importers.h"
#include "data/Protocol.h"

namespace fs = std::filesystem;

namespace vaecf {
namespace {

InteractionLog importReal(const std::string& format, const fs::path& path) {
  return importDataset(ImportOptions{format, path, {}});
}

std::map<float, std::size_t> ratingHistogram(const InteractionLog& log) {
  std::map<float, std::size_t> histogram;
  for (const Interaction& row : log.interactions) ++histogram[row.value];
  return histogram;
}

std::pair<std::int64_t, std::int64_t> timestampRange(const InteractionLog& log) {
  const auto [first, last] = std::minmax_element(
      log.interactions.begin(), log.interactions.end(),
      [](const Interaction& a, const Interaction& b) { return a.timestamp < b.timestamp; });
  return {first->timestamp, last->timestamp};
}

// The protocol's positives counted without the importer or binarize: rating >= 4,
// duplicate (user, item) pairs once, users with at least 5 such pairs.
struct Recount {
  std::size_t users = 0;
  std::uint64_t positives = 0;
};

Recount recountPositives(const fs::path& ratings, const std::string& separator) {
  std::set<std::pair<long, long>> pairs;
  std::ifstream in(ratings);
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t itemStart = line.find(separator) + separator.size();
    const std::size_t ratingStart = line.find(separator, itemStart) + separator.size();
    if (std::stod(line.substr(ratingStart)) >= 4)
      pairs.emplace(std::stol(line), std::stol(line.substr(itemStart)));
  }
  std::map<long, std::uint64_t> perUser;
  for (const auto& [user, item] : pairs) ++perUser[user];
  Recount recount;
  for (const auto& [user, count] : perUser) {
    if (count < 5) continue;
    ++recount.users;
    recount.positives += count;
  }
  return recount;
}

PositiveSets binarizeAtFourStars(const InteractionLog& log) {
  ProtocolOptions options;
  options.positiveThreshold = 4;
  options.minUserPositives = 5;
  return binarize(log, options);
}

TEST(RealDataMl1m, CountsHistogramAndCatalogue) {
  const InteractionLog log = importReal("ml-1m", test::sharedData("ml-1m"));

  EXPECT_EQ(log.interactions.size(), 1'000'209U);
  EXPECT_EQ(log.users.size(), 6'040U);
  EXPECT_EQ(log.items.size(), 3'706U);
  EXPECT_EQ(ratingHistogram(log),
            (std::map<float, std::size_t>{
                {1.0F, 56'174}, {2.0F, 107'557}, {3.0F, 261'197}, {4.0F, 348'971}, {5.0F, 226'310}}));
  EXPECT_TRUE(log.explicitValues);
  EXPECT_FALSE(log.hasTimestamps);  // the shared copy was rebuilt without them
  EXPECT_EQ(log.users.external(log.interactions.front().user), "1");
  EXPECT_EQ(log.items.external(log.interactions.front().item), "1193");

  ASSERT_EQ(log.catalog.size(), 3'883U);
  EXPECT_EQ(log.catalog.at("1").title, "Toy Story (1995)");
  EXPECT_EQ(log.catalog.at("1").genres, (std::vector<std::string>{"Animation", "Children's", "Comedy"}));
  EXPECT_EQ(log.catalog.at("73").title, "Mis\xC3\xA9rables, Les (1995)");
  for (std::uint32_t item = 0; item < log.items.size(); ++item) {
    EXPECT_EQ(log.catalog.count(log.items.external(item)), 1U) << "movie " << log.items.external(item);
  }
}

TEST(RealDataMl100k, CountsHistogramTimestampsAndCatalogue) {
  const InteractionLog log = importReal("ml-100k", test::sharedData("ml-100k"));

  EXPECT_EQ(log.interactions.size(), 100'000U);
  EXPECT_EQ(log.users.size(), 943U);
  EXPECT_EQ(log.items.size(), 1'682U);
  EXPECT_EQ(ratingHistogram(log),
            (std::map<float, std::size_t>{
                {1.0F, 6'110}, {2.0F, 11'370}, {3.0F, 27'145}, {4.0F, 34'174}, {5.0F, 21'201}}));
  EXPECT_TRUE(log.hasTimestamps);
  EXPECT_EQ(timestampRange(log), std::make_pair(std::int64_t{874'724'710}, std::int64_t{893'286'638}));

  ASSERT_EQ(log.catalog.size(), 1'682U);
  EXPECT_EQ(log.catalog.at("1").title, "Toy Story (1995)");
  EXPECT_EQ(log.catalog.at("1").genres, (std::vector<std::string>{"Animation", "Children's", "Comedy"}));
  EXPECT_EQ(log.catalog.at("543").title, "Mis\xC3\xA9rables, Les (1995)");
}

TEST(RealDataMlLatestSmall, BundledCopyCountsAndCatalogue) {
  const InteractionLog log = importReal("ml-latest", test::bundledData());

  EXPECT_EQ(log.interactions.size(), 100'836U);
  EXPECT_EQ(log.users.size(), 610U);
  EXPECT_EQ(log.items.size(), 9'724U);
  EXPECT_EQ(ratingHistogram(log), (std::map<float, std::size_t>{{0.5F, 1'370},
                                                                {1.0F, 2'811},
                                                                {1.5F, 1'791},
                                                                {2.0F, 7'551},
                                                                {2.5F, 5'550},
                                                                {3.0F, 20'047},
                                                                {3.5F, 13'136},
                                                                {4.0F, 26'818},
                                                                {4.5F, 8'551},
                                                                {5.0F, 13'211}}));
  EXPECT_EQ(timestampRange(log), std::make_pair(std::int64_t{828'124'615}, std::int64_t{1'537'799'250}));

  ASSERT_EQ(log.catalog.size(), 9'742U);
  EXPECT_EQ(log.catalog.at("11").title, "American President, The (1995)");
  EXPECT_EQ(log.catalog.at("11").genres, (std::vector<std::string>{"Comedy", "Drama", "Romance"}));
}

TEST(RealDataCiteULike, CountsOfCiteULikeA) {
  const InteractionLog log = importReal("citeulike", test::sharedData("citeulike-a"));

  EXPECT_EQ(log.users.size(), 5'551U);
  EXPECT_EQ(log.items.size(), 16'980U);
  EXPECT_EQ(log.interactions.size(), 204'986U);
  EXPECT_FALSE(log.explicitValues);
  EXPECT_FALSE(log.hasTimestamps);
  EXPECT_EQ(log.users.external(log.interactions.back().user), "5550");
}

TEST(RealDataProtocol, Ml1mPositivesMatchAnIndependentRecount) {
  const fs::path ratings = test::sharedData("ml-1m/ratings.dat");
  const Recount recount = recountPositives(ratings, "::");
  EXPECT_EQ(recount.users, 6'034U);
  EXPECT_EQ(recount.positives, 575'272U);

  const PositiveSets positives = binarizeAtFourStars(importReal("ml-1m", ratings));
  EXPECT_EQ(positives.users.size(), recount.users);
  EXPECT_EQ(positives.positives, recount.positives);
}

TEST(RealDataProtocol, Ml100kPositivesMatchAnIndependentRecount) {
  const fs::path ratings = test::sharedData("ml-100k/u.data");
  const Recount recount = recountPositives(ratings, "\t");
  EXPECT_EQ(recount.users, 938U);
  EXPECT_EQ(recount.positives, 55'361U);

  const PositiveSets positives = binarizeAtFourStars(importReal("ml-100k", ratings));
  EXPECT_EQ(positives.users.size(), recount.users);
  EXPECT_EQ(positives.positives, recount.positives);
}

// --heldout-order time: the same users and the same positives per heldout user as the
// random protocol, but what is scored is each heldout user's latest positives.
TEST(RealDataProtocol, TimeOrderedHeldoutKeepsTheUsersAndScoresTheLatestPositives) {
  DataSource source;
  source.raw = ImportOptions{};
  source.raw->format = "ml-100k";
  source.raw->path = test::sharedData("ml-100k");
  const LoadedData random = loadData(source);
  source.protocol.heldoutByTime = true;
  const LoadedData byTime = loadData(dataSourceFromJson(toJson(source)));

  ASSERT_EQ(byTime.split.testUserIds, random.split.testUserIds);
  ASSERT_EQ(byTime.split.itemIds, random.split.itemIds);
  ASSERT_EQ(byTime.split.train.nonZeros(), random.split.train.nonZeros());
  const InteractionLog& log = *byTime.log;
  std::map<std::pair<std::string, std::string>, std::int64_t> firstTime;
  for (const Interaction& row : log.interactions) {
    const auto key = std::make_pair(log.users.external(row.user), log.items.external(row.item));
    const auto [entry, added] = firstTime.try_emplace(key, row.timestamp);
    if (!added) entry->second = std::min(entry->second, row.timestamp);
  }
  auto items = [&](const CsrMatrix& matrix, std::int64_t row) {
    std::set<std::string> ids;
    for (std::int64_t k = 0; k < matrix.rowSize(row); ++k)
      ids.insert(byTime.split.itemIds[static_cast<std::size_t>(matrix.rowColumns(row)[k])]);
    return ids;
  };
  std::size_t cutUsers = 0;
  for (std::int64_t row = 0; row < byTime.split.testFoldIn.rows(); ++row) {
    const std::string& user = byTime.split.testUserIds[static_cast<std::size_t>(row)];
    std::set<std::string> all = items(random.split.testFoldIn, row), now = items(byTime.split.testFoldIn, row);
    const auto heldout = items(byTime.split.testHeldout, row);
    for (const auto& item : items(random.split.testHeldout, row)) all.insert(item);
    std::set<std::string> rejoined = now;
    rejoined.insert(heldout.begin(), heldout.end());
    ASSERT_EQ(rejoined, all) << "user " << user;
    ASSERT_EQ(heldout.size(), items(random.split.testHeldout, row).size()) << "user " << user;
    if (heldout.empty()) continue;
    std::int64_t latestFoldIn = INT64_MIN, earliestHeldout = INT64_MAX;
    for (const auto& item : now) latestFoldIn = std::max(latestFoldIn, firstTime.at({user, item}));
    for (const auto& item : heldout) earliestHeldout = std::min(earliestHeldout, firstTime.at({user, item}));
    EXPECT_LE(latestFoldIn, earliestHeldout) << "user " << user;
    ++cutUsers;
  }
  EXPECT_GT(cutUsers, 0U);
}

}  // namespace
}  // namespace vaecf
