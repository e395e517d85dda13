#include "models/deeprec/DeepRecNetwork.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <optional>
#include <random>
#include <sstream>
#include <utility>

#include "common/AtomicFile.h"
#include "common/Compute.h"
#include "common/Error.h"
#include "train/EventLog.h"
#include "train/RunFolder.h"

namespace fs = std::filesystem;

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
  torch::Tensor x = ratings;
  for (std::size_t l = 0; l < encoderWeights_.size(); ++l)
    x = activate(options_.activation, torch::nn::functional::linear(x, encoderWeights_[l], encoderBiases_[l]));
  x = torch::dropout(x, options_.layers.codeDropout, is_training());
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

// One update on `example`; returns the pass's dense output and its loss.
std::pair<torch::Tensor, double> update(Network& network, torch::optim::Optimizer& optimizer,
                                        const DenseExample& example) {
  optimizer.zero_grad();
  const torch::Tensor output = network->forward(example.input);
  const torch::Tensor loss = maskedMse(output, example.target, example.mask);
  loss.backward();
  optimizer.step();
  return {output, loss.item<double>()};
}

}  // namespace

StepLosses trainStep(Network& network, torch::optim::Optimizer& optimizer, const torch::Tensor& ratings, int refeeds,
                     double refeedNoise) {
  StepLosses losses;
  auto [output, loss] = update(network, optimizer, observedRatings(ratings));
  losses.observed = loss;
  for (int pass = 0; pass < refeeds; ++pass) {
    DenseExample example = refeedExample(output);
    if (refeedNoise > 0.0) example.input = torch::dropout(example.input, refeedNoise, true);
    std::tie(output, loss) = update(network, optimizer, example);
    losses.refeeds.push_back(loss);
  }
  return losses;
}

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

// Rows [count, items] of `matrix` holding the stored ratings, zero elsewhere.
torch::Tensor denseRatings(const CsrMatrix& matrix, const std::int64_t* rows, std::int64_t count) {
  const std::int64_t items = matrix.cols();
  torch::Tensor dense = torch::zeros({count, items});
  float* data = dense.data_ptr<float>();
  for (std::int64_t i = 0; i < count; ++i) {
    const std::int32_t* columns = matrix.rowColumns(rows[i]);
    for (std::int64_t k = 0; k < matrix.rowSize(rows[i]); ++k) data[i * items + columns[k]] = matrix.value(rows[i], k);
  }
  return dense;
}

struct RmseReport {
  double rmse = 0.0;
  std::int64_t ratings = 0;
  std::int64_t users = 0;
};

// RMSE of the network's outputs at the stored ratings of `ratings`, each user's input
// being their full training row.
RmseReport evaluateRmse(deeprec::Network& network, const CsrMatrix& train, const CsrMatrix& ratings,
                        std::int64_t batchSize) {
  std::vector<std::int64_t> users;
  for (std::int64_t row = 0; row < ratings.rows(); ++row)
    if (ratings.rowSize(row) > 0) users.push_back(row);
  torch::NoGradGuard noGrad;
  network->eval();
  double squared = 0.0;
  for (std::size_t begin = 0; begin < users.size(); begin += static_cast<std::size_t>(batchSize)) {
    const auto count = static_cast<std::int64_t>(std::min<std::size_t>(batchSize, users.size() - begin));
    const torch::Tensor output = network->forward(denseRatings(train, users.data() + begin, count)).contiguous();
    const float* predictions = output.data_ptr<float>();
    for (std::int64_t i = 0; i < count; ++i) {
      const std::int64_t row = users[begin + static_cast<std::size_t>(i)];
      const std::int32_t* columns = ratings.rowColumns(row);
      for (std::int64_t k = 0; k < ratings.rowSize(row); ++k) {
        const double error = predictions[i * train.cols() + columns[k]] - ratings.value(row, k);
        squared += error * error;
      }
    }
  }
  network->train();
  RmseReport report;
  report.ratings = ratings.nonZeros();
  report.users = static_cast<std::int64_t>(users.size());
  report.rmse = report.ratings > 0 ? std::sqrt(squared / static_cast<double>(report.ratings)) : 0.0;
  return report;
}

EvaluationReport rmseEvaluation(const RmseReport& rmse) {
  EvaluationReport report;
  report.users = static_cast<std::size_t>(rmse.users);
  report.metrics["rmse"] = MetricSummary{rmse.rmse, 0.0};
  return report;
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const ParamSet& params, deeprec::Network& network) {
  const double lr = params.real("lr");
  const double decay = params.real("weight_decay");
  if (params.text("optimizer") == "adam")
    return std::make_unique<torch::optim::Adam>(network->parameters(),
                                                torch::optim::AdamOptions(lr).weight_decay(decay));
  return std::make_unique<torch::optim::SGD>(network->parameters(),
                                             torch::optim::SGDOptions(lr).momentum(0.9).weight_decay(decay));
}

