#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/TaskContext.h"
#include "data/CsrMatrix.h"
#include "eval/RankingMetrics.h"
#include "models/Recommender.h"

namespace vaecf {

// What decides a user's cohort: all their interactions after the vocabulary restriction
// (fold-in plus heldout, docs/models.md 2.5) or the fold-in part the model sees.
enum class CohortAxis { TotalInteractions, FoldInInteractions };

struct EvaluationOptions {
  std::vector<MetricSpec> metrics = headlineMetrics();
  // Lower edges of the cohorts; cohort i holds counts in [edge_i, edge_{i+1} - 1], the
  // last one is open. Users below the first edge form an extra first cohort.
  std::vector<std::uint32_t> cohortEdges{5, 11, 51, 101};
  CohortAxis cohortAxis = CohortAxis::TotalInteractions;
  std::int64_t batchSize = 500;
};

struct MetricSummary {
  double mean = 0.0;
  double standardError = 0.0;  // population standard deviation / sqrt(users)
};

struct CohortResult {
  std::string label;           // "5-10", "101+"
  std::uint32_t lower = 0;     // inclusive
  std::uint32_t upper = 0;     // inclusive; 0 = open-ended
  std::size_t users = 0;       // users with heldout items in this cohort
  std::map<std::string, MetricSummary> metrics;  // keyed by MetricSpec::name()
};

struct EvaluationReport {
  std::size_t users = 0;                // users scored (with at least one heldout item)
  std::size_t usersWithoutHeldout = 0;  // excluded, as their NDCG is undefined
  std::map<std::string, MetricSummary> metrics;
  std::vector<CohortResult> cohorts;
};

// Scores every row of `foldIn` with `model` and evaluates against `heldout` (same row
// order), overall and per cohort. Throws Error when a K exceeds the number of items.
EvaluationReport evaluate(const Recommender& model, const CsrMatrix& foldIn, const CsrMatrix& heldout,
                          const EvaluationOptions& options = {}, const TaskContext& context = {});

// The metric of rating prediction: root mean squared error over the heldout ratings.
inline const char* const kRmseMetric = "rmse";

// Rating prediction: the model's scores of the heldout entries are its predicted ratings.
// RMSE over every heldout rating (users with more ratings weigh more), overall and per
// cohort; options.metrics is ignored.
EvaluationReport evaluateRatings(const Recommender& model, const CsrMatrix& foldIn, const CsrMatrix& heldout,
                                 const EvaluationOptions& options = {}, const TaskContext& context = {});

// The per-user figures behind a report, for paired comparisons between runs.
inline const char* const kSquaredErrorMetric = "squared_error";  // a user's mean squared rating error

struct PerUserEvaluation {
  std::vector<std::int64_t> rows;      // scored rows (at least one heldout item), ascending
  std::vector<std::string> cohorts;    // each scored row's cohort label, as the report's cohorts
  std::vector<std::string> cohortOrder;  // the labels in the report's order
  std::map<std::string, std::vector<double>> values;  // metric name -> one value per scored row
};

// evaluate()'s metrics for each scored user.
PerUserEvaluation evaluatePerUser(const Recommender& model, const CsrMatrix& foldIn, const CsrMatrix& heldout,
                                  const EvaluationOptions& options = {}, const TaskContext& context = {});
// Rating prediction: each scored user's mean squared error over their heldout ratings
// (kSquaredErrorMetric); options.metrics is ignored.
PerUserEvaluation evaluateRatingsPerUser(const Recommender& model, const CsrMatrix& foldIn,
                                         const CsrMatrix& heldout, const EvaluationOptions& options = {},
                                         const TaskContext& context = {});

}  // namespace vaecf
