#pragma once
// Densities and loss terms of the autoencoder family (docs/models.md section 3), as plain tensor
// functions the tests check against brute force. ATen only, so this header stays cheap.

#include <ATen/core/Tensor.h>

namespace vaecf::vae {

enum class Likelihood { Multinomial, Bernoulli };

// -log p(target | logits) per row [B]: multinomial over the items, or independent Bernoulli
// items with p = sigmoid(logits) clamped to [1e-5, 1 - 1e-5] (docs/models.md 3.4).
at::Tensor negativeLogLikelihood(const at::Tensor& logits, const at::Tensor& target, Likelihood likelihood);

// log N(z; mean, exp(logVariance)) elementwise, log 2 pi included.
at::Tensor gaussianLogDensity(const at::Tensor& z, const at::Tensor& mean, const at::Tensor& logVariance);

// KL(N(mean, diag exp(logVariance)) || N(0, I)) per row [B], closed form.
at::Tensor klToStandardNormal(const at::Tensor& mean, const at::Tensor& logVariance);
// Its terms per latent dimension [B, d], whose row sums klToStandardNormal gives.
at::Tensor klToStandardNormalPerDimension(const at::Tensor& mean, const at::Tensor& logVariance);

// VampPrior log p(z) = logsumexp_k log N(z; mean_k, exp(logVariance_k)) - log K per row of z
// [B, d], given the K encoded pseudo-inputs' means and log-variances [K, d]. [B]
at::Tensor vampPriorLogDensity(const at::Tensor& z, const at::Tensor& componentMeans,
                               const at::Tensor& componentLogVariances);

// RecVAE's composite prior, per latent dimension [B, d]: log of 0.15 N(z; 0, 1)
// + 0.75 N(z; oldMean, exp(oldLogVariance)) + 0.10 N(z; 0, e^10).
at::Tensor compositePriorLogDensity(const at::Tensor& z, const at::Tensor& oldMean,
                                    const at::Tensor& oldLogVariance);

// PIA alignment per user [B]: mean over the user's positive items i of E||z - e_i||^2 for
// z ~ N(mean, diag variance), in closed form ||mean - ebar||^2 + sum variance
// + (mean ||e_i||^2 - ||ebar||^2). The positives are given as embedding-bag lists into the
// anchors [I, d]; a user without positives gets ||mean||^2 + sum variance.
at::Tensor anchorAlignment(const at::Tensor& mean, const at::Tensor& variance, const at::Tensor& anchors,
                           const at::Tensor& positiveItems, const at::Tensor& positiveOffsets);

}  // namespace vaecf::vae
