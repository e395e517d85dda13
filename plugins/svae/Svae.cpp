#include "svae/Svae.h"

#include <algorithm>
#include <utility>

#include "common/Error.h"
#include "data/TemporalSplit.h"
#include "plugin/PluginApi.h"
#include "svae/SvaeModel.h"

namespace vaecf {

namespace svae {

namespace {

// Next-item targets of the steps that have one: for step t of a row of length n, the
// items at t+1 .. t+k below n, as indices [N, k] with a validity mask [N, k].
struct StepTargets {
  torch::Tensor steps;  // [B, T] bool: the steps that enter the loss
  torch::Tensor items;  // [N, k] int64, 0 where invalid
  torch::Tensor valid;  // [N, k] float
};

StepTargets stepTargets(const PaddedSequences& sequences, std::int64_t k) {
  const torch::Tensor items = sequences.items.to(torch::kCPU).contiguous();
  const torch::Tensor lengths = sequences.lengths.to(torch::kCPU).contiguous();
  const std::int64_t rows = items.size(0);
  const std::int64_t width = items.size(1);
  const std::int64_t* ids = items.data_ptr<std::int64_t>();
  const std::int64_t* length = lengths.data_ptr<std::int64_t>();
  std::int64_t steps = 0;
  for (std::int64_t b = 0; b < rows; ++b) steps += std::max<std::int64_t>(0, length[b] - 1);

  StepTargets targets;
  targets.items = torch::zeros({steps, k}, torch::kLong);
  targets.valid = torch::zeros({steps, k});
  std::int64_t* targetIds = targets.items.data_ptr<std::int64_t>();
  float* valid = targets.valid.data_ptr<float>();
  std::int64_t n = 0;
  for (std::int64_t b = 0; b < rows; ++b) {
    for (std::int64_t t = 0; t + 1 < length[b]; ++t, ++n) {
      for (std::int64_t j = 0; j < k && t + 1 + j < length[b]; ++j) {
        targetIds[n * k + j] = ids[b * width + t + 1 + j];
        valid[n * k + j] = 1.0F;
      }
    }
  }
  const torch::Tensor positions = torch::arange(width, torch::kLong).unsqueeze(0);
  targets.steps = positions < (lengths - 1).unsqueeze(1);
  const torch::Device device = sequences.items.device();
  return {targets.steps.to(device), targets.items.to(device), targets.valid.to(device)};
}

torch::Tensor gaussianKl(const vae::Posterior& posterior) {
  return 0.5 * (posterior.variance - posterior.variance.log() + posterior.mean.pow(2) - 1.0).sum(1);
}

}  // namespace

PaddedSequences paddedSequences(const torch::Tensor& itemIndices, const torch::Tensor& rowOffsets,
                                std::int64_t padding) {
  const torch::Tensor items = itemIndices.to(torch::kCPU).contiguous();
  const torch::Tensor offsets = rowOffsets.to(torch::kCPU).contiguous();
  const std::int64_t rows = offsets.size(0);
  const std::int64_t total = items.size(0);
  const std::int64_t* offset = offsets.data_ptr<std::int64_t>();
  torch::Tensor lengths = torch::empty({rows}, torch::kLong);
  std::int64_t* length = lengths.data_ptr<std::int64_t>();
  for (std::int64_t b = 0; b < rows; ++b) length[b] = (b + 1 < rows ? offset[b + 1] : total) - offset[b];
  const std::int64_t width = rows > 0 ? std::max<std::int64_t>(1, lengths.max().item<std::int64_t>()) : 1;
  torch::Tensor padded = torch::full({rows, width}, padding, torch::kLong);
  std::int64_t* out = padded.data_ptr<std::int64_t>();
  const std::int64_t* in = items.data_ptr<std::int64_t>();
  for (std::int64_t b = 0; b < rows; ++b) std::copy(in + offset[b], in + offset[b] + length[b], out + b * width);
  const torch::Device device = itemIndices.device();
  return {padded.to(device), lengths.to(device)};
}

SvaeModel::SvaeModel(ParamSet params, const SvaeSizes& sizes) : AutoencoderModel(std::move(params)), sizes_(sizes) {
  // Row `items` of the embedding is the padding id: it stays zero and is never trained.
  embedding_ = register_module(
      "embedding",
      torch::nn::Embedding(torch::nn::EmbeddingOptions(sizes.items + 1, sizes.embedding).padding_idx(sizes.items)));
  gru_ = register_module("gru", torch::nn::GRU(torch::nn::GRUOptions(sizes.embedding, sizes.hidden).batch_first(true)));
  encoder_ = register_module("encoder", torch::nn::Linear(sizes.hidden, sizes.encoder));
  posteriorStats_ = register_module("posterior", torch::nn::Linear(sizes.encoder, 2 * sizes.latent));
  decoderHidden_ = register_module("decoder_hidden", torch::nn::Linear(sizes.latent, sizes.encoder));
  decoderOutput_ = register_module("decoder_output", torch::nn::Linear(sizes.encoder, sizes.items));
}

std::vector<vae::Phase> SvaeModel::phases() { return {{"train", 1, parameters(), params().real("lr")}}; }

torch::Tensor SvaeModel::states(const PaddedSequences& sequences) {
  return std::get<0>(gru_->forward(embedding_->forward(sequences.items)));
}

// The second half of the statistics is read as a log-variance in the sampling and the KL
// alike (the reference samples with it as a log-scale: docs/models.md 3.7).
vae::Posterior SvaeModel::stepPosterior(const torch::Tensor& states) {
  const auto stats = posteriorStats_->forward(torch::tanh(encoder_->forward(states))).chunk(2, -1);
  return {stats[0], stats[1].exp()};
}

torch::Tensor SvaeModel::decode(const torch::Tensor& latent) {
  return decoderOutput_->forward(torch::tanh(decoderHidden_->forward(latent)));
}

// Adam's coupled weight decay as the equivalent L2 term, so the trainer's plain Adam
// applies it.
torch::Tensor SvaeModel::weightPenalty() {
  torch::Tensor squares = torch::zeros({}, parameters().front().options());
  for (const auto& parameter : parameters()) squares = squares + parameter.pow(2).sum();
  return 0.5 * params().real("weight_decay") * squares;
}

vae::Loss SvaeModel::sequenceLoss(const PaddedSequences& sequences, double beta) {
  const StepTargets targets = stepTargets(sequences, sizes_.nextItems);
  // Only the steps with a next item: padding and last steps never reach the loss.
  const torch::Tensor steps = states(sequences).index({targets.steps});
  const vae::Posterior posterior = stepPosterior(steps);
  const torch::Tensor latent =
      is_training() ? posterior.mean + posterior.variance.sqrt() * torch::randn_like(posterior.mean) : posterior.mean;
  const torch::Tensor logProbabilities = torch::log_softmax(decode(latent), 1);
  const torch::Tensor reconstruction = -(logProbabilities.gather(1, targets.items) * targets.valid).sum(1).mean();
  const torch::Tensor kl = gaussianKl(posterior).mean();
  const torch::Tensor penalty = weightPenalty();
  return {reconstruction + beta * kl + penalty,
          {{"reconstruction", reconstruction.detach()},
           {"kl", kl.detach()},
           {"beta", torch::full({}, beta)},
           {"l2", penalty.detach()}}};
}

vae::Loss SvaeModel::loss(const vae::Batch& batch, const vae::Phase&, const vae::TrainingClock& clock) {
  // KL weight annealed per user seen, as the reference's one-user batches did.
  const double usersSeen = static_cast<double>(clock.step * params().integer("batch_size"));
  const double beta = std::min(params().real("beta_cap"), usersSeen / params().real("anneal_users"));
  return sequenceLoss(paddedSequences(batch.itemIndices, batch.rowOffsets, sizes_.items), beta);
}

vae::Posterior SvaeModel::lastStepPosterior(const PaddedSequences& sequences) {
  const torch::Tensor last = (sequences.lengths - 1).clamp_min(0);
  const torch::Tensor outputs = states(sequences);
  const torch::Tensor index = last.view({-1, 1, 1}).expand({-1, 1, outputs.size(2)});
  return stepPosterior(outputs.gather(1, index).squeeze(1));
}

torch::Tensor SvaeModel::batchScores(const vae::Batch& batch) {
  return decode(lastStepPosterior(paddedSequences(batch.itemIndices, batch.rowOffsets, sizes_.items)).mean);
}

torch::Tensor SvaeModel::scores(const torch::Tensor&) {
  throw Error("SVAE scores time-ordered item lists, not dense rows: score a batch");
}

vae::Posterior SvaeModel::posterior(const torch::Tensor&) {
  throw Error("SVAE's posterior needs time-ordered item lists, not dense rows");
}

std::vector<ParamSpec> svaeParams() {
  return {
      realParam("lr", "0.001", "Adam learning rate", 1e-7, 1.0),
      realParam("weight_decay", "0.005", "L2 penalty as Adam's weight decay applies it", 0.0, 10.0),
      integerParam("batch_size", "32", "users per gradient step (the reference used 1)", 1.0, 1e6),
      integerParam("epochs", "25", "training epochs", 1.0, 1e6),
      integerParam("seed", "98765", "seed of the initial weights, shuffling and latent noise", 0.0,
                   4294967295.0),
      integerParam("embedding_dim", "256", "size of the item embedding", 1.0, 65536.0),
      integerParam("hidden_dim", "200", "size of the GRU state", 1.0, 65536.0),
      integerParam("latent_dim", "64", "size of the latent of each step", 1.0, 16384.0),
      integerParam("next_k", "4", "next items each step is trained to predict", 1.0, 1000.0),
      realParam("beta_cap", "0.2", "largest KL weight of the annealing", 0.0, 100.0, true),
      realParam("anneal_users", "200000", "users seen over which the KL weight rises to beta_cap", 1.0, 1e12),
  };
}

}  // namespace svae

ModelFamily svaeFamily() {
  ModelFamily svae;
  svae.name = "svae";
  svae.summary = "SVAE: GRU over the time-ordered history, next-k items (Sachdeva et al. 2019)";
  svae.params = svae::svaeParams();
  svae.create = [](const ParamSet& params, std::int64_t items) {
    torch::manual_seed(static_cast<std::uint64_t>(params.integer("seed")));
    svae::SvaeSizes sizes;
    sizes.items = items;
    sizes.embedding = params.integer("embedding_dim");
    sizes.hidden = params.integer("hidden_dim");
    sizes.latent = params.integer("latent_dim");
    sizes.nextItems = params.integer("next_k");
    return std::make_shared<svae::SvaeModel>(params, sizes);
  };
  svae.needs.rawLog = true;
  svae.needs.timestamps = true;
  // The loaded split's users, each history cut in time (docs/models.md 3.7).
  svae.trainingSplit = [](const ParamSet&, const ProtocolOptions& protocol, std::shared_ptr<const Split> loaded,
                          const InteractionLog* log) {
    return std::make_shared<const Split>(temporalSplit(*loaded, *log, protocol.heldoutFraction));
  };
  svae.trainingSplitKey = [](const ParamSet&, const ProtocolOptions& protocol) {
    return "heldout_fraction=" + std::to_string(protocol.heldoutFraction);
  };
  return svae;
}

}  // namespace vaecf

VAECF_PLUGIN([](vaecf::PluginRegistrar& registrar) { registrar.addModel(vaecf::svaeFamily()); })
