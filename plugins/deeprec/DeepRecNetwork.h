#pragma once
// Internal to the core: includes torch. The DeepRec network and the model the trainer
// drives, exposed for tests; everything else reaches DeepRec through
// models/deeprec/DeepRec.h.

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

#include "deeprec/DeepRec.h"
#include "models/vae/AutoencoderModel.h"

namespace vaecf::deeprec {

// "selu", "elu", "lrelu", "relu", "sigmoid", "tanh", "swish"; throws Error on others.
torch::Tensor activate(const std::string& activation, const torch::Tensor& x);

struct NetworkOptions {
  std::int64_t items = 0;
  DeepRecLayers layers;
  std::string activation = "selu";
  bool linearOutput = false;  // no activation after the last decoder layer
  bool tied = false;          // decoder weights are the transposed encoder weights
};

// Encoder n -> h1 -> ... -> code, dropout on the code only, decoder mirroring back to n.
// Xavier-uniform weights, zero biases.
class NetworkImpl : public torch::nn::Module {
 public:
  explicit NetworkImpl(NetworkOptions options);

  torch::Tensor forward(const torch::Tensor& ratings);  // [B, n] -> dense predictions [B, n]
  torch::Tensor encode(const torch::Tensor& ratings);   // the code, before its dropout
  torch::Tensor decode(const torch::Tensor& code);

 private:
  torch::Tensor decoderWeight(std::size_t layer) const;

  NetworkOptions options_;
  std::vector<torch::Tensor> encoderWeights_, encoderBiases_;
  std::vector<torch::Tensor> decoderWeights_, decoderBiases_;  // decoderWeights_ empty when tied
};
TORCH_MODULE(Network);

// Sum of squared errors over the entries where `mask` is 1, divided by their number
// (0 when none is observed).
torch::Tensor maskedMse(const torch::Tensor& predictions, const torch::Tensor& targets, const torch::Tensor& mask);

// What one pass of a training step fits: an input, its target and which entries count.
struct DenseExample {
  torch::Tensor input, target, mask;
};

// The observed ratings of a batch: missing entries (0) neither count nor are targets.
DenseExample observedRatings(const torch::Tensor& ratings);
// The re-feeding example of a pass's dense output: the output itself, detached, as input
// and target, every entry observed (the paper's fixed-point constraint f(y) = y).
DenseExample refeedExample(const torch::Tensor& output);

// DeepRec for the trainer: one phase whose optimiser is SGD with momentum or Adam with
// the published step schedule. A batch's loss is the masked MSE of its ratings; when
// `refeeds` > 0 it asks for follow-up updates, each on the re-feeding example of the
// previous pass's output (with `refeed_noise` dropped from the input only).
class DeepRecModel final : public vae::AutoencoderModel {
 public:
  DeepRecModel(ParamSet params, std::int64_t items);

  std::vector<vae::Phase> phases() override;
  vae::Loss loss(const vae::Batch& batch, const vae::Phase& phase, const vae::TrainingClock& clock) override;
  torch::Tensor scores(const torch::Tensor& rows) override;  // predicted ratings
  vae::Posterior posterior(const torch::Tensor& rows) override;  // the code, zero variance
  torch::Tensor decode(const torch::Tensor& latent) override;

 private:
  Network network_;
};

}  // namespace vaecf::deeprec
