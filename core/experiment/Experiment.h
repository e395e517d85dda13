#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/TaskContext.h"
#include "data/DataSource.h"
#include "eval/Evaluator.h"
#include "models/Params.h"
#include "models/Recommender.h"
#include "plugin/ModelCatalog.h"
#include "train/DataParallel.h"
#include "train/RunFolder.h"
#include "train/TrainingParams.h"

namespace vaecf {

// The split `model` trains on, from the loaded split and the raw log (null for a split
// folder): the loaded split unless the model builds its own (ModelFamily::trainingSplit).
// Throws Error naming what the data lacks.
std::shared_ptr<const Split> trainingSplit(const ModelFamily& model, const ParamSet& params,
                                           const ProtocolOptions& protocol, std::shared_ptr<const Split> loaded,
                                           const InteractionLog* log);
// What trainingSplit() reads besides the data, as text: on the same data, equal keys give
// the same split.
std::string trainingSplitKey(const ModelFamily& model, const ParamSet& params, const ProtocolOptions& protocol);

// What `vaecf train` reports and a run folder keeps (metrics.json).
struct ExperimentResult {
  std::string model;
  std::vector<std::pair<std::string, std::string>> params;
  EvaluationReport validation, test;  // validation at the selected model, test once with it
  double seconds = 0.0;               // the whole fit, model selection included
  std::optional<double> secondsPerEpoch;
  std::optional<int> bestEpoch;
  nlohmann::json details;  // model-specific facts, e.g. EASE's validation curve over lambda
};

nlohmann::json paramsJson(const std::vector<std::pair<std::string, std::string>>& params);
nlohmann::json toJson(const EvaluationReport& report);
// The inverse of toJson(EvaluationReport), for metrics.json files.
EvaluationReport evaluationReportFromJson(const nlohmann::json& json);
nlohmann::json toJson(const ExperimentResult& result);

// Trains `model` on the split, selects it on validation, evaluates test once and keeps
// the run in `runDir` (train/RunFolder.h layout plus metrics.json). A closed-form model's
// folder appears whole once complete; an iterative model's folder fills as it trains,
// file by file atomically. With `ranks`, this process is rank 0 of a data-parallel run
// whose other ranks call followRun.
ExperimentResult runExperiment(const std::string& model, const ParamSet& params, const DataSource& source,
                               const LoadedData& data, const EvaluationOptions& evaluation,
                               const std::filesystem::path& runDir, const TaskContext& context = {},
                               std::shared_ptr<RankGroup> ranks = {});

// Continues an iterative model's run from its last checkpoint (same data, same curve)
// and finishes it like runExperiment.
ExperimentResult resumeExperiment(const std::filesystem::path& runDir, const TaskContext& context = {},
                                  std::shared_ptr<RankGroup> ranks = {});

// One of the other ranks of the data-parallel run `config` describes, on rank 0's data
// (train/Training.h, followTraining).
void followRun(const RunConfig& config, const LoadedData& data, std::shared_ptr<RankGroup> ranks);

// Completes an iterative run whose trainer has finished: its result read from events.jsonl,
// with the model's own facts, kept as metrics.json. runExperiment and resumeExperiment end
// with it; a front end that drives the Trainer itself (the window) calls it once the run
// has finished, off its GUI thread. `log` is the raw log the run's data came from (null for
// a split folder). Throws Error when the run has not finished.
ExperimentResult completeIterativeRun(const std::filesystem::path& runDir, const InteractionLog* log);

// metrics.json of a complete run, read back (model, parameters, both reports, timings,
// details). Throws InputError naming the file when it is missing or damaged.
ExperimentResult readRunMetrics(const std::filesystem::path& runDir);

// The split a saved run trained on, rebuilt from its loaded data source (trainingSplit()).
std::shared_ptr<const Split> runTrainingSplit(const RunConfig& config, const LoadedData& data);

// A saved run scored again on the split it was trained on, rebuilt from its data source
// (ranking metrics, or RMSE for a rating model).
struct RunEvaluation {
  std::string model;
  EvaluationReport validation, test;
};

RunEvaluation evaluateSavedRun(const std::filesystem::path& runDir, const EvaluationOptions& evaluation,
                               const TaskContext& context = {});

// A saved run: its config and the model to score with.
struct SavedRun {
  RunConfig config;
  ModelTask task = ModelTask::Ranking;  // RatingPrediction: the scores are predicted ratings
  std::vector<std::string> itemIds;     // column order of the model's scores
  std::unique_ptr<Recommender> recommender;
};

SavedRun loadRun(const std::filesystem::path& runDir);

}  // namespace vaecf
