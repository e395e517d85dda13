#include "experiment/RunComparison.h"

#include <memory>

#include "common/Error.h"
#include "experiment/Experiment.h"

namespace fs = std::filesystem;

namespace vaecf {

namespace {

// A saved run with the split it trained on.
struct LoadedRun {
  fs::path folder;
  SavedRun run;
  std::string data;
  std::shared_ptr<const Split> split;
};

LoadedRun loadWithSplit(const fs::path& folder, const TaskContext& context) {
  LoadedRun loaded{folder, loadRun(folder), {}, nullptr};
  loaded.data = loaded.run.config.data.describe();
  loaded.split = runTrainingSplit(loaded.run.config, loadData(loaded.run.config.data, context));
  if (loaded.split->itemIds != loaded.run.itemIds)
    throw Error("the data of " + folder.string() + " (" + loaded.data +
                ") no longer gives the items the run was trained on");
  return loaded;
}

bool sameMatrix(const CsrMatrix& x, const CsrMatrix& y) {
  return x.rows() == y.rows() && x.cols() == y.cols() && x.rowStart() == y.rowStart() &&
         x.columns() == y.columns() && x.values() == y.values();
}

// What keeps the two runs' test results from being paired user by user; empty when nothing.
std::vector<std::string> splitDifferences(const LoadedRun& a, const LoadedRun& b) {
  std::vector<std::string> differences;
  if (a.run.task != b.run.task) differences.push_back("one predicts ratings, the other ranks items");
  if (a.split->itemIds != b.split->itemIds)
    differences.push_back("items: " + std::to_string(a.split->itemIds.size()) + " vs " +
                          std::to_string(b.split->itemIds.size()) + (a.split->items() == b.split->items()
                                                                         ? " (same count, other ids or order)"
                                                                         : ""));
  if (a.split->testUserIds != b.split->testUserIds)
    differences.push_back("test users: " + std::to_string(a.split->testUserIds.size()) + " vs " +
                          std::to_string(b.split->testUserIds.size()) +
                          (a.split->testUserIds.size() == b.split->testUserIds.size() ? " (other users)" : ""));
  else if (!sameMatrix(a.split->testFoldIn, b.split->testFoldIn) ||
           !sameMatrix(a.split->testHeldout, b.split->testHeldout))
    differences.push_back("the test users' fold-in or heldout items");
  return differences;
}

void requireSameSplit(const LoadedRun& a, const LoadedRun& b) {
  const std::vector<std::string> differences = splitDifferences(a, b);
  if (differences.empty()) return;
  std::string text;
  for (const std::string& d : differences) text += (text.empty() ? "" : "; ") + d;
  throw Error("cannot pair " + a.folder.string() + " (" + a.run.config.model + ", " + a.data + ") with " +
              b.folder.string() + " (" + b.run.config.model + ", " + b.data +
              "): they were not tested on the same split; differs: " + text);
}

std::vector<MetricSpec> rankingMetrics(const std::vector<std::string>& names) {
  if (names.empty()) return headlineMetrics();
  std::vector<MetricSpec> metrics;
  for (const std::string& name : names) metrics.push_back(parseMetric(name));
  return metrics;
}

void requireRatingMetrics(const std::vector<std::string>& names) {
  for (const std::string& name : names)
    if (name != kSquaredErrorMetric)
      throw Error("rating models are compared by " + std::string(kSquaredErrorMetric) + ", not " + name);
}

PerUserEvaluation scoreTestUsers(const LoadedRun& loaded, const EvaluationOptions& evaluation,
                                 const TaskContext& context) {
  const Split& split = *loaded.split;
  const Recommender& model = *loaded.run.recommender;
  return loaded.run.task == ModelTask::RatingPrediction
             ? evaluateRatingsPerUser(model, split.testFoldIn, split.testHeldout, evaluation, context)
             : evaluatePerUser(model, split.testFoldIn, split.testHeldout, evaluation, context);
}

}  // namespace

RunComparison compareRuns(const fs::path& runA, const fs::path& runB, const RunComparisonOptions& options,
                          const TaskContext& context) {
  const LoadedRun a = loadWithSplit(runA, context);
  const LoadedRun b = loadWithSplit(runB, context);
  requireSameSplit(a, b);

  // Run A's cohort definition; the split is the same, so B's users fall in the same ones.
  EvaluationOptions evaluation = a.run.config.evaluation;
  const bool rating = a.run.task == ModelTask::RatingPrediction;
  if (rating) requireRatingMetrics(options.metrics);
  else evaluation.metrics = rankingMetrics(options.metrics);

  const PerUserEvaluation scoresA = scoreTestUsers(a, evaluation, context);
  const PerUserEvaluation scoresB = scoreTestUsers(b, evaluation, context);

  RunComparison result{runA.string(), runB.string(), a.run.config.model, b.run.config.model, a.data,
                       scoresA.rows.size(), {}};
  std::vector<std::string> names{kSquaredErrorMetric};
  if (!rating) {
    names.clear();
    for (const MetricSpec& metric : evaluation.metrics) names.push_back(metric.name());
  }
  for (const std::string& metric : names) {
    result.metrics.push_back(compareMetric(metric, !rating, scoresA.values.at(metric), scoresB.values.at(metric),
                                           scoresA.cohorts, scoresA.cohortOrder, options.bootstrap));
  }
  return result;
}

}  // namespace vaecf
