#include "eval/Evaluator.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "common/Error.h"

namespace vaecf {

namespace {

// Users ranked per parallel task: one user scans every item once, so a few make a task
// worth scheduling.
constexpr std::int64_t kUsersPerTask = 16;

std::string joined(const std::vector<std::uint32_t>& numbers) {
  std::string text;
  for (const std::uint32_t n : numbers) text += (text.empty() ? "" : ", ") + std::to_string(n);
  return text;
}

void checkInputs(const Recommender& model, const CsrMatrix& foldIn, const CsrMatrix& heldout,
                 const EvaluationOptions& options) {
  if (foldIn.rows() != heldout.rows() || foldIn.cols() != heldout.cols()) {
    throw Error("fold-in and heldout matrices differ in shape: " + std::to_string(foldIn.rows()) + " x " +
                std::to_string(foldIn.cols()) + " vs " + std::to_string(heldout.rows()) + " x " +
                std::to_string(heldout.cols()));
  }
  if (model.items() != foldIn.cols()) {
    throw Error("the model scores " + std::to_string(model.items()) + " items but the evaluation data has " +
                std::to_string(foldIn.cols()));
  }
  for (const MetricSpec& metric : options.metrics) {
    if (metric.k < 1) throw Error(metric.name() + ": K must be at least 1");
    if (static_cast<std::int64_t>(metric.k) > foldIn.cols()) {
      throw Error(metric.name() + ": K = " + std::to_string(metric.k) + " exceeds the catalogue of " +
                  std::to_string(foldIn.cols()) + " items");
    }
  }
  if (options.batchSize < 1) throw Error("evaluation batch size must be at least 1");
  if (std::adjacent_find(options.cohortEdges.begin(), options.cohortEdges.end(), std::greater_equal<>()) !=
      options.cohortEdges.end()) {
    throw Error("cohort edges must be strictly increasing, got " + joined(options.cohortEdges));
  }
}

std::uint32_t cohortCount(CohortAxis axis, const CsrMatrix& foldIn, const CsrMatrix& heldout,
                          std::int64_t row) {
  const std::int64_t count =
      foldIn.rowSize(row) + (axis == CohortAxis::TotalInteractions ? heldout.rowSize(row) : 0);
  return static_cast<std::uint32_t>(count);
}

// The least count a scored user can have: a heldout item always exists, fold-in ones may not.
std::uint32_t smallestCount(CohortAxis axis) { return axis == CohortAxis::TotalInteractions ? 1 : 0; }

std::string cohortLabel(std::uint32_t lower, std::uint32_t upper, bool open) {
  if (open) return std::to_string(lower) + "+";
  if (lower == upper) return std::to_string(lower);
  return std::to_string(lower) + "-" + std::to_string(upper);
}

CohortResult makeCohort(std::uint32_t lower, std::uint32_t upper, bool open) {
  CohortResult cohort;
  cohort.label = cohortLabel(lower, upper, open);
  cohort.lower = lower;
  cohort.upper = open ? 0 : upper;
  return cohort;
}

// Cohort index for a count; -1 below the first edge.
int cohortIndex(const std::vector<std::uint32_t>& edges, std::uint32_t count) {
  return static_cast<int>(std::upper_bound(edges.begin(), edges.end(), count) - edges.begin()) - 1;
}

double metricValue(const MetricSpec& metric, const std::vector<std::int32_t>& ranked,
                   const std::vector<std::int32_t>& heldout) {
  switch (metric.kind) {
    case MetricKind::Ndcg:
      return ndcgAtK(ranked, heldout, metric.k);
    case MetricKind::Recall:
      return recallAtK(ranked, heldout, metric.k);
    case MetricKind::TextbookRecall:
      return textbookRecallAtK(ranked, heldout, metric.k);
  }
  return 0.0;
}

// Every metric of every scored user, row-major by user.
struct PerUserMetrics {
  std::vector<std::int64_t> rows;  // rows with at least one heldout item, ascending
  std::vector<double> values;      // indexed by row * metrics + metric
  std::size_t metrics = 0;
};

// Scores rows [begin, end) (already in `scores`) and stores their metrics.
void rankBatch(const float* scores, std::int64_t begin, std::int64_t end, const CsrMatrix& foldIn,
               const CsrMatrix& heldout, const std::vector<MetricSpec>& metrics, std::size_t depth,
               std::vector<double>& values) {
  const std::int64_t items = foldIn.cols();
  at::parallel_for(begin, end, kUsersPerTask, [&](std::int64_t first, std::int64_t last) {
    for (std::int64_t row = first; row < last; ++row) {
      if (heldout.rowSize(row) == 0) continue;
      const std::vector<std::int32_t> ranked =
          topK(scores + (row - begin) * items, items, foldIn.rowColumns(row),
               static_cast<std::size_t>(foldIn.rowSize(row)), depth);
      const std::vector<std::int32_t> truth(heldout.rowColumns(row),
                                            heldout.rowColumns(row) + heldout.rowSize(row));
      for (std::size_t m = 0; m < metrics.size(); ++m) {
        values[static_cast<std::size_t>(row) * metrics.size() + m] = metricValue(metrics[m], ranked, truth);
      }
    }
  });
}

PerUserMetrics scoreAllUsers(const Recommender& model, const CsrMatrix& foldIn, const CsrMatrix& heldout,
                             const EvaluationOptions& options, const TaskContext& context) {
  PerUserMetrics result;
  result.metrics = options.metrics.size();
  result.values.assign(static_cast<std::size_t>(foldIn.rows()) * result.metrics, 0.0);
  std::size_t depth = 0;
  for (const MetricSpec& metric : options.metrics) depth = std::max(depth, metric.k);

  const std::int64_t rows = foldIn.rows();
  std::vector<float> scores(static_cast<std::size_t>(std::min(options.batchSize, rows) * foldIn.cols()));
  for (std::int64_t begin = 0; begin < rows; begin += options.batchSize) {
    context.checkCancelled();
    const std::int64_t end = std::min(rows, begin + options.batchSize);
    model.score(foldIn, begin, end, scores.data());
    rankBatch(scores.data(), begin, end, foldIn, heldout, options.metrics, depth, result.values);
    context.report("evaluate", static_cast<std::uint64_t>(end), static_cast<std::uint64_t>(rows));
  }
  for (std::int64_t row = 0; row < rows; ++row) {
    if (heldout.rowSize(row) > 0) result.rows.push_back(row);
  }
  return result;
}

// Mean and standard error (population standard deviation / sqrt(users)) of each metric.
std::map<std::string, MetricSummary> summarize(const PerUserMetrics& perUser,
                                               const std::vector<MetricSpec>& metrics,
                                               const std::vector<std::int64_t>& rows) {
  std::map<std::string, MetricSummary> summaries;
  if (rows.empty()) return summaries;
  const auto users = static_cast<double>(rows.size());
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    const auto value = [&](std::int64_t row) {
      return perUser.values[static_cast<std::size_t>(row) * perUser.metrics + m];
    };
    double sum = 0.0;
    for (const std::int64_t row : rows) sum += value(row);
    const double mean = sum / users;
    double squares = 0.0;
    for (const std::int64_t row : rows) squares += (value(row) - mean) * (value(row) - mean);
    summaries[metrics[m].name()] = {mean, std::sqrt(squares / users) / std::sqrt(users)};
  }
  return summaries;
}

// The cohorts of `options` with the scored rows that fall in each: the users below the
// first edge form an extra first cohort when there are any.
struct CohortRows {
  CohortResult cohort;  // label and bounds; users and metrics are the caller's
  std::vector<std::int64_t> rows;
};

std::vector<CohortRows> cohortRows(const std::vector<std::int64_t>& scoredRows, const CsrMatrix& foldIn,
                                   const CsrMatrix& heldout, const EvaluationOptions& options) {
  const std::vector<std::uint32_t>& edges = options.cohortEdges;
  if (edges.empty()) return {};

  std::vector<std::int64_t> belowFirstEdge;
  std::vector<std::vector<std::int64_t>> rowsByCohort(edges.size());
  for (const std::int64_t row : scoredRows) {
    const int index = cohortIndex(edges, cohortCount(options.cohortAxis, foldIn, heldout, row));
    (index < 0 ? belowFirstEdge : rowsByCohort[static_cast<std::size_t>(index)]).push_back(row);
  }

  std::vector<CohortRows> cohorts;
  if (!belowFirstEdge.empty())
    cohorts.push_back({makeCohort(smallestCount(options.cohortAxis), edges.front() - 1, false), belowFirstEdge});
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const bool open = i + 1 == edges.size();
    cohorts.push_back({makeCohort(edges[i], open ? 0 : edges[i + 1] - 1, open), std::move(rowsByCohort[i])});
  }
  return cohorts;
}

