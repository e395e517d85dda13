#pragma once
// The folder a run lives in, whoever made it (`vaecf train`, the window, a sweep): the
// one place its layout is defined (docs/architecture.md, section 4). config.json (model, parameters, data
// source), items.txt (the item id of each score column), events.jsonl (everything an
// iterative run reported), checkpoint.pt (its latest resumable state), best.pt (the
// best-by-validation weights, which the test metrics and `recommend` use), latent/ (the
// latent map frames) and metrics.json (validation and test once the run is complete).

#include <filesystem>

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "data/DataSource.h"
#include "eval/Evaluator.h"
#include "models/Params.h"
#include "train/TrainingParams.h"

namespace vaecf {

struct RunConfig {
  std::string model;
  // Every parameter, the model's and the trainer's, in declaration order; the training
  // seed is the "seed" entry.
  std::vector<std::pair<std::string, std::string>> params;
  DataSource data;
  // Metrics and cohorts the run is evaluated with, so a resumed run reports the same ones.
  EvaluationOptions evaluation;
};

std::filesystem::path runConfigPath(const std::filesystem::path& runFolder);
std::filesystem::path runItemsPath(const std::filesystem::path& runFolder);
std::filesystem::path runEventsPath(const std::filesystem::path& runFolder);
std::filesystem::path runCheckpointPath(const std::filesystem::path& runFolder);
std::filesystem::path runBestModelPath(const std::filesystem::path& runFolder);
std::filesystem::path runMetricsPath(const std::filesystem::path& runFolder);
std::filesystem::path runLatentFolder(const std::filesystem::path& runFolder);

// Where a new run of `model` goes under `runsFolder`: MODEL-YYYYMMDD-HHMMSS in local time,
// with -2, -3, ... appended while that name is taken.
std::filesystem::path freshRunFolder(const std::filesystem::path& runsFolder, const std::string& model);

// The metrics and cohorts of a run as config.json records them, and back (an absent
// value reads as the defaults).
nlohmann::ordered_json toJson(const EvaluationOptions& evaluation);
EvaluationOptions evaluationOptionsFromJson(const nlohmann::json& json);

// Both atomically.
void writeRunConfig(const std::filesystem::path& runFolder, const RunConfig& config);
void writeRunItems(const std::filesystem::path& runFolder, const std::vector<std::string>& itemIds);
// Both throw InputError when the file is missing or malformed.
RunConfig readRunConfig(const std::filesystem::path& runFolder);
std::vector<std::string> readRunItems(const std::filesystem::path& runFolder);

// Deletes the temporary files a killed writer left behind in the run folder and its
// latent/ folder (".checkpoint.pt.tmp-123", ".best.pt.tmp-45", ...: AtomicFile.h names
// them so); returns how many. Call it only on a run this process is about to write.
std::size_t removeStaleTemporaryFiles(const std::filesystem::path& runFolder);

// The run's parameters as a ParamSet of trainingParamSpecs(model); throws Error when the
// run is of another model.
ParamSet runParams(const RunConfig& config, const ModelFamily& model);

}  // namespace vaecf
