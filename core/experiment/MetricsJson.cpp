// Reading metrics.json back (Experiment.h), apart from Experiment.cpp so that the fuzz
// targets (tests/fuzz) link the reader without LibTorch.
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "common/InputFile.h"
#include "common/JsonValues.h"
#include "experiment/Experiment.h"
#include "train/RunFolder.h"

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

ExperimentResult readRunMetrics(const std::filesystem::path& runDir) {
  const std::filesystem::path file = runMetricsPath(runDir);
  requireRegularFileIfPresent(file);  // a named pipe would block the reader
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "cannot open (has the run finished?)");
  try {
    const nlohmann::json json = nlohmann::json::parse(in);
    ExperimentResult result;
    if (json.contains("validation")) result.validation = evaluationReportFromJson(json.at("validation"));
    if (json.contains("test")) result.test = evaluationReportFromJson(json.at("test"));
    result.model = json.value("model", std::string());
    const nlohmann::json params = json.value("params", nlohmann::json::object());
    for (const auto& [name, value] : params.items()) result.params.emplace_back(name, value.get<std::string>());
    result.seconds = json.value("seconds", 0.0);
    if (json.contains("seconds_per_epoch")) result.secondsPerEpoch = json.at("seconds_per_epoch").get<double>();
    if (json.contains("best_epoch")) result.bestEpoch = jsonIntegerAt<int>(json, "best_epoch");
    result.details = json.value("details", nlohmann::json());
    return result;
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file.string(), 0, std::string("not a metrics file: ") + e.what());
  } catch (const InputError&) {
    throw;
  } catch (const Error& e) {
    throw InputError(file.string(), 0, std::string("not a metrics file: ") + e.what());
  }
}

}  // namespace vaecf
