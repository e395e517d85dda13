#include "experiment/Experiment.h"

#include <chrono>
#include <fstream>

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "models/Ease.h"
#include "models/deeprec/DeepRec.h"
#include "models/deeprec/RatingBaselines.h"
#include "data/RatingSplit.h"
#include "data/TemporalSplit.h"
#include "models/svae/Svae.h"
#include "train/RunFolder.h"
#include "train/Training.h"
#include "train/TrainingParams.h"

namespace fs = std::filesystem;

namespace vaecf {

namespace {

const char* const kMetricsFile = "metrics.json";
const char* const kEaseModelFile = "ease.bin";

struct AutoencoderEntry {
  const char* name;
  const char* summary;
};
const AutoencoderEntry kAutoencoders[] = {
    {"multvae", "Mult-VAE^PR: multinomial VAE with KL annealing (Liang et al. 2018)"},
    {"multdae", "Mult-DAE: denoising autoencoder with multinomial likelihood"},
    {"recvae", "RecVAE: composite prior, user-adaptive beta, alternating updates (Shenbin et al. 2020)"},
    {"vamp", "VampPrior VAE: mixture prior over learned pseudo-inputs (Kim & Suh 2019)"},
    {"hvamp", "H+Vamp: two stochastic layers with a VampPrior on the top one"},
};

std::vector<ParamSpec> easeParams() {
  return {
      {"lambda", ParamSpec::Type::Float, "500", "L2 regularisation of the item-item weights (hundreds to thousands)",
       1e-6, std::nullopt, {}, false},
      {"lambda_grid", ParamSpec::Type::FloatList, "",
       "when given, lambda is chosen among these values by validation NDCG@100", 0.0, std::nullopt, {}, false},
      {"precision", ParamSpec::Type::Choice, "float64", "precision of the Gram matrix inverse", std::nullopt,
       std::nullopt, {"float64", "float32"}, false},
      {"device", ParamSpec::Type::Choice, "auto", "where the Gram matrix is inverted; auto picks cuda when available",
       std::nullopt, std::nullopt, {"auto", "cpu", "cuda"}, false},
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
    model = EaseRecommender::fit(split.train, {params.real("lambda"), float64, params.text("device")}, context);
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
  model->save(runDir / kEaseModelFile);
  return result;
}

void writeJson(const fs::path& file, const nlohmann::json& json) {
  writeFileAtomically(file, [&](std::ostream& out) { out << json.dump(2) << '\n'; });
}

ExperimentResult experimentResultOf(const std::string& model, const TrainingResult& trained) {
  if (!trained.validation || !trained.test) throw Error("the run of " + model + " was never validated");
  ExperimentResult result;
  result.validation = *trained.validation;
  result.test = *trained.test;
  result.seconds = trained.seconds;
  result.secondsPerEpoch = trained.secondsPerEpoch;
  result.bestEpoch = static_cast<int>(trained.bestEpoch);
  result.details["epochs"] = trained.epochs;
  result.details["stopped_early"] = trained.stoppedEarly;
  return result;
}

ExperimentResult trainIterative(const std::string& model, const ParamSet& params, const DataSource& source,
                                std::shared_ptr<const Split> split, const EvaluationOptions& evaluation,
                                const fs::path& runDir, const TaskContext& context) {
  TrainingSetup setup{trainingDefinition(model), params, std::move(split), runDir, source, evaluation};
  return experimentResultOf(model, trainModel(std::move(setup), {}, context));
}

// ---- Sequence and rating models: SVAE and DeepRec (issue 6) ----

const char* const kSvaeSummary = "SVAE: GRU over the time-ordered history, next-k items (Sachdeva et al. 2019)";
const char* const kDeepRecSummary =
    "DeepRec: deep autoencoder for explicit ratings, RMSE on a time split (Kuchaiev & Ginsburg 2017)";

const InteractionLog& rawLog(const InteractionLog* log, const std::string& model) {
  if (!log) throw Error(model + " reads the raw dataset (ratings, times): give a dataset, not a split folder");
  return *log;
}

const InteractionLog* logOf(const LoadedData& data) { return data.log ? &*data.log : nullptr; }

RatingSplit ratingSplit(const InteractionLog* log, const ParamSet& params) {
  const InteractionLog& raw = rawLog(log, "deeprec");
  if (!raw.explicitValues) throw Error("deeprec predicts ratings, and " + raw.source + " has none");
  return deepRecSplit(raw, params);
}

nlohmann::json baselinesJson(const BaselineRmse& baselines) {
  return {{"global_mean", baselines.globalMean}, {"item_mean", baselines.itemMean}, {"biases", baselines.biases}};
}

// DeepRec's rating split in figures, and the RMSE of the three baselines on it.
nlohmann::json ratingDetails(const InteractionLog* log, const ParamSet& params) {
  constexpr int kBiasSweeps = 20;  // the alternating updates settle well before this
  const RatingSplit split = ratingSplit(log, params);
  const double lambda = params.real("baseline_lambda");
  return {{"users", split.userIds.size()},
          {"items", split.itemIds.size()},
          {"train_ratings", split.train.nonZeros()},
          {"validation_ratings", split.validation.nonZeros()},
          {"test_ratings", split.test.nonZeros()},
          {"dropped_evaluation_ratings", split.droppedEvaluationRatings},
          {"baselines",
           {{"validation", baselinesJson(baselineRmse(split.train, split.validation, lambda, kBiasSweeps))},
            {"test", baselinesJson(baselineRmse(split.train, split.test, lambda, kBiasSweeps))}}}};
}

// Trains or resumes an iterative run and completes its result with the model's own facts.
ExperimentResult finishIterative(ExperimentResult result, const std::string& model, const ParamSet& params,
                                 const InteractionLog* log, const fs::path& runDir) {
  if (model == "deeprec") result.details.update(ratingDetails(log, params));
  result.model = model;
  result.params = params.values();
  writeJson(runDir / kMetricsFile, toJson(result));
  return result;
}

}  // namespace

const std::vector<ModelInfo>& modelCatalog() {
  static const std::vector<ModelInfo> catalog = [] {
    std::vector<ModelInfo> models{{"ease", "EASE^R: closed-form linear item-item model (Steck 2019)", false, easeParams()}};
    for (const AutoencoderEntry& entry : kAutoencoders)
      models.push_back({entry.name, entry.summary, true, trainingParamSpecs(autoencoderDefinition(entry.name))});
    models.push_back({"svae", kSvaeSummary, true, trainingParamSpecs(svaeDefinition()), true});
    models.push_back({"deeprec", kDeepRecSummary, true, trainingParamSpecs(deepRecDefinition()), true});
    return models;
  }();
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

ModelDefinition trainingDefinition(const std::string& model) {
  if (model == "svae") return svaeDefinition();
  if (model == "deeprec") return deepRecDefinition();
  if (!isAutoencoderModel(model)) throw Error("'" + model + "' is not trained by the trainer");
  return autoencoderDefinition(model);
}

std::shared_ptr<const Split> trainingSplit(const std::string& model, const ParamSet& params,
                                           const ProtocolOptions& protocol, std::shared_ptr<const Split> loaded,
                                           const InteractionLog* log) {
  if (model == "svae")
    return std::make_shared<const Split>(temporalSplit(*loaded, rawLog(log, model), protocol.heldoutFraction));
  if (model == "deeprec") return std::make_shared<const Split>(trainingSplitOf(ratingSplit(log, params)));
  return loaded;
}

std::string trainingSplitKey(const std::string& model, const ParamSet& params, const ProtocolOptions& protocol) {
  if (model == "svae") return model + " heldout_fraction=" + std::to_string(protocol.heldoutFraction);
  if (model == "deeprec") {
    std::string key = model;
    for (const char* name : {"split", "train_fraction", "split_seed"}) key += ' ' + (name + ('=' + params.text(name)));
    return key;
  }
  return model;
}

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
  const ModelInfo& info = findModel(model);
  if (info.iterative) {
    // The trainer writes its folder as it goes (events, checkpoints), each file atomically.
    auto split = trainingSplit(model, params, source.protocol, std::make_shared<const Split>(data.split), logOf(data));
    ExperimentResult result = trainIterative(model, params, source, std::move(split), evaluation, runDir, context);
    return finishIterative(std::move(result), model, params, logOf(data), runDir);
  }
  ExperimentResult result;
  writeDirectoryAtomically(runDir, [&](const fs::path& dir) {
    writeRunConfig(dir, RunConfig{model, params.values(), source, evaluation});
    writeRunItems(dir, data.split.itemIds);
    result = fitEase(params, data.split, evaluation, dir, context);
    result.model = model;
    result.params = params.values();
    writeJson(dir / kMetricsFile, toJson(result));
  });
  return result;
}

ExperimentResult resumeExperiment(const fs::path& runDir, const TaskContext& context) {
  const RunConfig config = readRunConfig(runDir);
  if (!findModel(config.model).iterative) throw Error("a " + config.model + " run has nothing to resume");
  const ModelDefinition definition = trainingDefinition(config.model);
  const ParamSet params = runParams(config, definition);
  const LoadedData data = loadData(config.data, context);
  // Every model continues on the split it was started on, rebuilt from the same data.
  auto split = trainingSplit(config.model, params, config.data.protocol, std::make_shared<const Split>(data.split),
                             logOf(data));
  if (split->itemIds != readRunItems(runDir))
    throw Error("the data of " + runDir.string() + " (" + config.data.describe() +
                ") no longer gives the items the run was trained on");
  ExperimentResult result =
      experimentResultOf(config.model, resumeTraining(runDir, std::move(split), definition, {}, context));
  return finishIterative(std::move(result), config.model, params, logOf(data), runDir);
}

std::shared_ptr<const Split> runTrainingSplit(const RunConfig& config, const LoadedData& data) {
  auto split = std::make_shared<const Split>(data.split);
  if (!findModel(config.model).iterative) return split;
  const ParamSet params = runParams(config, trainingDefinition(config.model));
  return trainingSplit(config.model, params, config.data.protocol, std::move(split), logOf(data));
}

RunEvaluation evaluateSavedRun(const fs::path& runDir, const EvaluationOptions& evaluation,
                               const TaskContext& context) {
  const SavedRun run = loadRun(runDir);
  const auto split = runTrainingSplit(run.config, loadData(run.config.data, context));
  if (split->itemIds != run.itemIds)
    throw Error("the data of " + runDir.string() + " (" + run.config.data.describe() +
                ") no longer gives the items the run was trained on");
  const Recommender& model = *run.recommender;
  auto score = [&](const CsrMatrix& foldIn, const CsrMatrix& heldout) {
    return run.task == ModelTask::RatingPrediction ? evaluateRatings(model, foldIn, heldout, evaluation, context)
                                                   : evaluate(model, foldIn, heldout, evaluation, context);
  };
  return {run.config.model, score(split->validationFoldIn, split->validationHeldout),
          score(split->testFoldIn, split->testHeldout)};
}

SavedRun loadRun(const fs::path& runDir) {
  SavedRun run;
  run.config = readRunConfig(runDir);
  run.itemIds = readRunItems(runDir);
  if (findModel(run.config.model).iterative) {
    const ModelDefinition definition = trainingDefinition(run.config.model);
    run.task = definition.task;
    run.recommender = loadTrainedModel(runDir, definition);
  } else {
    run.recommender = EaseRecommender::load(runDir / kEaseModelFile);
  }
  if (run.recommender->items() != static_cast<std::int64_t>(run.itemIds.size()))
    throw InputError(runItemsPath(runDir).string(), 0,
                     "lists " + std::to_string(run.itemIds.size()) + " items but the model scores " +
                         std::to_string(run.recommender->items()));
  return run;
}

}  // namespace vaecf
