#include "models/vae/Layers.h"

#include <cmath>
#include <string>
#include <tuple>
#include <utility>

namespace vaecf::vae {
namespace {

constexpr double kNormFloor = 1e-12;
constexpr double kGlorotBiasStd = 0.001;
constexpr double kLogVarianceMin = -12.0;
constexpr double kLogVarianceMax = 4.0;
constexpr double kRecVaeLayerNormEpsilon = 0.1;
constexpr double kPseudoInputMean = 0.05;
constexpr double kPseudoInputStd = 0.01;
constexpr std::int64_t kEmbeddingBagSum = 0;

// Sum of `values` per row id: [rows].
torch::Tensor sumPerRow(const torch::Tensor& rowIds, const torch::Tensor& values, std::int64_t rows) {
  return torch::zeros({rows}, values.options()).index_add_(0, rowIds, values);
}

// N(0, std^2) cut at +-2 std by inverse-CDF sampling, as torch.nn.init.trunc_normal_.
void fillTruncatedNormal(torch::Tensor tensor, double std) {
  const double edge = std::erf(2.0 / std::sqrt(2.0));
  tensor.uniform_(-edge, edge).erfinv_().mul_(std * std::sqrt(2.0));
}

void fillWeight(torch::Tensor weight, InitScheme scheme, std::int64_t fanIn, std::int64_t fanOut) {
  switch (scheme) {
    case InitScheme::Glorot: {
      const double bound = std::sqrt(6.0 / static_cast<double>(fanIn + fanOut));
      weight.uniform_(-bound, bound);
      return;
    }
    case InitScheme::HeNormal:
      weight.normal_(0.0, std::sqrt(2.0 / static_cast<double>(fanIn)));
      return;
    case InitScheme::Framework: {
      const double bound = 1.0 / std::sqrt(static_cast<double>(fanIn));
      weight.uniform_(-bound, bound);
      return;
    }
  }
}

void fillBias(torch::Tensor bias, InitScheme scheme, std::int64_t fanIn) {
  if (scheme == InitScheme::Glorot) {
    fillTruncatedNormal(bias, kGlorotBiasStd);
    return;
  }
  const double bound = 1.0 / std::sqrt(static_cast<double>(fanIn));
  bias.uniform_(-bound, bound);
}

}  // namespace

// ---- Row shards ----

namespace {

// The whole batch's shape for noise shaped as this rank's `rows`.
std::vector<std::int64_t> batchShape(const torch::Tensor& rows, std::int64_t batchRows) {
  std::vector<std::int64_t> shape = rows.sizes().vec();
  shape.front() = batchRows;
  return shape;
}

}  // namespace

torch::Tensor RowShard::uniformLike(const torch::Tensor& rows) const {
  if (whole()) return torch::rand_like(rows);
  return torch::rand(batchShape(rows, batchRows), rows.options()).narrow(0, first, rows.size(0));
}

torch::Tensor RowShard::normalLike(const torch::Tensor& rows) const {
  if (whole()) return torch::randn_like(rows);
  return torch::randn(batchShape(rows, batchRows), rows.options()).narrow(0, first, rows.size(0));
}

// A shard draws a dense batch of noise and reads its entries from it: the entries a rank
// holds (after a mask, say) differ between ranks, the batch's shape does not.
torch::Tensor RowShard::uniformAtEntries(const torch::Tensor& rowIds, const torch::Tensor& items) const {
  const auto options = torch::TensorOptions().dtype(torch::kFloat).device(rowIds.device());
  if (whole()) return torch::rand({rowIds.size(0)}, options);
  return torch::rand({batchRows, this->items}, options).index({rowIds + first, items});
}

// ---- ItemRows ----

ItemRows::ItemRows(torch::Tensor items, torch::Tensor rowIds, torch::Tensor values, std::int64_t rows,
                   RowShard shard)
    : rows_(rows), shard_(shard), items_(std::move(items)), rowIds_(std::move(rowIds)), values_(std::move(values)) {
  const auto counts = sumPerRow(rowIds_, torch::ones_like(rowIds_), rows_);
  offsets_ = counts.cumsum(0) - counts;
}

ItemRows ItemRows::dense(torch::Tensor rows, RowShard shard) {
  ItemRows result;
  result.rows_ = rows.size(0);
  result.shard_ = shard;
  result.dense_ = std::move(rows);
  return result;
}

ItemRows ItemRows::fromBags(torch::Tensor items, torch::Tensor offsets, RowShard shard) {
  const auto rows = offsets.size(0);
  const auto ends = torch::cat({offsets.slice(0, 1), torch::full({1}, items.size(0), offsets.options())});
  auto rowIds = torch::repeat_interleave(ends - offsets);
  auto values =
      torch::ones({items.size(0)}, torch::TensorOptions().dtype(torch::kFloat).device(items.device()));
  return ItemRows(std::move(items), std::move(rowIds), std::move(values), rows, shard);
}

ItemRows ItemRows::toEntries() const {
  if (!isDense()) return *this;
  const auto positions = dense_.nonzero();  // row-major, so ordered by row
  auto rowIds = positions.select(1, 0);
  auto items = positions.select(1, 1);
  auto values = dense_.index({rowIds, items});
  return ItemRows(std::move(items), std::move(rowIds), std::move(values), rows_, shard_);
}

torch::Tensor ItemRows::toDense(std::int64_t items) const {
  if (isDense()) return dense_;
  return torch::zeros({rows_, items}, values_.options()).index_put_({rowIds_, items_}, values_);
}

ItemRows ItemRows::masked(double keepProbability) const {
  if (keepProbability >= 1.0) return *this;
  if (isDense()) return withDense(dense_ * (shard_.uniformLike(dense_) < keepProbability));
  return keepingEntries(entryNoise() < keepProbability, values_);
}

ItemRows ItemRows::normalized() const {
  if (isDense()) return withDense(dense_ / dense_.pow(2).sum(1, true).sqrt().clamp_min(kNormFloor));
  const auto norms = sumPerRow(rowIds_, values_.pow(2), rows_).sqrt().clamp_min(kNormFloor);
  return ItemRows(items_, rowIds_, values_ / norms.index_select(0, rowIds_), rows_, shard_);
}

ItemRows ItemRows::droppedOut(double dropProbability) const {
  if (dropProbability <= 0.0) return *this;
  const double keep = 1.0 - dropProbability;
  if (isDense() && shard_.whole()) return withDense(torch::dropout(dense_, dropProbability, true));
  if (isDense()) return withDense(dense_ * (shard_.uniformLike(dense_) >= dropProbability) / keep);
  return keepingEntries(entryNoise() >= dropProbability, values_ / keep);
}

torch::Tensor ItemRows::counts() const {
  if (isDense()) return (dense_ != 0).sum(1).to(torch::kFloat);
  return sumPerRow(rowIds_, torch::ones_like(values_), rows_);
}

ItemRows ItemRows::keepingEntries(const torch::Tensor& keep, const torch::Tensor& values) const {
  return ItemRows(items_.masked_select(keep), rowIds_.masked_select(keep), values.masked_select(keep), rows_,
                  shard_);
}

ItemRows ItemRows::withDense(torch::Tensor rows) const { return dense(std::move(rows), shard_); }

torch::Tensor ItemRows::entryNoise() const { return shard_.uniformAtEntries(rowIds_, items_); }

// ---- Affine maps and units ----

std::int64_t preActivationWidth(std::int64_t units, Activation activation) {
  return activation == Activation::Gated ? 2 * units : units;
}

torch::Tensor activate(const torch::Tensor& preActivation, Activation activation) {
  switch (activation) {
    case Activation::Tanh:
      return torch::tanh(preActivation);
    case Activation::Swish:
      return preActivation * torch::sigmoid(preActivation);
    case Activation::Gated: {
      const auto halves = preActivation.chunk(2, -1);
      return halves[0] * torch::sigmoid(halves[1]);
    }
  }
  return preActivation;
}

AffineInit unitInit(InitScheme scheme, std::int64_t in, Activation activation) {
  return {scheme, in, activation == Activation::Gated ? 2 : 1};
}

void initializeAffine(torch::Tensor weight, torch::Tensor bias, std::int64_t outputDim,
                      const AffineInit& init) {
  torch::NoGradGuard noGrad;
  const auto width = weight.size(outputDim) / init.parts;
  for (std::int64_t part = 0; part < init.parts; ++part) {
    fillWeight(weight.narrow(outputDim, part * width, width), init.scheme, init.fanIn, width);
    if (bias.defined()) fillBias(bias.narrow(0, part * width, width), init.scheme, init.fanIn);
  }
}

torch::nn::Linear makeLinear(std::int64_t in, std::int64_t out, const AffineInit& init, bool bias) {
  torch::nn::Linear linear(torch::nn::LinearOptions(in, out).bias(bias));
  initializeAffine(linear->weight, linear->bias, 0, init);
  return linear;
}

ItemProjectionImpl::ItemProjectionImpl(std::int64_t items, std::int64_t width, const AffineInit& init) {
  weight = register_parameter("weight", torch::empty({items, width}));
  bias = register_parameter("bias", torch::empty({width}));
  initializeAffine(weight, bias, 1, init);
}

torch::Tensor ItemProjectionImpl::forward(const ItemRows& rows) {
  if (rows.isDense()) return torch::addmm(bias, rows.denseRows(), weight);
  const auto summed = std::get<0>(torch::embedding_bag(weight, rows.items(), rows.offsets(), false,
                                                       kEmbeddingBagSum, false, rows.values()));
  return summed + bias;
}

UnitImpl::UnitImpl(std::int64_t in, std::int64_t out, Activation activation, InitScheme init)
    : activation_(activation) {
  linear = register_module(
      "linear", makeLinear(in, preActivationWidth(out, activation), unitInit(init, in, activation)));
}

torch::Tensor UnitImpl::forward(const torch::Tensor& input) { return activate(linear(input), activation_); }

InputUnitImpl::InputUnitImpl(std::int64_t items, std::int64_t out, Activation activation, InitScheme init,
                             std::int64_t sideWidth)
    : activation_(activation) {
  const auto width = preActivationWidth(out, activation);
  const auto affineInit = unitInit(init, items + sideWidth, activation);
  projection = register_module("projection", ItemProjection(items, width, affineInit));
  if (sideWidth > 0) {
    sideProjection = register_module("side_projection", makeLinear(sideWidth, width, affineInit, false));
  }
}

torch::Tensor InputUnitImpl::forward(const ItemRows& rows, const torch::Tensor& side) {
  auto preActivation = projection(rows);
  if (sideProjection) preActivation = preActivation + sideProjection(side);
  return activate(preActivation, activation_);
}

UnitStackImpl::UnitStackImpl(const std::vector<std::int64_t>& widths, Activation activation,
                             InitScheme init) {
  for (std::size_t i = 0; i + 1 < widths.size(); ++i) {
    units_.push_back(
        register_module("unit" + std::to_string(i + 1), Unit(widths[i], widths[i + 1], activation, init)));
  }
}

torch::Tensor UnitStackImpl::forward(torch::Tensor input) {
  for (auto& unit : units_) input = unit(input);
  return input;
}

std::vector<std::int64_t> hiddenWidths(std::int64_t from, std::int64_t hidden, std::int64_t count) {
  std::vector<std::int64_t> widths{from};
  widths.insert(widths.end(), static_cast<std::size_t>(count), hidden);
  return widths;
}

// ---- Gaussian layers ----

torch::Tensor sample(const Gaussian& q, const RowShard& shard) {
  return q.mean + (0.5 * q.logVariance).exp() * shard.normalLike(q.mean);
}

GaussianHeadsImpl::GaussianHeadsImpl(std::int64_t in, std::int64_t latent, InitScheme init,
                                     bool clampLogVariance)
    : clampLogVariance_(clampLogVariance) {
  linear_ = register_module("linear", makeLinear(in, 2 * latent, AffineInit{init, in}));
}

Gaussian GaussianHeadsImpl::forward(const torch::Tensor& hidden) {
  const auto heads = linear_(hidden).chunk(2, 1);
  auto logVariance = clampLogVariance_ ? heads[1].clamp(kLogVarianceMin, kLogVarianceMax) : heads[1];
  return {heads[0], logVariance};
}

MlpEncoderImpl::MlpEncoderImpl(std::int64_t items, std::int64_t hidden, std::int64_t latent,
                               std::int64_t layers, Activation activation, InitScheme init,
                               bool clampLogVariance) {
  input_ = register_module("input", InputUnit(items, hidden, activation, init));
  hidden_ = register_module("hidden", UnitStack(hiddenWidths(hidden, hidden, layers - 1), activation, init));
  heads_ = register_module("heads", GaussianHeads(hidden, latent, init, clampLogVariance));
}

Gaussian MlpEncoderImpl::forward(const ItemRows& input) { return heads_(hidden_(input_(input))); }

MlpDecoderImpl::MlpDecoderImpl(std::int64_t latent, std::int64_t hidden, std::int64_t items,
                               std::int64_t layers, Activation activation, InitScheme init) {
  const auto widths = hiddenWidths(latent, hidden, layers);
  hidden_ = register_module("hidden", UnitStack(widths, activation, init));
  output = register_module("output", makeLinear(widths.back(), items, AffineInit{init, widths.back()}));
}

torch::Tensor MlpDecoderImpl::forward(const torch::Tensor& latent) { return output(hidden_(latent)); }

PseudoInputsImpl::PseudoInputsImpl(std::int64_t items, std::int64_t count) {
  matrix_ = register_parameter("matrix", torch::empty({items, count}));
  torch::NoGradGuard noGrad;
  matrix_.normal_(kPseudoInputMean, kPseudoInputStd);
}

ItemRows PseudoInputsImpl::forward(double dropout) {
  return ItemRows::dense(matrix_.clamp(0.0, 1.0).t()).droppedOut(is_training() ? dropout : 0.0);
}

DenseResidualEncoderImpl::DenseResidualEncoderImpl(std::int64_t items, std::int64_t hidden,
                                                   std::int64_t latent, std::int64_t layers,
                                                   Activation activation)
    : activation_(activation) {
  // The RecVAE code keeps PyTorch's default initialisation throughout.
  const auto width = preActivationWidth(hidden, activation);
  first_ = register_module("layer1",
                           ItemProjection(items, width, unitInit(InitScheme::Framework, items, activation)));
  for (std::int64_t k = 2; k <= layers; ++k) {
    deeper_.push_back(
        register_module("layer" + std::to_string(k),
                        makeLinear(hidden, width, unitInit(InitScheme::Framework, hidden, activation))));
  }
  for (std::int64_t k = 1; k <= layers; ++k) {
    norms_.push_back(register_module(
        "norm" + std::to_string(k),
        torch::nn::LayerNorm(torch::nn::LayerNormOptions({hidden}).eps(kRecVaeLayerNormEpsilon))));
  }
  heads_ = register_module("heads", GaussianHeads(hidden, latent, InitScheme::Framework, false));
}

Gaussian DenseResidualEncoderImpl::forward(const ItemRows& input) {
  auto hidden = norms_[0](activate(first_(input), activation_));
  auto skips = hidden;  // h_1 + ... + h_k
  for (std::size_t k = 0; k < deeper_.size(); ++k) {
    hidden = norms_[k + 1](activate(addToValues(deeper_[k](hidden), skips), activation_));
    skips = skips + hidden;
  }
  return heads_(hidden);
}

torch::Tensor DenseResidualEncoderImpl::addToValues(const torch::Tensor& preActivation,
                                                    const torch::Tensor& skip) const {
  if (activation_ != Activation::Gated) return preActivation + skip;
  const auto halves = preActivation.chunk(2, -1);
  return torch::cat({halves[0] + skip, halves[1]}, -1);
}

}  // namespace vaecf::vae
