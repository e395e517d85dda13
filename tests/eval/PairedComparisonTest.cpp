#include "eval/PairedComparison.h"

#include <gtest/gtest.h>

#include <cmath>

#include "common/Error.h"

namespace vaecf {
namespace {

// Integer a, b: I_x(a, b) = sum_{j=a}^{a+b-1} C(a+b-1, j) x^j (1-x)^(a+b-1-j), so
// I_0.3(2, 3) = 6*0.09*0.49 + 4*0.027*0.7 + 0.0081 = 0.3483.
TEST(PairedComparison, IncompleteBetaMatchesClosedForms) {
  EXPECT_NEAR(regularizedIncompleteBeta(2.0, 3.0, 0.3), 0.3483, 1e-12);
  EXPECT_NEAR(regularizedIncompleteBeta(1.0, 1.0, 0.42), 0.42, 1e-12);  // the uniform's CDF
  EXPECT_NEAR(regularizedIncompleteBeta(2.0, 3.0, 0.9), 1.0 - regularizedIncompleteBeta(3.0, 2.0, 0.1), 1e-12);
  EXPECT_EQ(regularizedIncompleteBeta(2.0, 3.0, 0.0), 0.0);
  EXPECT_EQ(regularizedIncompleteBeta(2.0, 3.0, 1.0), 1.0);
  EXPECT_THROW(regularizedIncompleteBeta(0.0, 1.0, 0.5), Error);
  EXPECT_THROW(regularizedIncompleteBeta(1.0, 1.0, 1.5), Error);
}

// Closed forms of the two-sided p: df 1 (Cauchy) 1 - 2 atan(|t|) / pi; df 2
// 1 - |t| / sqrt(2 + t^2); df 4 1 - x (3 - x^2) / 2 with x = |t| / sqrt(4 + t^2).
TEST(PairedComparison, StudentPValuesMatchClosedForms) {
  EXPECT_NEAR(studentTwoSidedP(1.0, 1.0), 0.5, 1e-12);
  EXPECT_NEAR(studentTwoSidedP(2.0, 2.0), 1.0 - 2.0 / std::sqrt(6.0), 1e-12);  // 0.183503419072
  EXPECT_NEAR(studentTwoSidedP(-2.0, 2.0), 1.0 - 2.0 / std::sqrt(6.0), 1e-12);
  const double x = std::sqrt(2.0) / std::sqrt(6.0);
  EXPECT_NEAR(studentTwoSidedP(std::sqrt(2.0), 4.0), 1.0 - x * (3.0 - x * x) / 2.0, 1e-12);  // 0.230199641
  EXPECT_NEAR(studentTwoSidedP(0.0, 7.0), 1.0, 1e-12);
  // Large df approaches the normal: P(|Z| >= 1.959964) = 0.05.
  EXPECT_NEAR(studentTwoSidedP(1.959964, 1e6), 0.05, 1e-5);
}

// A = 1..5, B = 2 everywhere: differences -1, 0, 1, 2, 3; mean 1, sample variance
// (4 + 1 + 0 + 1 + 4) / 4 = 2.5, t = 1 / sqrt(2.5 / 5) = sqrt(2), df 4, p = 0.230199641
// (closed form above; a Simpson integration of the t density in Python agrees).
TEST(PairedComparison, PairedTTestByHand) {
  const PairedResult r = pairedTest({1, 2, 3, 4, 5}, {2, 2, 2, 2, 2}, {1000, 7, 0.95});
  EXPECT_EQ(r.n, 5u);
  EXPECT_DOUBLE_EQ(r.meanA, 3.0);
  EXPECT_DOUBLE_EQ(r.meanB, 2.0);
  EXPECT_DOUBLE_EQ(r.meanDifference, 1.0);
  EXPECT_NEAR(r.sdDifference, std::sqrt(2.5), 1e-12);
  EXPECT_NEAR(r.t, std::sqrt(2.0), 1e-12);
  EXPECT_EQ(r.df, 4.0);
  EXPECT_NEAR(r.p, 0.2301996410805, 1e-10);
  EXPECT_LE(r.interval.low, r.meanDifference);
  EXPECT_GE(r.interval.high, r.meanDifference);
  EXPECT_GE(r.interval.low, -1.0);  // a resample's mean lies within the differences
  EXPECT_LE(r.interval.high, 3.0);
}

TEST(PairedComparison, DegenerateDifferences) {
  const PairedResult same = pairedTest({0.1, 0.2, 0.3}, {0.1, 0.2, 0.3});
  EXPECT_EQ(same.t, 0.0);
  EXPECT_EQ(same.p, 1.0);
  const PairedResult shifted = pairedTest({1.5, 2.5}, {1.0, 2.0});
  EXPECT_TRUE(std::isinf(shifted.t) && shifted.t > 0.0);
  EXPECT_EQ(shifted.p, 0.0);
  const PairedResult single = pairedTest({1.0}, {0.0});
  EXPECT_TRUE(std::isnan(single.t));
  EXPECT_TRUE(std::isnan(single.p));
  EXPECT_THROW(pairedTest({1.0, 2.0}, {1.0}), Error);
  EXPECT_THROW(pairedTest({}, {}), Error);
}

// Differences {0, 1}: a resample's mean is 0, 0.5 or 1 with probabilities 1/4, 1/2, 1/4,
// so with 10000 resamples the 2.5% and 97.5% quantiles are 0 and 1 (a quarter of the
// means sit at each end, far more than 2.5%).
TEST(PairedComparison, BootstrapIntervalByHand) {
  const Interval two = bootstrapMeanInterval({0.0, 1.0}, {10000, 3, 0.95});
  EXPECT_EQ(two.low, 0.0);
  EXPECT_EQ(two.high, 1.0);
  // With a 40% interval both ends are 0.5 (30% and 70% quantiles fall in the middle half).
  const Interval narrow = bootstrapMeanInterval({0.0, 1.0}, {10000, 3, 0.4});
  EXPECT_EQ(narrow.low, 0.5);
  EXPECT_EQ(narrow.high, 0.5);
  const Interval constant = bootstrapMeanInterval({0.25, 0.25, 0.25}, {500, 1, 0.95});
  EXPECT_EQ(constant.low, 0.25);
  EXPECT_EQ(constant.high, 0.25);
  EXPECT_THROW(bootstrapMeanInterval({}, {}), Error);
  EXPECT_THROW(bootstrapMeanInterval({1.0}, {0, 1, 0.95}), Error);
  EXPECT_THROW(bootstrapMeanInterval({1.0}, {10, 1, 1.0}), Error);
}

// 0, 1, ..., 99: mean 49.5, sd 29.011 (sample), so the normal approximation of the mean's
// 95% interval is 49.5 -+ 1.96 * 29.011 / sqrt(100) * sqrt(99/100) (the bootstrap
// resamples from the empirical distribution, whose sd divides by n) = [43.84, 55.16].
TEST(PairedComparison, BootstrapIsSeededAndNearTheNormalInterval) {
  std::vector<double> values;
  for (int i = 0; i < 100; ++i) values.push_back(i);
  const Interval first = bootstrapMeanInterval(values, {10000, 42, 0.95});
  const Interval again = bootstrapMeanInterval(values, {10000, 42, 0.95});
  const Interval other = bootstrapMeanInterval(values, {10000, 43, 0.95});
  EXPECT_EQ(first.low, again.low);
  EXPECT_EQ(first.high, again.high);
  EXPECT_NE(first.low, other.low);
  EXPECT_NEAR(first.low, 43.84, 0.5);
  EXPECT_NEAR(first.high, 55.16, 0.5);
}

TEST(PairedComparison, CohortsFollowTheGivenOrderAndSkipEmptyOnes) {
  const MetricComparison m =
      compareMetric("ndcg@100", true, {0.5, 0.6, 0.2, 0.9}, {0.4, 0.6, 0.1, 0.3}, {"11-50", "5-10", "11-50", "101+"},
                    {"5-10", "11-50", "51-100", "101+"}, {200, 1, 0.95});
  ASSERT_EQ(m.cohorts.size(), 3u);
  EXPECT_EQ(m.cohorts[0].label, "5-10");
  EXPECT_EQ(m.cohorts[1].label, "11-50");
  EXPECT_EQ(m.cohorts[2].label, "101+");
  EXPECT_EQ(m.cohorts[1].result.n, 2u);
  EXPECT_NEAR(m.cohorts[1].result.meanDifference, 0.1, 1e-12);
  EXPECT_EQ(m.overall.n, 4u);
  EXPECT_NEAR(m.overall.meanDifference, 0.2, 1e-12);
  EXPECT_THROW(compareMetric("x", true, {1.0}, {1.0}, {}, {}), Error);
}

TEST(PairedComparison, PreferredRunFollowsTheMetricsDirection) {
  std::vector<double> a, b;
  for (int i = 0; i < 50; ++i) {
    a.push_back(1.0 + 0.01 * (i % 7));
    b.push_back(0.5 + 0.01 * (i % 5));
  }
  EXPECT_EQ(preferredRun(compareMetric("ndcg@100", true, a, b, std::vector<std::string>(50), {})), 1);
  EXPECT_EQ(preferredRun(compareMetric("squared_error", false, a, b, std::vector<std::string>(50), {})), -1);
  EXPECT_EQ(preferredRun(compareMetric("ndcg@100", true, a, a, std::vector<std::string>(50), {})), 0);
}

}  // namespace
}  // namespace vaecf
