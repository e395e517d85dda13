// The vae plugin: the autoencoder family (docs/models.md 3.1-3.4, 3.8) as model families,
// with each member's parameters and their published defaults.
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "plugin/PluginApi.h"
#include "vae/VaeModels.h"

namespace vaecf::vae {
namespace {

void append(std::vector<ParamSpec>& specs, std::vector<ParamSpec> more) {
  specs.insert(specs.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

struct TrainingDefaults {
  const char* lr;
  const char* batchSize;
  const char* epochs;
  const char* seed;
};

std::vector<ParamSpec> trainingParams(const TrainingDefaults& defaults) {
  return {
      realParam("lr", defaults.lr, "Adam learning rate (applies to every phase's optimiser)", 1e-7, 1.0, true),
      integerParam("batch_size", defaults.batchSize, "Users per gradient step", 1, 1e6),
      integerParam("epochs", defaults.epochs, "Training epochs (outer epochs for alternating models)", 1,
                   1e6),
      integerParam("seed", defaults.seed, "Seed of the initial weights, shuffling and training noise", 0,
                   4294967295.0),
  };
}

struct ShapeDefaults {
  const char* latent;
  const char* hidden;
  const char* layers;
  const char* layersHelp;
  const char* gatedHelp;
};

std::vector<ParamSpec> shapeParams(const ShapeDefaults& defaults) {
  return {
      integerParam("latent_dim", defaults.latent, "Size of the latent user representation", 1, 16384),
      integerParam("hidden_dim", defaults.hidden, "Units per hidden layer", 1, 65536),
      integerParam("layers", defaults.layers, defaults.layersHelp, 1, 16),
      flagParam("gated", false, defaults.gatedHelp),
  };
}

const char* const kTanhGatedHelp =
    "Gated linear units (W a + b) * sigmoid(V a + c) instead of tanh in every hidden layer; the output "
    "layer is never gated";

std::vector<ParamSpec> inputParams(const char* likelihood) {
  return {
      choiceParam("likelihood", likelihood, {"multinomial", "bernoulli"},
                  "Likelihood of a user's row: multinomial over the items, or independent Bernoulli items "
                  "(probabilities clamped to [1e-5, 1 - 1e-5])"),
      realParam("dropout", "0.5",
                "Inverted dropout rate on the L2-normalised input in training (kept entries scaled by "
                "1 / (1 - rate))",
                0.0, 0.95, true),
      realParam("mask_rate", "1",
                "Keep probability of PIA's Bernoulli input mask in training (1 = no masking); applied before "
                "normalisation, the target stays the full row",
                0.01, 1.0, true),
      flagParam("sparse_input", true,
                "Compute the first layer from the rows' item lists with embedding_bag instead of a dense "
                "product (same result, faster on sparse rows)"),
  };
}

std::vector<ParamSpec> anchorParams() {
  return {
      flagParam("pia", false,
                "Personalized Item Alignment: learnable item anchors that pull q(z | masked row) towards the "
                "centre of the user's items during training"),
      realParam("lambda_a", "1", "Weight of PIA's alignment term", 0.0, 1e4, true),
      realParam("anchor_lr", "0", "Learning rate of the anchors; 0 = the model's lr (docs/models.md 3.8, open item)", 0.0,
                1.0),
      choiceParam(
          "anchor_init", "normal", {"normal", "decoder"},
          "Initial anchors: N(0, 0.01), or the decoder's item vectors (models whose output layer reads "
          "the latent: recvae, multdae with layers=1)"),
  };
}

std::vector<ParamSpec> vampPriorParams() {
  return {
      integerParam("pseudo_inputs", "1000", "Number K of learnable pseudo-inputs of the VampPrior", 1, 1e5),
      realParam("max_beta", "1", "KL weight reached after the warm-up (the published Netflix run used 0.3)",
                0.0, 100.0, true),
      integerParam("warmup_epochs", "100", "Epochs over which the KL weight rises linearly to max_beta", 1,
                   1e6),
      flagParam("normalize_gradients", true,
                "Divide each parameter's gradient by its L2 norm (+1e-7) before the Adam step, as the "
                "VampPrior code does"),
  };
}

std::vector<ParamSpec> multDaeParams() {
  auto specs = trainingParams({"0.001", "500", "200", "98765"});
  append(specs, shapeParams({"200", "600", "1",
                             "Tanh layers per side, the last encoder layer being the code: 1 = [I-d-I], "
                             "2 = [I-h-d-h-I]",
                             kTanhGatedHelp}));
  append(specs, inputParams("multinomial"));
  specs.push_back(
      realParam("l2_reg", "0.01",
                "L2 penalty on the weights (not biases), divided by batch_size as in the Mult-DAE code", 0.0,
                100.0, true));
  append(specs, anchorParams());
  return specs;
}

std::vector<ParamSpec> multVaeParams() {
  auto specs = trainingParams({"0.001", "500", "200", "98765"});
  append(specs,
         shapeParams({"200", "600", "1", "Hidden layers in the encoder and in the decoder: 1 = [I-h-d-h-I]",
                      kTanhGatedHelp}));
  append(specs, inputParams("multinomial"));
  append(specs,
         {
             realParam("beta_cap", "0.2", "Largest KL weight of the per-step annealing", 0.0, 100.0, true),
             integerParam("anneal_steps", "200000",
                          "Gradient steps over which the KL weight rises linearly (until beta_cap)", 1, 1e9),
             flagParam("normalize_gradients", false,
                       "Divide each parameter's gradient by its L2 norm (+1e-7) before the Adam step"),
         });
  append(specs, anchorParams());
  return specs;
}

std::vector<ParamSpec> recVaeParams() {
  auto specs = trainingParams({"0.0005", "500", "50", "1337"});
  append(specs,
         shapeParams({"200", "600", "5",
                      "Densely connected layers (swish, LayerNorm) in the encoder; the decoder is linear",
                      "Gated linear units instead of swish in the encoder layers; the skip connections "
                      "feed the value half"}));
  append(specs, inputParams("multinomial"));
  append(specs,
         {
             realParam("gamma", "0.005",
                       "KL weight per item of the user's row: beta_u = gamma * |x_u|; 0 = the constant beta", 0.0,
                       10.0, true),
             realParam("beta", "0.2", "Constant KL weight of every user, used only when gamma is 0", 0.0, 100.0,
                       true),
             integerParam("encoder_passes", "3",
                          "Passes over the users per epoch training the encoder (with dropout)", 1, 100),
             integerParam("decoder_passes", "1",
                          "Passes over the users per epoch training the decoder (clean input)", 1, 100),
         });
  append(specs, anchorParams());
  return specs;
}

std::vector<ParamSpec> vampParams() {
  auto specs = trainingParams({"0.0005", "200", "400", "14"});
  append(specs,
         shapeParams({"200", "600", "1", "Hidden layers in the encoder and in the decoder", kTanhGatedHelp}));
  append(specs, inputParams("bernoulli"));
  append(specs, vampPriorParams());
  append(specs, anchorParams());
  return specs;
}

std::vector<ParamSpec> hierarchicalVampParams() {
  auto specs = trainingParams({"0.0005", "200", "400", "14"});
  append(specs, shapeParams({"200", "600", "1",
                             "Hidden layers per network (the published gated Netflix run used 2); 1 is the "
                             "reduced variant with single units over [x, z2] and [z1, z2]",
                             kTanhGatedHelp}));
  specs.push_back(
      integerParam("z1_dim", "200", "Size of the lower latent z1 (latent_dim sizes z2)", 1, 16384));
  append(specs, inputParams("bernoulli"));
  append(specs, vampPriorParams());
  append(specs, anchorParams());
  return specs;
}

// Every member trains on the loaded split and shows its users' posteriors; PIA adds item
// anchors to any of them.
ModelFamily autoencoder(std::string name, std::string summary, std::vector<ParamSpec> params,
                        ModelFamily::Factory create) {
  ModelFamily family;
  family.name = std::move(name);
  family.summary = std::move(summary);
  family.params = std::move(params);
  family.create = std::move(create);
  family.capabilities.latentMaps = true;
  family.capabilities.itemAnchors = true;
  family.capabilities.dataParallel = true;
  // A first run in the window shows curves within seconds.
  family.quickPreset = {{"epochs", "30"}, {"batch_size", "100"}};
  return family;
}

// The mixture prior's components are learned pseudo-inputs, and its slow warm-up needs a
// patient early stop.
ModelFamily withVampPrior(ModelFamily family) {
  family.capabilities.priorComponents = true;
  family.trainerDefaults = {{"patience", "50"}};
  return family;
}

// Gradient transfer needs the loss as an affine chain (AutoencoderModel::affineChain).
ModelFamily withGradientTransfer(ModelFamily family) {
  family.capabilities.gradientTransfer = true;
  return family;
}

void registerAutoencoders(PluginRegistrar& registrar) {
  registrar.addModel(withGradientTransfer(autoencoder(
      "multvae", "Mult-VAE^PR: multinomial VAE with KL annealing (Liang et al. 2018)", multVaeParams(),
      makeMultVae)));
  registrar.addModel(withGradientTransfer(autoencoder(
      "multdae", "Mult-DAE: denoising autoencoder with multinomial likelihood", multDaeParams(), makeMultDae)));
  registrar.addModel(autoencoder(
      "recvae", "RecVAE: composite prior, user-adaptive beta, alternating updates (Shenbin et al. 2020)",
      recVaeParams(), makeRecVae));
  registrar.addModel(withVampPrior(autoencoder(
      "vamp", "VampPrior VAE: mixture prior over learned pseudo-inputs (Kim & Suh 2019)", vampParams(), makeVamp)));
  registrar.addModel(withVampPrior(autoencoder("hvamp",
                                               "H+Vamp: two stochastic layers with a VampPrior on the top one",
                                               hierarchicalVampParams(), makeHierarchicalVamp)));
}

}  // namespace
}  // namespace vaecf::vae

VAECF_PLUGIN(vaecf::vae::registerAutoencoders)
