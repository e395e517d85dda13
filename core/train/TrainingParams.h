#pragma once
// Every hyper-parameter of a training run, declared once: the model's own ParamSpecs plus
// the trainer's. CLI flags, the GUI form and config.json are all derived from
// trainingParamSpecs(); nothing else declares a parameter.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "eval/RankingMetrics.h"
#include "models/Params.h"

namespace vaecf {

namespace vae {
class AutoencoderModel;
}

// What a model's scores mean: a ranking of the items (evaluated by NDCG and recall) or
// predicted ratings (evaluated by RMSE at the heldout ratings).
enum class ModelTask { Ranking, RatingPrediction };

// A trainable model: its name, its parameters, and how to build it for a catalogue of
// `items` items. The autoencoders come from autoencoderDefinition(); tests and new model
// families supply their own.
struct ModelDefinition {
  using Factory =
      std::function<std::shared_ptr<vae::AutoencoderModel>(const ParamSet& params, std::int64_t items)>;

  std::string name;
  std::vector<ParamSpec> params;  // must include "epochs", "batch_size" and "seed"
  Factory create;
  ModelTask task = ModelTask::Ranking;
};

// "multvae", "multdae", "recvae", "vamp", "hvamp" (vae::autoencoderNames()).
ModelDefinition autoencoderDefinition(const std::string& name);
// True for the names autoencoderDefinition() builds: the models the geometry views read.
bool isAutoencoderModel(const std::string& name);

// The model's parameters followed by the trainer's: threads, device, precision, eval_every,
// patience, checkpoint_every, selection_metric and, for the autoencoders the geometry
// views read, latent_every and latent_sample. Early
// stopping is on by default only for the VampPrior family (docs/models.md 3.4); a rating
// model is selected by its validation RMSE.
std::vector<ParamSpec> trainingParamSpecs(const ModelDefinition& model);

// The trainer's reading of a ParamSet made from trainingParamSpecs().
struct TrainerSettings {
  std::int64_t epochs = 0;
  std::int64_t batchSize = 0;
  std::uint64_t seed = 0;
  int threads = 0;     // intra-op threads; 0 = every hardware core
  std::string device;  // "auto", "cpu" or "cuda"
  std::string precision = "fp32";  // "fp32", "tf32" or "bf16" (docs/gpu.md)
  std::int64_t evalEvery = 1;
  std::int64_t patience = 0;  // epochs without improvement before stopping; 0 = never
  // Epochs during which the patience counter stays at 0: the model's "warmup_epochs"
  // (its KL warm-up) where it declares one.
  std::int64_t patienceWarmup = 0;
  std::int64_t checkpointEvery = 1;
  // "rmse" (lower is better) or a ranking metric such as "ndcg@100".
  std::string selectionMetric = "ndcg@100";
  std::int64_t latentEvery = 1;      // epochs between latent map frames (docs/geometry.md 6); 0 = none
  std::int64_t latentSample = 2000;  // users in those maps
};

// Throws Error when the selection metric is not a metric name.
TrainerSettings trainerSettings(const ParamSet& params);

// True when a smaller value of the selection metric is better (RMSE).
bool lowerIsBetter(const std::string& selectionMetric);
// Throws Error unless `selectionMetric` measures what `task` predicts.
void checkSelectionMetric(const std::string& selectionMetric, ModelTask task);

}  // namespace vaecf
