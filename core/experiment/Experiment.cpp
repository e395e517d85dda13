#include "experiment/Experiment.h"

#include <chrono>
#include <fstream>

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "models/Ease.h"

namespace fs = std::filesystem;

namespace vaecf {

namespace {

const char* const kConfigFile = "config.json";
const char* const kMetricsFile = "metrics.json";
const char* const kItemsFile = "items.txt";
const char* const kEaseModelFile = "ease.bin";

std::vector<ParamSpec> easeParams() {
  return {
      {"lambda", ParamSpec::Type::Float, "500", "L2 regularisation of the item-item weights (hundreds to thousands)",
       1e-6, std::nullopt, {}, false},
      {"lambda_grid", ParamSpec::Type::FloatList, "",
       "when given, lambda is chosen among these values by validation NDCG@100", 0.0, std::nullopt, {}, false},
      {"precision", ParamSpec::Type::Choice, "float64", "precision of the Gram matrix inverse", std::nullopt,
       std::nullopt, {"float64", "float32"}, false},
  };
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

ExperimentResult fitEase(const ParamSet& params, const Split& split, const EvaluationOptions& evaluation,
                         const fs::path& runDir, const TaskContext& context) {
  const auto start = std::chrono::steady_clock::now();
  const bool float64 = params.text("precision") == "float64";
  ExperimentResult result;
  std::unique_ptr<EaseRecommender> model;
  const std::vector<double> grid = params.reals("lambda_grid");
  if (grid.empty()) {
    model = EaseRecommender::fit(split.train, {params.real("lambda"), float64}, context);
    result.details["lambda"] = params.real("lambda");
  } else {
    EaseSelection selection = selectEaseLambda(split.train, split.validationFoldIn, split.validationHeldout, grid,
                                               float64, evaluation, context);
    model = std::move(selection.model);
    result.details["lambda"] = selection.lambda;
    for (const auto& [lambda, ndcg] : selection.validationNdcgByLambda)
      result.details["validation_ndcg@100_by_lambda"].push_back({lambda, ndcg});
  }
  result.validation = evaluate(*model, split.validationFoldIn, split.validationHeldout, evaluation, context);
  result.test = evaluate(*model, split.testFoldIn, split.testHeldout, evaluation, context);
  result.seconds = secondsSince(start);
  if (!runDir.empty()) model->save(runDir / kEaseModelFile);
  return result;
}

void writeJson(const fs::path& file, const nlohmann::json& json) {
  writeFileAtomically(file, [&](std::ostream& out) { out << json.dump(2) << '\n'; });
}

nlohmann::json readJson(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), 0, "cannot open (is this a run folder?)");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& error) {
    throw InputError(file.string(), 0, std::string("not valid JSON: ") + error.what());
  }
}

std::vector<std::string> readItems(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), 0, "cannot open");
  std::vector<std::string> items;
  for (std::string line; std::getline(in, line);) items.push_back(line);
  return items;
}

}  // namespace

const std::vector<ModelInfo>& modelCatalog() {
  static const std::vector<ModelInfo> catalog = {
      {"ease", "EASE^R: closed-form linear item-item model (Steck 2019)", false, easeParams()},
  };
  return catalog;
}

const ModelInfo& findModel(const std::string& name) {
  std::string known;
  for (const ModelInfo& info : modelCatalog()) {
    if (info.name == name) return info;
    known += (known.empty() ? "" : ", ") + info.name;
  }
  throw Error("unknown model '" + name + "'; known models: " + known);
}

ParamSet defaultParams(const std::string& model) { return ParamSet(findModel(model).params); }

nlohmann::json paramsJson(const std::vector<std::pair<std::string, std::string>>& params) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [name, value] : params) json[name] = value;
  return json;
}

nlohmann::json toJson(const EvaluationReport& report) {
  auto metrics = [](const std::map<std::string, MetricSummary>& values, nlohmann::json& into) {
    for (const auto& [name, summary] : values) {
      into[name] = summary.mean;
      into[name + "_se"] = summary.standardError;
    }
  };
  nlohmann::json json;
  json["users"] = report.users;
  json["users_without_heldout"] = report.usersWithoutHeldout;
  metrics(report.metrics, json);
  json["cohorts"] = nlohmann::json::array();
  for (const CohortResult& cohort : report.cohorts) {
    nlohmann::json entry = {{"cohort", cohort.label}, {"users", cohort.users}};
    metrics(cohort.metrics, entry);
    json["cohorts"].push_back(entry);
  }
  return json;
}

nlohmann::json toJson(const ExperimentResult& result) {
  nlohmann::json json;
  json["model"] = result.model;
  json["params"] = paramsJson(result.params);
  json["validation"] = toJson(result.validation);
  json["test"] = toJson(result.test);
  json["seconds"] = result.seconds;
  if (result.secondsPerEpoch) json["seconds_per_epoch"] = *result.secondsPerEpoch;
  if (result.bestEpoch) json["best_epoch"] = *result.bestEpoch;
  if (!result.details.is_null()) json["details"] = result.details;
  return json;
}

ExperimentResult runExperiment(const std::string& model, const ParamSet& params, const DataSource& source,
                               const LoadedData& data, const EvaluationOptions& evaluation, const fs::path& runDir,
                               const TaskContext& context) {
  findModel(model);
  auto train = [&](const fs::path& dir) {
    if (!dir.empty()) {
      writeJson(dir / kConfigFile, {{"model", model}, {"params", paramsJson(params.values())},
                                    {"data", toJson(source)}});
      writeFileAtomically(dir / kItemsFile, [&](std::ostream& out) {
        for (const std::string& id : data.split.itemIds) out << id << '\n';
      });
    }
    ExperimentResult result = fitEase(params, data.split, evaluation, dir, context);
    result.model = model;
    result.params = params.values();
    if (!dir.empty()) writeJson(dir / kMetricsFile, toJson(result));
    return result;
  };
  if (runDir.empty()) return train({});
  ExperimentResult result;
  writeDirectoryAtomically(runDir, [&](const fs::path& dir) { result = train(dir); });
  return result;
}

SavedRun loadRun(const fs::path& runDir) {
  const nlohmann::json config = readJson(runDir / kConfigFile);
  SavedRun run;
  try {
    run.model = config.at("model").get<std::string>();
    run.source = dataSourceFromJson(config.at("data"));
  } catch (const nlohmann::json::exception& error) {
    throw InputError((runDir / kConfigFile).string(), 0, std::string("incomplete run config: ") + error.what());
  }
  run.itemIds = readItems(runDir / kItemsFile);
  run.recommender = EaseRecommender::load(runDir / kEaseModelFile);
  if (run.recommender->items() != static_cast<std::int64_t>(run.itemIds.size()))
    throw InputError((runDir / kItemsFile).string(), 0, "lists " + std::to_string(run.itemIds.size()) +
                                                           " items but the model scores " +
                                                           std::to_string(run.recommender->items()));
  return run;
}

}  // namespace vaecf
