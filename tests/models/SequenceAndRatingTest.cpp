#include <gtest/gtest.h>

#include <algorithm>
#include <map>
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
#include "experiment/Experiment.h"
#include "deeprec/DeepRecNetwork.h"
#include "deeprec/RatingBaselines.h"
#include "svae/Svae.h"
#include "svae/SvaeModel.h"
#include "train/EventLog.h"
#include "train/TrainingEngine.h"
#include "train/TrainingParams.h"
#include "plugin/ModelCatalog.h"

namespace vaecf {
namespace {

using test::ratingLog;
using test::ratingTime;

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

ParamSet deepRecTestParams(const std::vector<std::string>& assignments) {
  ParamSet params(trainingParamSpecs(findModel("deeprec")));
  for (const char* assignment : {"layers=6,4,6", "threads=1", "optimizer=sgd", "lr=0.05"}) params.assign(assignment);
  params.set("device", test::trainingDevice());
  for (const auto& assignment : assignments) params.assign(assignment);
  return params;
}

CsrMatrix ratingRows(const torch::Tensor& dense) {
  CsrMatrix matrix(dense.size(1));
  for (std::int64_t row = 0; row < dense.size(0); ++row) {
    std::vector<std::int32_t> columns;
    std::vector<float> values;
    for (std::int64_t item = 0; item < dense.size(1); ++item) {
      if (dense[row][item].item<float>() == 0.0F) continue;
      columns.push_back(static_cast<std::int32_t>(item));
      values.push_back(dense[row][item].item<float>());
    }
    matrix.appendRow(columns, values);
  }
  return matrix;
}

TEST(DeepRecRefeed, TheTrainerTakesASecondUpdateOnTheFirstPassOutput) {
  const torch::Tensor ratings = tinyRatings();
  const ModelFamily definition = findModel("deeprec");
  const ParamSet params = deepRecTestParams({"refeeds=1", "batch_size=8"});
  TrainingEngine engine(definition, params, ratings.size(1));
  std::vector<BatchRecord> records;
  ASSERT_TRUE(engine.trainEpoch(ratingRows(ratings), 1, [] { return true; },
                                [&](const BatchRecord& record) { records.push_back(record); }));

  // The same by hand from the same initial weights: SGD with momentum on the masked MSE of
  // the ratings, then on f(x) (computed before that update) as input and fully observed
  // target. One batch of every user, whose order the losses do not depend on.
  auto manual = definition.create(params, ratings.size(1));
  const torch::Device device(test::trainingDevice());
  manual->to(device);
  const torch::Tensor target = ratings.to(device);
  torch::optim::SGD optimizer(manual->parameters(), torch::optim::SGDOptions(0.05).momentum(0.9));
  auto forward = [&](const torch::Tensor& input) { return manual->scores(input); };
  optimizer.zero_grad();
  const torch::Tensor firstOutput = forward(target);
  const torch::Tensor firstLoss = deeprec::maskedMse(firstOutput, target, (target != 0).to(torch::kFloat));
  firstLoss.backward();
  optimizer.step();
  optimizer.zero_grad();
  const torch::Tensor dense = firstOutput.detach();
  const torch::Tensor secondLoss = (forward(dense) - dense).pow(2).mean();
  secondLoss.backward();
  optimizer.step();

  EXPECT_EQ(engine.step(), 2);  // two updates for the one batch
  ASSERT_EQ(records.size(), 1U);
  std::map<std::string, double> scalars(records[0].scalars.begin(), records[0].scalars.end());
  EXPECT_NEAR(scalars.at("loss"), firstLoss.item<double>(), 1e-5);
  EXPECT_NEAR(scalars.at("refeed_loss"), secondLoss.item<double>(), 1e-5);
  engine.inspectModel([&](const std::shared_ptr<vae::AutoencoderModel>& trained) {
    const auto a = trained->parameters();
    const auto b = manual->parameters();
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_TRUE(torch::allclose(a[i], b[i], 1e-4, 1e-6)) << i;
  });
}

TEST(DeepRecRefeed, EachFollowUpFitsThePreviousPassAndTheLastAsksForNone) {
  const ParamSet params = deepRecTestParams({"refeeds=2"});
  auto model = findModel("deeprec").create(params, 12);
  const vae::Phase phase = model->phases().front();
  vae::Batch batch{tinyRatings(), {}, {}, 0, {}};
  for (int pass = 0; pass <= 2; ++pass) {
    const vae::Loss loss = model->loss(batch, phase, {});
    ASSERT_EQ(loss.followUp.has_value(), pass < 2) << pass;
    EXPECT_EQ(loss.terms.size(), pass == 0 ? 0U : 1U);  // the re-feeding loss is a curve of its own
    if (!loss.followUp) break;
    EXPECT_EQ(loss.followUp->followUp, pass + 1);
    EXPECT_FALSE(loss.followUp->rows.requires_grad());
    EXPECT_TRUE(torch::allclose(loss.followUp->rows, model->scores(batch.rows), 1e-5, 1e-6)) << pass;
    batch = *loss.followUp;
  }
}

TEST(DeepRecOptimizer, TheStepScheduleHalvesTheRateAfterEachMilestone) {
  const ParamSet params = deepRecTestParams({"lr_milestones=2,4", "lr_decay=0.5", "optimizer=sgd"});
  const vae::Phase phase = findModel("deeprec").create(params, 12)->phases().front();
  EXPECT_EQ(phase.optimizer.kind, vae::Optimizer::Kind::SgdMomentum);
  EXPECT_DOUBLE_EQ(phase.optimizer.learningRate(0.05, 1), 0.05);
  EXPECT_DOUBLE_EQ(phase.optimizer.learningRate(0.05, 2), 0.05);  // decays after epoch 2, as MultiStepLR
  EXPECT_DOUBLE_EQ(phase.optimizer.learningRate(0.05, 3), 0.025);
  EXPECT_DOUBLE_EQ(phase.optimizer.learningRate(0.05, 5), 0.0125);
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
  auto model = findModel("deeprec").create(deepRecTestParams({"lr=0.01", "refeeds=0"}), 12);
  const vae::Phase phase = model->phases().front();
  torch::optim::SGD optimizer(phase.parameters, torch::optim::SGDOptions(0.01).momentum(0.9));
  const vae::Batch batch{ratings, {}, {}, 0, {}};
  const vae::Loss before = model->loss(batch, phase, {});
  EXPECT_FALSE(before.followUp.has_value());
  optimizer.zero_grad();
  before.total.backward();
  optimizer.step();
  EXPECT_LT(model->loss(batch, phase, {}).total.item<double>(), before.total.item<double>());
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

TEST(DeepRecTraining, TheRatingSplitBecomesTheTrainersSplitWithItsValues) {
  const RatingSplit ratings = timeRatingSplit(ratingLog(12, 10), 500, 7);
  const Split split = trainingSplitOf(ratings);
  EXPECT_EQ(split.itemIds, ratings.itemIds);
  EXPECT_EQ(split.trainUserIds, ratings.userIds);
  EXPECT_EQ(split.train.values(), ratings.train.values());
  // Validation users are the ones with later ratings: their training row is the fold-in.
  EXPECT_EQ(split.validationHeldout.nonZeros(), ratings.validation.nonZeros());
  EXPECT_EQ(split.testHeldout.nonZeros(), ratings.test.nonZeros());
  ASSERT_GT(split.validationFoldIn.rows(), 0);
  for (std::int64_t row = 0; row < split.validationFoldIn.rows(); ++row) {
    EXPECT_GT(split.validationHeldout.rowSize(row), 0);
    const auto user = std::find(ratings.userIds.begin(), ratings.userIds.end(), split.validationUserIds[row]) -
                      ratings.userIds.begin();
    EXPECT_EQ(split.validationFoldIn.rowSize(row), ratings.train.rowSize(user));
    EXPECT_EQ(split.validationHeldout.value(row, 0), ratings.validation.value(user, 0));
  }
}

TEST(DeepRecTraining, TheSplitKeyFollowsWhatTheSplitReads) {
  ParamSet params = defaultParams("deeprec");
  const ProtocolOptions protocol;
  const std::string key = trainingSplitKey(findModel("deeprec"), params, protocol);
  params.set("seed", "3");
  params.set("lr", "0.1");
  EXPECT_EQ(trainingSplitKey(findModel("deeprec"), params, protocol), key);  // training settings only
  params.set("split_seed", "4");
  EXPECT_NE(trainingSplitKey(findModel("deeprec"), params, protocol), key);
  ProtocolOptions other;
  other.heldoutFraction = 0.3;
  const ParamSet svae = defaultParams("svae");
  EXPECT_NE(trainingSplitKey(findModel("svae"), svae, other), trainingSplitKey(findModel("svae"), svae, protocol));
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
                                torch::tensor({0L, 5L}), 0, {}};
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