// Cohort results of per-row figures, each cohort summarised by `summary` over its rows.
std::vector<CohortResult> cohortResults(
    const std::vector<std::int64_t>& scoredRows, const CsrMatrix& foldIn, const CsrMatrix& heldout,
    const EvaluationOptions& options,
    const std::function<std::map<std::string, MetricSummary>(const std::vector<std::int64_t>&)>& summary) {
  std::vector<CohortResult> cohorts;
  for (CohortRows& entry : cohortRows(scoredRows, foldIn, heldout, options)) {
    entry.cohort.users = entry.rows.size();
    entry.cohort.metrics = summary(entry.rows);
    cohorts.push_back(std::move(entry.cohort));
  }
  return cohorts;
}

// Each scored row's squared rating errors: their sum, sum of squares and count.
struct RowErrors {
  double squared = 0.0;
  double fourth = 0.0;
  std::int64_t ratings = 0;
};

void accumulateErrors(const float* predictions, std::int64_t begin, std::int64_t end, const CsrMatrix& heldout,
                      std::vector<RowErrors>& errors) {
  const std::int64_t items = heldout.cols();
  for (std::int64_t row = begin; row < end; ++row) {
    RowErrors& into = errors[static_cast<std::size_t>(row)];
    const std::int32_t* columns = heldout.rowColumns(row);
    for (std::int64_t k = 0; k < heldout.rowSize(row); ++k) {
      const double error = predictions[(row - begin) * items + columns[k]] - heldout.value(row, k);
      into.squared += error * error;
      into.fourth += error * error * error * error;
      ++into.ratings;
    }
  }
}