// The learning rate of a 1-based epoch: multiplied by lr_decay at each milestone epoch
// already reached, as the published runs' MultiStepLR does.
double learningRate(const ParamSet& params, std::int64_t epoch) {
  double lr = params.real("lr");
  for (const double milestone : params.reals("lr_milestones"))
    if (milestone < static_cast<double>(epoch)) lr *= params.real("lr_decay");
  return lr;
}

void saveNetwork(deeprec::Network& network, const fs::path& file) {
  torch::serialize::OutputArchive archive;
  network->save(archive);
  writeFileAtomically(file, [&](std::ostream& out) { archive.save_to(out); });
}

void loadNetwork(deeprec::Network& network, const fs::path& file) {
  torch::serialize::InputArchive archive;
  archive.load_from(file.string());
  network->load(archive);
}

// One DeepRec run: epochs over shuffled users, validation after each, events as it goes.
class DeepRecRun {
 public:
  DeepRecRun(const RatingSplit& split, const ParamSet& params, fs::path runFolder, EventCallback onEvent,
             const TaskContext& context)
      : split_(split),
        params_(params),
        runFolder_(std::move(runFolder)),
        onEvent_(std::move(onEvent)),
        context_(context),
        network_(networkOptions(split, params)),
        optimizer_(makeOptimizer(params, network_)),
        shuffler_(static_cast<std::uint64_t>(params.integer("seed"))),
        log_(runEventsPath(runFolder_), 0) {}

  DeepRecResult run() {
    emit(0, StateChange{TrainerState::Running, ""});
    try {
      trainEpochs();
    } catch (const Cancelled&) {
      emit(epoch_, StateChange{TrainerState::Stopped, ""});
      throw;
    }
    test();
    emit(epoch_, StateChange{TrainerState::Finished, ""});
    return result_;
  }

 private:
  static deeprec::NetworkOptions networkOptions(const RatingSplit& split, const ParamSet& params) {
    torch::manual_seed(static_cast<std::uint64_t>(params.integer("seed")));
    return {split.train.cols(), parseDeepRecLayers(params.text("layers")), params.text("activation"),
            params.flag("linear_output"), params.flag("tied")};
  }

  void trainEpochs() {
    const std::int64_t epochs = params_.integer("epochs");
    double trainingSeconds = 0.0;
    for (epoch_ = 1; epoch_ <= epochs; ++epoch_) {
      const auto started = std::chrono::steady_clock::now();
      ScalarMap scalars = trainEpoch();
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      trainingSeconds += seconds;
      emit(epoch_, EpochSummary{std::move(scalars), seconds});
      validate();
      context_.report("epoch", static_cast<std::uint64_t>(epoch_), static_cast<std::uint64_t>(epochs));
    }
    epoch_ = epochs;  // the test and the final state belong to the last epoch, not one past it
    result_.epochs = epochs;
    result_.secondsPerEpoch = trainingSeconds / static_cast<double>(std::max<std::int64_t>(1, epochs));
  }

  // Every user once, the last batch possibly partial (the original drops it, pitfall 9).
  ScalarMap trainEpoch() {
    const double lr = learningRate(params_, epoch_);
    for (auto& group : optimizer_->param_groups()) group.options().set_lr(lr);
    reshuffleUsers();
    const auto batchSize = static_cast<std::size_t>(params_.integer("batch_size"));
    const int refeeds = static_cast<int>(params_.integer("refeeds"));
    ScalarMap scalars;
    for (std::size_t begin = 0; begin < userOrder_.size(); begin += batchSize) {
      context_.checkCancelled();
      const auto count = static_cast<std::int64_t>(std::min(batchSize, userOrder_.size() - begin));
      const deeprec::StepLosses losses = deeprec::trainStep(
          network_, *optimizer_, denseRatings(split_.train, userOrder_.data() + begin, count), refeeds,
          params_.real("refeed_noise"));
      step_ += 1 + refeeds;
      scalars["loss"].add(losses.observed);
      for (const double refeed : losses.refeeds) scalars["refeed_loss"].add(refeed);
    }
    scalars["lr"].add(lr);
    return scalars;
  }

  // Fisher-Yates on raw engine output, the same on every standard library.
  void reshuffleUsers() {
    userOrder_.resize(static_cast<std::size_t>(split_.train.rows()));
    std::iota(userOrder_.begin(), userOrder_.end(), 0);
    for (std::size_t i = userOrder_.size(); i > 1; --i) std::swap(userOrder_[i - 1], userOrder_[shuffler_() % i]);
  }

