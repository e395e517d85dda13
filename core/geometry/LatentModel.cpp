// The torch side of LatentModel.h: loading a run's weights, posteriors, masked posteriors
// and the factorised per-user gradient inner products (docs/geometry.md section 2).
#include "geometry/LatentModel.h"

#include <algorithm>
#include <limits>
#include <random>
#include <utility>

#include "common/Error.h"
#include "geometry/TensorBridge.h"
#include "models/vae/AffineChain.h"
#include "models/vae/AutoencoderModel.h"
#include "models/vae/Layers.h"
#include "models/vae/Objectives.h"
#include "plugin/ModelCatalog.h"
#include "train/RunFolder.h"
#include "train/TrainingEngine.h"
#include "train/TrainingParams.h"

namespace vaecf::geometry {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kPosteriorBatch = 1000;
constexpr double kNormFloor = 1e-12;  // as the models' L2 normalisation

std::shared_ptr<vae::AutoencoderModel> loadBestModel(const fs::path& runFolder, const RunConfig& config) {
  const ModelFamily& family = findModel(config.model);
  if (!family.capabilities.latentMaps)
    throw Error("'" + runFolder.string() + "' is a " + config.model + " run, and " + config.model +
                " has no per-user latent space to show");
  const auto items = static_cast<std::int64_t>(readRunItems(runFolder).size());
  auto model = modelToRead(family, runParams(config, family), items);
  loadBestWeights(runFolder, *model);
  model->eval();
  return model;
}

// The model's loss as an affine chain, at the KL weight asked for (default: the model's).
vae::AffineChain affineChain(const std::string& modelName, vae::AutoencoderModel& model,
                             const GradientOptions& options) {
  auto chain = model.affineChain();
  if (!chain)
    throw Error("gradient transfer needs a model whose loss is a chain of affine maps, not for " + modelName);
  if (options.klWeight) chain->klWeight = *options.klWeight;
  return std::move(*chain);
}

// One pass over a batch: each affine map's input a_n and output y_n, the posterior mean,
// and the sum of the per-user losses, whose gradient at y_n is each user's delta_n.
struct Trace {
  std::vector<torch::Tensor> inputs, outputs;
  torch::Tensor rows, mean, summedLoss;
};

// PIA's alignment per user (zero for users without positives), as the models add it.
torch::Tensor anchorAlignment(const torch::Tensor& rows, const torch::Tensor& mean,
                              const torch::Tensor& variance, const torch::Tensor& anchors) {
  const auto positions = rows.nonzero();
  const auto counts = (rows != 0).sum(1);
  const auto offsets = counts.cumsum(0) - counts;
  const auto alignment =
      vae::anchorAlignment(mean, variance, anchors, positions.select(1, 1).contiguous(), offsets);
  return alignment * (counts > 0).to(alignment.scalar_type());
}

Trace trace(const vae::AffineChain& network, const torch::Tensor& rows) {
  Trace result;
  result.rows = rows;
  auto hidden = rows / rows.pow(2).sum(1, true).sqrt().clamp_min(kNormFloor);
  auto through = [&](const vae::AffineMap& map, bool activated) {
    result.inputs.push_back(hidden);
    result.outputs.push_back(map(hidden));
    hidden = activated ? vae::activate(result.outputs.back(), network.activation) : result.outputs.back();
  };
  for (std::size_t i = 0; i < network.encoder.size(); ++i) {
    through(network.encoder[i], !(network.gaussianHeads && i + 1 == network.encoder.size()));
  }
  torch::Tensor variance;
  auto loss = torch::zeros({}, rows.options());
  if (network.gaussianHeads) {
    const auto heads = hidden.chunk(2, 1);
    result.mean = heads[0];
    variance = heads[1].exp();
    loss = loss + network.klWeight * vae::klToStandardNormal(heads[0], heads[1]).sum();
  } else {
    result.mean = hidden;
    variance = torch::zeros_like(hidden);
  }
  hidden = result.mean;
  for (std::size_t i = 0; i < network.decoder.size(); ++i)
    through(network.decoder[i], i + 1 < network.decoder.size());
  loss = loss + vae::negativeLogLikelihood(hidden, rows, network.likelihood).sum();
  if (network.anchors.defined()) {
    loss = loss + network.anchorWeight * anchorAlignment(rows, result.mean, variance, network.anchors).sum();
  }
  result.summedLoss = loss;
  return result;
}

// Each map's delta_n: the gradient of the summed loss at its output.
std::vector<torch::Tensor> deltas(const Trace& pass) {
  auto gradients = torch::autograd::grad({pass.summedLoss}, pass.outputs);
  for (auto& gradient : gradients) gradient = gradient.detach();
  return gradients;
}

// sum over users' positives i shared by f and v of (2 lambda)^2 / (|P_f| |P_v|)
// (e_i - mu_f) . (e_i - mu_v): the anchors' part of <g_f, g_v>, as the alignment's
// gradient for e_i is 2 lambda (e_i - mu) / |P| over the user's positives.
torch::Tensor anchorInnerProducts(const vae::AffineChain& network, const Trace& focus, const Trace& users) {
  const auto& e = network.anchors.detach();
  const auto xf = (focus.rows != 0).to(e.scalar_type());
  const auto xv = (users.rows != 0).to(e.scalar_type());
  const auto mf = focus.mean.detach();
  const auto mv = users.mean.detach();
  const auto squaredAnchors = e.pow(2).sum(1);
  const auto shared = torch::mm(xf * squaredAnchors, xv.t()) - torch::mm(xf * torch::mm(mf, e.t()), xv.t()) -
                      torch::mm(xf, (xv * torch::mm(mv, e.t())).t()) +
                      torch::mm(mf, mv.t()) * torch::mm(xf, xv.t());
  const auto scale = 2.0 * network.anchorWeight;
  return scale * scale * shared / torch::outer(xf.sum(1).clamp_min(1.0), xv.sum(1).clamp_min(1.0));
}

// <g_f, g_v> = sum over maps of (delta_f . delta_v) (a_f . a_v + 1) (weight and bias),
// plus the anchors' own part.
torch::Tensor innerProducts(const vae::AffineChain& network, const Trace& focus,
                            const std::vector<torch::Tensor>& focusDeltas, const Trace& users,
                            const std::vector<torch::Tensor>& userDeltas) {
  torch::NoGradGuard noGrad;
  auto total = torch::zeros({focus.rows.size(0), users.rows.size(0)}, focus.rows.options());
  for (std::size_t n = 0; n < focusDeltas.size(); ++n) {
    const auto inputs = torch::mm(focus.inputs[n].detach(), users.inputs[n].detach().t());
    total += torch::mm(focusDeltas[n], userDeltas[n].t()) * (inputs + 1.0);
  }
  if (network.anchors.defined()) total += anchorInnerProducts(network, focus, users);
  return total;
}

}  // namespace

