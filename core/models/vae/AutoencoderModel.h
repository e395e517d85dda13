#pragma once
// Internal to the core: includes torch. Never include from a header the UI or the CLI
// sees; they reach models through core/train (pimpl).

#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/Params.h"
#include "models/vae/Layers.h"

namespace vaecf::vae {

struct AffineChain;  // models/vae/AffineChain.h

// Users of one training batch, densified from CSR on the fly (docs/models.md pitfall 11).
struct Batch {
  torch::Tensor rows;  // [B, I] float32 rows, the matrix's values (1 for binary data): the target
  // The same rows as an embedding-bag input (indices into items, per-row offsets), for
  // models whose first layer reads sparse input faster than dense (docs/building.md, LibTorch at run time).
  torch::Tensor itemIndices;  // [nnz] int64
  torch::Tensor rowOffsets;   // [B] int64
  // 0 for rows of the data; n for the n-th follow-up of the batch a loss asked for.
  int followUp = 0;
  // Where these rows lie in the whole batch when ranks train it together; whole otherwise.
  RowShard shard;
};

// Where training stands when a loss is computed; schedules (KL annealing, warm-up)
// are the model's own and read it from here.
struct TrainingClock {
  std::int64_t step = 0;   // gradient updates done so far, over all phases
  std::int64_t epoch = 1;  // 1-based outer epoch
};

// A scalar to minimise and its named parts for the loss curves ("reconstruction",
// "kl", "beta", "anchor", ...), the parts detached.
struct Loss {
  Loss(torch::Tensor totalLoss, std::vector<std::pair<std::string, torch::Tensor>> namedTerms = {})
      : total(std::move(totalLoss)), terms(std::move(namedTerms)) {}

  torch::Tensor total;
  std::vector<std::pair<std::string, torch::Tensor>> terms;
  // A batch to take a further update on once this loss has been descended (DeepRec's
  // dense re-feeding); its followUp counts how deep the chain is.
  std::optional<Batch> followUp;
};

// How a phase's parameters are updated.
struct Optimizer {
  enum class Kind { Adam, SgdMomentum };
  Kind kind = Kind::Adam;
  double momentum = 0.9;    // SGD only
  double weightDecay = 0.0;
  // The learning rate is multiplied by `decay` after each of these 1-based epochs, as
  // PyTorch's MultiStepLR does when stepped once per epoch.
  std::vector<std::int64_t> milestones;
  double decay = 1.0;

  // The phase's learning rate `base` in `epoch`.
  double learningRate(double base, std::int64_t epoch) const;
};

// Parameters a phase updates at a learning rate of their own (PIA's anchors).
struct ParameterGroup {
  std::vector<torch::Tensor> parameters;
  double learningRate = 1e-3;  // before the phase's schedule
};

// One optimisation phase of an epoch. Most models have one; RecVAE alternates an
// encoder phase (3 passes, dropout on) and a decoder phase (1 pass, dropout off).
// The trainer keeps one optimiser per phase name across epochs.
struct Phase {
  Phase(std::string phaseName, int phasePasses, std::vector<torch::Tensor> phaseParameters, double rate,
        Optimizer choice = {})
      : name(std::move(phaseName)),
        passes(phasePasses),
        parameters(std::move(phaseParameters)),
        learningRate(rate),
        optimizer(std::move(choice)) {}

  std::string name;
  int passes = 1;
  std::vector<torch::Tensor> parameters;
  double learningRate = 1e-3;  // before the schedule of `optimizer`
  Optimizer optimizer;
  std::vector<ParameterGroup> extraGroups;  // same optimiser, other learning rates

  std::vector<torch::Tensor> allParameters() const;
};

// Posterior of the (top) latent layer: a diagonal Gaussian per row.
struct Posterior {
  torch::Tensor mean;      // [B, d]
  torch::Tensor variance;  // [B, d]
};

// The contract every VAE-family model (and Mult-DAE, whose posterior has zero variance)
// fulfils for the trainer, the evaluator and the geometry views.
class AutoencoderModel : public torch::nn::Module {
 public:
  ~AutoencoderModel() override = default;

  virtual std::vector<Phase> phases() = 0;
  // Training loss of `batch` in `phase`; may read and mask batch.rows. Live parameters
  // (beta cap, gamma, mask rate, lambda_A) are read from the model's ParamSet at call time.
  virtual Loss loss(const Batch& batch, const Phase& phase, const TrainingClock& clock) = 0;
  // Called after backward and before the optimiser step (VampPrior's per-tensor gradient
  // normalisation); default: nothing.
  virtual void beforeOptimizerStep(const Phase& phase) {}
  // Called when a phase has finished its passes (RecVAE refreshes its old encoder).
  virtual void afterPhase(const Phase& phase) {}

  // Ranking scores for rows (eval mode, no sampling, no dropout): [B, I].
  virtual torch::Tensor scores(const torch::Tensor& rows) = 0;
  // The same for a whole batch, which the trainer's evaluation scores through; models
  // that read more than the dense rows (SVAE: the time-ordered item lists) override it.
  virtual torch::Tensor batchScores(const Batch& batch) { return scores(batch.rows); }
  virtual Posterior posterior(const torch::Tensor& rows) = 0;
  virtual torch::Tensor decode(const torch::Tensor& latent) = 0;  // logits [B, I]
  // Means of the prior's components in latent space ([K, d]; VampPrior: the encoded
  // pseudo-inputs), undefined tensor when the prior has none.
  virtual torch::Tensor priorComponentMeans() { return {}; }
  // PIA item anchors [I, d], undefined tensor when PIA is off.
  virtual torch::Tensor itemAnchors() { return {}; }
  // The per-user loss in eval mode as a chain of affine maps (docs/geometry.md section 2),
  // for models that declare the gradientTransfer capability; nullopt for the others.
  virtual std::optional<AffineChain> affineChain();

  ParamSet& params() { return params_; }
  const ParamSet& params() const { return params_; }

 protected:
  explicit AutoencoderModel(ParamSet params) : params_(std::move(params)) {}

 private:
  ParamSet params_;
};

// The k best items decoded from each prior component's mean, [K, k] item ids (VampPrior:
// what each pseudo-input stands for); undefined when the prior has no components.
torch::Tensor priorComponentTopItems(AutoencoderModel& model, std::int64_t k);

}  // namespace vaecf::vae
