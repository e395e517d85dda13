#include "CompareCommand.h"

#include <fmt/core.h>

#include <cmath>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "experiment/RunComparison.h"

namespace vaecf::cli {
namespace {

using nlohmann::json;

constexpr double kAlpha = 0.05;

struct CompareOptions {
  std::string runA, runB;
  std::vector<std::string> metrics;
  BootstrapOptions bootstrap;
  bool json = false;
};

// JSON has no infinity or NaN: an undefined or unbounded t is null.
json finiteOrNull(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

json toJson(const PairedResult& r) {
  return {{"n", r.n},
          {"mean_a", r.meanA},
          {"mean_b", r.meanB},
          {"mean_difference", r.meanDifference},
          {"sd_difference", r.sdDifference},
          {"ci_low", r.interval.low},
          {"ci_high", r.interval.high},
          {"t", finiteOrNull(r.t)},
          {"df", r.df},
          {"p", finiteOrNull(r.p)}};
}

// "A is better than B (p = 0.003)" or "no significant difference (p = 0.41)".
std::string verdict(const MetricComparison& comparison, const RunComparison& runs) {
  const double p = comparison.overall.p;
  const std::string pText = std::isfinite(p) ? fmt::format("p = {:.3g}", p) : "p undefined";
  switch (preferredRun(comparison, kAlpha)) {
    case 1:
      return fmt::format("A ({}) is better than B ({}) on {} ({})", runs.modelA, runs.modelB, comparison.metric, pText);
    case -1:
      return fmt::format("B ({}) is better than A ({}) on {} ({})", runs.modelB, runs.modelA, comparison.metric, pText);
    default:
      return fmt::format("no significant difference on {} at the 5% level ({})", comparison.metric, pText);
  }
}

// "A", "B" or null: the run the overall test favours at kAlpha.
json preferredJson(const MetricComparison& comparison) {
  const int preferred = preferredRun(comparison, kAlpha);
  return preferred == 0 ? json(nullptr) : json(preferred == 1 ? "A" : "B");
}

json toJson(const RunComparison& runs, const CompareOptions& options) {
  json metrics = json::array();
  for (const MetricComparison& m : runs.metrics) {
    json cohorts = json::array();
    for (const CohortPairedResult& c : m.cohorts) {
      json entry = toJson(c.result);
      entry["cohort"] = c.label;
      cohorts.push_back(entry);
    }
    metrics.push_back({{"metric", m.metric},
                       {"higher_is_better", m.higherIsBetter},
                       {"overall", toJson(m.overall)},
                       {"cohorts", cohorts},
                       {"preferred", preferredJson(m)},
                       {"verdict", verdict(m, runs)}});
  }
  return {{"run_a", runs.runA},          {"run_b", runs.runB},
          {"model_a", runs.modelA},      {"model_b", runs.modelB},
          {"data", runs.data},           {"test_users", runs.testUsers},
          {"bootstrap_resamples", options.bootstrap.resamples},
          {"seed", options.bootstrap.seed},
          {"confidence", options.bootstrap.confidence},
          {"alpha", kAlpha},             {"metrics", metrics}};
}

std::string number(double value) { return std::isfinite(value) ? fmt::format("{:.4f}", value) : "-"; }

void printRow(const std::string& name, const PairedResult& r) {
  fmt::print("{:<18} {:>8} {:>8} {:>9}  [{:>8}, {:>8}] {:>8} {:>9} {:>6}\n", name, number(r.meanA),
             number(r.meanB), number(r.meanDifference), number(r.interval.low), number(r.interval.high),
             std::isfinite(r.t) ? fmt::format("{:.3f}", r.t) : "-",
             std::isfinite(r.p) ? fmt::format("{:.3g}", r.p) : "-", r.n);
}

void printTable(const RunComparison& runs, const CompareOptions& options) {
  fmt::print("A: {} ({})\nB: {} ({})\ndata: {}; {} test users; diff = A - B, {:.0f}% bootstrap CI from {} "
             "resamples (seed {})\n",
             runs.runA, runs.modelA, runs.runB, runs.modelB, runs.data, runs.testUsers,
             100.0 * options.bootstrap.confidence, options.bootstrap.resamples, options.bootstrap.seed);
  for (const MetricComparison& m : runs.metrics) {
    fmt::print("\n{:<18} {:>8} {:>8} {:>9}  {:^20} {:>8} {:>9} {:>6}\n", m.metric, "mean A", "mean B", "diff",
               "95% CI", "t", "p", "n");
    printRow("all users", m.overall);
    for (const CohortPairedResult& c : m.cohorts) printRow("  cohort " + c.label, c.result);
    fmt::print("{}\n", verdict(m, runs));
  }
}

void runCompare(const CompareOptions& options) {
  const RunComparison runs = compareRuns(options.runA, options.runB, {options.metrics, options.bootstrap});
  if (options.json) std::cout << toJson(runs, options).dump() << '\n';
  else printTable(runs, options);
}

}  // namespace

void declareCompareCommand(CLI::App& app, std::vector<std::pair<CLI::App*, std::function<void()>>>& actions) {
  auto options = std::make_shared<CompareOptions>();
  CLI::App* command = app.add_subcommand(
      "compare", "paired t-test and bootstrap interval between two runs tested on the same split");
  command->add_option("run_a", options->runA, "run folder A")->required()->check(CLI::ExistingDirectory);
  command->add_option("run_b", options->runB, "run folder B")->required()->check(CLI::ExistingDirectory);
  command
      ->add_option("--metric", options->metrics,
                   "metrics to compare (default: ndcg@100, recall@20, recall@50; rating models: squared_error)")
      ->delimiter(',');
  command->add_option("--bootstrap", options->bootstrap.resamples, "bootstrap resamples")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command->add_option("--seed", options->bootstrap.seed, "seed of the bootstrap resamples")->capture_default_str();
  command->add_flag("--json", options->json, "print the comparison as one line of JSON");
  actions.emplace_back(command, [options] { runCompare(*options); });
}

}  // namespace vaecf::cli
