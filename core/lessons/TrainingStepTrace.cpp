// The torch side of TrainingStepTrace.h: one user's training step through the model's own
// layers (its affine chain, docs/geometry.md section 2), its own corruption and loss terms.
#include "lessons/TrainingStepTrace.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/torch.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <variant>

#include "common/Error.h"
#include "data/DataSource.h"
#include "data/Protocol.h"
#include "experiment/Experiment.h"
#include "models/vae/AffineChain.h"
#include "models/vae/AutoencoderModel.h"
#include "models/vae/Layers.h"
#include "models/vae/Objectives.h"
#include "plugin/ModelCatalog.h"
#include "train/EventLog.h"
#include "train/RunFolder.h"
#include "train/TrainingEngine.h"

namespace vaecf::lessons {
namespace {

namespace fs = std::filesystem;

// ---- The run: its model with best.pt's weights and the user's row ----

struct TracedRun {
  RunConfig config;
  std::vector<std::string> itemIds;
  std::shared_ptr<vae::AutoencoderModel> model;
  vae::AffineChain chain;  // the model's own layers, in the order its loss applies them
};

// Only a model whose per-user loss is an affine chain (Mult-VAE, Mult-DAE) can be replayed
// layer by layer; the others hide their stages inside loss().
const ModelFamily& traceableFamily(const fs::path& runFolder, const RunConfig& config) {
  const ModelFamily& family = findModel(config.model);
  if (!family.iterative() || !family.capabilities.gradientTransfer)
    throw Error("'" + runFolder.string() + "' is a " + config.model +
                " run; the slow motion of a training step follows Mult-VAE and Mult-DAE only");
  return family;
}

TracedRun openRun(const fs::path& runFolder) {
  TracedRun run{readRunConfig(runFolder), readRunItems(runFolder), nullptr, {}};
  const ModelFamily& family = traceableFamily(runFolder, run.config);
  run.model = modelToRead(family, runParams(run.config, family), static_cast<std::int64_t>(run.itemIds.size()));
  loadBestWeights(runFolder, *run.model);
  auto chain = run.model->affineChain();
  if (!chain)
    throw Error("'" + runFolder.string() + "': this " + run.config.model +
                " model gives no chain of layers for its loss, so its step cannot be shown stage by stage");
  run.chain = std::move(*chain);
  return run;
}

// Where training stood when best.pt was written: at the last validation that improved, or at
// the run's end when none did (the trainer then keeps its final weights).
vae::TrainingClock bestWeightsClock(const fs::path& runFolder) {
  const auto events = readRunEvents(runFolder);
  vae::TrainingClock clock;
  bool improved = false;
  for (const auto& event : events) {
    const auto* evaluation = std::get_if<Evaluation>(&event.payload);
    const bool best =
        evaluation != nullptr && evaluation->split == EvaluatedSplit::Validation && evaluation->best;
    if (best || !improved) clock = {event.step, event.epoch};
    improved = improved || best;
  }
  return clock;
}

// The user's row ([1, I] float) in the split the run trained on, rebuilt from its data.
struct UserRow {
  torch::Tensor row;
  std::string split;
};

std::string splitOf(const Split& split, const UserRows& rows) {
  if (rows.heldout == nullptr) return "train";
  return rows.input == &split.validationFoldIn ? "validation" : "test";
}

UserRow findUserRow(const fs::path& runFolder, const TracedRun& run, const std::string& userId) {
  const auto split = runTrainingSplit(run.config, loadData(run.config.data));
  if (split->itemIds != run.itemIds)
    throw Error("the data of " + runFolder.string() + " (" + run.config.data.describe() +
                ") no longer gives the items the run was trained on");
  const auto found = findUser(*split, userId);
  if (!found)
    throw Error("user " + quoteText(userId) + " is not a user of the split " + runFolder.string() +
                " trained on");
  const CsrMatrix& matrix = *found->input;
  auto row = torch::zeros({1, split->items()}, torch::kFloat);
  auto* values = row.data_ptr<float>();
  for (std::int64_t k = 0; k < matrix.rowSize(found->row); ++k)
    values[matrix.rowColumns(found->row)[k]] = matrix.value(found->row, k);
  return {row, splitOf(*split, *found)};
}

// ---- Random draws ----

// Back to the seed's first draw of torch's CPU generator, which the model's corruption and
// sampling draw from: the trace and the model's own loss see the same draws.
void rewindDraws(std::uint64_t seed) {
  at::Generator generator = at::detail::getDefaultCPUGenerator();
  std::lock_guard<std::mutex> lock(generator.mutex());
  generator.set_current_seed(seed);
}

// ---- The step ----

// The corruption exactly as ItemAutoencoder applies it in training (keep mask, L2
// normalisation, inverted dropout, in the form the first layer reads), so the draws match.
struct Corruption {
  torch::Tensor masked, normalised, input;  // dense [1, I] each
};

Corruption corrupt(const ParamSet& params, const torch::Tensor& row) {
  auto observed = vae::ItemRows::dense(row);
  if (params.flag("sparse_input")) observed = observed.toEntries();
  const auto masked = observed.masked(params.real("mask_rate"));
  const auto normalised = masked.normalized();
  const auto input = normalised.droppedOut(params.real("dropout"));
  const auto items = row.size(1);
  return {masked.toDense(items), normalised.toDense(items), input.toDense(items)};
}

// The chain's maps with the activations between them, keeping what each layer gives.
struct Forward {
  std::vector<torch::Tensor> encoderLayers, decoderLayers;
  torch::Tensor mean, logVariance, epsilon, z, logits;  // logVariance, epsilon: Mult-VAE only
};

void encode(const vae::AffineChain& chain, const torch::Tensor& input, Forward& pass) {
  auto hidden = input;
  for (std::size_t i = 0; i < chain.encoder.size(); ++i) {
    hidden = chain.encoder[i](hidden);
    if (chain.gaussianHeads && i + 1 == chain.encoder.size()) break;  // [mean, log-variance]
    hidden = vae::activate(hidden, chain.activation);
    pass.encoderLayers.push_back(hidden);
  }
  if (!chain.gaussianHeads) {
    pass.mean = hidden;
    pass.z = hidden;
    return;
  }
  const auto heads = hidden.chunk(2, 1);
  pass.mean = heads[0];
  pass.logVariance = heads[1];
  // As vae::sample draws it, the epsilon kept to be shown.
  pass.epsilon = torch::randn_like(pass.mean);
  pass.z = pass.mean + (0.5 * pass.logVariance).exp() * pass.epsilon;
}

void decode(const vae::AffineChain& chain, Forward& pass) {
  auto hidden = pass.z;
  for (std::size_t i = 0; i + 1 < chain.decoder.size(); ++i) {
    hidden = vae::activate(chain.decoder[i](hidden), chain.activation);
    pass.decoderLayers.push_back(hidden);
  }
  pass.logits = chain.decoder.back()(hidden);
}

// ---- From tensors to the trace ----

std::vector<double> valuesOf(const torch::Tensor& tensor) {
  const auto flat = tensor.detach().to(torch::kDouble).contiguous().view(-1);
  return {flat.data_ptr<double>(), flat.data_ptr<double>() + flat.numel()};
}

double scalarOf(const torch::Tensor& tensor) { return tensor.detach().to(torch::kDouble).item<double>(); }

std::vector<std::int64_t> nonzeroColumns(const torch::Tensor& row) {
  const auto columns = row[0].nonzero().view(-1).contiguous();
  const auto* begin = columns.data_ptr<std::int64_t>();
  return {begin, begin + columns.numel()};
}

std::vector<TracedItem> itemsOf(const torch::Tensor& row, const std::vector<std::string>& itemIds) {
  const auto values = valuesOf(row);
  std::vector<TracedItem> items;
  for (const auto column : nonzeroColumns(row))
    items.push_back(
        {column, itemIds[static_cast<std::size_t>(column)], values[static_cast<std::size_t>(column)]});
  return items;
}

// Columns of `before` that `after` no longer has.
std::vector<std::int64_t> removedColumns(const torch::Tensor& before, const torch::Tensor& after) {
  return nonzeroColumns((before != 0).logical_and(after == 0).to(torch::kFloat));
}

std::vector<ScoredItem> scoredItems(const std::vector<std::int64_t>& columns,
                                    const std::vector<double>& logits,
                                    const std::vector<double>& probabilities,
                                    const std::vector<std::string>& itemIds) {
  std::vector<ScoredItem> items;
  for (const auto column : columns) {
    const auto c = static_cast<std::size_t>(column);
    items.push_back({column, itemIds[c], logits[c], probabilities[c]});
  }
  return items;
}

// Softmax over the items for the multinomial, each item's sigmoid for Bernoulli (as
// negativeLogLikelihood reads the logits).
torch::Tensor probabilitiesOf(const torch::Tensor& logits, vae::Likelihood likelihood) {
  const auto products = logits.detach().to(torch::kFloat);
  return likelihood == vae::Likelihood::Multinomial ? torch::softmax(products, 1) : torch::sigmoid(products);
}

void recordCorruption(const Corruption& corruption, const torch::Tensor& row,
                      const std::vector<std::string>& itemIds, StepTrace& trace) {
  trace.masked = removedColumns(row, corruption.masked);
  trace.inputNorm = scalarOf(corruption.masked.norm());
  trace.normalised = itemsOf(corruption.normalised, itemIds);
  trace.dropped = removedColumns(corruption.normalised, corruption.input);
  trace.networkInput = itemsOf(corruption.input, itemIds);
}

void recordForward(const Forward& pass, StepTrace& trace) {
  for (const auto& layer : pass.encoderLayers) trace.encoderLayers.push_back(valuesOf(layer));
  for (const auto& layer : pass.decoderLayers) trace.decoderLayers.push_back(valuesOf(layer));
  trace.mean = valuesOf(pass.mean);
  // Mult-DAE's code is a point: zero variance, as its posterior() reports.
  trace.variance =
      pass.logVariance.defined() ? valuesOf(pass.logVariance.exp()) : std::vector<double>(trace.mean.size());
  if (pass.epsilon.defined()) trace.epsilon = valuesOf(pass.epsilon);
  trace.z = valuesOf(pass.z);
}

void recordScores(const Forward& pass, const torch::Tensor& row, const vae::AffineChain& chain,
                  const std::vector<std::string>& itemIds, std::int64_t topItems, StepTrace& trace) {
  trace.likelihood = chain.likelihood == vae::Likelihood::Multinomial ? "multinomial" : "bernoulli";
  const auto probabilities = probabilitiesOf(pass.logits, chain.likelihood);
  const auto logits = valuesOf(pass.logits);
  const auto probabilityValues = valuesOf(probabilities);
  const auto k = std::clamp<std::int64_t>(topItems, 0, trace.items);
  const auto best = std::get<1>(probabilities[0].topk(k)).contiguous();
  const std::vector<std::int64_t> bestColumns(best.data_ptr<std::int64_t>(),
                                              best.data_ptr<std::int64_t>() + k);
  trace.topItems = scoredItems(bestColumns, logits, probabilityValues, itemIds);
  trace.historyItems = scoredItems(nonzeroColumns(row), logits, probabilityValues, itemIds);
  for (const auto& item : trace.historyItems) trace.historyProbability += item.probability;
}

// PIA's alignment of the posterior to the anchors of the user's (uncorrupted) items, as the
// models add it; a user without items has nothing to align to.
torch::Tensor anchorTerm(const vae::AffineChain& chain, const Forward& pass, const torch::Tensor& row) {
  const auto positives = row[0].nonzero().view(-1);
  if (positives.numel() == 0) return torch::zeros({}, pass.mean.options());
  const auto variance = pass.logVariance.defined() ? pass.logVariance.exp() : torch::zeros_like(pass.mean);
  const auto offsets = torch::zeros({1}, torch::kLong);
  return vae::anchorAlignment(pass.mean, variance, chain.anchors, positives, offsets).sum();
}

// The loss terms of the step; returns the total, whose backward gives the gradients.
torch::Tensor recordLoss(const vae::AffineChain& chain, const Forward& pass, const torch::Tensor& row,
                         StepTrace& trace) {
  const auto reconstruction = vae::negativeLogLikelihood(pass.logits, row, chain.likelihood).sum();
  trace.reconstruction = scalarOf(reconstruction);
  auto total = reconstruction;
  if (trace.sampled) {
    const auto perDimension = vae::klToStandardNormalPerDimension(pass.mean, pass.logVariance);
    const auto kl = perDimension.sum();
    trace.klPerDimension = valuesOf(perDimension);
    trace.kl = scalarOf(kl);
    total = total + trace.klWeight * kl;
  }
  if (chain.anchors.defined()) {
    const auto anchor = anchorTerm(chain, pass, row);
    trace.anchorTerm = scalarOf(anchor);
    trace.anchorWeight = chain.anchorWeight;
    total = total + chain.anchorWeight * anchor;
  }
  trace.loss = scalarOf(total);
  return total;
}

// Every trainable tensor's gradient norm; a tensor the user's loss does not reach gets 0.
std::vector<std::pair<std::string, double>> gradientNorms(vae::AutoencoderModel& model) {
  std::vector<std::pair<std::string, double>> norms;
  for (const auto& parameter : model.named_parameters()) {
    if (!parameter.value().requires_grad()) continue;
    const auto& gradient = parameter.value().grad();
    norms.emplace_back(parameter.key(), gradient.defined() ? scalarOf(gradient.norm()) : 0.0);
  }
  return norms;
}

// The model's own training loss on a batch of this user alone, at the run's clock (its KL
// weight is the one the run had reached), drawing what the trace draws.
std::vector<std::pair<std::string, double>> modelTerms(vae::AutoencoderModel& model, const torch::Tensor& row,
                                                       const vae::TrainingClock& clock) {
  torch::NoGradGuard noGrad;
  model.train();
  vae::Batch batch;
  batch.rows = row;
  const auto phases = model.phases();
  const auto loss = model.loss(batch, phases.front(), clock);
  std::vector<std::pair<std::string, double>> terms;
  for (const auto& [name, value] : loss.terms) terms.emplace_back(name, scalarOf(value));
  return terms;
}

// The KL weight among the model's terms; 0 for a model without one (Mult-DAE).
double klWeightOf(const std::vector<std::pair<std::string, double>>& terms) {
  for (const auto& [name, value] : terms)
    if (name == "beta") return value;
  return 0.0;
}

// The trace, drawing from torch's generators: traceTrainingStep lends them.
StepTrace traceWithDraws(const fs::path& runFolder, const std::string& userId, const StepTraceOptions& options) {
  TracedRun run = openRun(runFolder);
  const UserRow user = findUserRow(runFolder, run, userId);
  const ParamSet& params = run.model->params();

  StepTrace trace;
  trace.model = run.config.model;
  trace.userId = userId;
  trace.userSplit = user.split;
  trace.items = static_cast<std::int64_t>(run.itemIds.size());
  trace.sampled = run.chain.gaussianHeads;
  trace.keepRate = params.real("mask_rate");
  trace.dropoutRate = params.real("dropout");
  const vae::TrainingClock clock = bestWeightsClock(runFolder);
  trace.step = clock.step;
  trace.history = itemsOf(user.row, run.itemIds);

  rewindDraws(options.seed);
  trace.modelTerms = modelTerms(*run.model, user.row, clock);
  trace.klWeight = trace.sampled ? options.klWeight.value_or(klWeightOf(trace.modelTerms)) : 0.0;

  rewindDraws(options.seed);
  const Corruption corruption = corrupt(params, user.row);
  recordCorruption(corruption, user.row, run.itemIds, trace);
  Forward pass;
  encode(run.chain, corruption.input, pass);
  decode(run.chain, pass);
  recordForward(pass, trace);
  recordScores(pass, user.row, run.chain, run.itemIds, options.topItems, trace);

  recordLoss(run.chain, pass, user.row, trace).backward();
  trace.gradientNorms = gradientNorms(*run.model);
  return trace;
}

}  // namespace

StepTrace traceTrainingStep(const fs::path& runFolder, const std::string& userId,
                            const StepTraceOptions& options) {
  StepTrace trace;
  withGeneratorsUntouched([&] { trace = traceWithDraws(runFolder, userId, options); });
  return trace;
}

// ---- Stages for display ----

namespace {

TraceSeries scalarSeries(std::string name, double value) { return {std::move(name), {""}, {value}}; }

TraceSeries itemSeries(std::string name, const std::vector<TracedItem>& items) {
  TraceSeries series{std::move(name), {}, {}};
  for (const auto& item : items) {
    series.labels.push_back(item.itemId);
    series.values.push_back(item.value);
  }
  return series;
}

// The history items among `columns`, with the value they had in x.
TraceSeries removedSeries(std::string name, const std::vector<std::int64_t>& columns,
                          const std::vector<TracedItem>& before) {
  std::vector<TracedItem> removed;
  for (const auto& item : before)
    if (std::find(columns.begin(), columns.end(), item.column) != columns.end()) removed.push_back(item);
  return itemSeries(std::move(name), removed);
}

TraceSeries dimensionSeries(std::string name, const std::vector<double>& values) {
  TraceSeries series{std::move(name), {}, values};
  for (std::size_t d = 0; d < values.size(); ++d) series.labels.push_back("dim " + std::to_string(d + 1));
  return series;
}

TraceSeries unitSeries(std::string name, const std::vector<double>& values) {
  TraceSeries series{std::move(name), {}, values};
  for (std::size_t u = 0; u < values.size(); ++u) series.labels.push_back("unit " + std::to_string(u + 1));
  return series;
}

TraceSeries scoredSeries(std::string name, const std::vector<ScoredItem>& items, bool probabilities) {
  TraceSeries series{std::move(name), {}, {}};
  for (const auto& item : items) {
    series.labels.push_back(item.itemId);
    series.values.push_back(probabilities ? item.probability : item.logit);
  }
  return series;
}

TraceSeries namedSeries(std::string name, const std::vector<std::pair<std::string, double>>& named) {
  TraceSeries series{std::move(name), {}, {}};
  for (const auto& [label, value] : named) {
    series.labels.push_back(label);
    series.values.push_back(value);
  }
  return series;
}

std::vector<TraceSeries> layerSeries(const std::string& network,
                                     const std::vector<std::vector<double>>& layers) {
  std::vector<TraceSeries> series;
  for (std::size_t n = 0; n < layers.size(); ++n)
    series.push_back(unitSeries(network + " layer " + std::to_string(n + 1), layers[n]));
  return series;
}

void addInputStages(const StepTrace& trace, std::vector<TraceStage>& stages) {
  stages.push_back({"input", "The user's items x", {itemSeries("x", trace.history)}});
  if (trace.keepRate < 1.0) {
    stages.push_back(
        {"mask",
         "PIA keep mask: each item kept with probability mask_rate",
         {scalarSeries("keep rate", trace.keepRate), removedSeries("masked", trace.masked, trace.history)}});
  }
  stages.push_back(
      {"normalise",
       "L2 normalisation x / ||x||",
       {scalarSeries("norm", trace.inputNorm), itemSeries("normalised input", trace.normalised)}});
  stages.push_back(
      {"dropout",
       "Inverted dropout: items dropped, survivors scaled by 1 / (1 - rate)",
       {scalarSeries("rate", trace.dropoutRate), removedSeries("dropped", trace.dropped, trace.normalised),
        itemSeries("network input", trace.networkInput)}});
}

void addLatentStages(const StepTrace& trace, std::vector<TraceStage>& stages) {
  stages.push_back({"encoder", "Encoder layers", layerSeries("encoder", trace.encoderLayers)});
  if (!trace.sampled) {
    stages.push_back(
        {"posterior", "The code z (Mult-DAE: a point, no sampling)", {dimensionSeries("z", trace.z)}});
    return;
  }
  stages.push_back({"posterior",
                    "Posterior q(z|x): mean and variance",
                    {dimensionSeries("mean", trace.mean), dimensionSeries("variance", trace.variance)}});
  stages.push_back({"sample",
                    "Sample z = mean + sqrt(variance) * epsilon",
                    {dimensionSeries("epsilon", trace.epsilon), dimensionSeries("z", trace.z)}});
}

void addDecoderStages(const StepTrace& trace, std::vector<TraceStage>& stages) {
  auto decoder = layerSeries("decoder", trace.decoderLayers);
  decoder.push_back(scoredSeries("logits of the top items", trace.topItems, false));
  decoder.push_back(scoredSeries("logits of the user's items", trace.historyItems, false));
  stages.push_back({"decoder", "Decoder: a logit per item", std::move(decoder)});
  const bool softmax = trace.likelihood == "multinomial";
  stages.push_back({"probabilities",
                    softmax ? "Softmax over all items" : "Sigmoid of each item (Bernoulli likelihood)",
                    {scoredSeries("top items", trace.topItems, true),
                     scoredSeries("the user's items", trace.historyItems, true),
                     scalarSeries("sum over the user's items", trace.historyProbability)}});
}

void addLossStages(const StepTrace& trace, std::vector<TraceStage>& stages) {
  stages.push_back({"reconstruction",
                    "Reconstruction -sum x_i log p_i",
                    {scalarSeries("reconstruction", trace.reconstruction)}});
  std::vector<std::pair<std::string, double>> terms{{"reconstruction", trace.reconstruction}};
  if (trace.sampled) {
    stages.push_back(
        {"kl",
         "KL(q(z|x) || N(0, I)), weighted by beta",
         {dimensionSeries("per dimension", trace.klPerDimension), scalarSeries("total", trace.kl),
          scalarSeries("beta", trace.klWeight), scalarSeries("beta * KL", trace.klWeight * trace.kl)}});
    terms.emplace_back("beta * KL", trace.klWeight * trace.kl);
  }
  if (trace.anchorTerm) {
    stages.push_back(
        {"anchor",
         "PIA: alignment of the posterior to the user's item anchors",
         {scalarSeries("alignment", *trace.anchorTerm), scalarSeries("lambda_a", trace.anchorWeight),
          scalarSeries("lambda_a * alignment", trace.anchorWeight * *trace.anchorTerm)}});
    terms.emplace_back("lambda_a * alignment", trace.anchorWeight * *trace.anchorTerm);
  }
  terms.emplace_back("total", trace.loss);
  stages.push_back({"loss", "Total loss", {namedSeries("terms", terms)}});
  stages.push_back({"gradients",
                    "Gradient L2 norm per parameter tensor after backward",
                    {namedSeries("gradient norm", trace.gradientNorms)}});
  stages.push_back(
      {"check", "The model's own loss() with the same draws", {namedSeries("terms", trace.modelTerms)}});
}

}  // namespace

std::vector<TraceStage> traceStages(const StepTrace& trace) {
  std::vector<TraceStage> stages;
  addInputStages(trace, stages);
  addLatentStages(trace, stages);
  addDecoderStages(trace, stages);
  addLossStages(trace, stages);
  return stages;
}

}  // namespace vaecf::lessons
