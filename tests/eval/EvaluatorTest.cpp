#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/Error.h"
#include "eval/Evaluator.h"

namespace vaecf {
namespace {

// Every user gets the same scores: item 0 best, item 5 worst.
class FixedPopularity final : public Recommender {
 public:
  std::int64_t items() const override { return static_cast<std::int64_t>(popularity_.size()); }
  void score(const CsrMatrix& input, std::int64_t begin, std::int64_t end, float* out) const override {
    for (std::int64_t row = begin; row < end; ++row) {
      std::copy(popularity_.begin(), popularity_.end(), out + (row - begin) * items());
    }
  }

 private:
  // An array, not a vector: GCC 12 warns falsely of a dangling initializer list when the
  // vector's construction is inlined into a test body.
  std::array<float, 6> popularity_{0.9F, 0.8F, 0.7F, 0.6F, 0.5F, 0.4F};
};

const double kInvLog2Of3 = 1.0 / std::log2(3.0);

// Four users over six items. With fold-in items masked, the rankings are
//   user 0: fold-in {0},          ranks 1 2 3 4 5, heldout {1}:    NDCG@2 = 1,               Recall@2 = 1
//   user 1: fold-in {1, 2},       ranks 0 3 4 5,   heldout {5, 0}: NDCG@2 = 1 / (1 + 1/log2 3), Recall@2 =
//   1/2 user 2: fold-in {3},          no heldout items: excluded and counted user 3: fold-in {0, 1, 2, 3},
//   ranks 4 5,       heldout {5}:    NDCG@2 = 1/log2 3,        Recall@2 = 1
struct Fixture {
  CsrMatrix foldIn{6};
  CsrMatrix heldout{6};
  EvaluationOptions options;
  std::vector<double> ndcg{1.0, 1.0 / (1.0 + kInvLog2Of3), kInvLog2Of3};
  std::vector<double> recall{1.0, 0.5, 1.0};

