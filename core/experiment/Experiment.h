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

namespace vaecf {

// A model the workbench can train: its name, what it is and its declared options.
struct ModelInfo {
  std::string name;
  std::string summary;
  bool iterative = false;
  std::vector<ParamSpec> params;
  // Trained on CSR batches by the live trainer from any split (the VAE family), so the
  // window can run, pause and step it; SVAE and DeepRec need the raw log's order and
  // ratings and train only through runExperiment.
  bool trainsOnAnySplit = false;
};

const std::vector<ModelInfo>& modelCatalog();
const ModelInfo& findModel(const std::string& name);  // throws Error listing the models
ParamSet defaultParams(const std::string& model);

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
// the run in `runDir` (train/RunFolder.h layout plus metrics.json). EASE's folder appears
// whole once complete; an iterative model's folder fills as it trains, file by file
// atomically.
ExperimentResult runExperiment(const std::string& model, const ParamSet& params, const DataSource& source,
                               const LoadedData& data, const EvaluationOptions& evaluation,
                               const std::filesystem::path& runDir, const TaskContext& context = {});

// Continues an iterative model's run from its last checkpoint (same data, same curve)
// and finishes it like runExperiment.
ExperimentResult resumeExperiment(const std::filesystem::path& runDir, const TaskContext& context = {});

// A saved run: its config and the model to score with.
struct SavedRun {
  std::string model;
  DataSource source;
  std::vector<std::string> itemIds;  // column order of the model's scores
  std::unique_ptr<Recommender> recommender;
};

SavedRun loadRun(const std::filesystem::path& runDir);

}  // namespace vaecf