// RMSE over every rating of `rows`; its standard error by the delta method from that of
// the mean squared error, the ratings taken as independent.
MetricSummary rmseSummary(const std::vector<RowErrors>& errors, const std::vector<std::int64_t>& rows) {
  RowErrors total;
  for (const std::int64_t row : rows) {
    const RowErrors& e = errors[static_cast<std::size_t>(row)];
    total.squared += e.squared;
    total.fourth += e.fourth;
    total.ratings += e.ratings;
  }
  if (total.ratings == 0) return {};
  const auto n = static_cast<double>(total.ratings);
  const double mse = total.squared / n;
  const double variance = std::max(0.0, total.fourth / n - mse * mse);
  const double rmse = std::sqrt(mse);
  return {rmse, rmse > 0.0 ? std::sqrt(variance / n) / (2.0 * rmse) : 0.0};
}

// Every row's squared rating errors and the rows with heldout ratings.
struct ScoredErrors {
  std::vector<RowErrors> errors;
  std::vector<std::int64_t> rows;
};

ScoredErrors scoreRatings(const Recommender& model, const CsrMatrix& foldIn, const CsrMatrix& heldout,
                          const EvaluationOptions& options, const TaskContext& context) {
  EvaluationOptions shape = options;
  shape.metrics.clear();  // the ranking metrics' K do not apply
  checkInputs(model, foldIn, heldout, shape);
  const std::int64_t rows = foldIn.rows();
  ScoredErrors scored;
  scored.errors.resize(static_cast<std::size_t>(rows));
  std::vector<float> predictions(static_cast<std::size_t>(std::min(options.batchSize, rows) * foldIn.cols()));
  for (std::int64_t begin = 0; begin < rows; begin += options.batchSize) {
    context.checkCancelled();
    const std::int64_t end = std::min(rows, begin + options.batchSize);
    model.score(foldIn, begin, end, predictions.data());
    accumulateErrors(predictions.data(), begin, end, heldout, scored.errors);
    context.report("evaluate", static_cast<std::uint64_t>(end), static_cast<std::uint64_t>(rows));
  }
  for (std::int64_t row = 0; row < rows; ++row)
    if (heldout.rowSize(row) > 0) scored.rows.push_back(row);
  return scored;
}

