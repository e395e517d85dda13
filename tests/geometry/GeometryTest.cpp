#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "TestData.h"
#include "common/Error.h"
#include "data/Protocol.h"
#include "geometry/BarnesHutTsne.h"
#include "geometry/GeometryMeasures.h"
#include "geometry/GeometryStudy.h"
#include "geometry/LatentFigures.h"
#include "geometry/LatentModel.h"
#include "geometry/NearestNeighbors.h"
#include "geometry/Projection.h"
#include "models/vae/AutoencoderModel.h"
#include "train/Training.h"
#include "train/TrainingParams.h"
#include "plugin/ModelCatalog.h"

namespace vaecf::geometry {
namespace {

RowMatrix gaussianPoints(std::int64_t rows, std::int64_t cols, std::uint64_t seed, double std = 1.0) {
  std::mt19937_64 generator(seed);
  std::normal_distribution<float> normal(0.0F, static_cast<float>(std));
  RowMatrix points(rows, cols);
  for (float& value : points.values) value = normal(generator);
  return points;
}

double euclidean(const float* a, const float* b, std::int64_t dims) {
  double squared = 0.0;
  for (std::int64_t i = 0; i < dims; ++i) squared += (static_cast<double>(a[i]) - b[i]) * (a[i] - b[i]);
  return std::sqrt(squared);
}

// ---- Distances ----

TEST(GeometryDistance, Wasserstein2MatchesAHandComputedCase) {
  // |dmu|^2 = 3^2 + 4^2 = 25; sigmas (1, 2) vs (2, 1): |dsigma|^2 = 2.
  const std::vector<float> meanA{0, 0}, varA{1, 4}, meanB{3, 4}, varB{4, 1};
  EXPECT_NEAR(wasserstein2(meanA.data(), varA.data(), meanB.data(), varB.data(), 2), std::sqrt(27.0), 1e-12);

  Posteriors posteriors{RowMatrix(2, 2), RowMatrix(2, 2)};
  posteriors.mean.values = {0, 0, 3, 4};
  posteriors.variance.values = {1, 4, 4, 1};
  const RowMatrix embedded = wassersteinEmbedding(posteriors);
  EXPECT_NEAR(euclidean(embedded.row(0), embedded.row(1), 4), std::sqrt(27.0), 1e-6);
  EXPECT_NEAR(wasserstein2From(posteriors, 1)[0], std::sqrt(27.0), 1e-12);
}

TEST(GeometryDistance, JaccardDriftOfIdenticalAndDisjointSets) {
  EXPECT_DOUBLE_EQ(jaccard({1, 2, 3}, {2, 3, 4}), 0.5);
  EXPECT_DOUBLE_EQ(neighbourhoodDrift({{1, 2}, {2, 1}, {1, 2}}), 0.0);
  // Pairs: (a,b) 0, (a,c) 1, (b,c) 0 -> mean Jaccard 1/3.
  EXPECT_NEAR(neighbourhoodDrift({{1, 2}, {3, 4}, {2, 1}}), 2.0 / 3.0, 1e-12);
}

// ---- Nearest neighbours ----

TEST(GeometryNeighbors, ExactSearchMatchesBruteForce) {
  const RowMatrix reference = gaussianPoints(300, 8, 1);
  const RowMatrix queries = gaussianPoints(20, 8, 2);
  const Neighbors found = exactNeighbors(reference, queries, 5, Metric::Euclidean);
  for (std::int64_t q = 0; q < queries.rows; ++q) {
    std::vector<std::pair<double, std::int64_t>> all;
    for (std::int64_t r = 0; r < reference.rows; ++r)
      all.emplace_back(euclidean(queries.row(q), reference.row(r), 8), r);
    std::sort(all.begin(), all.end());
    for (std::int64_t j = 0; j < 5; ++j) {
      EXPECT_EQ(found.ids[q * 5 + j], all[j].second);
      EXPECT_NEAR(found.distances[q * 5 + j], all[j].first, 1e-4);
    }
  }
}

TEST(GeometryNeighbors, HnswAgreesWithExactSearchAbove95PercentRecall) {
  const RowMatrix reference = gaussianPoints(2000, 16, 3);
  const RowMatrix queries = gaussianPoints(200, 16, 4);
  for (const Metric metric : {Metric::Euclidean, Metric::Cosine}) {
    const Neighbors exact = exactNeighbors(reference, queries, 10, metric);
    const Neighbors approximate = ApproximateIndex(reference, metric).search(queries, 10);
    EXPECT_GE(recall(approximate, exact), 0.95);
  }
}

// ---- Projection ----

// Points spread 5 : 2 : 0.5 along three axes of a 3-D space.
RowMatrix anisotropicPoints() {
  RowMatrix points = gaussianPoints(400, 3, 5);
  for (std::int64_t r = 0; r < points.rows; ++r) {
    points.at(r, 0) *= 5.0F;
    points.at(r, 1) *= 2.0F;
    points.at(r, 2) *= 0.5F;
  }
  return points;
}

TEST(GeometryPca, FindsTheAxesOfLargestVariance) {
  const PcaBasis basis = fitPca(anisotropicPoints(), 2);
  EXPECT_NEAR(std::abs(basis.components.at(0, 0)), 1.0, 0.01);
  EXPECT_NEAR(std::abs(basis.components.at(1, 1)), 1.0, 0.01);
  EXPECT_NEAR(basis.explainedVariance[0] / basis.explainedVariance[1], 25.0 / 4.0, 1.5);
}

TEST(GeometryPca, AlignmentRemovesSignFlipsAndSwapsBetweenEpochs) {
  const RowMatrix points = anisotropicPoints();
  const PcaBasis previous = fitPca(points, 2);
  // The next epoch's solver returned the same plane with the first axis flipped and the
  // axes in the other order.
  PcaBasis next = previous;
  for (std::int64_t c = 0; c < 3; ++c) {
    next.components.at(0, c) = previous.components.at(1, c);
    next.components.at(1, c) = -previous.components.at(0, c);
  }
  next.explainedVariance = {previous.explainedVariance[1], previous.explainedVariance[0]};
  const PcaBasis aligned = alignedTo(next, previous);
  for (std::size_t i = 0; i < previous.components.values.size(); ++i) {
    EXPECT_NEAR(aligned.components.values[i], previous.components.values[i], 1e-6);
  }
  EXPECT_NEAR(aligned.explainedVariance[0], previous.explainedVariance[0], 1e-3);
  const RowMatrix before = project(previous, points);
  const RowMatrix after = project(aligned, points);
  for (std::size_t i = 0; i < before.values.size(); ++i) EXPECT_NEAR(after.values[i], before.values[i], 1e-4);
}

TEST(GeometryTsne, KeepsThreeSeparatedBlobsApart) {
  constexpr std::int64_t perBlob = 40;
  RowMatrix points = gaussianPoints(3 * perBlob, 10, 6);
  for (std::int64_t r = 0; r < points.rows; ++r) points.at(r, r / perBlob) += 20.0F;
  TsneOptions options;
  options.perplexity = 10.0;
  options.iterations = 400;
  options.seed = 7;
  const RowMatrix layout = tsne(points, options);
  // Every point's 5 nearest neighbours on the map come from its own blob.
  const Neighbors neighbours = exactNeighbors(layout, layout, 6, Metric::Euclidean);
  for (std::int64_t r = 0; r < layout.rows; ++r) {
    for (const auto id : neighbours.of(r)) EXPECT_EQ(id / perBlob, r / perBlob) << "point " << r;
  }
  EXPECT_EQ(tsne(points, options).values, layout.values) << "seeded runs must agree";
}

// Affinities of `n` points, each to `k` distinct random others with random conditional
// weights summing to 1, and a random 2-D layout.
struct RandomTsneProblem {
  SparseAffinities p;
  std::vector<double> layout;
};

RandomTsneProblem randomTsneProblem(std::int64_t n, std::int64_t k, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::vector<std::int64_t> neighbours;
  std::vector<double> conditional;
  for (std::int64_t i = 0; i < n; ++i) {
    std::vector<std::int64_t> others;
    for (std::int64_t j = 0; j < n; ++j)
      if (j != i) others.push_back(j);
    std::shuffle(others.begin(), others.end(), random);
    std::vector<double> weights(static_cast<std::size_t>(k));
    for (double& w : weights) w = std::uniform_real_distribution<double>(0.1, 1.0)(random);
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    for (std::int64_t c = 0; c < k; ++c) {
      neighbours.push_back(others[static_cast<std::size_t>(c)]);
      conditional.push_back(weights[static_cast<std::size_t>(c)] / total);
    }
  }
  RandomTsneProblem problem{symmetricAffinities(n, k, neighbours, conditional), {}};
  std::normal_distribution<double> normal(0.0, 3.0);
  for (std::int64_t c = 0; c < 2 * n; ++c) problem.layout.push_back(normal(random));
  return problem;
}

// The t-SNE gradient by its definition, every pair: 4 sum_j (P_ij - q_ij) w_ij (y_i - y_j).
std::vector<double> exactTsneGradient(const RandomTsneProblem& problem, double exaggeration) {
  const std::int64_t n = problem.p.rows();
  const auto& y = problem.layout;
  auto w = [&](std::int64_t i, std::int64_t j) {
    const double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
    return 1.0 / (1.0 + dx * dx + dy * dy);
  };
  double z = 0.0;
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t j = 0; j < n; ++j)
      if (i != j) z += w(i, j);
  std::vector<double> dense(static_cast<std::size_t>(n * n), 0.0);
  for (std::int64_t i = 0; i < n; ++i)
    for (std::int64_t e = problem.p.rowStart[i]; e < problem.p.rowStart[i + 1]; ++e)
      dense[i * n + problem.p.columns[e]] = problem.p.values[e];
  std::vector<double> gradient(static_cast<std::size_t>(2 * n), 0.0);
  for (std::int64_t i = 0; i < n; ++i) {
    for (std::int64_t j = 0; j < n; ++j) {
      if (i == j) continue;
      const double force = (exaggeration * dense[i * n + j] - w(i, j) / z) * w(i, j);
      gradient[2 * i] += 4.0 * force * (y[2 * i] - y[2 * j]);
      gradient[2 * i + 1] += 4.0 * force * (y[2 * i + 1] - y[2 * j + 1]);
    }
  }
  return gradient;
}

TEST(GeometryTsne, AffinitiesAreSymmetricAndSumToOne) {
  const RandomTsneProblem problem = randomTsneProblem(40, 5, 3);
  const SparseAffinities& p = problem.p;
  const double total = std::accumulate(p.values.begin(), p.values.end(), 0.0);
  EXPECT_NEAR(total, 1.0, 1e-12);
  auto at = [&p](std::int64_t i, std::int64_t j) {
    for (std::int64_t e = p.rowStart[i]; e < p.rowStart[i + 1]; ++e)
      if (p.columns[e] == j) return p.values[e];
    return 0.0;
  };
  for (std::int64_t i = 0; i < p.rows(); ++i)
    for (std::int64_t e = p.rowStart[i]; e < p.rowStart[i + 1]; ++e) EXPECT_EQ(at(p.columns[e], i), p.values[e]);
}

TEST(GeometryTsne, BarnesHutWithThetaZeroIsTheExactGradientAndCloseOtherwise) {
  const RandomTsneProblem problem = randomTsneProblem(300, 10, 5);
  const std::vector<double> exact = exactTsneGradient(problem, 12.0);
  const std::vector<double> allPairs = tsneGradient(problem.layout, problem.p, 12.0, 0.0);
  for (std::size_t c = 0; c < exact.size(); ++c) EXPECT_NEAR(allPairs[c], exact[c], 1e-12 + 1e-9 * std::abs(exact[c]));

  const std::vector<double> approximate = tsneGradient(problem.layout, problem.p, 12.0, 0.5);
  double error = 0.0, size = 0.0;
  for (std::size_t c = 0; c < exact.size(); ++c) {
    error += (approximate[c] - exact[c]) * (approximate[c] - exact[c]);
    size += exact[c] * exact[c];
  }
  EXPECT_LT(std::sqrt(error / size), 0.02);
  EXPECT_GT(std::sqrt(error / size), 0.0);  // the approximation did take effect
}

// ---- Sharing radius ----

TEST(GeometrySharing, RadiusIsWhereHelpfulUsersStopBeingTheMajority) {
  // Users at distances 0.00, 0.01, ..., 1.99; those closer than 1 help, the rest hurt.
  std::vector<double> distance, transfer;
  for (int i = 0; i < 200; ++i) {
    distance.push_back(i / 100.0);
    transfer.push_back(i < 100 ? 0.3 : -0.2);
  }
  const SharingCurve curve = sharingCurve(distance, transfer, 20);
  ASSERT_TRUE(curve.radius.has_value());
  // First window with 9 of 20 helpful: ranks 91..110, centre (0.91 + 1.10) / 2.
  EXPECT_NEAR(*curve.radius, 1.005, 1e-9);
  EXPECT_DOUBLE_EQ(curve.helpfulShare.front(), 1.0);
  EXPECT_DOUBLE_EQ(curve.helpfulShare.back(), 0.0);
  EXPECT_EQ(curve.distance.size(), 181U);
  EXPECT_FALSE(sharingCurve(distance, std::vector<double>(200, 1.0), 20).radius.has_value());
}

TEST(GeometrySharing, CohortMeansUseTheEvaluatorsEdges) {
  const Cohorts cohorts({5, 11, 51});
  const auto means = cohortMeans({1.0, 3.0, 10.0, 7.0}, {3, 7, 8, 60}, cohorts);
  ASSERT_EQ(means.size(), 3U);
  EXPECT_EQ(means[0].cohort, "0-4");
  EXPECT_EQ(means[1].cohort, "5-10");
  EXPECT_EQ(means[1].users, 2U);
  EXPECT_DOUBLE_EQ(means[1].mean, 6.5);
  EXPECT_EQ(means[2].cohort, "51+");
}

// ---- Gradient transfer: factorised against brute-force autograd ----

std::shared_ptr<vae::AutoencoderModel> tinyModel(const std::string& name,
                                                 const std::vector<std::string>& assignments,
                                                 std::int64_t items) {
  ParamSet params(findModel(name).params);
  for (const auto& assignment : assignments) params.assign(assignment);
  auto model = findModel(name).create(params, items);
  model->to(torch::kDouble);
  model->eval();
  return model;
}

CsrMatrix randomRows(std::int64_t users, std::int64_t items, std::uint64_t seed) {
  std::mt19937_64 generator(seed);
  std::bernoulli_distribution picked(0.25);
  CsrMatrix rows(items);
  for (std::int64_t u = 0; u < users; ++u) {
    std::vector<std::int32_t> columns;
    for (std::int32_t i = 0; i < items; ++i)
      if (picked(generator)) columns.push_back(i);
    rows.appendRow(columns);
  }
  return rows;
}

// g_u from autograd on the model's own training loss for a batch of user u alone (eval
// mode: clean input, posterior mean, no dropout).
torch::Tensor bruteForceGradient(vae::AutoencoderModel& model, const CsrMatrix& rows, std::int64_t user) {
  auto row = torch::zeros({1, rows.cols()}, torch::kDouble);
  for (std::int64_t k = 0; k < rows.rowSize(user); ++k) row[0][rows.rowColumns(user)[k]] = 1.0;
  const auto phase = model.phases().front();
  vae::TrainingClock lateInTraining;
  lateInTraining.step = 1000000;  // past any KL annealing: the weight is beta_cap
  const auto loss = model.loss(vae::Batch{row, {}, {}, 0, {}}, phase, lateInTraining);
  std::vector<torch::Tensor> flat;
  for (const auto& gradient : torch::autograd::grad({loss.total}, phase.parameters))
    flat.push_back(gradient.flatten());
  return torch::cat(flat);
}

void expectFactorisedMatchesBruteForce(const std::string& name, const std::vector<std::string>& assignments) {
  constexpr std::int64_t items = 30;
  const auto model = tinyModel(name, assignments, items);
  const CsrMatrix users = randomRows(7, items, 11);
  const LatentModel latent(name, model);
  const RowMatrix factorised = latent.gradientInnerProducts(users, users);

  std::vector<torch::Tensor> gradients;
  for (std::int64_t u = 0; u < users.rows(); ++u) gradients.push_back(bruteForceGradient(*model, users, u));
  const auto expected = torch::mm(torch::stack(gradients), torch::stack(gradients).t());
  for (std::int64_t u = 0; u < users.rows(); ++u) {
    for (std::int64_t v = 0; v < users.rows(); ++v) {
      const double truth = expected[u][v].item<double>();
      // Float32 results of float64 sums: relative tolerance of float32 rounding.
      EXPECT_NEAR(factorised.at(u, v), truth, 1e-6 * std::max(1.0, std::abs(truth)))
          << name << " " << u << "," << v;
    }
  }
}

TEST(GeometryTransfer, FactorisedInnerProductsMatchBruteForceMultVae) {
  expectFactorisedMatchesBruteForce(
      "multvae", {"latent_dim=4", "hidden_dim=8", "layers=2", "beta_cap=0.3", "anneal_steps=10", "seed=3"});
}

TEST(GeometryTransfer, FactorisedInnerProductsMatchBruteForceGatedMultVaeWithPia) {
  expectFactorisedMatchesBruteForce("multvae", {"latent_dim=4", "hidden_dim=8", "gated=true", "pia=true",
                                                "lambda_a=0.7", "likelihood=bernoulli", "seed=4"});
}

TEST(GeometryTransfer, FactorisedInnerProductsMatchBruteForceMultDaeWithPia) {
  expectFactorisedMatchesBruteForce("multdae", {"latent_dim=4", "hidden_dim=8", "layers=2", "l2_reg=0",
                                                "pia=true", "lambda_a=0.5", "seed=5"});
}

TEST(GeometryTransfer, OtherModelsSayTransferIsUnavailable) {
  const LatentModel latent("recvae", tinyModel("recvae", {"latent_dim=4", "hidden_dim=8", "layers=2"}, 12));
  EXPECT_FALSE(latent.supportsGradientTransfer());
  const CsrMatrix users = randomRows(3, 12, 1);
  try {
    latent.gradientInnerProducts(users, users);
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("not for recvae"), std::string::npos) << error.what();
  }
}