  void validate() {
    const RmseReport report = evaluateRmse(network_, split_.train, split_.validation, evaluationBatch());
    const bool best = result_.bestEpoch == 0 || report.rmse < result_.validationRmse;
    if (best) {
      result_.bestEpoch = epoch_;
      result_.validationRmse = report.rmse;
      result_.validationRatings = report.ratings;
      result_.validationUsers = report.users;
      saveNetwork(network_, runBestModelPath(runFolder_));
    }
    emit(epoch_, Evaluation{EvaluatedSplit::Validation, best, rmseEvaluation(report)});
  }

  // The best-by-validation weights, tested once (models.md 3.6).
  void test() {
    loadNetwork(network_, runBestModelPath(runFolder_));
    const RmseReport report = evaluateRmse(network_, split_.train, split_.test, evaluationBatch());
    result_.testRmse = report.rmse;
    result_.testRatings = report.ratings;
    result_.testUsers = report.users;
    emit(epoch_, Evaluation{EvaluatedSplit::Test, false, rmseEvaluation(report)});
    result_.seconds = elapsedSeconds();
  }

  std::int64_t evaluationBatch() const { return std::max<std::int64_t>(params_.integer("batch_size"), 256); }

  double elapsedSeconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  }

  void emit(std::int64_t epoch, decltype(TrainingEvent::payload) payload) {
    const TrainingEvent event{1, epoch, step_, elapsedSeconds(), std::move(payload)};
    log_.append(event);
    if (onEvent_) onEvent_(event);
  }

  const RatingSplit& split_;
  const ParamSet& params_;
  const fs::path runFolder_;
  const EventCallback onEvent_;
  const TaskContext& context_;
  const std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  deeprec::Network network_;
  std::unique_ptr<torch::optim::Optimizer> optimizer_;
  std::mt19937_64 shuffler_;
  std::vector<std::int64_t> userOrder_;
  EventLogWriter log_;
  std::int64_t epoch_ = 0;
  std::int64_t step_ = 0;
  DeepRecResult result_;
};

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
      choiceParam("optimizer", "sgd", {"sgd", "adam"}, "SGD with momentum 0.9, or Adam"),
      realParam("lr", "0.005", "learning rate (the paper: 0.005 with re-feeding, 0.001 without)", 1e-7, 10.0),
      realParam("weight_decay", "0", "L2 weight decay of the optimiser", 0.0, 10.0),
      realListParam("lr_milestones", "24,36,48,66,72", "epochs after which the learning rate decays", 1.0,
                    1e6),
      realParam("lr_decay", "0.5", "factor applied to the learning rate at each milestone", 0.0, 1.0),
      integerParam("batch_size", "128", "users per step", 1.0, 1e6),
      integerParam("epochs", "100", "training epochs", 1.0, 1e6),
      integerParam("seed", "98765", "seed of the initial weights, shuffling and dropout", 0.0, 4294967295.0),
      integerParam("threads", "0", "intra-op threads; 0 = every core", 0.0, 1024.0),
      choiceParam("split", "time", {"time", "random"},
                  "time: train before a cut, evaluate after it; random: rating by rating"),
      realParam("train_fraction", "0.9", "share of the ratings (by time for the time split) trained on", 0.01,
                0.99),
      integerParam("split_seed", "98765", "seed of the validation/test coin (and the random split)", 0.0,
                   4294967295.0),
      realParam("baseline_lambda", "5", "L2 regularisation of the user+item bias baseline", 0.0, 1e6),
  };
}

RatingSplit deepRecSplit(const InteractionLog& log, const ParamSet& params) {
  const double trainFraction = params.real("train_fraction");
  const auto seed = static_cast<std::uint32_t>(params.integer("split_seed"));
  if (params.text("split") == "random") return randomRatingSplit(log, trainFraction, seed);
  return timeRatingSplit(log, timestampCut(log, trainFraction), seed);
}

DeepRecResult trainDeepRec(const RatingSplit& split, const ParamSet& params, const fs::path& runFolder,
                           const EventCallback& onEvent, const TaskContext& context) {
  if (split.train.nonZeros() == 0) throw Error("DeepRec needs training ratings; the split has none");
  setComputeThreads(static_cast<int>(params.integer("threads")));
  fs::create_directories(runFolder);
  DeepRecResult result = DeepRecRun(split, params, runFolder, onEvent, context).run();
  constexpr int kBiasSweeps = 20;  // the alternating updates settle well before this
  const double lambda = params.real("baseline_lambda");
  result.validationBaselines = baselineRmse(split.train, split.validation, lambda, kBiasSweeps);
  result.testBaselines = baselineRmse(split.train, split.test, lambda, kBiasSweeps);
  return result;
}

}  // namespace vaecf