  Fixture() {
    foldIn.appendRow({0});
    heldout.appendRow({1});
    foldIn.appendRow({2, 1});
    heldout.appendRow({5, 0});
    foldIn.appendRow({3});
    heldout.appendRow({});
    foldIn.appendRow({3, 0, 2, 1});
    heldout.appendRow({5});
    options.metrics = {parseMetric("ndcg@2"), parseMetric("recall@2")};
    options.cohortEdges = {2, 4};
  }
};

double mean(const std::vector<double>& values) {
  double sum = 0.0;
  for (const double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

double standardError(const std::vector<double>& values) {
  const double m = mean(values);
  double squares = 0.0;
  for (const double v : values) squares += (v - m) * (v - m);
  return std::sqrt(squares / static_cast<double>(values.size())) /
         std::sqrt(static_cast<double>(values.size()));
}

std::string errorMessage(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
}

TEST(Evaluator, AveragesOverUsersWithHeldoutItems) {
  const Fixture f;
  const EvaluationReport report = evaluate(FixedPopularity(), f.foldIn, f.heldout, f.options);
  EXPECT_EQ(report.users, 3U);
  EXPECT_EQ(report.usersWithoutHeldout, 1U);
  ASSERT_EQ(report.metrics.size(), 2U);
  EXPECT_NEAR(report.metrics.at("ndcg@2").mean, mean(f.ndcg), 1e-12);
  EXPECT_NEAR(report.metrics.at("recall@2").mean, 2.5 / 3.0, 1e-12);
}

TEST(Evaluator, StandardErrorIsPopulationDeviationOverRootUsers) {
  const Fixture f;
  const EvaluationReport report = evaluate(FixedPopularity(), f.foldIn, f.heldout, f.options);
  // Recall values 1, 1/2, 1: mean 5/6, population variance 1/18, so SE = sqrt(1/18) / sqrt(3).
  EXPECT_NEAR(report.metrics.at("recall@2").standardError, std::sqrt(1.0 / 18.0) / std::sqrt(3.0), 1e-12);
  EXPECT_NEAR(report.metrics.at("ndcg@2").standardError, standardError(f.ndcg), 1e-12);
}

TEST(Evaluator, BatchSizeDoesNotChangeResultsAndReportsProgress) {
  Fixture f;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> progress;
  TaskContext context;
  context.onProgress = [&](std::string_view stage, std::uint64_t done, std::uint64_t total) {
    EXPECT_EQ(stage, "evaluate");
    progress.emplace_back(done, total);
  };
  f.options.batchSize = 3;
  const EvaluationReport batched = evaluate(FixedPopularity(), f.foldIn, f.heldout, f.options, context);
  f.options.batchSize = 500;
  const EvaluationReport whole = evaluate(FixedPopularity(), f.foldIn, f.heldout, f.options);

  EXPECT_EQ(batched.metrics.at("ndcg@2").mean, whole.metrics.at("ndcg@2").mean);
  EXPECT_EQ(batched.metrics.at("recall@2").standardError, whole.metrics.at("recall@2").standardError);
  EXPECT_EQ(progress, (std::vector<std::pair<std::uint64_t, std::uint64_t>>{{3, 4}, {4, 4}}));
}

TEST(EvaluatorCohorts, TotalInteractionsAxis) {
  const Fixture f;  // totals: user 0 -> 2, user 1 -> 4, user 3 -> 5
  const EvaluationReport report = evaluate(FixedPopularity(), f.foldIn, f.heldout, f.options);
  ASSERT_EQ(report.cohorts.size(), 2U);  // nobody below the first edge: no extra cohort

  const CohortResult& light = report.cohorts[0];
  EXPECT_EQ(light.label, "2-3");
  EXPECT_EQ(light.lower, 2U);
  EXPECT_EQ(light.upper, 3U);
  EXPECT_EQ(light.users, 1U);
  EXPECT_DOUBLE_EQ(light.metrics.at("ndcg@2").mean, f.ndcg[0]);
  EXPECT_DOUBLE_EQ(light.metrics.at("ndcg@2").standardError, 0.0);

  const CohortResult& heavy = report.cohorts[1];
  EXPECT_EQ(heavy.label, "4+");
  EXPECT_EQ(heavy.lower, 4U);
  EXPECT_EQ(heavy.upper, 0U);
  EXPECT_EQ(heavy.users, 2U);
  EXPECT_NEAR(heavy.metrics.at("ndcg@2").mean, (f.ndcg[1] + f.ndcg[2]) / 2.0, 1e-12);
  EXPECT_NEAR(heavy.metrics.at("recall@2").mean, 0.75, 1e-12);
  EXPECT_NEAR(heavy.metrics.at("recall@2").standardError, 0.25 / std::sqrt(2.0), 1e-12);
}

TEST(EvaluatorCohorts, FoldInAxisAddsACohortBelowTheFirstEdge) {
  Fixture f;  // fold-in sizes: user 0 -> 1, user 1 -> 2, user 3 -> 4
  f.options.cohortAxis = CohortAxis::FoldInInteractions;
  const EvaluationReport report = evaluate(FixedPopularity(), f.foldIn, f.heldout, f.options);
  ASSERT_EQ(report.cohorts.size(), 3U);
  EXPECT_EQ(report.cohorts[0].label, "0-1");
  EXPECT_EQ(report.cohorts[0].users, 1U);
  EXPECT_DOUBLE_EQ(report.cohorts[0].metrics.at("ndcg@2").mean, f.ndcg[0]);
  EXPECT_EQ(report.cohorts[1].label, "2-3");
  EXPECT_EQ(report.cohorts[1].users, 1U);
  EXPECT_NEAR(report.cohorts[1].metrics.at("ndcg@2").mean, f.ndcg[1], 1e-12);
  EXPECT_EQ(report.cohorts[2].label, "4+");
  EXPECT_EQ(report.cohorts[2].users, 1U);
  EXPECT_NEAR(report.cohorts[2].metrics.at("ndcg@2").mean, f.ndcg[2], 1e-12);
}

TEST(EvaluatorCohorts, DefaultEdgesReportEveryCohortEvenWhenEmpty) {
  Fixture f;
  f.options.cohortEdges = EvaluationOptions().cohortEdges;
  const EvaluationReport report = evaluate(FixedPopularity(), f.foldIn, f.heldout, f.options);
  std::vector<std::string> labels;
  for (const CohortResult& cohort : report.cohorts) labels.push_back(cohort.label);
  EXPECT_EQ(labels, (std::vector<std::string>{"1-4", "5-10", "11-50", "51-100", "101+"}));
  EXPECT_EQ(report.cohorts[0].users, 2U);  // totals 2 and 4
  EXPECT_EQ(report.cohorts[1].users, 1U);  // total 5
  for (std::size_t i = 2; i < report.cohorts.size(); ++i) {
    EXPECT_EQ(report.cohorts[i].users, 0U);
    EXPECT_TRUE(report.cohorts[i].metrics.empty());
  }
  EXPECT_EQ(report.cohorts[2].lower, 11U);
  EXPECT_EQ(report.cohorts[2].upper, 50U);
}

// ---- Rating prediction ----

TEST(EvaluatorRatings, RmseOverEveryHeldoutRatingWithCohortsAndADeltaMethodError) {
  // FixedPopularity's scores as predicted ratings, against heldout ratings with errors
  // -2 (user 0), -1 and 0 (user 1), none (user 2) and 0 (user 3).
  CsrMatrix foldIn(6), heldout(6);
  foldIn.appendRow({0}, {4.0F});
  heldout.appendRow({1}, {2.8F});
  foldIn.appendRow({2, 1}, {3.0F, 5.0F});
  heldout.appendRow({5, 0}, {1.4F, 0.9F});
  foldIn.appendRow({3}, {2.0F});
  heldout.appendRow({}, {});
  foldIn.appendRow({3, 0, 2, 1}, {1.0F, 2.0F, 3.0F, 4.0F});
  heldout.appendRow({5}, {0.4F});
  EvaluationOptions options;
  options.metrics = {parseMetric("ndcg@100")};  // ignored: K exceeds the catalogue
  options.cohortEdges = {2, 4};
  options.batchSize = 3;

  const EvaluationReport report = evaluateRatings(FixedPopularity(), foldIn, heldout, options);
  EXPECT_EQ(report.users, 3U);
  EXPECT_EQ(report.usersWithoutHeldout, 1U);
  ASSERT_EQ(report.metrics.size(), 1U);
  const MetricSummary rmse = report.metrics.at("rmse");
  EXPECT_NEAR(rmse.mean, std::sqrt(5.0 / 4.0), 1e-6);  // squared errors 4, 1, 0, 0
  // Var of the squared errors = 17/4 - (5/4)^2; SE(MSE) / (2 RMSE).
  EXPECT_NEAR(rmse.standardError, std::sqrt((17.0 / 4.0 - 25.0 / 16.0) / 4.0) / (2.0 * std::sqrt(1.25)), 1e-6);
  // Cohorts by total interactions: user 0 has 2, users 1 and 3 have 4 and 5.
  ASSERT_EQ(report.cohorts.size(), 2U);
  EXPECT_EQ(report.cohorts[0].label, "2-3");
  EXPECT_EQ(report.cohorts[0].users, 1U);
  EXPECT_NEAR(report.cohorts[0].metrics.at("rmse").mean, 2.0, 1e-6);
  EXPECT_EQ(report.cohorts[1].label, "4+");
  EXPECT_EQ(report.cohorts[1].users, 2U);
  EXPECT_NEAR(report.cohorts[1].metrics.at("rmse").mean, std::sqrt(1.0 / 3.0), 1e-6);
}

// ---- Per-user values, for paired comparisons ----

TEST(EvaluatorPerUser, EachScoredUserWithTheReportsCohort) {
  const Fixture f;
  const PerUserEvaluation perUser = evaluatePerUser(FixedPopularity(), f.foldIn, f.heldout, f.options);
  EXPECT_EQ(perUser.rows, (std::vector<std::int64_t>{0, 1, 3}));  // user 2 has no heldout items
  ASSERT_EQ(perUser.values.at("ndcg@2").size(), 3U);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_NEAR(perUser.values.at("ndcg@2")[i], f.ndcg[i], 1e-12);
  EXPECT_EQ(perUser.values.at("recall@2"), f.recall);
  EXPECT_EQ(perUser.cohorts, (std::vector<std::string>{"2-3", "4+", "4+"}));  // totals 2, 4, 5
  EXPECT_EQ(perUser.cohortOrder, (std::vector<std::string>{"2-3", "4+"}));
}

TEST(EvaluatorPerUser, RatingsGiveEachUsersMeanSquaredError) {
  // Errors as in EvaluatorRatings above: -2 (user 0), -1 and 0 (user 1), 0 (user 3).
  CsrMatrix foldIn(6), heldout(6);
  foldIn.appendRow({0}, {4.0F});
  heldout.appendRow({1}, {2.8F});
  foldIn.appendRow({2, 1}, {3.0F, 5.0F});
  heldout.appendRow({5, 0}, {1.4F, 0.9F});
  foldIn.appendRow({3}, {2.0F});
  heldout.appendRow({}, {});
  foldIn.appendRow({3, 0, 2, 1}, {1.0F, 2.0F, 3.0F, 4.0F});
  heldout.appendRow({5}, {0.4F});
  EvaluationOptions options;
  options.cohortEdges = {2, 4};
  const PerUserEvaluation perUser = evaluateRatingsPerUser(FixedPopularity(), foldIn, heldout, options);
  EXPECT_EQ(perUser.rows, (std::vector<std::int64_t>{0, 1, 3}));
  ASSERT_EQ(perUser.values.size(), 1U);
  const std::vector<double>& errors = perUser.values.at(kSquaredErrorMetric);
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_NEAR(errors[0], 4.0, 1e-5);
  EXPECT_NEAR(errors[1], 0.5, 1e-5);  // (1 + 0) / 2
  EXPECT_NEAR(errors[2], 0.0, 1e-5);
  EXPECT_EQ(perUser.cohorts, (std::vector<std::string>{"2-3", "4+", "4+"}));
}

TEST(EvaluatorErrors, KBeyondTheCatalogue) {
  Fixture f;
  f.options.metrics = {parseMetric("ndcg@7")};
  EXPECT_EQ(errorMessage([&] { evaluate(FixedPopularity(), f.foldIn, f.heldout, f.options); }),
            "ndcg@7: K = 7 exceeds the catalogue of 6 items");
}

TEST(EvaluatorErrors, MismatchedMatrices) {
  const Fixture f;
  CsrMatrix shortHeldout(6);
  shortHeldout.appendRow({1});
  EXPECT_NE(errorMessage([&] {
              evaluate(FixedPopularity(), f.foldIn, shortHeldout, f.options);
            }).find("differ in shape: 4 x 6 vs 1 x 6"),
            std::string::npos);

  CsrMatrix narrowFoldIn(5);
  CsrMatrix narrowHeldout(5);
  EXPECT_NE(errorMessage([&] {
              evaluate(FixedPopularity(), narrowFoldIn, narrowHeldout, f.options);
            }).find("scores 6 items but the evaluation data has 5"),
            std::string::npos);
}

TEST(EvaluatorErrors, CohortEdgesMustIncrease) {
  Fixture f;
  f.options.cohortEdges = {5, 5, 11};
  EXPECT_THROW(evaluate(FixedPopularity(), f.foldIn, f.heldout, f.options), Error);
}

TEST(EvaluatorErrors, StopsWhenCancelled) {
  const Fixture f;
  TaskContext context;
  context.cancelFlag = std::make_shared<std::atomic<bool>>(true);
  EXPECT_THROW(evaluate(FixedPopularity(), f.foldIn, f.heldout, f.options, context), Cancelled);
}

}  // namespace
}  // namespace vaecf
