#include <gtest/gtest.h>

#include <set>

#include "TestData.h"
#include "common/Error.h"
#include "data/Importers.h"
#include "data/LegacyNumpyRandom.h"
#include "data/Protocol.h"

namespace vaecf {
namespace {

InteractionLog logOf(const std::vector<std::tuple<std::string, std::string, float>>& rows) {
  InteractionLog log;
  log.source = "inline";
  log.explicitValues = true;
  for (const auto& [user, item, value] : rows)
    log.interactions.push_back(Interaction{log.users.intern(user), log.items.intern(item), value});
  return log;
}

std::set<std::int32_t> rowSet(const CsrMatrix& m, std::int64_t row) {
  return {m.rowColumns(row), m.rowColumns(row) + m.rowSize(row)};
}

TEST(ProtocolNumpy, PermutationMatchesNumpyLegacyGenerator) {
  // np.random.RandomState(98765).permutation(10), NumPy 1.24 (tests/data/fixtures).
  LegacyNumpyRandom random(98765);
  EXPECT_EQ(random.permutation(10), (std::vector<std::uint32_t>{8, 7, 1, 2, 0, 6, 9, 4, 3, 5}));
}

TEST(ProtocolDefaults, StarsAndTenPointScalesKeepFourCountsHaveNone) {
  EXPECT_EQ(defaultPositiveThreshold(logOf({{"1", "a", 5}, {"1", "b", 3.5}})), 4.0);
  EXPECT_EQ(defaultPositiveThreshold(logOf({{"1", "a", 10}, {"1", "b", 2}})), 4.0);
  EXPECT_EQ(defaultPositiveThreshold(logOf({{"1", "a", 11.5}, {"1", "b", 2}})), 4.0);  // not whole: no count
  EXPECT_EQ(defaultPositiveThreshold(logOf({{"1", "a", 13883}, {"1", "b", 2}})), std::nullopt);
  InteractionLog implicit = logOf({{"1", "a", 1}});
  implicit.explicitValues = false;
  EXPECT_EQ(defaultPositiveThreshold(implicit), std::nullopt);
  EXPECT_TRUE(valueNotes(implicit, {}).empty());
}

TEST(ProtocolDefaults, NotesNameCountsAndNegativeValues) {
  const InteractionLog counts = logOf({{"1", "a", 13883}, {"1", "b", 2}});
  EXPECT_EQ(valueNotes(counts, {}), std::vector<std::string>{
                                        "the values look like counts (whole numbers up to 13883), not star ratings: "
                                        "every interaction is positive; --min-rating N keeps those counted at least N "
                                        "times"});
  ProtocolOptions threshold;
  threshold.positiveThreshold = 4.0;
  EXPECT_TRUE(valueNotes(counts, threshold).empty());
  EXPECT_TRUE(valueNotes(logOf({{"1", "a", 5}, {"1", "b", 0}}), threshold).empty());
  EXPECT_EQ(valueNotes(logOf({{"1", "a", -9.75}, {"1", "b", 5}, {"2", "b", -1}}), threshold),
            std::vector<std::string>{"2 values are negative (lowest -9.75): never positive under value >= 4"});
}

TEST(ProtocolBinarize, ThresholdDuplicatesAndUserFilter) {
  const InteractionLog log = logOf({{"10", "a", 5}, {"9", "a", 4}, {"10", "b", 3}, {"10", "c", 4},
                                    {"9", "b", 5}, {"10", "a", 4}, {"2", "a", 1}, {"10", "d", 4.5}});
  ProtocolOptions options;
  options.positiveThreshold = 4.0;
  options.minUserPositives = 2;
  const PositiveSets positives = binarize(log, options);
  // User 2 has no positive, user 10's duplicate (10, a) counts once; numeric order 9 < 10.
  ASSERT_EQ(positives.users.size(), 2U);
  EXPECT_EQ(log.users.external(positives.users[0]), "9");
  EXPECT_EQ(log.users.external(positives.users[1]), "10");
  EXPECT_EQ(positives.positives, 5U);
  std::vector<std::string> items;
  for (std::uint32_t item : positives.items[1]) items.push_back(log.items.external(item));
  EXPECT_EQ(items, (std::vector<std::string>{"a", "c", "d"}));  // file order, 3 stars dropped

  options.minUserPositives = 3;
  EXPECT_EQ(binarize(log, options).users.size(), 1U);
  options.positiveThreshold.reset();  // every interaction counts
  options.minUserPositives = 1;
  EXPECT_EQ(binarize(log, options).positives, 7U);  // 10: a b c d, 9: a b, 2: a
}

class ProtocolSplit : public ::testing::Test {
 protected:
  // 40 users, each with 6-25 items out of 30, a few items never seen by training users.
  void SetUp() override {
    for (int u = 1; u <= 40; ++u)
      for (int k = 0; k < 6 + (u * 7) % 20; ++k) rows.emplace_back(std::to_string(u), std::to_string((u + 3 * k) % 30), 5.0F);
    log = logOf(rows);
    options.positiveThreshold = 4.0;
    options.heldoutUsers = 5;
    split = strongGeneralizationSplit(log, binarize(log, options), options);
  }
  std::vector<std::tuple<std::string, std::string, float>> rows;
  InteractionLog log;
  ProtocolOptions options;
  Split split;
};

TEST_F(ProtocolSplit, UsersArePartitioned) {
  EXPECT_EQ(split.train.rows(), 30);
  EXPECT_EQ(split.validationFoldIn.rows(), 5);
  EXPECT_EQ(split.testHeldout.rows(), 5);
  std::set<std::string> all(split.trainUserIds.begin(), split.trainUserIds.end());
  all.insert(split.validationUserIds.begin(), split.validationUserIds.end());
  all.insert(split.testUserIds.begin(), split.testUserIds.end());
  EXPECT_EQ(all.size(), 40U);
}

TEST_F(ProtocolSplit, HeldoutIsTwentyPercentOfInVocabularyItems) {
  std::set<std::string> trainItems;
  for (std::int64_t r = 0; r < split.train.rows(); ++r)
    for (std::int32_t c : rowSet(split.train, r)) trainItems.insert(split.itemIds[c]);
  EXPECT_EQ(trainItems.size(), split.itemIds.size());  // vocabulary = items of training users

  for (std::int64_t r = 0; r < split.testFoldIn.rows(); ++r) {
    const auto foldIn = rowSet(split.testFoldIn, r), heldout = rowSet(split.testHeldout, r);
    const std::size_t n = foldIn.size() + heldout.size();
    EXPECT_EQ(heldout.size(), static_cast<std::size_t>(0.2 * static_cast<double>(n)));
    for (std::int32_t c : heldout) EXPECT_EQ(foldIn.count(c), 0U);
  }
}

TEST_F(ProtocolSplit, SameSeedSameSplitOtherSeedOtherSplit) {
  const Split again = strongGeneralizationSplit(log, binarize(log, options), options);
  EXPECT_EQ(again.testUserIds, split.testUserIds);
  EXPECT_EQ(again.testHeldout.columns(), split.testHeldout.columns());
  options.seed = 1;
  EXPECT_NE(strongGeneralizationSplit(log, binarize(log, options), options).testUserIds, split.testUserIds);
}

TEST_F(ProtocolSplit, RefusesToHoldOutEveryUser) {
  options.heldoutUsers = 20;
  EXPECT_THROW(strongGeneralizationSplit(log, binarize(log, options), options), Error);
}

TEST(ProtocolSplitErrors, EmptyAfterFilteringNamesTheSource) {
  const InteractionLog log = logOf({{"1", "a", 5}, {"1", "b", 2}});
  ProtocolOptions options;
  options.positiveThreshold = 4.0;
  try {
    strongGeneralizationSplit(log, binarize(log, options), options);
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), "inline");
    EXPECT_NE(std::string(error.what()).find("no users left"), std::string::npos);
  }
}

