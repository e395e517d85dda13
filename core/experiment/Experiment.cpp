#include "experiment/Experiment.h"

#include <chrono>
#include <fstream>

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "train/EventLog.h"
#include "train/RunFolder.h"
#include "train/Training.h"
#include "train/TrainingParams.h"

namespace fs = std::filesystem;

namespace vaecf {

namespace {

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

ExperimentResult fitClosedForm(const ModelFamily& model, const ParamSet& params, const Split& split,
                               const EvaluationOptions& evaluation, const fs::path& runDir,
                               const TaskContext& context) {
  const auto start = std::chrono::steady_clock::now();
  ClosedFormFit fitted = model.fit(params, split, evaluation, runDir, context);
  ExperimentResult result;
  result.details = std::move(fitted.details);
  result.validation = evaluate(*fitted.model, split.validationFoldIn, split.validationHeldout, evaluation, context);
  result.test = evaluate(*fitted.model, split.testFoldIn, split.testHeldout, evaluation, context);
  result.seconds = secondsSince(start);
  return result;
}

void writeJson(const fs::path& file, const nlohmann::json& json) {
  writeFileAtomically(file, [&](std::ostream& out) { out << json.dump(2) << '\n'; });
}

ExperimentResult experimentResultOf(const fs::path& runDir, const TrainingResult& trained) {
  if (!trained.validation || !trained.test)
    throw Error("the run " + runDir.string() + " has not finished: it has no validated weights and test metrics yet");
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

const InteractionLog* logOf(const LoadedData& data) { return data.log ? &*data.log : nullptr; }

// What every result names besides its metrics: the model, its parameters and its own facts.
void describeRun(ExperimentResult& result, const ModelFamily& model, const ParamSet& params,
                 const InteractionLog* log) {
  if (model.details) result.details.update(model.details(params, log));
  result.model = model.name;
  result.params = params.values();
}

}  // namespace

std::shared_ptr<const Split> trainingSplit(const ModelFamily& model, const ParamSet& params,
                                           const ProtocolOptions& protocol, std::shared_ptr<const Split> loaded,
                                           const InteractionLog* log) {
  checkDataNeeds(model, log);
  return model.trainingSplit ? model.trainingSplit(params, protocol, std::move(loaded), log) : loaded;
}

std::string trainingSplitKey(const ModelFamily& model, const ParamSet& params, const ProtocolOptions& protocol) {
  return model.trainingSplitKey ? model.name + ' ' + model.trainingSplitKey(params, protocol) : "the loaded split";
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

ExperimentResult runExperiment(const std::string& modelName, const ParamSet& params, const DataSource& source,
                               const LoadedData& data, const EvaluationOptions& evaluation, const fs::path& runDir,
                               const TaskContext& context, std::shared_ptr<RankGroup> ranks) {
  const ModelFamily& model = findModel(modelName);
  auto split = trainingSplit(model, params, source.protocol, std::make_shared<const Split>(data.split), logOf(data));
  if (model.iterative()) {
    // The trainer writes its folder as it goes (events, checkpoints), each file atomically.
    trainModel(TrainingSetup{model, params, std::move(split), runDir, source, evaluation, std::move(ranks)}, {},
               context);
    return completeIterativeRun(runDir, logOf(data));
  }
  if (ranks) requireDataParallel(model);
  ExperimentResult result;
  writeDirectoryAtomically(runDir, [&](const fs::path& dir) {
    writeRunConfig(dir, RunConfig{model.name, params.values(), source, evaluation});
    writeRunItems(dir, split->itemIds);
    result = fitClosedForm(model, params, *split, evaluation, dir, context);
    describeRun(result, model, params, logOf(data));
    writeJson(runMetricsPath(dir), toJson(result));
  });
  return result;
}

ExperimentResult resumeExperiment(const fs::path& runDir, const TaskContext& context,
                                  std::shared_ptr<RankGroup> ranks) {
  const RunConfig config = readRunConfig(runDir);
  const ModelFamily& model = findModel(config.model);
  if (!model.iterative()) throw Error("a " + config.model + " run has nothing to resume");
  const ParamSet params = runParams(config, model);
  const LoadedData data = loadData(config.data, context);
  // Every model continues on the split it was started on, rebuilt from the same data.
  auto split =
      trainingSplit(model, params, config.data.protocol, std::make_shared<const Split>(data.split), logOf(data));
  if (split->itemIds != readRunItems(runDir))
    throw Error("the data of " + runDir.string() + " (" + config.data.describe() +
                ") no longer gives the items the run was trained on");
  resumeTraining(runDir, std::move(split), model, {}, context, std::move(ranks));
  return completeIterativeRun(runDir, logOf(data));
}

void followRun(const RunConfig& config, const LoadedData& data, std::shared_ptr<RankGroup> ranks) {
  const ModelFamily& model = findModel(config.model);
  const ParamSet params = runParams(config, model);
  const auto split =
      trainingSplit(model, params, config.data.protocol, std::make_shared<const Split>(data.split), logOf(data));
  followTraining(model, params, *split, std::move(ranks));
}

ExperimentResult completeIterativeRun(const fs::path& runDir, const InteractionLog* log) {
  const RunConfig config = readRunConfig(runDir);
  const ModelFamily& model = findModel(config.model);
  ExperimentResult result = experimentResultOf(runDir, summarizeRun(readRunEvents(runDir)));
  describeRun(result, model, runParams(config, model), log);
  writeJson(runMetricsPath(runDir), toJson(result));
  return result;
}

std::shared_ptr<const Split> runTrainingSplit(const RunConfig& config, const LoadedData& data) {
  const ModelFamily& model = findModel(config.model);
  return trainingSplit(model, runParams(config, model), config.data.protocol,
                       std::make_shared<const Split>(data.split), logOf(data));
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
  const ModelFamily& model = findModel(run.config.model);
  run.task = model.task;
  run.recommender = model.iterative() ? loadTrainedModel(runDir, model)
                                      : model.load(runDir, runParams(run.config, model));
  if (run.recommender->items() != static_cast<std::int64_t>(run.itemIds.size()))
    throw InputError(runItemsPath(runDir).string(), 0,
                     "lists " + std::to_string(run.itemIds.size()) + " items but the model scores " +
                         std::to_string(run.recommender->items()));
  return run;
}

}  // namespace vaecf
