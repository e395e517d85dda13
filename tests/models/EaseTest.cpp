#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "TestData.h"
#include "common/Error.h"
#include "eval/Evaluator.h"
#include "ease/Ease.h"

namespace vaecf {
namespace {

namespace fs = std::filesystem;

using Rows = std::vector<std::vector<std::int32_t>>;

CsrMatrix matrixOf(std::int64_t cols, const Rows& rows) {
  CsrMatrix matrix(cols);
  for (const auto& row : rows) matrix.appendRow(row);
  return matrix;
}

std::vector<float> scoresOf(const Recommender& model, const CsrMatrix& input) {
  std::vector<float> scores(static_cast<std::size_t>(input.rows() * model.items()));
  model.score(input, 0, input.rows(), scores.data());
  return scores;
}

// B itself, row-major: the score of the one-item user {i} is row i of B.
std::vector<float> weightsOf(const Recommender& model) {
  CsrMatrix unitRows(model.items());
  for (std::int32_t item = 0; item < model.items(); ++item) unitRows.appendRow({item});
  return scoresOf(model, unitRows);
}

// Two taste communities: users of community c take 4 of every 5 picks from item block c.
Rows plantedCommunities(std::int64_t users, std::int32_t items, std::uint32_t seed) {
  std::mt19937 random(seed);
  const std::int32_t block = items / 2;
  Rows rows;
  for (std::int64_t user = 0; user < users; ++user) {
    const std::int32_t community = static_cast<std::int32_t>(user % 2);
    const std::size_t picks = 8 + random() % 8;
    std::set<std::int32_t> chosen;
    while (chosen.size() < picks) {
      const bool inCommunity = random() % 5 != 0;
      chosen.insert(inCommunity ? community * block + static_cast<std::int32_t>(random() % block)
                                : static_cast<std::int32_t>(random() % items));
    }
    rows.emplace_back(chosen.begin(), chosen.end());
  }
  return rows;
}

struct PlantedSplit {
  CsrMatrix train, foldIn, heldout;
};

// Every fourth item of a validation user is heldout, the rest is the model's input.
PlantedSplit plantedSplit(std::int32_t items) {
  PlantedSplit split{matrixOf(items, plantedCommunities(300, items, 11)), CsrMatrix(items), CsrMatrix(items)};
  for (const auto& row : plantedCommunities(80, items, 12)) {
    std::vector<std::int32_t> foldIn, heldout;
    for (std::size_t k = 0; k < row.size(); ++k) (k % 4 == 0 ? heldout : foldIn).push_back(row[k]);
    split.foldIn.appendRow(foldIn);
    split.heldout.appendRow(heldout);
  }
  return split;
}

std::string errorMessage(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
}

std::string bytesOf(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Users {0,1}, {1,2}, {0,1,2}, {2} give G = X^T X = [[2,2,1],[2,3,2],[1,2,3]]. With lambda = 1,
// A = G + I = [[3,2,1],[2,4,2],[1,2,4]], det A = 24 and P = A^-1 = adj(A) / 24 with
// adj(A) = [[12,-6,0],[-6,11,-4],[0,-4,8]]. B_ij = -P_ij / P_jj:
const std::vector<double> kHandSolvedB{0.0, 6.0 / 11.0, 0.0,  //
                                       0.5, 0.0,        0.5,  //
                                       0.0, 4.0 / 11.0, 0.0};
const Rows kHandSolvedUsers{{0, 1}, {1, 2}, {0, 1, 2}, {2}};

TEST(EaseFit, MatchesTheHandSolvedCaseInBothPrecisions) {
  for (const bool float64 : {true, false}) {
    const auto model = EaseRecommender::fit(matrixOf(3, kHandSolvedUsers), {1.0, float64});
    ASSERT_EQ(model->items(), 3);
    const std::vector<float> b = weightsOf(*model);
    for (std::size_t i = 0; i < kHandSolvedB.size(); ++i) {
      EXPECT_NEAR(b[i], kHandSolvedB[i], 1e-6) << "entry " << i << (float64 ? " (float64)" : " (float32)");
    }
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(b[i * 3 + i], 0.0F);
  }
}

TEST(EaseFit, ScoresAreTheFoldInRowTimesB) {
  const auto model = EaseRecommender::fit(matrixOf(3, kHandSolvedUsers), {1.0, true});
  const std::vector<float> scores = scoresOf(*model, matrixOf(3, {{0, 2}}));
  EXPECT_NEAR(scores[0], 0.0, 1e-6);
  EXPECT_NEAR(scores[1], 10.0 / 11.0, 1e-6);  // 6/11 + 4/11
  EXPECT_NEAR(scores[2], 0.0, 1e-6);
}

TEST(EaseFit, WeightsTheGramMatrixByStoredValues) {
  // One user with x = (2, 1): G = [[4,2],[2,1]], A = G + I = [[5,2],[2,2]], det 6,
  // P = [[2,-2],[-2,5]] / 6, so B_01 = 2/5 and B_10 = 1.
  CsrMatrix valued(2);
  valued.appendRow({0, 1}, {2.0F, 1.0F});
  const std::vector<float> b = weightsOf(*EaseRecommender::fit(valued, {1.0, true}));
  EXPECT_NEAR(b[1], 0.4, 1e-6);
  EXPECT_NEAR(b[2], 1.0, 1e-6);
}

TEST(EaseFit, Float32AgreesWithFloat64) {
  const CsrMatrix train = matrixOf(80, plantedCommunities(300, 80, 3));
  const std::vector<float> b64 = weightsOf(*EaseRecommender::fit(train, {20.0, true}));
  const std::vector<float> b32 = weightsOf(*EaseRecommender::fit(train, {20.0, false}));
  float largest = 0.0F;
  float largestDifference = 0.0F;
  for (std::size_t i = 0; i < b64.size(); ++i) {
    largest = std::max(largest, std::abs(b64[i]));
    largestDifference = std::max(largestDifference, std::abs(b64[i] - b32[i]));
  }
  EXPECT_GT(largest, 0.01F);
  EXPECT_LT(largestDifference, 1e-5F);
}

TEST(EaseFit, RejectsLambdaThatIsNotPositive) {
  const CsrMatrix train = matrixOf(3, kHandSolvedUsers);
  for (const double lambda : {0.0, -5.0, std::numeric_limits<double>::quiet_NaN()}) {
    EXPECT_NE(errorMessage([&] {
                EaseRecommender::fit(train, {lambda, true});
              }).find("must be a positive number"),
              std::string::npos);
  }
}

TEST(EaseFit, StopsWhenCancelledBeforeFactorising) {
  TaskContext context;
  context.cancelFlag = std::make_shared<std::atomic<bool>>(false);
  std::vector<std::uint64_t> steps;
  context.onProgress = [&](std::string_view, std::uint64_t done, std::uint64_t) {
    steps.push_back(done);
    if (done == 1) context.cancelFlag->store(true);  // the Gram matrix is done
  };
  EXPECT_THROW(EaseRecommender::fit(matrixOf(3, kHandSolvedUsers), {1.0, true}, context), Cancelled);
  EXPECT_EQ(steps, (std::vector<std::uint64_t>{0, 1}));
}

TEST(EaseScoring, DenseAndSparseBatchesAgree) {
  const auto model = EaseRecommender::fit(matrixOf(64, plantedCommunities(200, 64, 5)), {10.0, true});
  std::vector<std::int32_t> everyItem(64);
  for (std::int32_t item = 0; item < 64; ++item) everyItem[static_cast<std::size_t>(item)] = item;
  const CsrMatrix input = matrixOf(64, {{3}, everyItem});

  std::vector<float> sparseBatch(64);
  model->score(input, 0, 1, sparseBatch.data());  // one stored entry per row: rows of B summed
  std::vector<float> denseBatch(2 * 64);
  model->score(input, 0, 2, denseBatch.data());  // a full row: one dense product

  const std::vector<float> b = weightsOf(*model);
  for (std::size_t j = 0; j < 64; ++j) {
    EXPECT_FLOAT_EQ(sparseBatch[j], b[3 * 64 + j]);
    EXPECT_FLOAT_EQ(denseBatch[j], b[3 * 64 + j]);
    double columnSum = 0.0;
    for (std::size_t i = 0; i < 64; ++i) columnSum += b[i * 64 + j];
    EXPECT_NEAR(denseBatch[64 + j], columnSum, 1e-4);
  }
}

TEST(EaseScoring, RejectsInputOfAnotherWidth) {
  const auto model = EaseRecommender::fit(matrixOf(3, kHandSolvedUsers), {1.0, true});
  std::vector<float> out(4);
  EXPECT_THROW(model->score(matrixOf(4, {{1}}), 0, 1, out.data()), Error);
}

TEST(EasePersistence, RoundTripGivesIdenticalScores) {
  const PlantedSplit split = plantedSplit(60);
  const auto model = EaseRecommender::fit(split.train, {50.0, true});
  const fs::path file = test::freshTempDir("ease") / "model.ease";
  model->save(file);
  const auto loaded = EaseRecommender::load(file);
  EXPECT_EQ(loaded->items(), 60);
  EXPECT_EQ(scoresOf(*loaded, split.foldIn), scoresOf(*model, split.foldIn));
}

TEST(EasePersistence, CorruptFilesAreInputErrors) {
  const fs::path dir = test::freshTempDir("ease-corrupt");
  const fs::path good = dir / "good.ease";
  EaseRecommender::fit(matrixOf(3, kHandSolvedUsers), {1.0, true})->save(good);
  const std::string bytes = bytesOf(good);
  ASSERT_EQ(bytes.size(), 32U + 9U * sizeof(float));

  std::string flipped = bytes;
  flipped[40] = static_cast<char>(flipped[40] ^ 0x10);
  std::string newerVersion = bytes;
  newerVersion[12] = 2;
  const std::vector<std::pair<std::string, std::string>> cases{
      {"not a model", "not an EASE model file"},
      {bytes.substr(0, bytes.size() - 4), "truncated or corrupt"},
      {bytes + "extra", "truncated or corrupt"},
      {flipped, "checksum mismatch"},
      {newerVersion, "version 2 is not supported"}};
  for (const auto& [content, reason] : cases) {
    const fs::path file = test::writeText(dir / "bad.ease", content);
    try {
      EaseRecommender::load(file);
      ADD_FAILURE() << "accepted a file that should fail with: " << reason;
    } catch (const InputError& error) {
      EXPECT_EQ(error.file(), file.string());
      EXPECT_NE(error.reason().find(reason), std::string::npos) << error.reason();
    }
  }
  EXPECT_THROW(EaseRecommender::load(dir / "missing.ease"), InputError);
}

TEST(EaseMemory, EstimateCountsThreeWorkingMatrices) {
  // The peak measured at 20,108 items held about three I x I working matrices (docs/scale.md).
  EXPECT_EQ(easeMemoryEstimate(20000, true), 3ULL * 20000 * 20000 * 8);
  EXPECT_EQ(easeMemoryEstimate(20000, false), 3ULL * 20000 * 20000 * 4);
}

TEST(EaseMemory, RefusesACatalogueThatCannotFitBeforeAllocating) {
  const CsrMatrix huge(2'000'000);  // ~89,407 GiB in float64
  const std::string message = errorMessage([&] { EaseRecommender::fit(huge, {500.0, true}); });
  EXPECT_EQ(message.rfind("EASE needs about 89407.0 GiB for 2000000 items but only ", 0), 0U) << message;
  EXPECT_NE(message.find("GiB are available"), std::string::npos) << message;
}

// ML-20M's catalogue on the 24 GB machine the project is measured on (docs/scale.md).
TEST(EaseMemory, FitsTwentyThousandItemsInTwentyFourGigabytes) {
  constexpr std::int64_t kMl20mItems = 20108;
  const AvailableMemory machine{24ULL << 30, false};
  EXPECT_EQ(easeMemoryRefusal(easeMemoryEstimate(kMl20mItems, true), kMl20mItems, true, machine), "");
  EXPECT_EQ(easeMemoryRefusal(easeSelectionMemoryEstimate(kMl20mItems, true), kMl20mItems, true, machine), "");
  // The selection holds the best model so far (float32) beside the next fit.
  EXPECT_EQ(easeSelectionMemoryEstimate(kMl20mItems, true) - easeMemoryEstimate(kMl20mItems, true),
            4ULL * kMl20mItems * kMl20mItems);
}

TEST(EaseMemory, RefusalNamesTheEstimateTheMemoryAndTheContainerLimit) {
  constexpr std::int64_t kItems = 100000;  // 223.5 GiB in float64
  const std::string refusal =
      easeMemoryRefusal(easeMemoryEstimate(kItems, true), kItems, true, AvailableMemory{24ULL << 30, true});
  EXPECT_EQ(refusal.rfind("EASE needs about 223.5 GiB for 100000 items but only 24.0 GiB are available under this "
                          "container's memory limit", 0),
            0U)
      << refusal;
  EXPECT_NE(refusal.find("float32 would halve"), std::string::npos) << refusal;
  const std::string float32 =
      easeMemoryRefusal(easeMemoryEstimate(kItems, false), kItems, false, AvailableMemory{24ULL << 30, false});
  EXPECT_EQ(float32.rfind("EASE needs about 111.8 GiB for 100000 items but only 24.0 GiB are available;", 0), 0U)
      << float32;
}

TEST(EaseSelection, PicksTheLambdaWithTheBestValidationNdcg) {
  const PlantedSplit split = plantedSplit(120);
  const std::vector<double> grid{1.0, 30.0, 300.0, 3000.0};
  std::vector<std::uint64_t> steps;
  TaskContext context;
  context.onProgress = [&](std::string_view stage, std::uint64_t done, std::uint64_t total) {
    EXPECT_EQ(stage, "ease");
    EXPECT_EQ(total, grid.size());
    steps.push_back(done);
  };
  const EaseSelection selection =
      selectEaseLambda(split.train, split.foldIn, split.heldout, grid, true, {}, context);

  ASSERT_EQ(selection.validationNdcgByLambda.size(), grid.size());
  double best = -1.0;
  double worst = 2.0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    EXPECT_EQ(selection.validationNdcgByLambda[i].first, grid[i]);
    best = std::max(best, selection.validationNdcgByLambda[i].second);
    worst = std::min(worst, selection.validationNdcgByLambda[i].second);
  }
  EXPECT_GT(best - worst, 1e-4);  // the grid matters on this data, so the choice is a real one
  const auto chosen =
      std::find_if(selection.validationNdcgByLambda.begin(), selection.validationNdcgByLambda.end(),
                   [&](const auto& point) { return point.first == selection.lambda; });
  ASSERT_NE(chosen, selection.validationNdcgByLambda.end());
  EXPECT_EQ(chosen->second, best);
  EXPECT_EQ(steps, (std::vector<std::uint64_t>{0, 1, 2, 3, 4}));

  const auto ndcgOf = [&](const Recommender& model) {
    return evaluate(model, split.foldIn, split.heldout).metrics.at("ndcg@100").mean;
  };
  ASSERT_NE(selection.model, nullptr);
  EXPECT_EQ(ndcgOf(*selection.model), best);
  EXPECT_EQ(ndcgOf(*EaseRecommender::fit(split.train, {selection.lambda, true})), best);
}

TEST(EaseSelection, TiesGoToTheSmallerLambda) {
  // Without fold-in items every score is 0, so every lambda ranks by item index alike.
  const PlantedSplit split = plantedSplit(120);
  CsrMatrix emptyFoldIn(120);
  for (std::int64_t row = 0; row < split.heldout.rows(); ++row) emptyFoldIn.appendRow({});
  const EaseSelection selection =
      selectEaseLambda(split.train, emptyFoldIn, split.heldout, {300.0, 30.0, 3000.0}, true, {});
  EXPECT_EQ(selection.lambda, 30.0);
  EXPECT_EQ(selection.validationNdcgByLambda[0].second, selection.validationNdcgByLambda[1].second);
}

TEST(EaseSelection, RejectsAnEmptyGrid) {
  const PlantedSplit split = plantedSplit(120);
  EXPECT_THROW(selectEaseLambda(split.train, split.foldIn, split.heldout, {}, true, {}), Error);
}

}  // namespace
}  // namespace vaecf
