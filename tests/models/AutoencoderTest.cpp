#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "common/Error.h"
#include "models/vae/AutoencoderModel.h"
#include "models/vae/Layers.h"
#include "models/vae/Objectives.h"
#include "train/TrainingEngine.h"
#include "train/TrainingParams.h"
#include "TestData.h"
#include "plugin/ModelCatalog.h"
#include "plugin/PluginRegistry.h"

namespace vaecf::vae {
namespace {

constexpr std::int64_t kItems = 30;
constexpr std::int64_t kUsers = 6;

// Tiny binary rows, every one with at least one item.
torch::Tensor tinyRows() {
  torch::manual_seed(3);
  auto rows = (torch::rand({kUsers, kItems}) < 0.3).to(torch::kFloat);
  rows.select(1, 0).fill_(1.0F);
  return rows;
}

// A batch as the trainer fills it: dense rows and their embedding-bag lists.
Batch batchOf(const torch::Tensor& rows) {
  const auto counts = (rows != 0).sum(1);
  return {rows, rows.nonzero().select(1, 1).contiguous(), counts.cumsum(0) - counts, 0, {}};
}

double logNormalDensity(double z, double mean, double variance) {
  return -0.5 * (std::log(2.0 * std::acos(-1.0) * variance) + (z - mean) * (z - mean) / variance);
}

// ---- Objectives ----

TEST(AutoencoderObjectives, KlToStandardNormalMatchesMonteCarlo) {
  const auto mean = torch::tensor({{0.5, -1.0, 0.2}}, torch::kDouble);
  const auto logVariance = torch::tensor({{-0.5, 0.3, -1.2}}, torch::kDouble);
  const auto closedForm = klToStandardNormal(mean, logVariance).item<double>();

  torch::manual_seed(11);
  const std::int64_t samples = 400000;
  const auto z = mean + (0.5 * logVariance).exp() * torch::randn({samples, 3}, torch::kDouble);
  const auto zero = torch::zeros_like(z);
  const auto perSample =
      (gaussianLogDensity(z, mean.expand_as(z), logVariance.expand_as(z)) - gaussianLogDensity(z, zero, zero))
          .sum(1);
  const auto estimate = perSample.mean().item<double>();
  const auto standardError = perSample.std().item<double>() / std::sqrt(static_cast<double>(samples));

  // 0.5 * sum(exp(lv) + mu^2 - 1 - lv) written out for these numbers.
  EXPECT_NEAR(
      closedForm,
      0.5 * (std::exp(-0.5) + 0.25 - 1 + 0.5 + std::exp(0.3) + 1 - 1 - 0.3 + std::exp(-1.2) + 0.04 - 1 + 1.2),
      1e-12);
  // Tolerance: four standard errors of the estimate (about 0.01 here).
  EXPECT_NEAR(estimate, closedForm, 4 * standardError);
}

// log (1/K) sum_k prod_d N(z_d; mean_kd, exp(logVariance_kd)) by explicit loops in double.
void expectVampPriorMatchesBruteForce(const torch::Tensor& z, const torch::Tensor& means,
                                      const torch::Tensor& logVariances, double tolerance) {
  const auto density = vampPriorLogDensity(z, means, logVariances);
  ASSERT_EQ(density.sizes(), torch::IntArrayRef({z.size(0)}));
  for (std::int64_t u = 0; u < z.size(0); ++u) {
    double mixture = 0.0;
    for (std::int64_t k = 0; k < means.size(0); ++k) {
      double logComponent = 0.0;
      for (std::int64_t d = 0; d < z.size(1); ++d) {
        logComponent += logNormalDensity(z[u][d].item<double>(), means[k][d].item<double>(),
                                         std::exp(logVariances[k][d].item<double>()));
      }
      mixture += std::exp(logComponent) / static_cast<double>(means.size(0));
    }
    EXPECT_NEAR(density[u].item<double>(), std::log(mixture), tolerance) << "user " << u;
  }
}

TEST(AutoencoderObjectives, VampPriorLogDensityMatchesBruteForce) {
  torch::manual_seed(5);
  const auto means = torch::randn({7, 3});
  expectVampPriorMatchesBruteForce(torch::randn({4, 3}), means, torch::rand({7, 3}) * 2 - 1.5, 1e-5);
  // Near the clamp's smallest variances, right next to a component: the expanded square
  // must not lose the tiny distances to cancellation.
  const auto sharpMeans = means * 3;
  const auto nearFirst = sharpMeans[0] + 1e-3 * torch::randn({4, 3});
  expectVampPriorMatchesBruteForce(nearFirst, sharpMeans, torch::rand({7, 3}) * 2 - 11.5, 1e-4);
}

TEST(AutoencoderObjectives, CompositePriorLogDensityMatchesBruteForce) {
  torch::manual_seed(6);
  const auto z = torch::randn({3, 4}) * 2;
  const auto oldMean = torch::randn({3, 4});
  const auto oldLogVariance = torch::randn({3, 4});
  const auto density = compositePriorLogDensity(z, oldMean, oldLogVariance);

  ASSERT_EQ(density.sizes(), z.sizes());
  for (std::int64_t u = 0; u < 3; ++u) {
    for (std::int64_t d = 0; d < 4; ++d) {
      const double x = z[u][d].item<double>();
      const double mixture =
          0.15 * std::exp(logNormalDensity(x, 0.0, 1.0)) +
          0.75 * std::exp(logNormalDensity(x, oldMean[u][d].item<double>(),
                                           std::exp(oldLogVariance[u][d].item<double>()))) +
          0.10 * std::exp(logNormalDensity(x, 0.0, std::exp(10.0)));
      EXPECT_NEAR(density[u][d].item<double>(), std::log(mixture), 1e-5);
    }
  }
}

TEST(AutoencoderObjectives, NegativeLogLikelihoodOfBothLikelihoods) {
  const auto logits = torch::tensor({{2.0F, 0.0F, -1.0F}});
  const auto target = torch::tensor({{1.0F, 0.0F, 1.0F}});
  const double logNormaliser = std::log(std::exp(2.0) + 1.0 + std::exp(-1.0));
  EXPECT_NEAR(negativeLogLikelihood(logits, target, Likelihood::Multinomial).item<double>(),
              -(2.0 - logNormaliser) - (-1.0 - logNormaliser), 1e-5);

  const auto sigmoid = [](double a) { return 1.0 / (1.0 + std::exp(-a)); };
  EXPECT_NEAR(negativeLogLikelihood(logits, target, Likelihood::Bernoulli).item<double>(),
              -std::log(sigmoid(2.0)) - std::log(1 - sigmoid(0.0)) - std::log(sigmoid(-1.0)), 1e-5);
  // The clamp keeps a certain wrong prediction finite: -log(1e-5).
  EXPECT_NEAR(
      negativeLogLikelihood(torch::tensor({{-100.0F}}), torch::tensor({{1.0F}}), Likelihood::Bernoulli)
          .item<double>(),
      -std::log(1e-5), 1e-3);
}

TEST(AutoencoderObjectives, AnchorAlignmentMatchesDefinitionAndMonteCarlo) {
  torch::manual_seed(8);
  const auto anchors = torch::randn({5, 2}, torch::kDouble);
  const auto mean = torch::tensor({{0.3, -0.2}, {1.0, 0.5}}, torch::kDouble);
  const auto variance = torch::tensor({{0.5, 0.2}, {0.1, 0.4}}, torch::kDouble);
  const std::vector<std::vector<std::int64_t>> positives{{0, 2, 3}, {4}};
  const auto items = torch::tensor({0, 2, 3, 4}, torch::kLong);
  const auto offsets = torch::tensor({0, 3}, torch::kLong);
  const auto alignment = anchorAlignment(mean, variance, anchors, items, offsets);

  torch::manual_seed(9);
  const std::int64_t samples = 200000;
  for (std::int64_t u = 0; u < 2; ++u) {
    // Definition: mean over i in S of ||mean - e_i||^2 + sum variance.
    double definition = 0.0;
    for (const auto item : positives[u]) {
      definition += (mean[u] - anchors[item]).pow(2).sum().item<double>() + variance[u].sum().item<double>();
    }
    definition /= static_cast<double>(positives[u].size());
    EXPECT_NEAR(alignment[u].item<double>(), definition, 1e-10);

    const auto z = mean[u] + variance[u].sqrt() * torch::randn({samples, 2}, torch::kDouble);
    auto perSample = torch::zeros({samples}, torch::kDouble);
    for (const auto item : positives[u]) perSample += (z - anchors[item]).pow(2).sum(1);
    perSample /= static_cast<double>(positives[u].size());
    const auto standardError = perSample.std().item<double>() / std::sqrt(static_cast<double>(samples));
    // Tolerance: four standard errors of the Monte Carlo estimate.
    EXPECT_NEAR(perSample.mean().item<double>(), alignment[u].item<double>(), 4 * standardError);
  }
}

// ---- Layers ----

TEST(AutoencoderLayers, GatedUnitFollowsItsFormula) {
  Unit unit(2, 2, Activation::Gated, InitScheme::Glorot);
  {
    torch::NoGradGuard noGrad;
    // Rows 0-1: W, rows 2-3: V; bias [b, c].
    unit->linear->weight.copy_(torch::tensor({{1.0F, 2.0F}, {3.0F, 4.0F}, {0.0F, 1.0F}, {1.0F, 0.0F}}));
    unit->linear->bias.copy_(torch::tensor({0.5F, -0.5F, 0.0F, 1.0F}));
  }
  const auto output = unit(torch::tensor({{1.0F, -1.0F}}));
  // W a + b = [-0.5, -1.5], V a + c = [-1, 2]; no tanh after the gate.
  const auto sigmoid = [](double a) { return 1.0 / (1.0 + std::exp(-a)); };
  EXPECT_NEAR(output[0][0].item<double>(), -0.5 * sigmoid(-1.0), 1e-6);
  EXPECT_NEAR(output[0][1].item<double>(), -1.5 * sigmoid(2.0), 1e-6);
}

TEST(AutoencoderLayers, UngatedUnitIsTanh) {
  Unit unit(2, 1, Activation::Tanh, InitScheme::HeNormal);
  {
    torch::NoGradGuard noGrad;
    unit->linear->weight.copy_(torch::tensor({{0.5F, -1.0F}}));
    unit->linear->bias.fill_(0.25F);
  }
  EXPECT_NEAR(unit(torch::tensor({{2.0F, 0.5F}}))[0][0].item<double>(), std::tanh(0.75), 1e-6);
}

TEST(AutoencoderLayers, InitialisationFollowsEachScheme) {
  torch::manual_seed(13);
  const auto glorot = makeLinear(400, 300, AffineInit{InitScheme::Glorot, 400});
  const double glorotBound = std::sqrt(6.0 / (400 + 300));
  EXPECT_LE(glorot->weight.abs().max().item<double>(), glorotBound);
  EXPECT_NEAR(glorot->weight.std().item<double>(), glorotBound / std::sqrt(3.0), 0.01 * glorotBound);
  // Biases N(0, 0.001^2) cut at 2 sigma: 300 draws reach past 1.5 sigma but never past 2.
  EXPECT_LE(glorot->bias.abs().max().item<double>(), 0.002);
  EXPECT_GT(glorot->bias.abs().max().item<double>(), 0.0015);

  const auto he = makeLinear(400, 300, AffineInit{InitScheme::HeNormal, 400});
  EXPECT_NEAR(he->weight.std().item<double>(), std::sqrt(2.0 / 400), 0.02 * std::sqrt(2.0 / 400));

  // A gated layer's halves are two Glorot layers of 300 units, not one of 600.
  const auto gated = makeLinear(400, 600, unitInit(InitScheme::Glorot, 400, Activation::Gated));
  EXPECT_LE(gated->weight.abs().max().item<double>(), glorotBound);
  EXPECT_GT(gated->weight.abs().max().item<double>(), std::sqrt(6.0 / (400 + 600)));
}

TEST(AutoencoderLayers, EmbeddingBagProjectionEqualsDenseProjection) {
  torch::manual_seed(4);
  ItemProjection projection(kItems, 8, unitInit(InitScheme::Glorot, kItems, Activation::Gated));
  const auto rows = tinyRows();
  const auto batch = batchOf(rows);
  const auto dense = ItemRows::dense(rows).normalized();
  const auto bags = ItemRows::fromBags(batch.itemIndices, batch.rowOffsets).normalized();

  const auto denseOutput = projection(dense);
  denseOutput.sum().backward();
  const auto denseGradient = projection->weight.grad().clone();
  projection->weight.mutable_grad().zero_();
  const auto bagOutput = projection(bags);
  bagOutput.sum().backward();

  EXPECT_TRUE(torch::allclose(bagOutput, denseOutput, 1e-5, 1e-6));
  EXPECT_TRUE(torch::allclose(projection->weight.grad(), denseGradient, 1e-5, 1e-6));
}

TEST(AutoencoderLayers, ItemRowsCorruptionsAgreeInBothForms) {
  const auto rows = tinyRows();
  const auto counts = rows.sum(1);
  const auto entries = ItemRows::dense(rows).toEntries();
  EXPECT_TRUE(torch::equal(entries.counts(), counts));
  EXPECT_TRUE(torch::allclose(entries.normalized().toDense(kItems), rows / counts.sqrt().unsqueeze(1)));

  // Dropout keeps a subset of the entries and scales the survivors by 1 / (1 - p).
  torch::manual_seed(12);
  const auto dropped = entries.normalized().droppedOut(0.5).toDense(kItems);
  const auto expected = 2 * rows / counts.sqrt().unsqueeze(1);
  EXPECT_TRUE(torch::allclose(dropped.masked_select(dropped != 0), expected.masked_select(dropped != 0)));
  EXPECT_LT(dropped.count_nonzero().item<std::int64_t>(), rows.count_nonzero().item<std::int64_t>());

  // Masking keeps binary entries, unscaled; an empty row stays finite when normalised.
  const auto masked = ItemRows::dense(rows).masked(0.5).denseRows();
  EXPECT_TRUE(torch::equal(masked * rows, masked));
  EXPECT_TRUE(torch::equal(masked, masked.clamp(0, 1).round()));
  const auto empty = ItemRows::dense(torch::zeros({1, kItems})).normalized().denseRows();
  EXPECT_TRUE(torch::equal(empty, torch::zeros({1, kItems})));
}

// ---- Models ----

struct Variant {
  std::string name;
  std::vector<std::string> settings;
};

std::string label(const Variant& variant) {
  std::string text = variant.name;
  for (const auto& setting : variant.settings) text += " " + setting;
  return text;
}

ParamSet tinyParams(const Variant& variant) {
  ParamSet params(findModel(variant.name).params);
  for (const auto* setting : {"latent_dim=4", "hidden_dim=8", "batch_size=6"}) params.assign(setting);
  if (variant.name == "vamp" || variant.name == "hvamp") params.assign("pseudo_inputs=5");
  if (variant.name == "hvamp") params.assign("z1_dim=3");
  for (const auto& setting : variant.settings) params.assign(setting);
  return params;
}

std::shared_ptr<AutoencoderModel> tinyModel(const Variant& variant) {
  return findModel(variant.name).create(tinyParams(variant), kItems);
}

const std::vector<Variant>& variants() {
  static const std::vector<Variant> all{
      {"multdae", {}},
      {"multdae", {"gated=true", "layers=2"}},
      {"multdae", {"pia=true", "mask_rate=0.5", "anchor_init=decoder"}},
      {"multvae", {}},
      {"multvae", {"gated=true", "likelihood=bernoulli"}},
      {"multvae", {"pia=true", "mask_rate=0.5", "sparse_input=false"}},
      {"recvae", {}},
      {"recvae", {"gated=true", "layers=2"}},
      {"recvae", {"pia=true", "mask_rate=0.5", "anchor_init=decoder"}},
      {"vamp", {}},
      {"vamp", {"gated=true", "layers=2", "likelihood=multinomial"}},
      {"vamp", {"pia=true", "sparse_input=false"}},
      {"hvamp", {}},
      {"hvamp", {"gated=true", "layers=2"}},
      {"hvamp", {"gated=true", "layers=3", "pia=true", "mask_rate=0.7"}},
  };
  return all;
}

class AutoencoderTraining : public testing::TestWithParam<Variant> {};

// Evaluated with the same seed, so masks, dropout and sampling noise are the same before and
// after the step and the loss is a fixed function of the parameters.
TEST_P(AutoencoderTraining, OneAdamStepLowersTheLossOfEveryPhase) {
  const torch::Device device(test::trainingDevice());
  const auto model = tinyModel(GetParam());
  model->to(device);
  model->train();
  const auto batch = batchOf(tinyRows().to(device));
  const TrainingClock clock{40000, 30};
  for (const auto& phase : model->phases()) {
    SCOPED_TRACE(phase.name);
    const auto lossWithFixedNoise = [&] {
      torch::manual_seed(21);
      return model->loss(batch, phase, clock);
    };
    torch::optim::Adam adam(phase.parameters, torch::optim::AdamOptions(1e-3));
    const auto before = lossWithFixedNoise();
    ASSERT_TRUE(std::isfinite(before.total.item<double>()));
    adam.zero_grad();
    before.total.backward();
    model->beforeOptimizerStep(phase);
    adam.step();
    EXPECT_LT(lossWithFixedNoise().total.item<double>(), before.total.item<double>());
    model->afterPhase(phase);
  }
}

INSTANTIATE_TEST_SUITE_P(Autoencoder, AutoencoderTraining, testing::ValuesIn(variants()),
                         [](const testing::TestParamInfo<Variant>& info) {
                           return info.param.name + "_" + std::to_string(info.index);
                         });

TEST(AutoencoderModels, ScoresAreFiniteForEveryItemAndAnEmptyRow) {
  auto rows = tinyRows();
  rows[2].zero_();
  for (const auto& variant : variants()) {
    SCOPED_TRACE(label(variant));
    const auto model = tinyModel(variant);
    const auto scores = model->scores(rows);
    EXPECT_EQ(scores.sizes(), torch::IntArrayRef({kUsers, kItems}));
    EXPECT_TRUE(torch::isfinite(scores).all().item<bool>());
    const auto posterior = model->posterior(rows);
    EXPECT_TRUE(torch::isfinite(posterior.mean).all().item<bool>());
    EXPECT_TRUE((posterior.variance >= 0).all().item<bool>());
    EXPECT_EQ(model->decode(posterior.mean).sizes(), scores.sizes());
    EXPECT_TRUE(model->is_training()) << "inference must restore the training mode";
  }
}

TEST(AutoencoderModels, SparseAndDenseInputGiveTheSameScores) {
  const auto rows = tinyRows();
  for (const auto* name : {"multdae", "multvae", "recvae", "vamp", "hvamp"}) {
    SCOPED_TRACE(name);
    const auto sparse = tinyModel({name, {"sparse_input=true"}})->scores(rows);
    const auto dense = tinyModel({name, {"sparse_input=false"}})->scores(rows);
    EXPECT_TRUE(torch::allclose(sparse, dense, 1e-4, 1e-5));
  }
}

TEST(AutoencoderModels, DecodingThePosteriorMeanGivesTheScores) {
  const auto rows = tinyRows();
  for (const auto* name : {"multdae", "multvae", "recvae", "vamp"}) {
    SCOPED_TRACE(name);
    const auto model = tinyModel({name, {}});
    EXPECT_TRUE(torch::allclose(model->decode(model->posterior(rows).mean), model->scores(rows)));
  }
}

TEST(AutoencoderModels, AnchorTermEqualsTheAlignmentOfThePosterior) {
  for (const auto* name : {"multvae", "recvae", "hvamp", "multdae"}) {
    SCOPED_TRACE(name);
    const auto model = tinyModel({name, {"pia=true", "lambda_a=2"}});
    model->eval();  // no mask, dropout or sampling: the loss sees the same q(z | x) as posterior()
    const auto rows = tinyRows();
    const auto loss = model->loss(batchOf(rows), model->phases().front(), TrainingClock{});
    double anchorTerm = -1.0;
    for (const auto& [term, value] : loss.terms) {
      if (term == "anchor") anchorTerm = value.item<double>();
    }

    const auto posterior = model->posterior(rows);
    const auto anchors = model->itemAnchors();
    ASSERT_EQ(anchors.sizes(), torch::IntArrayRef({kItems, posterior.mean.size(1)}));
    double expected = 0.0;
    for (std::int64_t u = 0; u < kUsers; ++u) {
      const auto items = rows[u].nonzero().squeeze(1);
      const auto distances = (posterior.mean[u] - anchors.index_select(0, items)).pow(2).sum(1);
      expected += (distances.mean() + posterior.variance[u].sum()).item<double>() / kUsers;
    }
    EXPECT_NEAR(anchorTerm, expected, 1e-4 * expected);
  }
}

TEST(AutoencoderModels, KlWeightsFollowEachModelsSchedule) {
  const auto batch = batchOf(tinyRows());
  const auto betaOf = [&](const Variant& variant, const TrainingClock& clock) {
    const auto model = tinyModel(variant);
    const auto loss = model->loss(batch, model->phases().front(), clock);
    for (const auto& [term, value] : loss.terms) {
      if (term == "beta") return value.item<double>();
    }
    return -1.0;
  };
  // Mult-VAE: min(beta_cap, step / anneal_steps) per gradient step.
  EXPECT_NEAR(betaOf({"multvae", {}}, {20000, 1}), 0.1, 1e-7);
  EXPECT_NEAR(betaOf({"multvae", {}}, {150000, 1}), 0.2, 1e-7);
  // Vamp family: max_beta * min(1, epoch / warmup_epochs) per epoch.
  EXPECT_NEAR(betaOf({"vamp", {"max_beta=0.3"}}, {999, 25}), 0.075, 1e-7);
  EXPECT_NEAR(betaOf({"hvamp", {}}, {999, 150}), 1.0, 1e-7);
  // RecVAE: gamma * |x_u|, reported as the mean over the batch.
  EXPECT_NEAR(betaOf({"recvae", {"gamma=0.01"}}, {}), 0.01 * tinyRows().sum().item<double>() / kUsers, 1e-6);
  // RecVAE with gamma unset: the constant beta for every user, whatever the row sizes.
  EXPECT_NEAR(betaOf({"recvae", {"gamma=0", "beta=0.35"}}, {}), 0.35, 1e-7);
}

TEST(AutoencoderModels, RecVaeRefreshesItsOldEncoderAfterTheEncoderPhase) {
  const auto model = tinyModel({"recvae", {}});
  const auto parameters = model->named_parameters();
  const auto sameWeights = [&] {
    return torch::equal(parameters["encoder.layer1.weight"], parameters["old_encoder.layer1.weight"]);
  };
  EXPECT_FALSE(sameWeights()) << "the old encoder starts independently initialised";
  const auto phases = model->phases();
  model->afterPhase(phases.back());
  EXPECT_FALSE(sameWeights()) << "the decoder phase leaves it";
  model->afterPhase(phases.front());
  EXPECT_TRUE(sameWeights());
}

TEST(AutoencoderModels, PhasesSplitRecVaeParameters) {
  const auto model = tinyModel({"recvae", {"pia=true"}});
  const auto phases = model->phases();
  ASSERT_EQ(phases.size(), 2U);
  EXPECT_EQ(phases[0].name, "encoder");
  EXPECT_EQ(phases[0].passes, 3);
  EXPECT_EQ(phases[1].name, "decoder");
  EXPECT_EQ(phases[1].passes, 1);
  EXPECT_DOUBLE_EQ(phases[0].learningRate, 5e-4);
  // Decoder: weight and bias. Encoder: 4 tensors per layer (linear + LayerNorm) for 5 layers,
  // the two heads' weight and bias, and the anchors.
  EXPECT_EQ(phases[1].parameters.size(), 2U);
  EXPECT_EQ(phases[0].parameters.size(), 5U * 4 + 2 + 1);

  // With a learning rate of their own, the anchors leave the encoder's group for one of theirs.
  const auto ownRate = tinyModel({"recvae", {"pia=true", "anchor_lr=0.05"}})->phases();
  EXPECT_EQ(ownRate[0].parameters.size(), 5U * 4 + 2);
  ASSERT_EQ(ownRate[0].extraGroups.size(), 1U);
  EXPECT_DOUBLE_EQ(ownRate[0].extraGroups[0].learningRate, 0.05);
  EXPECT_EQ(ownRate[0].allParameters().size(), 5U * 4 + 2 + 1);
  EXPECT_TRUE(ownRate[1].extraGroups.empty());
}

TEST(AutoencoderModels, AnchorsStepAtTheirOwnLearningRate) {
  // Adam's first step moves every parameter with a gradient by almost exactly its rate.
  ParamSet params(trainingParamSpecs(findModel("multvae")));
  for (const char* assignment : {"pia=true", "anchor_lr=0.05", "lr=0.001", "latent_dim=4", "hidden_dim=8",
                                 "batch_size=1000", "threads=1", "dropout=0"})
    params.assign(assignment);
  params.set("device", test::trainingDevice());
  const CsrMatrix& train = test::syntheticSplit()->train;
  TrainingEngine engine(findModel("multvae"), params, train.cols());
  std::vector<torch::Tensor> before, after;
  auto snapshot = [&engine](std::vector<torch::Tensor>& into) {
    engine.inspectModel([&](const std::shared_ptr<AutoencoderModel>& model) {
      for (const auto& parameter : model->parameters()) into.push_back(parameter.detach().clone());
      into.push_back(model->itemAnchors());
    });
  };
  snapshot(before);
  ASSERT_TRUE(engine.trainEpoch(train, 1, [] { return true; }, [](const BatchRecord&) {}));
  snapshot(after);
  const double anchorStep = (after.back() - before.back()).abs().max().item<double>();
  EXPECT_NEAR(anchorStep, 0.05, 0.005);
  for (std::size_t i = 0; i + 1 < before.size(); ++i) {
    const bool anchors = before[i].sizes() == before.back().sizes() && torch::equal(before[i], before.back());
    if (!anchors) {
      EXPECT_LE((after[i] - before[i]).abs().max().item<double>(), 0.00101) << i;
    }
  }
}

TEST(AutoencoderModels, VampPriorComponentsAreEncodedPseudoInputs) {
  const auto vamp = tinyModel({"vamp", {}});
  EXPECT_EQ(vamp->priorComponentMeans().sizes(), torch::IntArrayRef({5, 4}));
  const auto topItems = priorComponentTopItems(*vamp, 3);
  EXPECT_EQ(topItems.sizes(), torch::IntArrayRef({5, 3}));
  EXPECT_TRUE(((topItems >= 0) & (topItems < kItems)).all().item<bool>());
  EXPECT_EQ(tinyModel({"hvamp", {}})->priorComponentMeans().sizes(), torch::IntArrayRef({5, 4}));
  EXPECT_FALSE(tinyModel({"multvae", {}})->priorComponentMeans().defined());
  EXPECT_FALSE(priorComponentTopItems(*tinyModel({"recvae", {}}), 3).defined());
}

// The model families the built-in vae plugin registered, in its order.
std::vector<std::string> vaePluginModels() {
  for (const PluginRecord& plugin : PluginRegistry::instance().plugins())
    if (plugin.manifest.name == "vae" && plugin.loaded) return plugin.models;
  return {};
}

TEST(AutoencoderRegistry, EveryModelDeclaresValidDefaultsAndTheSharedOptions) {
  ASSERT_EQ(vaePluginModels(), (std::vector<std::string>{"multvae", "multdae", "recvae", "vamp", "hvamp"}));
  for (const auto& name : vaePluginModels()) {
    SCOPED_TRACE(name);
    const ParamSet params(findModel(name).params);
    for (const auto* shared :
         {"lr", "batch_size", "epochs", "seed", "latent_dim", "hidden_dim", "layers", "gated", "likelihood",
          "dropout", "mask_rate", "sparse_input", "pia", "lambda_a"}) {
      EXPECT_NO_THROW(params.spec(shared)) << shared;
    }
    for (const auto& spec : params.specs()) EXPECT_FALSE(spec.help.empty()) << spec.name;
    EXPECT_TRUE(params.spec("lambda_a").live);
    EXPECT_TRUE(params.spec("mask_rate").live);
    EXPECT_TRUE(params.spec("lr").live);
  }
  EXPECT_TRUE(ParamSet(findModel("multvae").params).spec("beta_cap").live);
  EXPECT_TRUE(ParamSet(findModel("recvae").params).spec("gamma").live);
  EXPECT_TRUE(ParamSet(findModel("vamp").params).spec("max_beta").live);
  EXPECT_EQ(ParamSet(findModel("vamp").params).text("likelihood"), "bernoulli");
  EXPECT_THROW(findModel("no-such-model"), Error);
}

TEST(AutoencoderRegistry, DecoderAnchorsNeedAnOutputLayerReadingTheLatent) {
  EXPECT_THROW(tinyModel({"multvae", {"pia=true", "anchor_init=decoder"}}), Error);
  const auto model = tinyModel({"recvae", {"pia=true", "anchor_init=decoder"}});
  EXPECT_TRUE(torch::equal(model->itemAnchors(), model->named_parameters()["decoder.weight"]));
}

TEST(AutoencoderRegistry, TheSeedFixesTheInitialWeights) {
  const auto rows = tinyRows();
  const auto first = tinyModel({"multvae", {"seed=5"}})->scores(rows);
  EXPECT_TRUE(torch::equal(first, tinyModel({"multvae", {"seed=5"}})->scores(rows)));
  EXPECT_FALSE(torch::equal(first, tinyModel({"multvae", {"seed=6"}})->scores(rows)));
}

}  // namespace
}  // namespace vaecf::vae