struct LatentModel::Impl {
  std::string name;
  std::shared_ptr<vae::AutoencoderModel> model;

  torch::Dtype dtype() const { return model->parameters().front().scalar_type(); }
  // Where the weights live: a live run's model may be on the GPU.
  torch::Device device() const { return model->parameters().front().device(); }
};

LatentModel LatentModel::fromRun(const fs::path& runFolder) {
  const RunConfig config = readRunConfig(runFolder);
  return LatentModel(config.model, loadBestModel(runFolder, config));
}

LatentModel::LatentModel(std::string modelName, std::shared_ptr<vae::AutoencoderModel> model)
    : impl_(std::make_unique<Impl>(Impl{std::move(modelName), std::move(model)})) {}
LatentModel::~LatentModel() = default;
LatentModel::LatentModel(LatentModel&&) noexcept = default;
LatentModel& LatentModel::operator=(LatentModel&&) noexcept = default;

const std::string& LatentModel::modelName() const { return impl_->name; }

// The width of a decoded row: every model decodes to its whole catalogue.
std::int64_t LatentModel::items() const {
  torch::NoGradGuard noGrad;
  return impl_->model->decode(torch::zeros({1, latentDims()}, impl_->dtype())).size(1);
}

std::int64_t LatentModel::latentDims() const { return impl_->model->params().integer("latent_dim"); }

Posteriors LatentModel::posteriors(const CsrMatrix& rows, const TaskContext& context) const {
  std::vector<torch::Tensor> means, variances;
  for (std::int64_t begin = 0; begin < rows.rows(); begin += kPosteriorBatch) {
    context.checkCancelled();
    const auto end = std::min(rows.rows(), begin + kPosteriorBatch);
    const auto q = impl_->model->posterior(denseRows(rows, begin, end, impl_->dtype()).to(impl_->device()));
    means.push_back(q.mean);
    variances.push_back(q.variance);
    context.report("posteriors", static_cast<std::uint64_t>(end), static_cast<std::uint64_t>(rows.rows()));
  }
  if (means.empty()) return {RowMatrix(0, latentDims()), RowMatrix(0, latentDims())};
  return {toRowMatrix(torch::cat(means)), toRowMatrix(torch::cat(variances))};
}