// ---- Neighbourhood drift on a briefly trained model ----

std::shared_ptr<const Split> syntheticSplit() { return test::syntheticSplit({400, 120, 20.0, 40}); }

TEST(GeometryDrift, ZeroWithoutMaskingAndGrowingAsTheKeepRateFalls) {
  const ModelFamily multvae = findModel("multvae");
  ParamSet params(trainingParamSpecs(multvae));
  for (const char* assignment : {"threads=1", "device=cpu", "epochs=4", "batch_size=32", "latent_dim=8",
                                 "hidden_dim=32", "anneal_steps=50"}) {
    params.assign(assignment);
  }
  const auto split = syntheticSplit();
  const auto folder = test::freshTempDir("geometry-drift");
  trainModel(TrainingSetup{multvae, params, split, folder, {}, {}, {}});

  const LatentModel model = LatentModel::fromRun(folder);
  const LatentSample sample = drawLatentSample(*split, 400, 1);
  std::vector<std::int64_t> users;  // the sample's validation users
  for (std::int64_t position = 0; position < sample.size(); ++position)
    if (sample.splits[static_cast<std::size_t>(position)] == UserSplit::Validation) users.push_back(position);
  ASSERT_EQ(users.size(), 40U);
  DriftOptions options;
  options.neighbours = 10;
  const std::vector<double> keepRates{1.0, 0.6, 0.2};
  const DriftStudy study = studyDrift(model, sample, users, keepRates, Cohorts({5, 11, 51, 101}), options);
  for (const auto& user : study.drift) EXPECT_EQ(user[0], 0.0);
  EXPECT_EQ(study.byRate[0].meanDrift, 0.0);
  EXPECT_GT(study.byRate[1].meanDrift, 0.0);
  EXPECT_GT(study.byRate[2].meanDrift, study.byRate[1].meanDrift);
}

}  // namespace
}  // namespace vaecf::geometry
