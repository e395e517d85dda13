// Reading metrics.json back (Experiment.h), apart from Experiment.cpp so that the fuzz
// targets (tests/fuzz) link the reader without LibTorch.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "common/JsonValues.h"
#include "experiment/Experiment.h"

namespace vaecf {

namespace {
// Each metric with its "_se" beside it, as toJson writes them.
void readMetrics(const nlohmann::json& from, std::map<std::string, MetricSummary>& into) {
  for (const auto& [key, value] : from.items()) {
    if (!value.is_number() || key == "users" || key == "users_without_heldout") continue;
    if (key.size() > 3 && key.compare(key.size() - 3, 3, "_se") == 0) continue;
    MetricSummary& summary = into[key];
    summary.mean = value.get<double>();
    const auto error = from.find(key + "_se");
    if (error != from.end() && error->is_number()) summary.standardError = error->get<double>();
  }
}
}  // namespace

EvaluationReport evaluationReportFromJson(const nlohmann::json& json) {
  EvaluationReport report;
  report.users = jsonInteger<std::size_t>(json, "users", 0);
  report.usersWithoutHeldout = jsonInteger<std::size_t>(json, "users_without_heldout", 0);
  readMetrics(json, report.metrics);
  if (const auto cohorts = json.find("cohorts"); cohorts != json.end() && cohorts->is_array()) {
    for (const auto& entry : *cohorts) {
      CohortResult cohort;
      cohort.label = entry.value("cohort", std::string());
      cohort.users = jsonInteger<std::size_t>(entry, "users", 0);
      readMetrics(entry, cohort.metrics);
      report.cohorts.push_back(std::move(cohort));
    }
  }
  return report;
}

}  // namespace vaecf