// The scored rows with the cohort labels the report gives them.
PerUserEvaluation withCohorts(const std::vector<std::int64_t>& scoredRows, const CsrMatrix& foldIn,
                              const CsrMatrix& heldout, const EvaluationOptions& options) {
  PerUserEvaluation result;
  result.rows = scoredRows;
  std::map<std::int64_t, std::string> labels;
  for (const CohortRows& entry : cohortRows(scoredRows, foldIn, heldout, options)) {
    result.cohortOrder.push_back(entry.cohort.label);
    for (const std::int64_t row : entry.rows) labels[row] = entry.cohort.label;
  }
  for (const std::int64_t row : scoredRows) result.cohorts.push_back(labels[row]);
  return result;
}

}  // namespace

EvaluationReport evaluate(const Recommender& model, const CsrMatrix& foldIn, const CsrMatrix& heldout,
                          const EvaluationOptions& options, const TaskContext& context) {
  checkInputs(model, foldIn, heldout, options);
  const PerUserMetrics perUser = scoreAllUsers(model, foldIn, heldout, options, context);

  EvaluationReport report;
  report.users = perUser.rows.size();
  report.usersWithoutHeldout = static_cast<std::size_t>(foldIn.rows()) - report.users;
  report.metrics = summarize(perUser, options.metrics, perUser.rows);
  report.cohorts = cohortResults(perUser.rows, foldIn, heldout, options, [&](const std::vector<std::int64_t>& rows) {
    return summarize(perUser, options.metrics, rows);
  });
  return report;
}

EvaluationReport evaluateRatings(const Recommender& model, const CsrMatrix& foldIn, const CsrMatrix& heldout,
                                 const EvaluationOptions& options, const TaskContext& context) {
  const ScoredErrors scored = scoreRatings(model, foldIn, heldout, options, context);
  auto summary = [&](const std::vector<std::int64_t>& group) {
    return std::map<std::string, MetricSummary>{{kRmseMetric, rmseSummary(scored.errors, group)}};
  };
  EvaluationReport report;
  report.users = scored.rows.size();
  report.usersWithoutHeldout = static_cast<std::size_t>(foldIn.rows()) - report.users;
  report.metrics = summary(scored.rows);
  report.cohorts = cohortResults(scored.rows, foldIn, heldout, options, summary);
  return report;
}

PerUserEvaluation evaluatePerUser(const Recommender& model, const CsrMatrix& foldIn, const CsrMatrix& heldout,
                                  const EvaluationOptions& options, const TaskContext& context) {
  checkInputs(model, foldIn, heldout, options);
  const PerUserMetrics perUser = scoreAllUsers(model, foldIn, heldout, options, context);
  PerUserEvaluation result = withCohorts(perUser.rows, foldIn, heldout, options);
  for (std::size_t m = 0; m < options.metrics.size(); ++m) {
    std::vector<double>& values = result.values[options.metrics[m].name()];
    for (const std::int64_t row : perUser.rows)
      values.push_back(perUser.values[static_cast<std::size_t>(row) * perUser.metrics + m]);
  }
  return result;
}

PerUserEvaluation evaluateRatingsPerUser(const Recommender& model, const CsrMatrix& foldIn,
                                         const CsrMatrix& heldout, const EvaluationOptions& options,
                                         const TaskContext& context) {
  const ScoredErrors scored = scoreRatings(model, foldIn, heldout, options, context);
  PerUserEvaluation result = withCohorts(scored.rows, foldIn, heldout, options);
  std::vector<double>& values = result.values[kSquaredErrorMetric];
  for (const std::int64_t row : scored.rows) {
    const RowErrors& e = scored.errors[static_cast<std::size_t>(row)];
    values.push_back(e.squared / static_cast<double>(e.ratings));
  }
  return result;
}

}  // namespace vaecf