// Row count and checksum sum((uid + 1) * 31 + sid) of one canonical file.
std::pair<std::int64_t, std::int64_t> digest(const CsrMatrix& m, std::int64_t firstUid) {
  std::int64_t rows = 0, sum = 0;
  for (std::int64_t r = 0; r < m.rows(); ++r)
    for (std::int64_t k = 0; k < m.rowSize(r); ++k, ++rows) sum += (firstUid + r + 1) * 31 + m.rowColumns(r)[k];
  return {rows, sum};
}

struct ReferenceDigests {
  std::int64_t items;
  std::vector<std::string> firstItems;
  std::pair<std::int64_t, std::int64_t> train, validationTr, validationTe, testTr, testTe;
};

// The numbers come from tests/data/fixtures/reference_split.py: the Mult-VAE notebook's
// preprocessing with NumPy's legacy generator and pandas, run on the same file.
void expectMatchesReference(const Split& split, const ReferenceDigests& expected) {
  EXPECT_EQ(split.items(), expected.items);
  EXPECT_EQ(std::vector<std::string>(split.itemIds.begin(), split.itemIds.begin() + 5), expected.firstItems);
  const std::int64_t validationStart = split.train.rows(), testStart = validationStart + split.validationFoldIn.rows();
  EXPECT_EQ(digest(split.train, 0), expected.train);
  EXPECT_EQ(digest(split.validationFoldIn, validationStart), expected.validationTr);
  EXPECT_EQ(digest(split.validationHeldout, validationStart), expected.validationTe);
  EXPECT_EQ(digest(split.testFoldIn, testStart), expected.testTr);
  EXPECT_EQ(digest(split.testHeldout, testStart), expected.testTe);
}

TEST(ProtocolReference, MovieLens100KSplitEqualsNumpyReference) {
  ImportOptions source;
  source.format = "ml-100k";
  source.path = test::sharedData("ml-100k");
  const InteractionLog log = importDataset(source);
  ProtocolOptions options;
  options.positiveThreshold = 4.0;
  options.heldoutUsers = 50;
  expectMatchesReference(strongGeneralizationSplit(log, binarize(log, options), options),
                         {1433, {"474", "465", "1014", "222", "387"}, {49624, 654000400}, {2215, 59960706},
                          {528, 14298426}, {2398, 68628992}, {578, 16546998}});
}

TEST(ProtocolReference, MovieLens1MSplitEqualsNumpyReference) {
  ImportOptions source;
  source.format = "ml-1m";
  source.path = test::sharedData("ml-1m");
  const InteractionLog log = importDataset(source);
  ProtocolOptions options;
  options.positiveThreshold = 4.0;
  options.heldoutUsers = 600;
  expectMatchesReference(strongGeneralizationSplit(log, binarize(log, options), options),
                         {3497, {"1193", "3408", "2355", "1287", "2804"}, {462827, 35433625751}, {46146, 7386323613},
                          {11228, 1797305191}, {44266, 7896416319}, {10761, 1919548084}});
}

}  // namespace
}  // namespace vaecf
