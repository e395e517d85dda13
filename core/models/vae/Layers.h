#pragma once
// Building blocks of the autoencoders: the input rows and their corruptions, initialisation
// schemes, hidden units (tanh, swish or gated), Gaussian heads, the MLP encoder and decoder,
// the VampPrior's pseudo-inputs and RecVAE's dense residual encoder.

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace vaecf::vae {

// Where a rank's rows lie in the whole batch of a data-parallel step. Random draws for batch
// rows (dropout, masks, the latent sample) are made for the whole batch and cut to the
// rank's rows, so that every rank's generator stays in step with the others and no two
// ranks share noise (docs/data-parallel.md, data-parallel training). The default is a whole batch,
// drawn as a single process always drew it.
struct RowShard {
  std::int64_t first = 0;      // the rank's first row within the batch
  std::int64_t batchRows = 0;  // rows of the whole batch; 0: the rows are the whole batch
  std::int64_t items = 0;      // columns of the batch's rows

  bool whole() const { return batchRows == 0; }
  // U(0, 1) and N(0, 1) noise shaped as `rows` ([rows of this rank, ...]).
  torch::Tensor uniformLike(const torch::Tensor& rows) const;
  torch::Tensor normalLike(const torch::Tensor& rows) const;
  // U(0, 1) noise for the stored entries (row id, item id) of this rank's rows.
  torch::Tensor uniformAtEntries(const torch::Tensor& rowIds, const torch::Tensor& items) const;
};

// Users' rows as the first layer of a network reads them: dense [B, I], or only the stored
// entries (item id, row id and value of each, ordered by row) for an embedding bag, which
// skips the zeros. Every transformation keeps the form, and both forms mean the same rows.
class ItemRows {
 public:
  // `shard` says where the rows lie in a data-parallel batch; rows that are not a batch's
  // (VampPrior's pseudo-inputs) keep the default.
  static ItemRows dense(torch::Tensor rows, RowShard shard = {});
  // Binary rows given as embedding-bag lists (Batch::itemIndices, Batch::rowOffsets).
  static ItemRows fromBags(torch::Tensor items, torch::Tensor offsets, RowShard shard = {});

  ItemRows toEntries() const;
  torch::Tensor toDense(std::int64_t items) const;

  bool isDense() const { return dense_.defined(); }
  const torch::Tensor& denseRows() const { return dense_; }
  const torch::Tensor& items() const { return items_; }
  const torch::Tensor& values() const { return values_; }
  const torch::Tensor& offsets() const { return offsets_; }

  // x * b with b_i ~ Bernoulli(keepProbability): PIA's input masking, no rescaling.
  ItemRows masked(double keepProbability) const;
  // Each row divided by max(its L2 norm, 1e-12), so empty rows stay zero.
  ItemRows normalized() const;
  // Inverted dropout: entries dropped with dropProbability, survivors scaled by 1 / (1 - p).
  ItemRows droppedOut(double dropProbability) const;
  // Nonzero entries per row, as float [B].
  torch::Tensor counts() const;

 private:
  ItemRows() = default;
  ItemRows(torch::Tensor items, torch::Tensor rowIds, torch::Tensor values, std::int64_t rows, RowShard shard);
  ItemRows keepingEntries(const torch::Tensor& keep, const torch::Tensor& values) const;
  ItemRows withDense(torch::Tensor rows) const;
  torch::Tensor entryNoise() const;

  std::int64_t rows_ = 0;
  RowShard shard_;
  torch::Tensor dense_;
  torch::Tensor items_, rowIds_, values_, offsets_;
};

enum class InitScheme {
  Glorot,     // Mult-VAE/DAE code: Glorot-uniform weights, biases N(0, 0.001^2) cut at 2 sigma
  HeNormal,   // VampPrior code: weights N(0, 2 / fan_in), biases as PyTorch's default
  Framework,  // PyTorch's default Linear init (RecVAE code): U(+-1/sqrt(fan_in)) for both
};

enum class Activation {
  Tanh,
  Swish,  // a * sigmoid(a), RecVAE
  Gated,  // GLU (W a + b) * sigmoid(V a + c), no nonlinearity after it (docs/models.md 3.4)
};

// A gated unit's pre-activation is twice its width: [W a + b, V a + c].
std::int64_t preActivationWidth(std::int64_t units, Activation activation);
torch::Tensor activate(const torch::Tensor& preActivation, Activation activation);

// How an affine map is initialised: by `scheme`, with the fan-in of the whole unit (which
// may read further inputs through other maps), as `parts` stacked maps of equal width (a
// GLU's value and gate halves) whose fan-out is their own width.
struct AffineInit {
  InitScheme scheme = InitScheme::Glorot;
  std::int64_t fanIn = 0;
  std::int64_t parts = 1;
};

// The AffineInit of `in` inputs feeding units of `activation`.
AffineInit unitInit(InitScheme scheme, std::int64_t in, Activation activation);

// Initialises weight (outputs along outputDim) and bias (may be undefined) in place.
void initializeAffine(torch::Tensor weight, torch::Tensor bias, std::int64_t outputDim,
                      const AffineInit& init);

// Linear(in, out) initialised by `init`.
torch::nn::Linear makeLinear(std::int64_t in, std::int64_t out, const AffineInit& init, bool bias = true);

// The first affine map of a network that reads items: x W + b with W [items, width]. The
// entry form goes through embedding_bag (sum of the items' rows of W scaled by the values).
class ItemProjectionImpl : public torch::nn::Module {
 public:
  ItemProjectionImpl(std::int64_t items, std::int64_t width, const AffineInit& init);
  torch::Tensor forward(const ItemRows& rows);

  torch::Tensor weight, bias;
};
TORCH_MODULE(ItemProjection);

// activate(W a + b), with W initialised as one layer (two halves when gated).
class UnitImpl : public torch::nn::Module {
 public:
  UnitImpl(std::int64_t in, std::int64_t out, Activation activation, InitScheme init);
  torch::Tensor forward(const torch::Tensor& input);

  torch::nn::Linear linear{nullptr};

 private:
  Activation activation_;
};
TORCH_MODULE(Unit);

// The unit that reads items. With sideWidth > 0 it is one unit over the concatenation
// [x, side] (H+Vamp's reduced q(z1 | x, z2)), computed as x W_x + side W_s + b.
class InputUnitImpl : public torch::nn::Module {
 public:
  InputUnitImpl(std::int64_t items, std::int64_t out, Activation activation, InitScheme init,
                std::int64_t sideWidth = 0);
  torch::Tensor forward(const ItemRows& rows, const torch::Tensor& side = {});

  ItemProjection projection{nullptr};
  torch::nn::Linear sideProjection{nullptr};

 private:
  Activation activation_;
};
TORCH_MODULE(InputUnit);

// Units of widths[0] -> widths[1] -> ... ; a single width is the identity.
class UnitStackImpl : public torch::nn::Module {
 public:
  UnitStackImpl(const std::vector<std::int64_t>& widths, Activation activation, InitScheme init);
  torch::Tensor forward(torch::Tensor input);

 private:
  std::vector<Unit> units_;
};
TORCH_MODULE(UnitStack);

// Widths of `count` hidden layers of `hidden` units after an input of width `from`.
std::vector<std::int64_t> hiddenWidths(std::int64_t from, std::int64_t hidden, std::int64_t count);

struct Gaussian {
  torch::Tensor mean;
  torch::Tensor logVariance;
};

// z = mean + exp(logVariance / 2) * eps, eps ~ N(0, I).
torch::Tensor sample(const Gaussian& q, const RowShard& shard = {});

// Mean and log-variance heads over a hidden layer; the VampPrior family clamps the
// log-variance to [-12, 4] (docs/models.md 3.4).
class GaussianHeadsImpl : public torch::nn::Module {
 public:
  GaussianHeadsImpl(std::int64_t in, std::int64_t latent, InitScheme init, bool clampLogVariance);
  Gaussian forward(const torch::Tensor& hidden);

 private:
  torch::nn::Linear linear_{nullptr};  // [mean; log-variance] stacked, as in the Mult-VAE code
  bool clampLogVariance_;
};
TORCH_MODULE(GaussianHeads);

// q(z | x) of Mult-VAE and Vamp: a unit reading items, `layers` - 1 further units, heads.
class MlpEncoderImpl : public torch::nn::Module {
 public:
  MlpEncoderImpl(std::int64_t items, std::int64_t hidden, std::int64_t latent, std::int64_t layers,
                 Activation activation, InitScheme init, bool clampLogVariance);
  Gaussian forward(const ItemRows& input);

 private:
  InputUnit input_{nullptr};
  UnitStack hidden_{nullptr};
  GaussianHeads heads_{nullptr};
};
TORCH_MODULE(MlpEncoder);

// p(x | z): `layers` units, then the output layer (never gated) giving item logits.
class MlpDecoderImpl : public torch::nn::Module {
 public:
  MlpDecoderImpl(std::int64_t latent, std::int64_t hidden, std::int64_t items, std::int64_t layers,
                 Activation activation, InitScheme init);
  torch::Tensor forward(const torch::Tensor& latent);

  torch::nn::Linear output{nullptr};

 private:
  UnitStack hidden_{nullptr};
};
TORCH_MODULE(MlpDecoder);

// The VampPrior's K pseudo-inputs (docs/models.md 3.4): the columns of a learnable [items, K]
// matrix, initialised N(0.05, 0.01^2) and clamped to [0, 1]. They skip L2 normalisation
// but see the encoder's dropout in training.
class PseudoInputsImpl : public torch::nn::Module {
 public:
  PseudoInputsImpl(std::int64_t items, std::int64_t count);
  ItemRows forward(double dropout);

 private:
  torch::Tensor matrix_;
};
TORCH_MODULE(PseudoInputs);

// RecVAE's encoder (docs/models.md 3.3): h_k = LN_k(act(L_k(h_{k-1}) + h_1 + ... + h_{k-1})) for
// k = 1..layers with LayerNorm epsilon 0.1, then Gaussian heads over the last h. When gated,
// the skip connections feed the GLU's value half and the gate sees the layer alone.
class DenseResidualEncoderImpl : public torch::nn::Module {
 public:
  DenseResidualEncoderImpl(std::int64_t items, std::int64_t hidden, std::int64_t latent, std::int64_t layers,
                           Activation activation);
  Gaussian forward(const ItemRows& input);

 private:
  torch::Tensor addToValues(const torch::Tensor& preActivation, const torch::Tensor& skip) const;

  Activation activation_;
  ItemProjection first_{nullptr};
  std::vector<torch::nn::Linear> deeper_;
  std::vector<torch::nn::LayerNorm> norms_;
  GaussianHeads heads_{nullptr};
};
TORCH_MODULE(DenseResidualEncoder);

}  // namespace vaecf::vae
