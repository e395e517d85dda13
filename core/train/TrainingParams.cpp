#include "train/TrainingParams.h"

#include <algorithm>
#include <optional>

#include "common/Error.h"
#include "eval/Evaluator.h"

namespace vaecf {

namespace {

std::vector<ParamSpec> trainerSpecs(const ModelFamily& model) {
  const bool rating = model.task == ModelTask::RatingPrediction;
  std::vector<ParamSpec> specs{
      computeOnly(integerParam("threads", "0", "Intra-op CPU threads; 0 = one per hardware thread", 0)),
      computeOnly(choiceParam("device", "auto", {"auto", "cpu", "cuda"},
                              "Where to train; auto picks cuda when it is available")),
      choiceParam("precision", "fp32", {"fp32", "tf32", "bf16"},
                  "Arithmetic of the matrix products: fp32; tf32 (cuda matrix units, 10-bit mantissa); bf16 "
                  "(autocast: products in bfloat16, softmax, loss and weights in float32)"),
      integerParam("eval_every", "1",
                   "Epochs between validation evaluations (the last epoch is always validated)", 1),
      integerParam("patience", "0",
                   "Stop after this many epochs without a validation improvement (held at 0 during a KL "
                   "warm-up); 0 = never",
                   0),
      integerParam("checkpoint_every", "1",
                   "Epochs between resumable checkpoints (the last epoch is always saved)", 1),
      textParam("selection_metric", rating ? kRmseMetric : "ndcg@100",
                "Validation metric that picks the best epoch, whose weights are tested (docs/models.md 2.4): "
                "rmse for rating prediction, else a ranking metric such as ndcg@100"),
  };
  // Latent maps are drawn of the models whose posteriors the geometry views read.
  if (model.capabilities.latentMaps) {
    specs.push_back(integerParam("latent_every", "1",
                                 "Epochs between latent map frames saved in the run folder (the last epoch is "
                                 "always recorded); 0 = none",
                                 0));
    specs.push_back(integerParam("latent_sample", "2000",
                                 "Users drawn into the latent maps, the same users for every run on the split", 2,
                                 20000));
  }
  // An init-capture: capturing a structured binding itself is C++20, which clang 14 refuses.
  for (const auto& [name, value] : model.trainerDefaults) {
    const auto spec =
        std::find_if(specs.begin(), specs.end(), [&key = name](const ParamSpec& s) { return s.name == key; });
    if (spec == specs.end()) throw Error("model '" + model.name + "' overrides '" + name + "', not a trainer parameter");
    spec->defaultValue = value;
  }
  return specs;
}

}  // namespace

std::vector<ParamSpec> trainingParamSpecs(const ModelFamily& model) {
  std::vector<ParamSpec> specs = model.params;
  for (auto& spec : trainerSpecs(model)) {
    const bool clash =
        std::any_of(specs.begin(), specs.end(), [&](const ParamSpec& s) { return s.name == spec.name; });
    if (clash) throw Error("model '" + model.name + "' declares the trainer's parameter '" + spec.name + "'");
    specs.push_back(std::move(spec));
  }
  return specs;
}

TrainerSettings trainerSettings(const ParamSet& params) {
  TrainerSettings settings;
  settings.epochs = params.integer("epochs");
  settings.batchSize = params.integer("batch_size");
  settings.seed = static_cast<std::uint64_t>(params.integer("seed"));
  settings.threads = static_cast<int>(params.integer("threads"));
  settings.device = params.text("device");
  settings.precision = params.text("precision");
  settings.evalEvery = params.integer("eval_every");
  settings.patience = params.integer("patience");
  settings.patienceWarmup = params.declares("warmup_epochs") ? params.integer("warmup_epochs") : 0;
  settings.checkpointEvery = params.integer("checkpoint_every");
  settings.selectionMetric = params.text("selection_metric");
  if (!lowerIsBetter(settings.selectionMetric)) parseMetric(settings.selectionMetric);  // throws on a bad name
  if (params.declares("latent_every")) {
    settings.latentEvery = params.integer("latent_every");
    settings.latentSample = params.integer("latent_sample");
  } else {
    settings.latentEvery = 0;
  }
  return settings;
}

bool lowerIsBetter(const std::string& selectionMetric) { return selectionMetric == kRmseMetric; }

void checkSelectionMetric(const std::string& selectionMetric, ModelTask task) {
  const bool rating = task == ModelTask::RatingPrediction;
  if (rating != lowerIsBetter(selectionMetric)) {
    throw Error("selection_metric " + selectionMetric + " does not measure " +
                (rating ? "rating prediction: use rmse" : "a ranking: use a ranking metric such as ndcg@100"));
  }
}

}  // namespace vaecf