RowMatrix LatentModel::maskedMeans(const CsrMatrix& rows, std::int64_t row, double keepRate,
                                   std::int64_t masks, std::uint64_t seed) const {
  std::seed_seq seeds{seed, static_cast<std::uint64_t>(row)};
  std::mt19937_64 generator(seeds);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  auto masked = torch::zeros({masks, rows.cols()}, torch::kFloat);
  auto* values = masked.data_ptr<float>();
  const auto* columns = rows.rowColumns(row);
  for (std::int64_t m = 0; m < masks; ++m) {
    for (std::int64_t k = 0; k < rows.rowSize(row); ++k) {
      if (uniform(generator) < keepRate) values[m * rows.cols() + columns[k]] = rows.value(row, k);
    }
  }
  return toRowMatrix(impl_->model->posterior(masked.to(impl_->dtype())).mean);
}

std::vector<std::int64_t> LatentModel::topItems(const CsrMatrix& rows, std::int64_t row,
                                                std::int64_t k) const {
  if (row < 0 || row >= rows.rows()) throw Error("row " + std::to_string(row) + " is not a user row");
  torch::NoGradGuard noGrad;
  const auto dense = denseRows(rows, row, row + 1, impl_->dtype());
  auto scores = impl_->model->decode(impl_->model->posterior(dense).mean)[0];
  const std::vector<std::int64_t> seen(rows.rowColumns(row), rows.rowColumns(row) + rows.rowSize(row));
  scores.index_fill_(0, torch::tensor(seen, torch::kLong), -std::numeric_limits<double>::infinity());
  const auto unseen = scores.size(0) - rows.rowSize(row);
  const auto best = std::get<1>(scores.topk(std::clamp<std::int64_t>(k, 0, unseen))).contiguous();
  const auto* ids = best.data_ptr<std::int64_t>();
  return {ids, ids + best.size(0)};
}

RowMatrix LatentModel::priorComponentMeans() const {
  const auto means = impl_->model->priorComponentMeans();
  return means.defined() ? toRowMatrix(means) : RowMatrix(0, latentDims());
}

std::vector<std::vector<std::int64_t>> LatentModel::priorComponentTopItems(std::int64_t k) const {
  torch::NoGradGuard noGrad;
  const auto top = vae::priorComponentTopItems(*impl_->model, std::min(k, items()));
  if (!top.defined()) return {};
  const auto ids = top.contiguous();
  std::vector<std::vector<std::int64_t>> items;
  for (std::int64_t component = 0; component < ids.size(0); ++component) {
    const auto* begin = ids[component].data_ptr<std::int64_t>();
    items.emplace_back(begin, begin + ids.size(1));
  }
  return items;
}

RowMatrix LatentModel::itemAnchors() const {
  const auto anchors = impl_->model->itemAnchors();
  return anchors.defined() ? toRowMatrix(anchors) : RowMatrix(0, latentDims());
}

bool LatentModel::supportsGradientTransfer() const {
  return impl_->model->affineChain().has_value();
}

RowMatrix LatentModel::gradientInnerProducts(const CsrMatrix& focus, const CsrMatrix& users,
                                             const GradientOptions& options,
                                             const TaskContext& context) const {
  const auto network = affineChain(impl_->name, *impl_->model, options);
  const auto dtype = impl_->dtype();
  const auto focusPass = trace(network, denseRows(focus, 0, focus.rows(), dtype));
  const auto focusDeltas = deltas(focusPass);
  std::vector<torch::Tensor> blocks;
  const auto batch = std::max<std::int64_t>(1, options.batchSize);
  for (std::int64_t begin = 0; begin < users.rows(); begin += batch) {
    context.checkCancelled();
    const auto end = std::min(users.rows(), begin + batch);
    const auto userPass = trace(network, denseRows(users, begin, end, dtype));
    blocks.push_back(innerProducts(network, focusPass, focusDeltas, userPass, deltas(userPass)));
    context.report("transfer", static_cast<std::uint64_t>(end), static_cast<std::uint64_t>(users.rows()));
  }
  if (blocks.empty()) return RowMatrix(focus.rows(), 0);
  return toRowMatrix(torch::cat(blocks, 1));
}

}  // namespace vaecf::geometry
