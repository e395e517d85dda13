#include "vae/VaeModels.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/Error.h"
#include "models/vae/AffineChain.h"
#include "models/vae/AutoencoderModel.h"
#include "models/vae/Layers.h"
#include "models/vae/Objectives.h"

namespace vaecf::vae {
namespace {

const char* const kTrainPhase = "train";
const char* const kEncoderPhase = "encoder";
const char* const kDecoderPhase = "decoder";
constexpr double kGradientNormEpsilon = 1e-7;
constexpr double kAnchorStd = 0.1;  // N(0, 0.01) in docs/models.md's (mean, variance) notation

// Inference: eval mode (no masking, dropout or sampling) without autograd; restores the
// module's mode, so a call between training steps leaves training as it was.
class InferenceScope {
 public:
  explicit InferenceScope(torch::nn::Module& module) : module_(module), wasTraining_(module.is_training()) {
    module_.eval();
  }
  ~InferenceScope() { module_.train(wasTraining_); }
  InferenceScope(const InferenceScope&) = delete;
  InferenceScope& operator=(const InferenceScope&) = delete;

 private:
  torch::nn::Module& module_;
  bool wasTraining_;
  torch::NoGradGuard noGrad_;
};

torch::Tensor scalar(double value) { return torch::tensor(value); }

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<torch::Tensor> concatenated(std::vector<torch::Tensor> first,
                                        const std::vector<torch::Tensor>& second) {
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

// Mult-VAE code: the KL weight min(beta_cap, step / anneal_steps), per gradient step.
double annealedBeta(const ParamSet& params, const TrainingClock& clock) {
  const auto annealed = static_cast<double>(clock.step) / static_cast<double>(params.integer("anneal_steps"));
  return std::min(params.real("beta_cap"), annealed);
}

// VampPrior code: the KL weight max_beta * min(1, epoch / warmup_epochs), per epoch.
double warmedUpBeta(const ParamSet& params, const TrainingClock& clock) {
  const auto warmUp = static_cast<double>(clock.epoch) / static_cast<double>(params.integer("warmup_epochs"));
  return params.real("max_beta") * std::min(1.0, warmUp);
}

// What every model here shares: the input pipeline (docs/models.md section 3: mask, L2
// normalisation, inverted dropout; dense or embedding-bag form), the likelihood, PIA's item
// anchors (3.8) and, unless a model has its own, one training phase over all parameters.
class ItemAutoencoder : public AutoencoderModel {
 public:
  std::vector<Phase> phases() override { return {trainingPhase(kTrainPhase, 1, parameters())}; }

  torch::Tensor scores(const torch::Tensor& rows) override {
    InferenceScope inference(*this);
    return decode(posterior(rows).mean);
  }

  // Inference as every model does it: eval mode without autograd, on the clean rows.
  Posterior posterior(const torch::Tensor& rows) final {
    InferenceScope inference(*this);
    return encodeClean(networkInput(inputRows(rows), 0.0));
  }

  torch::Tensor decode(const torch::Tensor& latent) final {
    InferenceScope inference(*this);
    return decodeLatent(latent);
  }

  torch::Tensor itemAnchors() override {
    return anchors_.defined() ? anchors_.detach().clone() : torch::Tensor();
  }

 protected:
  // The model's own halves of posterior() and decode(), called in inference mode.
  virtual Posterior encodeClean(const ItemRows& input) = 0;
  virtual torch::Tensor decodeLatent(const torch::Tensor& latent) = 0;

  ItemAutoencoder(ParamSet params, std::int64_t items)
      : AutoencoderModel(std::move(params)),
        items_(items),
        likelihood_(this->params().text("likelihood") == "bernoulli" ? Likelihood::Bernoulli
                                                                     : Likelihood::Multinomial) {}

  Activation hiddenActivation() const {
    return params().flag("gated") ? Activation::Gated : Activation::Tanh;
  }
  bool stochastic() const { return is_training(); }
  torch::Tensor latentSample(const Gaussian& q, const Batch& batch) const {
    return stochastic() ? sample(q, batch.shard) : q.mean;
  }

  // The batch's rows in the form the first layer reads.
  ItemRows observedRows(const Batch& batch) const {
    if (!params().flag("sparse_input")) return ItemRows::dense(batch.rows, batch.shard);
    if (batch.itemIndices.defined()) return ItemRows::fromBags(batch.itemIndices, batch.rowOffsets, batch.shard);
    return ItemRows::dense(batch.rows, batch.shard).toEntries();
  }

  ItemRows inputRows(const torch::Tensor& rows) const {
    const auto dense = ItemRows::dense(rows);
    return params().flag("sparse_input") ? dense.toEntries() : dense;
  }

  // In training, the rows x * b with b ~ Bernoulli(mask_rate) (PIA's x_h); else unchanged.
  ItemRows corrupted(const ItemRows& observed) const {
    return stochastic() ? observed.masked(params().real("mask_rate")) : observed;
  }

  // What a network reading items sees: rows L2-normalised, then inverted dropout in training.
  ItemRows networkInput(const ItemRows& rows, double dropout) const {
    return rows.normalized().droppedOut(stochastic() ? dropout : 0.0);
  }

  // Mean over users of -log p(target | logits); the target is always the full row.
  torch::Tensor reconstruction(const torch::Tensor& logits, const torch::Tensor& target) const {
    return negativeLogLikelihood(logits, target, likelihood_).mean();
  }

  // Registers the item anchors [I, latent] when PIA is on; `decoderItemVectors` is the
  // output layer's weight when that layer reads the latent directly, else undefined.
  void addAnchors(std::int64_t latent, const torch::Tensor& decoderItemVectors) {
    if (!params().flag("pia")) return;
    torch::NoGradGuard noGrad;
    torch::Tensor initial;
    if (params().text("anchor_init") == "decoder") {
      if (!decoderItemVectors.defined()) {
        throw Error(
            "anchor_init=decoder needs a decoder whose output layer reads the latent directly "
            "(recvae, or multdae with layers=1)");
      }
      initial = decoderItemVectors.clone();
    } else {
      initial = torch::randn({items_, latent}) * kAnchorStd;
    }
    anchors_ = register_parameter("anchors", initial);
  }

  std::vector<torch::Tensor> anchorParameters() const {
    return anchors_.defined() ? std::vector<torch::Tensor>{anchors_} : std::vector<torch::Tensor>{};
  }

  // A phase at the model's lr over `parameters`; PIA's anchors among them move to a group
  // of their own when anchor_lr is set.
  Phase trainingPhase(std::string name, int passes, const std::vector<torch::Tensor>& parameters) {
    Phase phase{std::move(name), passes, {}, params().real("lr")};
    const double anchorLr = anchors_.defined() ? params().real("anchor_lr") : 0.0;
    for (const auto& parameter : parameters) {
      if (anchorLr > 0.0 && parameter.is_same(anchors_)) {
        phase.extraGroups.push_back({{anchors_}, anchorLr});
      } else {
        phase.parameters.push_back(parameter);
      }
    }
    return phase;
  }

  // Adds lambda_a * mean over users of PIA's alignment of q(z | x_h) to the anchors of the
  // items in the unmasked rows; users without items have nothing to align to.
  void addAnchorTerm(Loss& loss, const torch::Tensor& mean, const torch::Tensor& variance,
                     const ItemRows& observed) const {
    if (!anchors_.defined()) return;
    const auto positives = observed.toEntries();
    const auto alignment = anchorAlignment(mean, variance, anchors_, positives.items(), positives.offsets());
    const auto hasPositives = (positives.counts() > 0).to(alignment.scalar_type());
    const auto anchorLoss = (alignment * hasPositives).sum() / hasPositives.sum().clamp_min(1.0);
    loss.total = loss.total + params().real("lambda_a") * anchorLoss;
    loss.terms.emplace_back("anchor", anchorLoss.detach());
  }

  // A chain of the encoder maps given, then the decoder's and the settings every model here
  // shares (docs/geometry.md section 2); the layer names are those Layers.h gives.
  AffineChain chainThroughDecoder(std::vector<AffineMap> encoder) {
    AffineChain chain;
    chain.encoder = std::move(encoder);
    appendUnitMaps(*this, "decoder.hidden.", chain.decoder);
    chain.decoder.push_back(linearMap(*this, "decoder.output."));
    chain.activation = hiddenActivation();
    chain.likelihood = likelihood_;
    if (anchors_.defined()) {
      chain.anchors = anchors_;
      chain.anchorWeight = params().real("lambda_a");
    }
    return chain;
  }

  // VampPrior code: each gradient tensor divided by its own L2 norm before Adam.
  void normalizeGradients(const Phase& phase) const {
    torch::NoGradGuard noGrad;
    for (const auto& parameter : phase.allParameters()) {
      auto& gradient = parameter.mutable_grad();
      if (gradient.defined()) gradient.div_(gradient.norm() + kGradientNormEpsilon);
    }
  }

 private:
  std::int64_t items_;
  Likelihood likelihood_;
  torch::Tensor anchors_;
};

// ---- Mult-DAE (docs/models.md 3.1) ----

// [I - d - I] with one layer, [I - h - ... - d - ... - h - I] with more; tanh (or gated)
// after every layer but the output, the code being the last encoder layer.
class MultDae final : public ItemAutoencoder {
 public:
  MultDae(const ParamSet& params, std::int64_t items) : ItemAutoencoder(params, items) {
    const auto layers = this->params().integer("layers");
    const auto hidden = this->params().integer("hidden_dim");
    const auto latent = this->params().integer("latent_dim");
    const auto activation = hiddenActivation();
    // Widths from the first hidden layer to the code: {d} with one layer, {h, ..., h, d} with more.
    auto codeWidths = layers == 1 ? std::vector<std::int64_t>{} : hiddenWidths(hidden, hidden, layers - 2);
    codeWidths.push_back(latent);
    encoderInput_ = register_module("encoder_input", InputUnit(items, codeWidths.front(), activation, kInit));
    encoderRest_ = register_module("encoder", UnitStack(codeWidths, activation, kInit));
    decoder_ = register_module("decoder", MlpDecoder(latent, hidden, items, layers - 1, activation, kInit));
    addAnchors(latent, layers == 1 ? decoder_->output->weight : torch::Tensor());
  }

  Loss loss(const Batch& batch, const Phase&, const TrainingClock&) override {
    const auto observed = observedRows(batch);
    const auto code = encode(networkInput(corrupted(observed), params().real("dropout")));
    const auto reconstructionLoss = reconstruction(decoder_(code), batch.rows);
    const auto l2 =
        params().real("l2_reg") / static_cast<double>(params().integer("batch_size")) * squaredWeightNorm();
    Loss loss{reconstructionLoss + l2,
              {{"reconstruction", reconstructionLoss.detach()}, {"l2", l2.detach()}}};
    addAnchorTerm(loss, code, torch::zeros_like(code), observed);
    return loss;
  }

  Posterior encodeClean(const ItemRows& input) override {
    const auto code = encode(input);
    return {code, torch::zeros_like(code)};
  }

  torch::Tensor decodeLatent(const torch::Tensor& latent) override { return decoder_(latent); }

  std::optional<AffineChain> affineChain() override {
    std::vector<AffineMap> encoder{itemProjectionMap(*this, "encoder_input.")};
    appendUnitMaps(*this, "encoder.", encoder);
    return chainThroughDecoder(std::move(encoder));
  }

 private:
  static constexpr InitScheme kInit = InitScheme::Glorot;

  torch::Tensor encode(const ItemRows& input) { return encoderRest_(encoderInput_(input)); }

  // Sum of squared weights of every layer; biases and anchors are not penalised.
  torch::Tensor squaredWeightNorm() {
    std::vector<torch::Tensor> squares;
    for (const auto& parameter : named_parameters()) {
      if (endsWith(parameter.key(), "weight")) squares.push_back(parameter.value().pow(2).sum());
    }
    return torch::stack(squares).sum();
  }

  InputUnit encoderInput_{nullptr};
  UnitStack encoderRest_{nullptr};
  MlpDecoder decoder_{nullptr};
};

// ---- Mult-VAE (3.2) and Vamp (3.4): one Gaussian latent, standard-normal or VampPrior ----

enum class Prior { StandardNormal, Vamp };

class SingleLatentVae final : public ItemAutoencoder {
 public:
  SingleLatentVae(const ParamSet& params, std::int64_t items, Prior prior)
      : ItemAutoencoder(params, items), prior_(prior) {
    const auto layers = this->params().integer("layers");
    const auto hidden = this->params().integer("hidden_dim");
    const auto latent = this->params().integer("latent_dim");
    const auto activation = hiddenActivation();
    // Each model keeps its authors' initialisation; the VampPrior code also clamps log-variances.
    const auto init = prior == Prior::Vamp ? InitScheme::HeNormal : InitScheme::Glorot;
    encoder_ = register_module(
        "encoder", MlpEncoder(items, hidden, latent, layers, activation, init, prior == Prior::Vamp));
    decoder_ = register_module("decoder", MlpDecoder(latent, hidden, items, layers, activation, init));
    if (prior == Prior::Vamp) {
      pseudoInputs_ =
          register_module("pseudo_inputs", PseudoInputs(items, this->params().integer("pseudo_inputs")));
    }
    addAnchors(latent, torch::Tensor());
  }

  Loss loss(const Batch& batch, const Phase&, const TrainingClock& clock) override {
    const auto observed = observedRows(batch);
    const auto q = encoder_(networkInput(corrupted(observed), params().real("dropout")));
    const auto z = latentSample(q, batch);
    const auto reconstructionLoss = reconstruction(decoder_(z), batch.rows);
    const auto kl = klDivergence(z, q).mean();
    const auto beta = betaAt(clock);
    Loss loss{reconstructionLoss + beta * kl,
              {{"reconstruction", reconstructionLoss.detach()}, {"kl", kl.detach()}, {"beta", scalar(beta)}}};
    addAnchorTerm(loss, q.mean, q.logVariance.exp(), observed);
    return loss;
  }

  void beforeOptimizerStep(const Phase& phase) override {
    if (params().flag("normalize_gradients")) normalizeGradients(phase);
  }

  Posterior encodeClean(const ItemRows& input) override {
    const auto q = encoder_(input);
    return {q.mean, q.logVariance.exp()};
  }

  torch::Tensor decodeLatent(const torch::Tensor& latent) override { return decoder_(latent); }

  // Against the VampPrior the KL is a sampled estimate, which no affine chain expresses.
  std::optional<AffineChain> affineChain() override {
    if (prior_ != Prior::StandardNormal) return std::nullopt;
    std::vector<AffineMap> encoder{itemProjectionMap(*this, "encoder.input.")};
    appendUnitMaps(*this, "encoder.hidden.", encoder);
    encoder.push_back(linearMap(*this, "encoder.heads.linear."));
    auto chain = chainThroughDecoder(std::move(encoder));
    chain.gaussianHeads = true;
    chain.klWeight = params().real("beta_cap");  // where the annealing ends
    return chain;
  }

  torch::Tensor priorComponentMeans() override {
    if (prior_ != Prior::Vamp) return {};
    InferenceScope inference(*this);
    return encoder_(pseudoInputs_(0.0)).mean;
  }

 private:
  // Per user: closed form against N(0, I) (Mult-VAE code), or the one-sample estimate
  // log q(z|x) - log p(z) against the VampPrior.
  torch::Tensor klDivergence(const torch::Tensor& z, const Gaussian& q) {
    if (prior_ == Prior::StandardNormal) return klToStandardNormal(q.mean, q.logVariance);
    const auto components = encoder_(pseudoInputs_(params().real("dropout")));
    return gaussianLogDensity(z, q.mean, q.logVariance).sum(1) -
           vampPriorLogDensity(z, components.mean, components.logVariance);
  }

  double betaAt(const TrainingClock& clock) const {
    return prior_ == Prior::StandardNormal ? annealedBeta(params(), clock) : warmedUpBeta(params(), clock);
  }

  Prior prior_;
  MlpEncoder encoder_{nullptr};
  MlpDecoder decoder_{nullptr};
  PseudoInputs pseudoInputs_{nullptr};
};

// ---- RecVAE (3.3) ----

class RecVae final : public ItemAutoencoder {
 public:
  RecVae(const ParamSet& params, std::int64_t items) : ItemAutoencoder(params, items) {
    const auto layers = this->params().integer("layers");
    const auto hidden = this->params().integer("hidden_dim");
    const auto latent = this->params().integer("latent_dim");
    const auto activation = this->params().flag("gated") ? Activation::Gated : Activation::Swish;
    encoder_ = register_module("encoder", DenseResidualEncoder(items, hidden, latent, layers, activation));
    // Initialised independently, not copied: before the first refresh the composite prior's
    // middle component comes from an untrained encoder, as in the RecVAE code.
    oldEncoder_ =
        register_module("old_encoder", DenseResidualEncoder(items, hidden, latent, layers, activation));
    for (auto& parameter : oldEncoder_->parameters()) parameter.requires_grad_(false);
    decoder_ =
        register_module("decoder", makeLinear(latent, items, AffineInit{InitScheme::Framework, latent}));
    addAnchors(latent, decoder_->weight);
  }

  // The encoder phase also trains PIA's anchors: the alignment has no decoder gradient.
  std::vector<Phase> phases() override {
    const auto encoderParameters = concatenated(encoder_->parameters(), anchorParameters());
    return {trainingPhase(kEncoderPhase, static_cast<int>(params().integer("encoder_passes")), encoderParameters),
            trainingPhase(kDecoderPhase, static_cast<int>(params().integer("decoder_passes")),
                          decoder_->parameters())};
  }

  // Encoder phase: masked rows, dropout, PIA. Decoder phase: clean rows, no dropout, and the
  // encoder's side of the loss is a constant.
  Loss loss(const Batch& batch, const Phase& phase, const TrainingClock&) override {
    const bool encoderPhase = phase.name == kEncoderPhase;
    const auto observed = observedRows(batch);
    const auto fed = encoderPhase ? corrupted(observed) : observed;
    Gaussian q;
    torch::Tensor z, kl;
    {
      torch::AutoGradMode encoderGradients(encoderPhase && torch::GradMode::is_enabled());
      q = encoder_(networkInput(fed, encoderPhase ? params().real("dropout") : 0.0));
      z = latentSample(q, batch);
      kl = klToCompositePrior(z, q, fed);
    }
    const auto betas = klWeights(fed);
    const auto reconstructionLoss = reconstruction(decoder_(z), batch.rows);
    Loss loss{reconstructionLoss + (betas * kl).mean(),
              {{"reconstruction", reconstructionLoss.detach()},
               {"kl", kl.mean().detach()},
               {"beta", betas.mean().detach()}}};
    if (encoderPhase) addAnchorTerm(loss, q.mean, q.logVariance.exp(), observed);
    return loss;
  }

  // User-adaptive beta_u = gamma * |x_u| (docs/models.md 3.3); with gamma unset (0) the code's
  // fallback, one constant beta for every user.
  torch::Tensor klWeights(const ItemRows& fed) const {
    const double gamma = params().real("gamma");
    if (gamma > 0.0) return gamma * fed.counts();
    return torch::full_like(fed.counts(), params().real("beta"));
  }

  void afterPhase(const Phase& phase) override {
    if (phase.name == kEncoderPhase) refreshOldEncoder();
  }

  Posterior encodeClean(const ItemRows& input) override {
    const auto q = encoder_(input);
    return {q.mean, q.logVariance.exp()};
  }

  torch::Tensor decodeLatent(const torch::Tensor& latent) override { return decoder_(latent); }

 private:
  // Per user: sum over dimensions of log q(z|x) - log p(z), p the composite prior around the
  // old encoder's posterior of the same rows without dropout.
  torch::Tensor klToCompositePrior(const torch::Tensor& z, const Gaussian& q, const ItemRows& fed) {
    Gaussian old;
    {
      torch::NoGradGuard noGrad;
      old = oldEncoder_(networkInput(fed, 0.0));
    }
    return (gaussianLogDensity(z, q.mean, q.logVariance) -
            compositePriorLogDensity(z, old.mean, old.logVariance))
        .sum(1);
  }

  void refreshOldEncoder() {
    torch::NoGradGuard noGrad;
    const auto current = encoder_->parameters();
    auto old = oldEncoder_->parameters();
    for (std::size_t i = 0; i < current.size(); ++i) old[i].copy_(current[i]);
  }

  DenseResidualEncoder encoder_{nullptr};
  DenseResidualEncoder oldEncoder_{nullptr};
  torch::nn::Linear decoder_{nullptr};
};

// ---- H+Vamp (3.4): z2 ~ q(z2|x) with a VampPrior, z1 ~ q(z1|x, z2), p(z1|z2), p(x|z1, z2) ----

struct HierarchyShape {
  std::int64_t items, hidden, z1, z2, layers;
  Activation activation;
};

constexpr InitScheme kVampInit = InitScheme::HeNormal;

// q(z1 | x, z2): units over x (own dropout mask) and over z2, concatenated, then layers - 1
// units; with one layer, a single unit over [x, z2].
class LowerEncoderImpl : public torch::nn::Module {
 public:
  explicit LowerEncoderImpl(const HierarchyShape& shape) {
    const bool single = shape.layers == 1;
    fromItems_ = register_module(
        "items", InputUnit(shape.items, shape.hidden, shape.activation, kVampInit, single ? shape.z2 : 0));
    if (!single) fromZ2_ = register_module("z2", Unit(shape.z2, shape.hidden, shape.activation, kVampInit));
    const auto joinedWidths = single ? std::vector<std::int64_t>{shape.hidden}
                                     : hiddenWidths(2 * shape.hidden, shape.hidden, shape.layers - 1);
    joined_ = register_module("joined", UnitStack(joinedWidths, shape.activation, kVampInit));
    heads_ = register_module("heads", GaussianHeads(shape.hidden, shape.z1, kVampInit, true));
  }

  Gaussian forward(const ItemRows& items, const torch::Tensor& z2) {
    const auto joined = fromZ2_ ? torch::cat({fromItems_(items), fromZ2_(z2)}, 1) : fromItems_(items, z2);
    return heads_(joined_(joined));
  }

 private:
  InputUnit fromItems_{nullptr};
  Unit fromZ2_{nullptr};
  UnitStack joined_{nullptr};
  GaussianHeads heads_{nullptr};
};
TORCH_MODULE(LowerEncoder);

// p(x | z1, z2): units over z1 and z2, concatenated, then layers - 1 units and the output
// layer; with one layer, a single unit over [z1, z2].
class JointDecoderImpl : public torch::nn::Module {
 public:
  explicit JointDecoderImpl(const HierarchyShape& shape) {
    std::vector<std::int64_t> joinedWidths{shape.z1 + shape.z2, shape.hidden};
    if (shape.layers > 1) {
      fromZ1_ = register_module("z1", Unit(shape.z1, shape.hidden, shape.activation, kVampInit));
      fromZ2_ = register_module("z2", Unit(shape.z2, shape.hidden, shape.activation, kVampInit));
      joinedWidths = hiddenWidths(2 * shape.hidden, shape.hidden, shape.layers - 1);
    }
    joined_ = register_module("joined", UnitStack(joinedWidths, shape.activation, kVampInit));
    output_ =
        register_module("output", makeLinear(shape.hidden, shape.items, AffineInit{kVampInit, shape.hidden}));
  }

  torch::Tensor forward(const torch::Tensor& z1, const torch::Tensor& z2) {
    const auto joined = fromZ1_ ? torch::cat({fromZ1_(z1), fromZ2_(z2)}, 1) : torch::cat({z1, z2}, 1);
    return output_(joined_(joined));
  }

 private:
  Unit fromZ1_{nullptr}, fromZ2_{nullptr};
  UnitStack joined_{nullptr};
  torch::nn::Linear output_{nullptr};
};
TORCH_MODULE(JointDecoder);

// posterior() reports the z2 layer: q(z2|x) is exactly a diagonal Gaussian, it is the layer
// the VampPrior (and so priorComponentMeans) lives in, and PIA aligns it. decode(z2) runs the
// generative path p(x | E[z1|z2], z2); scores() use E[z1 | x, z2] instead, as the model's
// inference does, so decode(posterior.mean) approximates the scores rather than equals them.
class HierarchicalVamp final : public ItemAutoencoder {
 public:
  HierarchicalVamp(const ParamSet& params, std::int64_t items) : ItemAutoencoder(params, items) {
    const HierarchyShape shape{items,
                               this->params().integer("hidden_dim"),
                               this->params().integer("z1_dim"),
                               this->params().integer("latent_dim"),
                               this->params().integer("layers"),
                               hiddenActivation()};
    upperEncoder_ = register_module("upper_encoder", MlpEncoder(items, shape.hidden, shape.z2, shape.layers,
                                                                shape.activation, kVampInit, true));
    lowerEncoder_ = register_module("lower_encoder", LowerEncoder(shape));
    lowerPriorHidden_ = register_module(
        "lower_prior",
        UnitStack(hiddenWidths(shape.z2, shape.hidden, shape.layers), shape.activation, kVampInit));
    lowerPriorHeads_ =
        register_module("lower_prior_heads", GaussianHeads(shape.hidden, shape.z1, kVampInit, true));
    decoder_ = register_module("decoder", JointDecoder(shape));
    pseudoInputs_ =
        register_module("pseudo_inputs", PseudoInputs(items, this->params().integer("pseudo_inputs")));
    addAnchors(shape.z2, torch::Tensor());
  }

  Loss loss(const Batch& batch, const Phase&, const TrainingClock& clock) override {
    const auto observed = observedRows(batch);
    const auto fed = corrupted(observed);
    const auto dropout = params().real("dropout");
    const auto q2 = upperEncoder_(networkInput(fed, dropout));
    const auto z2 = latentSample(q2, batch);
    const auto q1 = lowerEncoder_(networkInput(fed, dropout), z2);
    const auto z1 = latentSample(q1, batch);
    const auto p1 = lowerPrior(z2);
    const auto components = upperEncoder_(pseudoInputs_(dropout));
    // log q(z1|x,z2) + log q(z2|x) - log p(z1|z2) - log p(z2), one sample.
    const auto kl =
        (gaussianLogDensity(z1, q1.mean, q1.logVariance) - gaussianLogDensity(z1, p1.mean, p1.logVariance))
            .sum(1) +
        gaussianLogDensity(z2, q2.mean, q2.logVariance).sum(1) -
        vampPriorLogDensity(z2, components.mean, components.logVariance);
    const auto reconstructionLoss = reconstruction(decoder_(z1, z2), batch.rows);
    const auto klMean = kl.mean();
    const auto beta = warmedUpBeta(params(), clock);
    Loss loss{
        reconstructionLoss + beta * klMean,
        {{"reconstruction", reconstructionLoss.detach()}, {"kl", klMean.detach()}, {"beta", scalar(beta)}}};
    addAnchorTerm(loss, q2.mean, q2.logVariance.exp(), observed);
    return loss;
  }

  void beforeOptimizerStep(const Phase& phase) override {
    if (params().flag("normalize_gradients")) normalizeGradients(phase);
  }

  torch::Tensor scores(const torch::Tensor& rows) override {
    InferenceScope inference(*this);
    const auto input = networkInput(inputRows(rows), 0.0);
    const auto z2 = upperEncoder_(input).mean;
    return decoder_(lowerEncoder_(input, z2).mean, z2);
  }

  Posterior encodeClean(const ItemRows& input) override {
    const auto q2 = upperEncoder_(input);
    return {q2.mean, q2.logVariance.exp()};
  }

  torch::Tensor decodeLatent(const torch::Tensor& z2) override { return decoder_(lowerPrior(z2).mean, z2); }

  torch::Tensor priorComponentMeans() override {
    InferenceScope inference(*this);
    return upperEncoder_(pseudoInputs_(0.0)).mean;
  }

 private:
  Gaussian lowerPrior(const torch::Tensor& z2) { return lowerPriorHeads_(lowerPriorHidden_(z2)); }

  MlpEncoder upperEncoder_{nullptr};
  LowerEncoder lowerEncoder_{nullptr};
  UnitStack lowerPriorHidden_{nullptr};
  GaussianHeads lowerPriorHeads_{nullptr};
  JointDecoder decoder_{nullptr};
  PseudoInputs pseudoInputs_{nullptr};
};

// Seeds torch's generator first, so a model's initial weights depend on its parameters only.
template <typename Model, typename... Extra>
std::shared_ptr<AutoencoderModel> seeded(const ParamSet& params, std::int64_t items, Extra... extra) {
  torch::manual_seed(static_cast<std::uint64_t>(params.integer("seed")));
  return std::make_shared<Model>(params, items, extra...);
}

}  // namespace

std::shared_ptr<AutoencoderModel> makeMultDae(const ParamSet& params, std::int64_t items) {
  return seeded<MultDae>(params, items);
}

std::shared_ptr<AutoencoderModel> makeMultVae(const ParamSet& params, std::int64_t items) {
  return seeded<SingleLatentVae>(params, items, Prior::StandardNormal);
}

std::shared_ptr<AutoencoderModel> makeRecVae(const ParamSet& params, std::int64_t items) {
  return seeded<RecVae>(params, items);
}

std::shared_ptr<AutoencoderModel> makeVamp(const ParamSet& params, std::int64_t items) {
  return seeded<SingleLatentVae>(params, items, Prior::Vamp);
}

std::shared_ptr<AutoencoderModel> makeHierarchicalVamp(const ParamSet& params, std::int64_t items) {
  return seeded<HierarchicalVamp>(params, items);
}

}  // namespace vaecf::vae
