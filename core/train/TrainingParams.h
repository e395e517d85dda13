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
#include "plugin/ModelFamily.h"

namespace vaecf {

// The model's parameters followed by the trainer's: threads, device, precision, eval_every,
// patience, checkpoint_every, selection_metric and, for models with latent maps,
// latent_every and latent_sample. The model's trainerDefaults override the trainer's
// defaults (VampPrior's patience, docs/models.md 3.4); a rating model is selected by its
// validation RMSE.
std::vector<ParamSpec> trainingParamSpecs(const ModelFamily& model);

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
