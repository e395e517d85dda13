#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "common/Error.h"
#include "geometry/GeometryStudy.h"
#include "models/vae/AutoencoderModel.h"
#include "plugin/ModelCatalog.h"

namespace vaecf::geometry {
namespace {

constexpr std::int64_t kItems = 30;

std::shared_ptr<vae::AutoencoderModel> tinyModel(const std::string& name,
                                                 const std::vector<std::string>& assignments) {
  ParamSet params(findModel(name).params);
  for (const auto& assignment : assignments) params.assign(assignment);
  auto model = findModel(name).create(params, kItems);
  model->to(torch::kDouble);
  model->eval();
  return model;
}

// 40 users with about a quarter of the items each, all drawn as training users.
LatentSample randomSample(std::uint64_t seed) {
  std::mt19937_64 generator(seed);
  std::bernoulli_distribution picked(0.25);
  LatentSample sample;
  sample.rows = CsrMatrix(kItems);
  for (int u = 0; u < 40; ++u) {
    std::vector<std::int32_t> columns;
    for (std::int32_t i = 0; i < kItems; ++i)
      if (picked(generator)) columns.push_back(i);
    sample.rows.appendRow(columns);
    sample.userIds.push_back("u" + std::to_string(u));
    sample.splits.push_back(UserSplit::Train);
  }
  return sample;
}

const std::vector<std::string> kMultVae{"latent_dim=4", "hidden_dim=8", "layers=2", "seed=3"};

FocusOptions smallFocus() {
  FocusOptions options;
  options.keepRates = {0.4, 1.0};
  options.masks = 6;
  options.neighbours = 5;
  options.recommendations = 7;
  return options;
}

// Decoded scores of a row's posterior mean, as the model itself gives them.
std::vector<double> decodedScores(vae::AutoencoderModel& model, const CsrMatrix& rows, std::int64_t row) {
  torch::NoGradGuard noGrad;
  auto dense = torch::zeros({1, kItems}, torch::kDouble);
  for (std::int64_t k = 0; k < rows.rowSize(row); ++k) dense[0][rows.rowColumns(row)[k]] = 1.0;
  const auto scores = model.decode(model.posterior(dense).mean)[0].contiguous();
  return {scores.data_ptr<double>(), scores.data_ptr<double>() + kItems};
}

TEST(GeometryStudy, FocusUserOfMultVae) {
  const auto network = tinyModel("multvae", kMultVae);
  const LatentModel model("multvae", network);
  const LatentSample sample = randomSample(7);
  constexpr std::int64_t focus = 3;
  const FocusStudy study = studyFocusUser(model, sample, focus, smallFocus());

  EXPECT_EQ(study.position, focus);
  const std::vector<std::int64_t> history(sample.rows.rowColumns(focus),
                                          sample.rows.rowColumns(focus) + sample.rows.rowSize(focus));
  EXPECT_EQ(study.history, history);

  // Distances are W2 from the focus user's posterior, for every sampled user.
  ASSERT_EQ(study.posteriors.mean.rows, sample.size());
  EXPECT_EQ(study.posteriors.mean.values, model.posteriors(sample.rows).mean.values);
  EXPECT_EQ(study.distance, wasserstein2From(study.posteriors, focus));
  EXPECT_EQ(study.distance[focus], 0.0);

  // The 5 latent neighbours: the focus user left out, nearest first, nobody else nearer.
  ASSERT_EQ(study.latentNeighbours.size(), 5U);
  EXPECT_EQ(std::count(study.latentNeighbours.begin(), study.latentNeighbours.end(), focus), 0);
  for (std::size_t j = 1; j < study.latentNeighbours.size(); ++j)
    EXPECT_LE(study.distance[study.latentNeighbours[j - 1]], study.distance[study.latentNeighbours[j]]);
  const std::set<std::int64_t> neighbours(study.latentNeighbours.begin(), study.latentNeighbours.end());
  for (std::int64_t v = 0; v < sample.size(); ++v) {
    if (v != focus && neighbours.count(v) == 0) {
      EXPECT_GE(study.distance[v], study.distance[study.latentNeighbours.back()]) << v;
    }
  }

  // Recommendations: 7 unseen items, best decoded score first, none better left out.
  const auto scores = decodedScores(*network, sample.rows, focus);
  ASSERT_EQ(study.recommendations.size(), 7U);
  const std::set<std::int64_t> seen(history.begin(), history.end());
  const std::set<std::int64_t> recommended(study.recommendations.begin(), study.recommendations.end());
  EXPECT_EQ(recommended.size(), 7U);
  for (std::size_t j = 0; j < study.recommendations.size(); ++j) {
    EXPECT_EQ(seen.count(study.recommendations[j]), 0U);
    if (j > 0) {
      EXPECT_GE(scores[study.recommendations[j - 1]], scores[study.recommendations[j]]);
    }
  }
  for (std::int64_t item = 0; item < kItems; ++item) {
    if (seen.count(item) == 0 && recommended.count(item) == 0) {
      EXPECT_LE(scores[item], scores[study.recommendations.back()]) << item;
    }
  }

  ASSERT_TRUE(study.transfer.has_value());
  EXPECT_EQ(study.transfer->focusRow, focus);
  EXPECT_EQ(study.transfer->distance, study.distance);
  EXPECT_EQ(study.transfer->transfer.size(), static_cast<std::size_t>(sample.size()));
  EXPECT_NEAR(study.transfer->transfer[focus], 1.0, 1e-6);  // <g_u, g_u> / ||g_u||^2

  // Masked clouds: one per keep rate; unmasked, every mask is the clean row.
  ASSERT_EQ(study.clouds.size(), 2U);
  const MaskedCloud& masked = study.clouds[0];
  const MaskedCloud& clean = study.clouds[1];
  EXPECT_EQ(masked.keepRate, 0.4);
  EXPECT_EQ(clean.keepRate, 1.0);
  for (const auto* cloud : {&masked, &clean}) {
    EXPECT_EQ(cloud->means.rows, 6);
    ASSERT_EQ(cloud->neighbours.size(), 6U);
    for (const auto& set : cloud->neighbours) EXPECT_EQ(set.size(), 5U);
  }
  EXPECT_EQ(clean.drift, 0.0);
  for (const auto& set : clean.neighbours) EXPECT_EQ(set, clean.neighbours.front());
  EXPECT_EQ(clean.neighbours.front().front(), focus);  // its clean mean is its own nearest
  for (std::int64_t c = 0; c < clean.means.cols; ++c)
    EXPECT_NEAR(clean.means.at(0, c), study.posteriors.mean.at(focus, c), 1e-5);
  EXPECT_EQ(masked.drift, neighbourhoodDrift(masked.neighbours));
  EXPECT_GT(masked.drift, 0.0);
}

TEST(GeometryStudy, FocusUserOfVampHasNoTransfer) {
  const LatentModel model(
      "vamp", tinyModel("vamp", {"latent_dim=4", "hidden_dim=8", "layers=1", "pseudo_inputs=3", "seed=2"}));
  const LatentSample sample = randomSample(8);
  const FocusStudy study = studyFocusUser(model, sample, 0, smallFocus());
  EXPECT_FALSE(study.transfer.has_value());
  EXPECT_EQ(study.latentNeighbours.size(), 5U);
  EXPECT_EQ(study.clouds.size(), 2U);
  EXPECT_EQ(study.clouds[1].drift, 0.0);
}

TEST(GeometryStudy, RefusesAPositionOutsideTheSample) {
  const LatentModel model("multvae", tinyModel("multvae", kMultVae));
  const LatentSample sample = randomSample(9);
  EXPECT_THROW(studyFocusUser(model, sample, sample.size(), smallFocus()), Error);
  EXPECT_THROW(studyDrift(model, sample, {-1}, {1.0}, Cohorts({5})), Error);
}

TEST(GeometryStudy, MapNeighboursOfAHandMadeMap) {
  RowMatrix map(5, 2);
  map.values = {0, 0, 3, 0, 0, 1, -2, -2, 1, 1};
  // From (0, 0): (0, 1) at 1, (1, 1) at 1.41, (-2, -2) at 2.83, (3, 0) at 3.
  EXPECT_EQ(mapNeighbours(map, 0, 3), (std::vector<std::int64_t>{2, 4, 3}));
  EXPECT_EQ(mapNeighbours(map, 0, 10), (std::vector<std::int64_t>{2, 4, 3, 1}));
  // From (3, 0): (1, 1) at 2.24, (0, 0) at 3, (0, 1) at 3.16, (-2, -2) at 5.39.
  EXPECT_EQ(mapNeighbours(map, 1, 4), (std::vector<std::int64_t>{4, 0, 2, 3}));
  EXPECT_THROW(mapNeighbours(map, 5, 1), Error);
}

TEST(GeometryStudy, DriftCohortMeansAreThoseOfItsUsers) {
  const LatentModel model("multvae", tinyModel("multvae", kMultVae));
  const LatentSample sample = randomSample(7);
  const std::vector<std::int64_t> users{0, 3, 5, 8, 13, 21, 34};
  const std::vector<double> keepRates{0.3, 1.0};
  DriftOptions options;
  options.masks = 6;
  options.neighbours = 5;
  const DriftStudy study = studyDrift(model, sample, users, keepRates, Cohorts({7, 9}), options);

  EXPECT_EQ(study.users, users);
  ASSERT_EQ(study.drift.size(), users.size());
  ASSERT_EQ(study.byRate.size(), 2U);
  // Cohorts by row size: "0-6", "7-8", "9+".
  auto cohortOf = [&](std::int64_t position) {
    const auto size = sample.rows.rowSize(position);
    return size < 7 ? std::string("0-6") : size < 9 ? std::string("7-8") : std::string("9+");
  };
  for (std::size_t r = 0; r < keepRates.size(); ++r) {
    EXPECT_EQ(study.byRate[r].keepRate, keepRates[r]);
    double total = 0.0;
    std::map<std::string, std::pair<std::size_t, double>> cohorts;
    for (std::size_t u = 0; u < users.size(); ++u) {
      total += study.drift[u][r];
      auto& cohort = cohorts[cohortOf(users[u])];
      ++cohort.first;
      cohort.second += study.drift[u][r];
    }
    EXPECT_NEAR(study.byRate[r].meanDrift, total / static_cast<double>(users.size()), 1e-12);
    EXPECT_GE(cohorts.size(), 2U);  // the grouping is exercised
    ASSERT_EQ(study.byRate[r].cohorts.size(), cohorts.size());
    for (const auto& mean : study.byRate[r].cohorts) {
      ASSERT_EQ(cohorts.count(mean.cohort), 1U) << mean.cohort;
      EXPECT_EQ(mean.users, cohorts[mean.cohort].first) << mean.cohort;
      EXPECT_NEAR(mean.mean, cohorts[mean.cohort].second / static_cast<double>(mean.users), 1e-12)
          << mean.cohort;
    }
  }
  for (const auto& user : study.drift) EXPECT_EQ(user[1], 0.0);
  EXPECT_GT(study.byRate[0].meanDrift, 0.0);

  // A user's drift is its focus cloud's: the masks depend on the user, not on who else is studied.
  FocusOptions focus;
  focus.keepRates = keepRates;
  focus.masks = 6;
  focus.neighbours = 5;
  const FocusStudy alone = studyFocusUser(model, sample, users[2], focus);
  EXPECT_EQ(alone.clouds[0].drift, study.drift[2][0]);
}

}  // namespace
}  // namespace vaecf::geometry
