#include "models/vae/Objectives.h"

#include <ATen/TensorOperators.h>
#include <ATen/ops/embedding_bag.h>
#include <ATen/ops/log_softmax.h>
#include <ATen/ops/sigmoid.h>
#include <ATen/ops/stack.h>
#include <ATen/ops/zeros_like.h>

#include <cmath>
#include <tuple>

namespace vaecf::vae {
namespace {

const double kLogTwoPi = std::log(2.0 * std::acos(-1.0));
constexpr double kBernoulliFloor = 1e-5;
constexpr std::int64_t kEmbeddingBagMean = 1;

// Weights and log-variances of RecVAE's composite prior (docs/models.md 3.3).
constexpr double kStandardWeight = 0.15;
constexpr double kOldPosteriorWeight = 0.75;
constexpr double kBroadWeight = 0.10;
constexpr double kBroadLogVariance = 10.0;

// Mean of table rows over each embedding bag: [bags, columns].
at::Tensor bagMeans(const at::Tensor& table, const at::Tensor& items, const at::Tensor& offsets) {
  return std::get<0>(at::embedding_bag(table, items, offsets, false, kEmbeddingBagMean));
}

}  // namespace

at::Tensor negativeLogLikelihood(const at::Tensor& products, const at::Tensor& target, Likelihood likelihood) {
  // In float32 whatever precision the products were computed in (docs/gpu.md).
  const at::Tensor logits = products.to(at::kFloat);
  if (likelihood == Likelihood::Multinomial) return -(at::log_softmax(logits, 1) * target).sum(1);
  const auto p = at::sigmoid(logits).clamp(kBernoulliFloor, 1.0 - kBernoulliFloor);
  return -(target * p.log() + (1 - target) * (1 - p).log()).sum(1);
}

at::Tensor gaussianLogDensity(const at::Tensor& z, const at::Tensor& mean, const at::Tensor& logVariance) {
  return -0.5 * (kLogTwoPi + logVariance + (z - mean).pow(2) * (-logVariance).exp());
}

at::Tensor klToStandardNormal(const at::Tensor& mean, const at::Tensor& logVariance) {
  return klToStandardNormalPerDimension(mean, logVariance).sum(1);
}

at::Tensor klToStandardNormalPerDimension(const at::Tensor& mean, const at::Tensor& logVariance) {
  return 0.5 * (logVariance.exp() + mean.pow(2) - 1 - logVariance);
}

at::Tensor vampPriorLogDensity(const at::Tensor& z, const at::Tensor& componentMeans,
                               const at::Tensor& componentLogVariances) {
  // Expanding sum_d (z - m)^2 / v into matrix products avoids a [B, K, d] tensor (160 MB for
  // the paper's sizes); double precision absorbs the cancellation that expansion brings.
  const auto zd = z.to(at::kDouble);
  const auto means = componentMeans.to(at::kDouble);
  const auto logVariances = componentLogVariances.to(at::kDouble);
  const auto precisions = (-logVariances).exp();
  const auto squaredDistances =
      zd.pow(2).mm(precisions.t()) - 2 * zd.mm((means * precisions).t()) + (means.pow(2) * precisions).sum(1);
  const auto dimensions = static_cast<double>(z.size(1));
  const auto componentLogDensities = -0.5 * (squaredDistances + logVariances.sum(1) + dimensions * kLogTwoPi);
  const auto components = static_cast<double>(componentMeans.size(0));
  return (componentLogDensities.logsumexp(1) - std::log(components)).to(z.scalar_type());
}

at::Tensor compositePriorLogDensity(const at::Tensor& z, const at::Tensor& oldMean,
                                    const at::Tensor& oldLogVariance) {
  const auto zeros = at::zeros_like(z);
  const auto standard = gaussianLogDensity(z, zeros, zeros) + std::log(kStandardWeight);
  const auto oldPosterior = gaussianLogDensity(z, oldMean, oldLogVariance) + std::log(kOldPosteriorWeight);
  const auto broad = gaussianLogDensity(z, zeros, zeros + kBroadLogVariance) + std::log(kBroadWeight);
  return at::stack({standard, oldPosterior, broad}, -1).logsumexp(-1);
}

at::Tensor anchorAlignment(const at::Tensor& mean, const at::Tensor& variance, const at::Tensor& anchors,
                           const at::Tensor& positiveItems, const at::Tensor& positiveOffsets) {
  const auto centre = bagMeans(anchors, positiveItems, positiveOffsets);
  const auto meanSquaredNorm =
      bagMeans(anchors.pow(2).sum(1, true), positiveItems, positiveOffsets).squeeze(1);
  return (mean - centre).pow(2).sum(1) + variance.sum(1) + meanSquaredNorm - centre.pow(2).sum(1);
}

}  // namespace vaecf::vae
