#pragma once
// A model's per-user loss written as a chain of affine maps with an activation after each
// (docs/geometry.md section 2): what the gradient-transfer measures factorise. A model that
// declares the gradientTransfer capability returns one from AutoencoderModel::affineChain().

#include <torch/torch.h>

#include <string>
#include <vector>

#include "models/vae/Layers.h"
#include "models/vae/Objectives.h"

namespace vaecf::vae {

// y = a W + b for an item projection (W [in, out]), y = a W^T + b for a torch Linear.
struct AffineMap {
  torch::Tensor weight, bias;
  bool inputMajor = false;

  torch::Tensor operator()(const torch::Tensor& input) const {
    return torch::addmm(bias, input, inputMajor ? weight : weight.t());
  }
};

// Normalised rows through the encoder's maps (an activation after each, except Gaussian
// heads, whose output is [mean, log-variance]), then the decoder's maps (an activation after
// each but the output layer), then the likelihood, the KL term and PIA's alignment.
struct AffineChain {
  std::vector<AffineMap> encoder, decoder;
  bool gaussianHeads = false;
  Activation activation = Activation::Tanh;
  Likelihood likelihood = Likelihood::Multinomial;
  double klWeight = 0.0;
  double anchorWeight = 0.0;
  torch::Tensor anchors;  // undefined when PIA is off
};

// The maps of layers built from Layers.h, found by the names their parameters get under
// `prefix` in `module`.
AffineMap itemProjectionMap(torch::nn::Module& module, const std::string& prefix);
AffineMap linearMap(torch::nn::Module& module, const std::string& prefix);
// "<prefix>unit1.linear", "<prefix>unit2.linear", ... for as long as they exist.
void appendUnitMaps(torch::nn::Module& module, const std::string& prefix, std::vector<AffineMap>& maps);

}  // namespace vaecf::vae
