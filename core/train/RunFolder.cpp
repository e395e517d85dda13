#include "train/RunFolder.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "eval/RankingMetrics.h"

namespace fs = std::filesystem;
// Ordered, so that config.json lists parameters in declaration order.
using nlohmann::ordered_json;

namespace vaecf {

namespace {

ordered_json evaluationToJson(const EvaluationOptions& evaluation) {
  std::vector<std::string> metrics;
  for (const MetricSpec& metric : evaluation.metrics) metrics.push_back(metric.name());
  return {{"metrics", metrics},
          {"cohort_edges", evaluation.cohortEdges},
          {"cohort_by", evaluation.cohortAxis == CohortAxis::FoldInInteractions ? "foldin" : "total"}};
}

// Configs written before the evaluation was recorded read as the defaults they ran with.
EvaluationOptions evaluationFromJson(const nlohmann::json& in) {
  EvaluationOptions evaluation;
  if (in.is_null()) return evaluation;
  evaluation.metrics.clear();
  for (const auto& name : in.at("metrics")) evaluation.metrics.push_back(parseMetric(name.get<std::string>()));
  evaluation.cohortEdges = in.at("cohort_edges").get<std::vector<std::uint32_t>>();
  evaluation.cohortAxis =
      in.at("cohort_by").get<std::string>() == "foldin" ? CohortAxis::FoldInInteractions : CohortAxis::TotalInteractions;
  return evaluation;
}

ordered_json configToJson(const RunConfig& config) {
  ordered_json params = ordered_json::object();
  for (const auto& [name, value] : config.params) params[name] = value;
  return {{"model", config.model},
          {"params", std::move(params)},
          {"data", toJson(config.data)},
          {"evaluation", evaluationToJson(config.evaluation)}};
}

RunConfig configFromJson(const nlohmann::json& in) {
  RunConfig config;
  config.model = in.at("model").get<std::string>();
  for (const auto& [name, value] : in.at("params").items())
    config.params.emplace_back(name, value.get<std::string>());
  config.data = dataSourceFromJson(in.at("data"));
  config.evaluation = evaluationFromJson(in.value("evaluation", nlohmann::json()));
  return config;
}

}  // namespace

fs::path runConfigPath(const fs::path& runFolder) { return runFolder / "config.json"; }
fs::path runItemsPath(const fs::path& runFolder) { return runFolder / "items.txt"; }
fs::path runEventsPath(const fs::path& runFolder) { return runFolder / "events.jsonl"; }
fs::path runCheckpointPath(const fs::path& runFolder) { return runFolder / "checkpoint.pt"; }
fs::path runBestModelPath(const fs::path& runFolder) { return runFolder / "best.pt"; }

void writeRunConfig(const fs::path& runFolder, const RunConfig& config) {
  writeFileAtomically(runConfigPath(runFolder),
                      [&](std::ostream& out) { out << configToJson(config).dump(2) << '\n'; });
}

void writeRunItems(const fs::path& runFolder, const std::vector<std::string>& itemIds) {
  writeFileAtomically(runItemsPath(runFolder), [&](std::ostream& out) {
    for (const auto& id : itemIds) out << id << '\n';
  });
}

RunConfig readRunConfig(const fs::path& runFolder) {
  const fs::path file = runConfigPath(runFolder);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "cannot open (is this a run folder?)");
  try {
    // Parsed unordered: nlohmann::json is what the data source reader takes; the order of
    // the parameters does not matter once they are read into a ParamSet.
    return configFromJson(nlohmann::json::parse(in));
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file.string(), 0, std::string("not a run configuration: ") + e.what());
  }
}

std::vector<std::string> readRunItems(const fs::path& runFolder) {
  const fs::path file = runItemsPath(runFolder);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "cannot open (is this a run folder?)");
  std::vector<std::string> items;
  for (std::string line; std::getline(in, line);) items.push_back(line);
  return items;
}

ParamSet runParams(const RunConfig& config, const ModelDefinition& model) {
  if (config.model != model.name) throw Error("the run is of model " + config.model + ", not " + model.name);
  ParamSet params(trainingParamSpecs(model));
  for (const auto& [name, value] : config.params) params.set(name, value);
  return params;
}

}  // namespace vaecf
