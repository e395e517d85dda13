#pragma once
// Internal to the core: includes torch. The SVAE network, exposed for tests.

#include <torch/torch.h>

#include <cstdint>

#include "models/vae/AutoencoderModel.h"

namespace vaecf::svae {

// Item lists padded to the longest, one row per user.
struct PaddedSequences {
  torch::Tensor items;    // [B, T] int64; entries at or after a row's length are padding
  torch::Tensor lengths;  // [B] int64
};

// The batch's embedding-bag lists (time order) as padded rows; `padding` fills the tail.
PaddedSequences paddedSequences(const torch::Tensor& itemIndices, const torch::Tensor& rowOffsets,
                                std::int64_t padding);

struct SvaeSizes {
  std::int64_t items = 0;
  std::int64_t embedding = 256;
  std::int64_t hidden = 200;  // GRU state
  std::int64_t encoder = 150;
  std::int64_t latent = 64;
  std::int64_t nextItems = 4;  // k: the items after a step that it is trained to predict
};

class SvaeModel final : public vae::AutoencoderModel {
 public:
  SvaeModel(ParamSet params, const SvaeSizes& sizes);

  std::vector<vae::Phase> phases() override;
  vae::Loss loss(const vae::Batch& batch, const vae::Phase& phase, const vae::TrainingClock& clock) override;
  // Scores from the posterior mean of the last step of each row's sequence.
  torch::Tensor batchScores(const vae::Batch& batch) override;
  // A dense row has lost the order SVAE reads: these throw Error; use batchScores.
  torch::Tensor scores(const torch::Tensor& rows) override;
  vae::Posterior posterior(const torch::Tensor& rows) override;
  torch::Tensor decode(const torch::Tensor& latent) override;

  // Mean over the steps that have a next item of the next-k multinomial negative
  // log-likelihood plus beta times the KL divergence; padding never enters it. Samples the
  // latent in training mode, uses the mean in eval mode.
  vae::Loss sequenceLoss(const PaddedSequences& sequences, double beta);
  // The last step's posterior of each row, [B, latent] each.
  vae::Posterior lastStepPosterior(const PaddedSequences& sequences);

 private:
  torch::Tensor states(const PaddedSequences& sequences);  // GRU outputs [B, T, hidden]
  vae::Posterior stepPosterior(const torch::Tensor& states);
  torch::Tensor weightPenalty();

  SvaeSizes sizes_;
  torch::nn::Embedding embedding_{nullptr};
  torch::nn::GRU gru_{nullptr};
  torch::nn::Linear encoder_{nullptr}, posteriorStats_{nullptr};
  torch::nn::Linear decoderHidden_{nullptr}, decoderOutput_{nullptr};
};

std::vector<ParamSpec> svaeParams();

}  // namespace vaecf::svae
