#include "deeprec/DeepRecNetwork.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <utility>

#include "common/Error.h"
#include "deeprec/RatingBaselines.h"
#include "plugin/PluginApi.h"

namespace vaecf {

namespace deeprec {

torch::Tensor activate(const std::string& activation, const torch::Tensor& x) {
  if (activation == "selu") return torch::selu(x);
  if (activation == "elu") return torch::elu(x);
  if (activation == "lrelu") return torch::leaky_relu(x);
  if (activation == "relu") return torch::relu(x);
  if (activation == "sigmoid") return torch::sigmoid(x);
  if (activation == "tanh") return torch::tanh(x);
  if (activation == "swish") return x * torch::sigmoid(x);
  throw Error("unknown activation '" + activation + "'; known: selu, elu, lrelu, relu, sigmoid, tanh, swish");
}

NetworkImpl::NetworkImpl(NetworkOptions options) : options_(std::move(options)) {
  std::vector<std::int64_t> sizes{options_.items};
  sizes.insert(sizes.end(), options_.layers.encoder.begin(), options_.layers.encoder.end());
  const std::size_t depth = sizes.size() - 1;
  auto weight = [&](const std::string& name, std::int64_t out, std::int64_t in) {
    torch::Tensor w = register_parameter(name, torch::empty({out, in}));
    torch::nn::init::xavier_uniform_(w);
    return w;
  };
  auto bias = [&](const std::string& name, std::int64_t size) {
    return register_parameter(name, torch::zeros({size}));
  };
  for (std::size_t l = 0; l < depth; ++l) {
    encoderWeights_.push_back(weight("encoder_weight_" + std::to_string(l), sizes[l + 1], sizes[l]));
    encoderBiases_.push_back(bias("encoder_bias_" + std::to_string(l), sizes[l + 1]));
  }
  // Decoder layer l maps sizes[depth - l] to sizes[depth - l - 1], mirroring encoder layer depth - 1 - l.
  for (std::size_t l = 0; l < depth; ++l) {
    const std::int64_t in = sizes[depth - l];
    const std::int64_t out = sizes[depth - l - 1];
    if (!options_.tied) decoderWeights_.push_back(weight("decoder_weight_" + std::to_string(l), out, in));
    decoderBiases_.push_back(bias("decoder_bias_" + std::to_string(l), out));
  }
}

torch::Tensor NetworkImpl::decoderWeight(std::size_t layer) const {
  return options_.tied ? encoderWeights_[encoderWeights_.size() - 1 - layer].t() : decoderWeights_[layer];
}

torch::Tensor NetworkImpl::forward(const torch::Tensor& ratings) {
  return decode(torch::dropout(encode(ratings), options_.layers.codeDropout, is_training()));
}

torch::Tensor NetworkImpl::encode(const torch::Tensor& ratings) {
  torch::Tensor x = ratings;
  for (std::size_t l = 0; l < encoderWeights_.size(); ++l)
    x = activate(options_.activation, torch::nn::functional::linear(x, encoderWeights_[l], encoderBiases_[l]));
  return x;
}

torch::Tensor NetworkImpl::decode(const torch::Tensor& code) {
  torch::Tensor x = code;
  for (std::size_t l = 0; l < decoderBiases_.size(); ++l) {
    x = torch::nn::functional::linear(x, decoderWeight(l), decoderBiases_[l]);
    const bool last = l + 1 == decoderBiases_.size();
    if (!(last && options_.linearOutput)) x = activate(options_.activation, x);
  }
  return x;
}

torch::Tensor maskedMse(const torch::Tensor& predictions, const torch::Tensor& targets, const torch::Tensor& mask) {
  const torch::Tensor squared = ((predictions - targets) * mask).pow(2).sum();
  return squared / mask.sum().clamp_min(1.0);
}

DenseExample observedRatings(const torch::Tensor& ratings) {
  return {ratings, ratings, ratings.ne(0).to(ratings.scalar_type())};
}

DenseExample refeedExample(const torch::Tensor& output) {
  const torch::Tensor dense = output.detach();
  return {dense, dense, torch::ones_like(dense)};
}

namespace {

const char* const kTrainPhase = "train";

NetworkOptions networkOptions(const ParamSet& params, std::int64_t items) {
  return {items, parseDeepRecLayers(params.text("layers")), params.text("activation"), params.flag("linear_output"),
          params.flag("tied")};
}

vae::Optimizer optimizerOf(const ParamSet& params) {
  vae::Optimizer optimizer;
  optimizer.kind = params.text("optimizer") == "adam" ? vae::Optimizer::Kind::Adam : vae::Optimizer::Kind::SgdMomentum;
  optimizer.weightDecay = params.real("weight_decay");
  for (const double milestone : params.reals("lr_milestones"))
    optimizer.milestones.push_back(static_cast<std::int64_t>(milestone));
  optimizer.decay = params.real("lr_decay");
  return optimizer;
}

}  // namespace

DeepRecModel::DeepRecModel(ParamSet params, std::int64_t items)
    : AutoencoderModel(std::move(params)), network_(networkOptions(this->params(), items)) {
  register_module("network", network_);
}

std::vector<vae::Phase> DeepRecModel::phases() {
  return {vae::Phase{kTrainPhase, 1, parameters(), params().real("lr"), optimizerOf(params())}};
}

vae::Loss DeepRecModel::loss(const vae::Batch& batch, const vae::Phase&, const vae::TrainingClock&) {
  const bool refed = batch.followUp > 0;
  DenseExample example = refed ? refeedExample(batch.rows) : observedRatings(batch.rows);
  const double noise = params().real("refeed_noise");
  if (refed && noise > 0.0) example.input = torch::dropout(example.input, noise, true);
  const torch::Tensor output = network_->forward(example.input);
  vae::Loss loss(maskedMse(output, example.target, example.mask));
  if (refed) loss.terms.emplace_back("refeed_loss", loss.total.detach());
  if (batch.followUp < params().integer("refeeds"))
    loss.followUp = vae::Batch{output.detach(), {}, {}, batch.followUp + 1, {}};
  return loss;
}

torch::Tensor DeepRecModel::scores(const torch::Tensor& rows) { return network_->forward(rows); }

vae::Posterior DeepRecModel::posterior(const torch::Tensor& rows) {
  const torch::Tensor code = network_->encode(rows);
  return {code, torch::zeros_like(code)};
}

torch::Tensor DeepRecModel::decode(const torch::Tensor& latent) { return network_->decode(latent); }

}  // namespace deeprec

namespace {

std::int64_t parseSize(const std::string& token, const std::string& notation) {
  std::size_t used = 0;
  long long size = 0;
  try {
    size = std::stoll(token, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != token.size() || size < 1)
    throw Error("layers '" + notation + "': '" + token + "' is neither a layer size nor dpP");
  return size;
}

double parseDropout(const std::string& token, const std::string& notation) {
  std::size_t used = 0;
  double probability = -1.0;
  try {
    probability = std::stod(token.substr(2), &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != token.size() - 2 || probability < 0.0 || probability >= 1.0)
    throw Error("layers '" + notation + "': the drop probability in '" + token + "' must be in [0, 1)");
  return probability;
}

std::vector<ParamSpec> deepRecParams() {
  return {
      textParam("layers", "128,256,256,dp0.65,256,128",
                "hidden layers between n and n in the paper's notation, the code's drop probability as dpP"),
      choiceParam("activation", "selu", {"selu", "elu", "lrelu", "relu", "sigmoid", "tanh", "swish"},
                  "activation after every layer"),
      flagParam("linear_output", false, "no activation after the last decoder layer"),
      flagParam("tied", false, "decoder weights are the transposed encoder weights (own biases)"),
      integerParam("refeeds", "1", "dense re-feeding updates after each ratings update", 0.0, 10.0),
      realParam("refeed_noise", "0", "drop probability on a re-fed input", 0.0, 0.95),
      // Adam at a constant 0.001 rather than the paper's SGD schedule: a successive-halving
      // sweep on ML-100K chose it (README, "Explicit ratings").
      choiceParam("optimizer", "adam", {"sgd", "adam"}, "Adam, or SGD with momentum 0.9 (the paper's)"),
      realParam("lr", "0.001", "learning rate (the paper: SGD at 0.005 with re-feeding, 0.001 without)", 1e-7,
                10.0, true),
      realParam("weight_decay", "0", "L2 weight decay of the optimiser", 0.0, 10.0),
      realListParam("lr_milestones", "", "epochs after which the learning rate decays (the paper: 24,36,48,66,72)",
                    1.0, 1e6),
      realParam("lr_decay", "0.5", "factor applied to the learning rate at each milestone", 0.0, 1.0),
      integerParam("batch_size", "128", "users per step", 1.0, 1e6),
      integerParam("epochs", "100", "training epochs", 1.0, 1e6),
      integerParam("seed", "98765", "seed of the initial weights, shuffling and dropout", 0.0, 4294967295.0),
      choiceParam("split", "time", {"time", "random"},
                  "time: train before a cut, evaluate after it; random: rating by rating"),
      realParam("train_fraction", "0.9", "share of the ratings (by time for the time split) trained on", 0.01,
                0.99),
      integerParam("split_seed", "98765", "seed of the validation/test coin (and the random split)", 0.0,
                   4294967295.0),
      realParam("baseline_lambda", "5", "L2 regularisation of the user+item bias baseline", 0.0, 1e6),
  };
}

}  // namespace

DeepRecLayers parseDeepRecLayers(const std::string& notation) {
  DeepRecLayers layers;
  std::vector<std::int64_t> sizes;
  std::optional<std::size_t> dropoutAfter;  // number of sizes before the dp token
  std::istringstream tokens(notation);
  for (std::string token; std::getline(tokens, token, ',');) {
    if (token.rfind("dp", 0) == 0) {
      if (dropoutAfter) throw Error("layers '" + notation + "': only the code layer takes dropout");
      layers.codeDropout = parseDropout(token, notation);
      dropoutAfter = sizes.size();
    } else {
      sizes.push_back(parseSize(token, notation));
    }
  }
  const bool palindrome = std::equal(sizes.begin(), sizes.end(), sizes.rbegin());
  if (sizes.size() % 2 == 0 || !palindrome)
    throw Error("layers '" + notation + "': the decoder must mirror the encoder (e.g. 256,512,dp0.8,256)");
  const std::size_t codeLayers = sizes.size() / 2 + 1;
  if (dropoutAfter && *dropoutAfter != codeLayers)
    throw Error("layers '" + notation + "': dpP must follow the code, the middle layer");
  layers.encoder.assign(sizes.begin(), sizes.begin() + static_cast<std::ptrdiff_t>(codeLayers));
  return layers;
}

RatingSplit deepRecSplit(const InteractionLog& log, const ParamSet& params) {
  const double trainFraction = params.real("train_fraction");
  const auto seed = static_cast<std::uint32_t>(params.integer("split_seed"));
  if (params.text("split") == "random") return randomRatingSplit(log, trainFraction, seed);
  return timeRatingSplit(log, timestampCut(log, trainFraction), seed);
}

namespace {

nlohmann::json baselinesJson(const BaselineRmse& baselines) {
  return {{"global_mean", baselines.globalMean}, {"item_mean", baselines.itemMean}, {"biases", baselines.biases}};
}

// The rating split in figures, and the RMSE of the three baselines on it.
nlohmann::json ratingDetails(const ParamSet& params, const InteractionLog* log) {
  constexpr int kBiasSweeps = 20;  // the alternating updates settle well before this
  const RatingSplit split = deepRecSplit(*log, params);
  const double lambda = params.real("baseline_lambda");
  return {{"users", split.userIds.size()},
          {"items", split.itemIds.size()},
          {"train_ratings", split.train.nonZeros()},
          {"validation_ratings", split.validation.nonZeros()},
          {"test_ratings", split.test.nonZeros()},
          {"dropped_evaluation_ratings", split.droppedEvaluationRatings},
          {"baselines",
           {{"validation", baselinesJson(baselineRmse(split.train, split.validation, lambda, kBiasSweeps))},
            {"test", baselinesJson(baselineRmse(split.train, split.test, lambda, kBiasSweeps))}}}};
}

}  // namespace

ModelFamily deepRecFamily() {
  ModelFamily deeprec;
  deeprec.name = "deeprec";
  deeprec.summary = "DeepRec: deep autoencoder for explicit ratings, RMSE on a time split (Kuchaiev & Ginsburg 2017)";
  deeprec.params = deepRecParams();
  deeprec.create = [](const ParamSet& params, std::int64_t items) {
    torch::manual_seed(static_cast<std::uint64_t>(params.integer("seed")));
    return std::make_shared<deeprec::DeepRecModel>(params, items);
  };
  deeprec.task = ModelTask::RatingPrediction;
  deeprec.needs.rawLog = true;
  deeprec.needs.explicitValues = true;
  deeprec.trainingSplit = [](const ParamSet& params, const ProtocolOptions&, std::shared_ptr<const Split>,
                             const InteractionLog* log) {
    return std::make_shared<const Split>(trainingSplitOf(deepRecSplit(*log, params)));
  };
  deeprec.trainingSplitKey = [](const ParamSet& params, const ProtocolOptions&) {
    std::string key;
    for (const char* name : {"split", "train_fraction", "split_seed"})
      key += (key.empty() ? "" : " ") + (name + ('=' + params.text(name)));
    return key;
  };
  deeprec.details = ratingDetails;
  return deeprec;
}

}  // namespace vaecf

VAECF_PLUGIN([](vaecf::PluginRegistrar& registrar) { registrar.addModel(vaecf::deepRecFamily()); })
