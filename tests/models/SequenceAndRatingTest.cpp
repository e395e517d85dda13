#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "TestData.h"
#include "common/Error.h"
#include "data/Protocol.h"
#include "data/RatingSplit.h"
#include "data/TemporalSplit.h"
#include "models/deeprec/DeepRecNetwork.h"
#include "models/deeprec/RatingBaselines.h"
#include "models/svae/Svae.h"
#include "models/svae/SvaeModel.h"
#include "train/EventLog.h"

namespace vaecf {
namespace {

// When user u rates item i in ratingLog: each user's items in a rotated order, so every
// item is rated early by some users and late by others.
std::int64_t ratingTime(std::uint32_t user, std::uint32_t item, std::uint32_t items) {
  return 100 * static_cast<std::int64_t>((user + item) % items) + user;
}

// A log of `users` x `items` ratings of value 1 + (u + i) % 5 at ratingTime, written in
// reverse user and item order so file order is not time order.
InteractionLog ratingLog(std::uint32_t users, std::uint32_t items) {
  InteractionLog log;
  log.source = "hand-made";
  log.explicitValues = true;
  log.hasTimestamps = true;
  for (std::uint32_t u = 0; u < users; ++u) log.users.intern("u" + std::to_string(u));
  for (std::uint32_t i = 0; i < items; ++i) log.items.intern("i" + std::to_string(i));
  for (std::uint32_t i = items; i-- > 0;) {
    for (std::uint32_t u = users; u-- > 0;) {
      log.interactions.push_back({u, i, static_cast<float>(1 + (u + i) % 5), ratingTime(u, i, items)});
    }
  }
  return log;
}

struct Rating {
  std::string user, item;
  float value;
  bool operator<(const Rating& other) const {
    return std::tie(user, item, value) < std::tie(other.user, other.item, other.value);
  }
  bool operator==(const Rating& other) const {
    return std::tie(user, item, value) == std::tie(other.user, other.item, other.value);
  }
};

std::set<Rating> ratingsOf(const RatingSplit& split, const CsrMatrix& matrix) {
  std::set<Rating> ratings;
  for (std::int64_t row = 0; row < matrix.rows(); ++row) {
    for (std::int64_t k = 0; k < matrix.rowSize(row); ++k) {
      ratings.insert({split.userIds[static_cast<std::size_t>(row)],
                      split.itemIds[static_cast<std::size_t>(matrix.rowColumns(row)[k])], matrix.value(row, k)});
    }
  }
  return ratings;
}

std::uint32_t numberIn(const std::string& id) { return static_cast<std::uint32_t>(std::stoul(id.substr(1))); }

std::int64_t timeOf(const Rating& rating) { return ratingTime(numberIn(rating.user), numberIn(rating.item), 10); }

CsrMatrix valuedMatrix(std::int64_t cols, const std::vector<std::vector<std::pair<std::int32_t, float>>>& rows) {
  CsrMatrix matrix(cols);
  for (const auto& row : rows) {
    std::vector<std::int32_t> columns;
    std::vector<float> values;
    for (const auto& [column, value] : row) {
      columns.push_back(column);
      values.push_back(value);
    }
    matrix.appendRow(columns, values);
  }
  return matrix;
}

// ---- RatingSplit ----

TEST(RatingSplitTest, TimestampCutLeavesTheRequestedShareBefore) {
  const InteractionLog log = ratingLog(10, 10);  // times 0..909
  const std::int64_t cut = timestampCut(log, 0.8);
  const auto before = std::count_if(log.interactions.begin(), log.interactions.end(),
                                    [&](const Interaction& rating) { return rating.timestamp < cut; });
  EXPECT_EQ(before, 80);
  EXPECT_EQ(cut, 800);
}

TEST(RatingSplitTest, TimeSplitTrainsBeforeTheCutAndHalvesTheRestDisjointly) {
  InteractionLog log = ratingLog(6, 10);
  // A user and an item seen only after the cut: their ratings are dropped.
  const std::uint32_t lateUser = log.users.intern("late-user");
  const std::uint32_t lateItem = log.items.intern("late-item");
  log.interactions.push_back({lateUser, 0, 4.0F, 950});
  log.interactions.push_back({0, lateItem, 4.0F, 960});

  const RatingSplit split = timeRatingSplit(log, 500, 7);
  const auto train = ratingsOf(split, split.train);
  const auto validation = ratingsOf(split, split.validation);
  const auto test = ratingsOf(split, split.test);
  EXPECT_EQ(train.size(), 30U);  // five items of each of six users
  for (const Rating& rating : train) EXPECT_LT(timeOf(rating), 500) << rating.user << " " << rating.item;
  for (const auto* part : {&validation, &test}) {
    for (const Rating& rating : *part) EXPECT_GE(timeOf(rating), 500) << rating.user << " " << rating.item;
  }
  EXPECT_EQ(validation.size() + test.size(), 30U);
  for (const Rating& rating : validation) EXPECT_EQ(test.count(rating), 0U);
  EXPECT_EQ(split.droppedEvaluationRatings, 2);
  EXPECT_EQ(std::count(split.userIds.begin(), split.userIds.end(), "late-user"), 0);
  EXPECT_EQ(std::count(split.itemIds.begin(), split.itemIds.end(), "late-item"), 0);
  EXPECT_EQ(split.itemIds.size(), 10U);
  // Training rows list items in time order although the file is not: u1 rated i9 first.
  ASSERT_EQ(split.userIds[1], "u1");
  EXPECT_EQ(split.itemIds[static_cast<std::size_t>(split.train.rowColumns(1)[0])], "i9");
}

TEST(RatingSplitTest, TheValidationTestCoinIsSeeded) {
  const InteractionLog log = ratingLog(8, 10);
  const RatingSplit first = timeRatingSplit(log, 500, 7);
  const RatingSplit again = timeRatingSplit(log, 500, 7);
  const RatingSplit other = timeRatingSplit(log, 500, 8);
  EXPECT_EQ(ratingsOf(first, first.validation), ratingsOf(again, again.validation));
  // 40 later ratings: two seeds agreeing on every coin has probability 2^-40.
  EXPECT_NE(ratingsOf(first, first.validation), ratingsOf(other, other.validation));
}

TEST(RatingSplitTest, RandomSplitKeepsAboutTheTrainFraction) {
  const InteractionLog log = ratingLog(40, 50);
  const RatingSplit split = randomRatingSplit(log, 0.9, 3);
  const double trained = static_cast<double>(split.train.nonZeros()) / 2000.0;
  EXPECT_NEAR(trained, 0.9, 0.03);
  EXPECT_EQ(split.train.nonZeros() + split.validation.nonZeros() + split.test.nonZeros() +
                split.droppedEvaluationRatings,
            2000);
}

// ---- DeepRec ----

TEST(DeepRecLayers, ParsesThePaperNotation) {
  const DeepRecLayers full = parseDeepRecLayers("512,512,1024,dp0.8,512,512");
  EXPECT_EQ(full.encoder, (std::vector<std::int64_t>{512, 512, 1024}));
  EXPECT_DOUBLE_EQ(full.codeDropout, 0.8);
  const DeepRecLayers plain = parseDeepRecLayers("128,64,128");
  EXPECT_EQ(plain.encoder, (std::vector<std::int64_t>{128, 64}));
  EXPECT_DOUBLE_EQ(plain.codeDropout, 0.0);
  EXPECT_THROW(parseDeepRecLayers("512,256"), Error);              // no middle code
  EXPECT_THROW(parseDeepRecLayers("128,256,dp0.5,64"), Error);     // decoder does not mirror
  EXPECT_THROW(parseDeepRecLayers("128,dp0.5,256,128"), Error);    // dropout off the code
  EXPECT_THROW(parseDeepRecLayers("128,dp1.5,128"), Error);        // not a probability
}

TEST(DeepRecMaskedMse, UnobservedEntriesContributeNothing) {
  const auto targets = torch::tensor({{5.0F, 0.0F, 3.0F}, {0.0F, 4.0F, 0.0F}});
  const auto mask = deeprec::observedRatings(targets).mask;
  const auto predictions = torch::tensor({{4.0F, 9.0F, 3.5F}, {-7.0F, 2.0F, 8.0F}});
  const auto changed = torch::tensor({{4.0F, -3.0F, 3.5F}, {1.0F, 2.0F, 0.0F}});
  // (1 + 0.25 + 4) / 3 observed ratings.
  EXPECT_NEAR(deeprec::maskedMse(predictions, targets, mask).item<double>(), 5.25 / 3.0, 1e-6);
  EXPECT_NEAR(deeprec::maskedMse(changed, targets, mask).item<double>(), 5.25 / 3.0, 1e-6);
}

TEST(DeepRecRefeed, TheExampleIsTheDetachedOutputAsInputAndTarget) {
  const auto output = torch::tensor({{1.5F, 0.0F, -2.0F}}).requires_grad_(true) * 2;
  const deeprec::DenseExample example = deeprec::refeedExample(output);
  EXPECT_TRUE(torch::equal(example.input, output.detach()));
  EXPECT_TRUE(torch::equal(example.target, output.detach()));
  EXPECT_FALSE(example.input.requires_grad());
  EXPECT_TRUE(torch::equal(example.mask, torch::ones({1, 3})));  // the exact zero counts too
}

deeprec::Network tinyNetwork(bool tied = false) {
  torch::manual_seed(5);
  return deeprec::Network(deeprec::NetworkOptions{12, parseDeepRecLayers("6,4,6"), "selu", false, tied});
}

torch::Tensor tinyRatings() {
  torch::manual_seed(9);
  return torch::randint(1, 6, {8, 12}).to(torch::kFloat) * (torch::rand({8, 12}) < 0.4).to(torch::kFloat);
}

TEST(DeepRecRefeed, ASecondUpdateFitsTheFirstPassOutput) {
  const torch::Tensor ratings = tinyRatings();
  deeprec::Network stepped = tinyNetwork();
  torch::optim::SGD steppedOptimizer(stepped->parameters(), torch::optim::SGDOptions(0.05).momentum(0.9));
  const deeprec::StepLosses losses = deeprec::trainStep(stepped, steppedOptimizer, ratings, 1, 0.0);

  // The same by hand: update on the ratings, then on f(x) (computed before that update)
  // as input and fully observed target.
  deeprec::Network manual = tinyNetwork();
  torch::optim::SGD manualOptimizer(manual->parameters(), torch::optim::SGDOptions(0.05).momentum(0.9));
  manualOptimizer.zero_grad();
  const torch::Tensor firstOutput = manual->forward(ratings);
  const torch::Tensor firstLoss = deeprec::maskedMse(firstOutput, ratings, (ratings != 0).to(torch::kFloat));
  firstLoss.backward();
  manualOptimizer.step();
  manualOptimizer.zero_grad();
  const torch::Tensor dense = firstOutput.detach();
  const torch::Tensor secondLoss = (manual->forward(dense) - dense).pow(2).mean();
  secondLoss.backward();
  manualOptimizer.step();

  EXPECT_NEAR(losses.observed, firstLoss.item<double>(), 1e-6);
  ASSERT_EQ(losses.refeeds.size(), 1U);
  EXPECT_NEAR(losses.refeeds[0], secondLoss.item<double>(), 1e-6);
  const auto a = stepped->parameters();
  const auto b = manual->parameters();
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(torch::allclose(a[i], b[i], 1e-5, 1e-6)) << i;
}

TEST(DeepRecNetwork, TheTiedDecoderReusesTheEncoderWeights) {
  auto count = [](deeprec::Network network) {
    std::int64_t total = 0;
    for (const auto& parameter : network->parameters()) total += parameter.numel();
    return total;
  };
  // Weights 12*6 + 6*4 per side, biases 6 + 4 (encoder) and 6 + 12 (decoder).
  EXPECT_EQ(count(tinyNetwork(false)), 2 * (72 + 24) + 28);
  EXPECT_EQ(count(tinyNetwork(true)), 72 + 24 + 28);
  EXPECT_EQ(tinyNetwork(true)->forward(tinyRatings()).sizes(), (std::vector<std::int64_t>{8, 12}));
}

TEST(DeepRecTraining, OneStepLowersTheLoss) {
  const torch::Tensor ratings = tinyRatings();
  const torch::Tensor mask = (ratings != 0).to(torch::kFloat);
  deeprec::Network network = tinyNetwork();
  torch::optim::SGD optimizer(network->parameters(), torch::optim::SGDOptions(0.01).momentum(0.9));
  auto loss = [&] {
    torch::NoGradGuard noGrad;
    return deeprec::maskedMse(network->forward(ratings), ratings, mask).item<double>();
  };
  const double before = loss();
  deeprec::trainStep(network, optimizer, ratings, 0, 0.0);
  EXPECT_LT(loss(), before);
}

TEST(DeepRecBaselines, HandMadeRatings) {
  // Additive ratings mean 4, user offsets (0, -1)... trained on three, scored on the fourth.
  const CsrMatrix train = valuedMatrix(2, {{{0, 5.0F}, {1, 3.0F}}, {{0, 4.0F}}});
  const CsrMatrix scored = valuedMatrix(2, {{}, {{1, 2.0F}}});
  EXPECT_DOUBLE_EQ(fitGlobalMean(train).mean, 4.0);
  EXPECT_DOUBLE_EQ(rmse(fitGlobalMean(train), scored), 2.0);
  const BiasModel itemMean = fitItemMean(train);
  EXPECT_DOUBLE_EQ(itemMean.predict(1, 0), 4.5);
  EXPECT_DOUBLE_EQ(rmse(itemMean, scored), 1.0);  // predicts item 1's mean, 3
  // Any exact additive fit predicts 2: r(u1,i1) = r(u1,i0) - (r(u0,i0) - r(u0,i1)).
  EXPECT_NEAR(rmse(fitBiases(train, 0.0, 200), scored), 0.0, 1e-6);
  EXPECT_NEAR(rmse(fitBiases(train, 0.0, 200), train), 0.0, 1e-6);
  // Regularisation shrinks the biases towards the mean.
  EXPECT_GT(rmse(fitBiases(train, 10.0, 200), train), 0.1);
  const BaselineRmse all = baselineRmse(train, scored, 0.0, 200);
  EXPECT_DOUBLE_EQ(all.globalMean, 2.0);
  EXPECT_DOUBLE_EQ(all.itemMean, 1.0);
}

TEST(DeepRecTraining, KeepsTheBestValidationRmseAndLogsIt) {
  const InteractionLog log = ratingLog(30, 20);
  ParamSet params(deepRecParams());
  for (const char* assignment : {"epochs=3", "layers=8,4,8", "batch_size=8", "threads=1", "split=random"})
    params.assign(assignment);
  const RatingSplit split = deepRecSplit(log, params);
  const auto folder = test::freshTempDir("deeprec-run");
  const DeepRecResult result = trainDeepRec(split, params, folder);

  EXPECT_EQ(result.epochs, 3);
  EXPECT_GE(result.bestEpoch, 1);
  EXPECT_GT(result.testRmse, 0.0);
  EXPECT_TRUE(std::isfinite(result.testRmse));
  EXPECT_EQ(result.validationRatings + result.testRatings, split.validation.nonZeros() + split.test.nonZeros());
  std::vector<double> validationRmse;
  for (const TrainingEvent& event : readRunEvents(folder)) {
    if (const auto* evaluation = std::get_if<Evaluation>(&event.payload)) {
      if (evaluation->split == EvaluatedSplit::Validation)
        validationRmse.push_back(evaluation->report.metrics.at("rmse").mean);
    }
  }
  ASSERT_EQ(validationRmse.size(), 3U);
  EXPECT_DOUBLE_EQ(result.validationRmse, *std::min_element(validationRmse.begin(), validationRmse.end()));
}

// ---- SVAE ----

constexpr std::int64_t kSvaeItems = 10;

std::shared_ptr<svae::SvaeModel> tinySvae() {
  ParamSet params(svae::svaeParams());
  params.assign("lr=0.01");
  svae::SvaeSizes sizes;
  sizes.items = kSvaeItems;
  sizes.embedding = 8;
  sizes.hidden = 6;
  sizes.encoder = 5;
  sizes.latent = 3;
  sizes.nextItems = 2;
  torch::manual_seed(4);
  return std::make_shared<svae::SvaeModel>(params, sizes);
}

svae::PaddedSequences sequences(const std::vector<std::vector<std::int64_t>>& rows, std::vector<std::int64_t> lengths) {
  std::vector<std::int64_t> flat;
  for (const auto& row : rows) flat.insert(flat.end(), row.begin(), row.end());
  const auto width = static_cast<std::int64_t>(rows.front().size());
  return {torch::tensor(flat).view({static_cast<std::int64_t>(rows.size()), width}), torch::tensor(lengths)};
}

double svaeLoss(svae::SvaeModel& model, const svae::PaddedSequences& batch) {
  torch::manual_seed(21);  // the same latent noise for each call
  return model.sequenceLoss(batch, 0.2).total.item<double>();
}

TEST(SvaeSequences, PaddedRowsFollowTheBagOffsets) {
  const svae::PaddedSequences padded =
      svae::paddedSequences(torch::tensor({3L, 1L, 2L, 5L}), torch::tensor({0L, 3L}), kSvaeItems);
  EXPECT_TRUE(torch::equal(padded.items, torch::tensor({{3L, 1L, 2L}, {5L, kSvaeItems, kSvaeItems}})));
  EXPECT_TRUE(torch::equal(padded.lengths, torch::tensor({3L, 1L})));
}

TEST(SvaeLoss, PaddingNeverLeaksIntoTheLoss) {
  auto model = tinySvae();
  const double base = svaeLoss(*model, sequences({{1, 2, 3, 4}, {5, 6, kSvaeItems, kSvaeItems}}, {4, 2}));
  // Longer padding, and other ids where the rows are padded.
  const double morePadding = svaeLoss(*model, sequences({{1, 2, 3, 4, kSvaeItems, kSvaeItems},
                                                         {5, 6, 9, 0, 7, kSvaeItems}}, {4, 2}));
  EXPECT_NEAR(base, morePadding, 1e-6);
  // A one-item row has no next item, so no step of it counts.
  const double withSingle = svaeLoss(*model, sequences({{1, 2, 3, 4}, {5, 6, kSvaeItems, kSvaeItems},
                                                        {8, kSvaeItems, kSvaeItems, kSvaeItems}}, {4, 2, 1}));
  EXPECT_NEAR(base, withSingle, 1e-6);
  // Changing a real item does change it.
  EXPECT_GT(std::abs(base - svaeLoss(*model, sequences({{1, 2, 3, 7}, {5, 6, kSvaeItems, kSvaeItems}}, {4, 2}))),
            1e-6);
}

TEST(SvaeLoss, EvaluationScoresReadTheLastRealStep) {
  auto model = tinySvae();
  model->eval();
  torch::NoGradGuard noGrad;
  const auto shortRow = model->lastStepPosterior(sequences({{1, 2, kSvaeItems}}, {2})).mean;
  const auto same = model->lastStepPosterior(sequences({{1, 2}}, {2})).mean;
  const auto longer = model->lastStepPosterior(sequences({{1, 2, 3}}, {3})).mean;
  EXPECT_TRUE(torch::allclose(shortRow, same));
  EXPECT_FALSE(torch::allclose(shortRow, longer));
}

TEST(SvaeTraining, OneStepLowersTheLoss) {
  auto model = tinySvae();
  const auto batch = sequences({{1, 2, 3, 4, 5}, {5, 6, 7, kSvaeItems, kSvaeItems}}, {5, 3});
  auto evalLoss = [&] {
    model->eval();
    torch::NoGradGuard noGrad;
    const double loss = model->sequenceLoss(batch, 0.2).total.item<double>();
    model->train();
    return loss;
  };
  const double before = evalLoss();
  const vae::Phase phase = model->phases().front();
  torch::optim::Adam optimizer(phase.parameters, torch::optim::AdamOptions(phase.learningRate));
  const vae::Batch trainerBatch{torch::Tensor(), torch::tensor({1L, 2L, 3L, 4L, 5L, 5L, 6L, 7L}),
                                torch::tensor({0L, 5L})};
  optimizer.zero_grad();
  model->loss(trainerBatch, phase, vae::TrainingClock{1000, 1}).total.backward();
  optimizer.step();
  EXPECT_LT(evalLoss(), before);
}

TEST(SvaeTemporalSplit, HeldoutUsersScoreTheirLatestFifth) {
  const InteractionLog log = ratingLog(12, 10);
  ProtocolOptions protocol;
  protocol.heldoutUsers = 2;
  const Split split = strongGeneralizationSplit(log, binarize(log, protocol), protocol);
  const Split ordered = temporalSplit(split, log, 0.2);

  auto itemNumber = [&](std::int32_t column) { return std::stoi(ordered.itemIds[static_cast<std::size_t>(column)].substr(1)); };
  auto rowNumbers = [&](const CsrMatrix& matrix, std::int64_t row) {
    std::vector<int> numbers;
    for (std::int64_t k = 0; k < matrix.rowSize(row); ++k) numbers.push_back(itemNumber(matrix.rowColumns(row)[k]));
    return numbers;
  };
  // User u rates item (10 - u + k) % 10 as their k-th.
  auto inTime = [](const std::string& userId, int first, int last) {
    std::vector<int> items;
    for (int k = first; k < last; ++k) items.push_back((10 - static_cast<int>(numberIn(userId)) % 10 + k) % 10);
    return items;
  };
  for (std::int64_t row = 0; row < ordered.train.rows(); ++row)
    EXPECT_EQ(rowNumbers(ordered.train, row), inTime(ordered.trainUserIds[static_cast<std::size_t>(row)], 0, 10));
  ASSERT_EQ(ordered.validationFoldIn.rows(), 2);
  for (std::int64_t row = 0; row < 2; ++row) {
    const std::string& validationUser = ordered.validationUserIds[static_cast<std::size_t>(row)];
    EXPECT_EQ(rowNumbers(ordered.validationFoldIn, row), inTime(validationUser, 0, 8));
    EXPECT_EQ(rowNumbers(ordered.validationHeldout, row), inTime(validationUser, 8, 10));
    EXPECT_EQ(rowNumbers(ordered.testHeldout, row), inTime(ordered.testUserIds[static_cast<std::size_t>(row)], 8, 10));
  }
  EXPECT_EQ(ordered.validationUserIds, split.validationUserIds);
}

}  // namespace
}  // namespace vaecf
