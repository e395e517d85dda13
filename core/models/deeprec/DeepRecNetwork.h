#pragma once
// Internal to the core: includes torch. The DeepRec network and its training step, exposed
// for tests; everything else reaches DeepRec through models/deeprec/DeepRec.h.

#include <torch/torch.h>

#include <cstdint>
#include <string>
#include <vector>

#include "models/deeprec/DeepRec.h"

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

struct StepLosses {
  double observed = 0.0;        // masked MSE of the ratings pass
  std::vector<double> refeeds;  // loss of each re-feeding pass
};

// One training step: an update on the observed ratings, then `refeeds` further updates,
// each on the re-feeding example of the previous pass's output. `refeedNoise` drops
// entries of a re-fed input (not of its target).
StepLosses trainStep(Network& network, torch::optim::Optimizer& optimizer, const torch::Tensor& ratings,
                     int refeeds, double refeedNoise);

}  // namespace vaecf::deeprec
