#include "train/RunFolder.h"

#include "plugin/ModelCatalog.h"

#include <chrono>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/InputFile.h"
#include "common/JsonValues.h"
#include "eval/RankingMetrics.h"

namespace fs = std::filesystem;
// Ordered, so that config.json lists parameters in declaration order.
using nlohmann::ordered_json;

namespace vaecf {

nlohmann::ordered_json toJson(const EvaluationOptions& evaluation) {
  std::vector<std::string> metrics;
  for (const MetricSpec& metric : evaluation.metrics) metrics.push_back(metric.name());
  return {{"metrics", metrics},
          {"cohort_edges", evaluation.cohortEdges},
          {"cohort_by", evaluation.cohortAxis == CohortAxis::FoldInInteractions ? "foldin" : "total"}};
}

// Configs written before the evaluation was recorded read as the defaults they ran with.
EvaluationOptions evaluationOptionsFromJson(const nlohmann::json& in) {
  EvaluationOptions evaluation;
  if (in.is_null()) return evaluation;
  evaluation.metrics.clear();
  for (const auto& name : in.at("metrics")) evaluation.metrics.push_back(parseMetric(name.get<std::string>()));
  evaluation.cohortEdges = jsonIntegersAt<std::uint32_t>(in, "cohort_edges");
  evaluation.cohortAxis =
      in.at("cohort_by").get<std::string>() == "foldin" ? CohortAxis::FoldInInteractions : CohortAxis::TotalInteractions;
  return evaluation;
}

namespace {

ordered_json configToJson(const RunConfig& config) {
  ordered_json params = ordered_json::object();
  for (const auto& [name, value] : config.params) params[name] = value;
  return {{"model", config.model},
          {"params", std::move(params)},
          {"data", toJson(config.data)},
          {"evaluation", toJson(config.evaluation)}};
}

RunConfig configFromJson(const nlohmann::json& in) {
  RunConfig config;
  config.model = in.at("model").get<std::string>();
  for (const auto& [name, value] : in.at("params").items())
    config.params.emplace_back(name, value.get<std::string>());
  config.data = dataSourceFromJson(in.at("data"));
  config.evaluation = evaluationOptionsFromJson(in.value("evaluation", nlohmann::json()));
  return config;
}

}  // namespace

fs::path runConfigPath(const fs::path& runFolder) { return runFolder / "config.json"; }
fs::path runItemsPath(const fs::path& runFolder) { return runFolder / "items.txt"; }
fs::path runEventsPath(const fs::path& runFolder) { return runFolder / "events.jsonl"; }
fs::path runCheckpointPath(const fs::path& runFolder) { return runFolder / "checkpoint.pt"; }
fs::path runBestModelPath(const fs::path& runFolder) { return runFolder / "best.pt"; }
fs::path runMetricsPath(const fs::path& runFolder) { return runFolder / "metrics.json"; }
fs::path runLatentFolder(const fs::path& runFolder) { return runFolder / "latent"; }

fs::path freshRunFolder(const fs::path& runsFolder, const std::string& model) {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  const std::string stem = model + "-" + stamp;
  fs::path folder = runsFolder / stem;
  for (int suffix = 2; fs::exists(folder); ++suffix) folder = runsFolder / (stem + "-" + std::to_string(suffix));
  return folder;
}

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
  requireRegularFileIfPresent(file);  // a named pipe would block the reader
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "cannot open (is this a run folder?)");
  try {
    // Parsed unordered: nlohmann::json is what the data source reader takes; the order of
    // the parameters does not matter once they are read into a ParamSet.
    return configFromJson(nlohmann::json::parse(in));
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file.string(), 0, std::string("not a run configuration: ") + e.what());
  } catch (const InputError&) {
    throw;
  } catch (const Error& e) {
    throw InputError(file.string(), 0, std::string("not a run configuration: ") + e.what());
  }
}

std::vector<std::string> readRunItems(const fs::path& runFolder) {
  const fs::path file = runItemsPath(runFolder);
  requireRegularFileIfPresent(file);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "cannot open (is this a run folder?)");
  std::vector<std::string> items;
  for (std::string line; std::getline(in, line);) items.push_back(line);
  return items;
}

std::size_t removeStaleTemporaryFiles(const fs::path& runFolder) {
  std::size_t removed = 0;
  for (const fs::path& folder : {runFolder, runLatentFolder(runFolder)}) {
    std::error_code error;
    for (fs::directory_iterator entry(folder, error), end; !error && entry != end; entry.increment(error)) {
      const std::string name = entry->path().filename().string();
      const std::size_t tag = name.rfind(".tmp-");
      const bool temporary = name.size() > 1 && name[0] == '.' && tag != std::string::npos && tag > 1 &&
                             tag + 5 < name.size() &&
                             name.find_first_not_of("0123456789", tag + 5) == std::string::npos;
      std::error_code ignored;
      if (temporary && entry->is_regular_file(ignored) && fs::remove(entry->path(), ignored)) ++removed;
    }
  }
  return removed;
}

ParamSet runParams(const RunConfig& config, const ModelFamily& model) {
  if (config.model != model.name) throw Error("the run is of model " + config.model + ", not " + model.name);
  ParamSet params(runParamSpecs(model));
  for (const auto& [name, value] : config.params) params.set(name, value);
  return params;
}

}  // namespace vaecf
