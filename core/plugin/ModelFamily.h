#pragma once
// What a model plugin declares (docs/plugins.md): everything the trainer, the experiment
// driver, the CLI and the window need to know about a model, so that none of them ever
// asks for a model by name. Torch-free: the UI and plugin manifests include it.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/TaskContext.h"
#include "data/InteractionLog.h"
#include "data/Protocol.h"
#include "eval/Evaluator.h"
#include "models/Params.h"
#include "models/Recommender.h"

namespace vaecf {

namespace vae {
class AutoencoderModel;
}

// What a model's scores mean: a ranking of the items (evaluated by NDCG and recall) or
// predicted ratings (evaluated by RMSE at the heldout ratings).
enum class ModelTask { Ranking, RatingPrediction };

// What a model reads besides the loaded split. A model that needs the raw log builds its
// own split from it (trainingSplit below), so a canonical split folder cannot feed it.
struct DataNeeds {
  bool rawLog = false;
  bool explicitValues = false;  // ratings, not just interactions
  bool timestamps = false;
};

// What the geometry views and the window may ask of a trained model.
struct ModelCapabilities {
  bool latentMaps = false;        // per-user Gaussian posteriors (the latent map, t-SNE, drift)
  bool gradientTransfer = false;  // per-user gradients as an affine chain (docs/geometry.md 2)
  bool priorComponents = false;   // a mixture prior whose components can be shown (VampPrior)
  bool itemAnchors = false;       // item anchors in latent space when enabled (PIA)
  // Trains data-parallel: its loss is a mean over the batch's users, and it draws batch
  // noise through vae::RowShard (docs/data-parallel.md).
  bool dataParallel = false;
};

// A closed-form model after its fit: the model to evaluate and the facts it reports.
struct ClosedFormFit {
  std::unique_ptr<Recommender> model;
  nlohmann::json details = nlohmann::json::object();
};

// One model family member as every front end sees it. Exactly one of `create` (a model the
// trainer trains) and `fit` (a closed-form fit) is set.
struct ModelFamily {
  using Factory =
      std::function<std::shared_ptr<vae::AutoencoderModel>(const ParamSet& params, std::int64_t items)>;
  // Fits on the split's training rows (validation rows may select hyper-parameters, test
  // rows never), saving what load() reads into `runFolder`.
  using Fit = std::function<ClosedFormFit(const ParamSet& params, const Split& split,
                                          const EvaluationOptions& evaluation,
                                          const std::filesystem::path& runFolder, const TaskContext& context)>;
  using Load =
      std::function<std::unique_ptr<Recommender>(const std::filesystem::path& runFolder, const ParamSet& params)>;
  // The split a model trains on, built from the loaded split and the raw log (null for a
  // split folder). Throws Error naming what the data lacks.
  using SplitBuilder = std::function<std::shared_ptr<const Split>(
      const ParamSet& params, const ProtocolOptions& protocol, std::shared_ptr<const Split> loaded,
      const InteractionLog* log)>;
  // What the split builder reads besides the data, as text: equal keys, equal splits.
  using SplitKey = std::function<std::string(const ParamSet& params, const ProtocolOptions& protocol)>;
  // Facts the model adds to its results (metrics.json "details").
  using Details = std::function<nlohmann::json(const ParamSet& params, const InteractionLog* log)>;

  std::string name;
  std::vector<ParamSpec> params;  // the model's own; a trained model's include "epochs", "batch_size", "seed"
  Factory create;
  ModelTask task = ModelTask::Ranking;

  std::string summary;
  DataNeeds needs;
  ModelCapabilities capabilities;
  // Trainer parameters whose default this model overrides, e.g. {"patience", "50"}.
  std::vector<std::pair<std::string, std::string>> trainerDefaults;
  // Values the window starts from, so that a first run shows progress within seconds.
  std::vector<std::pair<std::string, std::string>> quickPreset;
  Fit fit;
  Load load;
  SplitBuilder trainingSplit;  // unset: the loaded split
  SplitKey trainingSplitKey;   // unset: the loaded split's
  Details details;             // unset: none

  bool iterative() const { return static_cast<bool>(create); }  // trained epoch by epoch
};

enum class DataNeed { RawLog, ExplicitValues, Timestamps };

// The first need of `model` that `log` (null: a split folder) lacks; nullopt when none.
std::optional<DataNeed> missingDataNeed(const ModelFamily& model, const InteractionLog* log);
// Throws Error naming that need (front ends word it themselves from missingDataNeed).
void checkDataNeeds(const ModelFamily& model, const InteractionLog* log);

}  // namespace vaecf
