#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "common/Error.h"
#include "eval/RankingMetrics.h"

namespace vaecf {
namespace {

using Items = std::vector<std::int32_t>;

const double kInvLog2Of3 = 1.0 / std::log2(3.0);  // discount of rank 2

Items top(const std::vector<float>& scores, const Items& excluded, std::size_t k) {
  return topK(scores.data(), static_cast<std::int64_t>(scores.size()), excluded.data(), excluded.size(), k);
}

TEST(MetricTopK, OrdersByDescendingScore) {
  EXPECT_EQ(top({0.1F, 0.9F, 0.5F, 0.7F, 0.3F}, {}, 3), (Items{1, 3, 2}));
}

TEST(MetricTopK, BreaksTiesBySmallerIndex) {
  EXPECT_EQ(top({0.5F, 0.9F, 0.5F, 0.9F, 0.5F}, {}, 4), (Items{1, 3, 0, 2}));
}

TEST(MetricTopK, NeverReturnsExcludedItems) {
  // The exclusion list is unsorted, as a CSR row in file order is.
  EXPECT_EQ(top({0.1F, 0.9F, 0.5F, 0.7F, 0.3F}, {3, 1}, 3), (Items{2, 4, 0}));
}

TEST(MetricTopK, ReturnsEveryCandidateWhenKExceedsThem) {
  EXPECT_EQ(top({0.2F, 0.4F, 0.3F}, {1}, 5), (Items{2, 0}));
  EXPECT_TRUE(top({0.2F, 0.4F}, {}, 0).empty());
}

TEST(MetricTopK, RanksNanLast) {
  EXPECT_EQ(top({std::numeric_limits<float>::quiet_NaN(), 0.2F, 0.1F}, {}, 3), (Items{1, 2, 0}));
}

TEST(MetricTopK, MatchesAFullSortOnManyTiedScores) {
  std::mt19937 random(7);
  std::vector<float> scores(2000);
  for (float& score : scores) score = static_cast<float>(random() % 50) / 10.0F;  // heavy ties
  Items excluded;
  for (std::int32_t item = 0; item < 2000; item += 7) excluded.push_back(item);

  Items expected;
  for (std::int32_t item = 0; item < 2000; ++item) {
    if (item % 7 != 0) expected.push_back(item);
  }
  std::stable_sort(expected.begin(), expected.end(),
                   [&](std::int32_t a, std::int32_t b) { return scores[a] > scores[b]; });
  expected.resize(100);
  EXPECT_EQ(top(scores, excluded, 100), expected);
}

TEST(MetricNdcg, HandComputedCase) {
  // Rank 2 is the only hit: DCG = 1/log2(3); two heldout items: IDCG = 1 + 1/log2(3).
  EXPECT_NEAR(ndcgAtK({3, 1, 7}, {1, 9}, 3), kInvLog2Of3 / (1.0 + kInvLog2Of3), 1e-12);
  EXPECT_NEAR(ndcgAtK({3, 1, 7}, {1, 9}, 3), 0.386852807, 1e-9);
}

TEST(MetricNdcg, IdealGainStopsAtTheHeldoutCount) {
  // One heldout item at rank 3: DCG = 1/log2(4) = 0.5 and IDCG = 1, not 1 + 1/log2(3) + 0.5.
  EXPECT_DOUBLE_EQ(ndcgAtK({3, 1, 7}, {7}, 3), 0.5);
}

TEST(MetricNdcg, IdealGainStopsAtK) {
  // Four heldout items, k = 2, both ranks hit: DCG equals IDCG over two ranks.
  EXPECT_DOUBLE_EQ(ndcgAtK({2, 4, 9}, {2, 4, 6, 8}, 2), 1.0);
}

TEST(MetricNdcg, CountsOnlyTheFirstKRanks) { EXPECT_DOUBLE_EQ(ndcgAtK({3, 1, 7}, {7}, 2), 0.0); }

TEST(MetricNdcg, IsZeroWithoutOverlap) { EXPECT_DOUBLE_EQ(ndcgAtK({3, 1, 7}, {4, 5}, 3), 0.0); }

TEST(MetricNdcg, RejectsAnEmptyHeldoutSetAndZeroK) {
  EXPECT_THROW(ndcgAtK({3, 1, 7}, {}, 3), Error);
  EXPECT_THROW(ndcgAtK({3, 1, 7}, {1}, 0), Error);
}

TEST(MetricRecall, DividesByTheSmallerOfKAndHeldout) {
  EXPECT_DOUBLE_EQ(recallAtK({3, 1, 7}, {1, 9}, 3), 0.5);              // 1 hit / min(3, 2)
  EXPECT_DOUBLE_EQ(recallAtK({3, 1, 7}, {1, 9, 4, 5}, 3), 1.0 / 3.0);  // 1 hit / min(3, 4)
  EXPECT_DOUBLE_EQ(recallAtK({3, 1, 7}, {7}, 3), 1.0);                 // fewer heldout items than k
}

TEST(MetricRecall, ReachesOneWhenAllTopKAreHitsAndHeldoutExceedsK) {
  EXPECT_DOUBLE_EQ(recallAtK({2, 4, 9}, {2, 4, 6, 8}, 2), 1.0);
  EXPECT_DOUBLE_EQ(textbookRecallAtK({2, 4, 9}, {2, 4, 6, 8}, 2), 0.5);
}

TEST(MetricRecall, TextbookVariantDividesByTheHeldoutCount) {
  EXPECT_DOUBLE_EQ(textbookRecallAtK({3, 1, 7}, {1, 9, 4, 5}, 3), 0.25);
  EXPECT_DOUBLE_EQ(textbookRecallAtK({3, 1, 7}, {7}, 3), 1.0);
}

TEST(MetricRecall, IsZeroWithoutOverlap) {
  EXPECT_DOUBLE_EQ(recallAtK({3, 1, 7}, {4, 5}, 3), 0.0);
  EXPECT_DOUBLE_EQ(textbookRecallAtK({3, 1, 7}, {4, 5}, 3), 0.0);
}

TEST(MetricRecall, RejectsAnEmptyHeldoutSet) {
  EXPECT_THROW(recallAtK({3}, {}, 1), Error);
  EXPECT_THROW(textbookRecallAtK({3}, {}, 1), Error);
}

TEST(MetricSpecName, RoundTripsThroughParse) {
  for (const std::string name : {"ndcg@100", "recall@20", "recall_textbook@20", "ndcg@1"}) {
    EXPECT_EQ(parseMetric(name).name(), name);
  }
  const MetricSpec textbook = parseMetric("recall_textbook@50");
  EXPECT_EQ(textbook.kind, MetricKind::TextbookRecall);
  EXPECT_EQ(textbook.k, 50U);
}

TEST(MetricSpecName, RejectsMalformedNames) {
  for (const std::string name : {"ndcg@0", "ndcg@", "ndcg", "@10", "mrr@10", "NDCG@10", "ndcg@10x", "ndcg@-1",
                                 "ndcg@+5", "ndcg@ 5", "recall@99999999999999999999999"}) {
    try {
      parseMetric(name);
      ADD_FAILURE() << name << " was accepted";
    } catch (const Error& error) {
      const std::string message = error.what();
      EXPECT_NE(message.find("'" + name + "'"), std::string::npos) << message;
      EXPECT_NE(message.find("K >= 1"), std::string::npos) << message;
    }
  }
}

TEST(MetricSpecName, HeadlineMetricsAreThePapers) {
  std::vector<std::string> names;
  for (const MetricSpec& metric : headlineMetrics()) names.push_back(metric.name());
  EXPECT_EQ(names, (std::vector<std::string>{"ndcg@100", "recall@20", "recall@50"}));
}

}  // namespace
}  // namespace vaecf
