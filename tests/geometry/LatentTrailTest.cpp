#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "TestData.h"
#include "common/Error.h"
#include "data/Protocol.h"
#include "data/SyntheticData.h"
#include "geometry/LatentModel.h"
#include "geometry/LatentSample.h"
#include "geometry/LatentTrail.h"
#include "models/vae/AutoencoderModel.h"
#include "plugin/ModelCatalog.h"
#include "train/RunFolder.h"

namespace vaecf::geometry {
namespace {

namespace fs = std::filesystem;

// 300 synthetic users over 80 items, 30 of them held out for validation and 30 for test.
const Split& syntheticSplit() {
  static const auto split = test::syntheticSplit({300, 80, 12.0, 30});
  return *split;
}

// An untrained model of `name` in eval mode: its posteriors are as good a point set as any.
LatentModel untrainedModel(const std::string& name, const std::vector<std::string>& assignments) {
  ParamSet params(findModel(name).params);
  for (const auto& assignment : assignments) params.assign(assignment);
  auto model = findModel(name).create(params, syntheticSplit().items());
  model->eval();
  return LatentModel(name, std::move(model));
}

LatentModel piaModel() {
  return untrainedModel("multvae", {"latent_dim=6", "hidden_dim=16", "pia=true", "seed=2"});
}

void expectNear(const RowMatrix& actual, const RowMatrix& expected, double tolerance,
                const std::string& what) {
  ASSERT_EQ(actual.rows, expected.rows) << what;
  ASSERT_EQ(actual.cols, expected.cols) << what;
  for (std::size_t i = 0; i < actual.values.size(); ++i) {
    EXPECT_NEAR(actual.values[i], expected.values[i], tolerance * (1.0 + std::abs(expected.values[i])))
        << what << " value " << i;
  }
}

void expectNear(const std::vector<float>& actual, const std::vector<float>& expected, double tolerance,
                const std::string& what) {
  RowMatrix a(1, static_cast<std::int64_t>(actual.size())), e(1, static_cast<std::int64_t>(expected.size()));
  a.values = actual;
  e.values = expected;
  expectNear(a, e, tolerance, what);
}

// The message of the InputError `read` throws, after checking it names `file`.
template <class Read>
std::string inputErrorOf(Read read, const fs::path& file) {
  try {
    read();
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), file.string());
    return e.what();
  }
  ADD_FAILURE() << "no InputError for " << file;
  return {};
}

// ---- Recording ----

TEST(LatentTrailRecord, ProjectsUsersAnchorsAndPseudoInputsWithOneBasis) {
  const LatentSample sample = drawLatentSample(syntheticSplit(), 120, 1);
  const LatentModel model = piaModel();
  const LatentFrame frame = recordLatentFrame(model, sample, 4);
  EXPECT_EQ(frame.epoch, 4);
  EXPECT_EQ(frame.users.rows, 120);
  EXPECT_EQ(frame.users.cols, 2);
  EXPECT_EQ(frame.anchors.rows, syntheticSplit().items());
  EXPECT_EQ(frame.pseudoInputs.rows, 0);
  ASSERT_EQ(frame.basis.components.rows, 2);
  EXPECT_EQ(frame.basis.components.cols, 6);

  // The users' coordinates are their means projected with the saved basis, which centres them.
  const RowMatrix means = model.posteriors(sample.rows).mean;
  expectNear(frame.users, project(frame.basis, means), 1e-5, "users");
  expectNear(frame.anchors, project(frame.basis, model.itemAnchors()), 1e-5, "anchors");
  for (std::int64_t axis = 0; axis < 2; ++axis) {
    double sum = 0.0;
    for (std::int64_t u = 0; u < frame.users.rows; ++u) sum += frame.users.at(u, axis);
    EXPECT_NEAR(sum / 120.0, 0.0, 1e-4);
  }

  const LatentModel vamp = untrainedModel("vamp", {"latent_dim=4", "hidden_dim=16", "pseudo_inputs=7"});
  const LatentFrame vampFrame = recordLatentFrame(vamp, sample, 1);
  EXPECT_EQ(vampFrame.pseudoInputs.rows, 7);
  EXPECT_EQ(vampFrame.pseudoInputs.cols, 2);
  EXPECT_EQ(vampFrame.anchors.rows, 0);
}

TEST(LatentTrailRecord, AlignsToThePreviousBasisAndUndoesASignFlip) {
  const LatentSample sample = drawLatentSample(syntheticSplit(), 150, 1);
  const LatentModel model = piaModel();
  const LatentFrame first = recordLatentFrame(model, sample, 1);
  const LatentFrame again = recordLatentFrame(model, sample, 2, &first.basis);
  expectNear(again.users, first.users, 1e-4, "same model, aligned");

  // A previous frame whose first axis pointed the other way: the new frame follows it.
  PcaBasis flipped = first.basis;
  for (std::int64_t c = 0; c < flipped.components.cols; ++c) flipped.components.at(0, c) *= -1.0F;
  const LatentFrame followed = recordLatentFrame(model, sample, 3, &flipped);
  for (std::int64_t u = 0; u < sample.size(); ++u) {
    EXPECT_NEAR(followed.users.at(u, 0), -first.users.at(u, 0), 1e-4);
    EXPECT_NEAR(followed.users.at(u, 1), first.users.at(u, 1), 1e-4);
  }
  for (std::int64_t i = 0; i < followed.anchors.rows; ++i)
    EXPECT_NEAR(followed.anchors.at(i, 0), -first.anchors.at(i, 0), 1e-4);
  EXPECT_NEAR(followed.basis.explainedVariance[0], first.basis.explainedVariance[0], 1e-5);
}

TEST(LatentTrailRecord, OneLatentDimensionIsAClearError) {
  const LatentModel model = untrainedModel("multvae", {"latent_dim=1", "hidden_dim=8"});
  const LatentSample sample = drawLatentSample(syntheticSplit(), 20, 1);
  try {
    recordLatentFrame(model, sample, 1);
    FAIL() << "a 1-D latent space has no 2-D map";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("at least 2 latent dimensions"), std::string::npos) << e.what();
  }
}

// ---- Files ----

TEST(LatentTrailFiles, FramesAndHeaderRoundTripWithinTheirPrintedPrecision) {
  const fs::path run = test::freshTempDir("latent-roundtrip");
  const LatentSample sample = drawLatentSample(syntheticSplit(), 60, 1);
  const LatentModel model = piaModel();
  const LatentFrame first = recordLatentFrame(model, sample, 2);
  const LatentFrame second = recordLatentFrame(model, sample, 10, &first.basis);
  LatentTrail::writeFrame(run, second);
  LatentTrail::writeFrame(run, first);
  test::writeText(runLatentFolder(run) / ".epoch-00004.json.tmp-123", "{");  // an interrupted write
  test::writeText(runLatentFolder(run) / "epoch-7.json", "{}");              // not a name the writer uses
  EXPECT_EQ(LatentTrail::frameEpochs(run), (std::vector<std::int64_t>{2, 10}));
  EXPECT_TRUE(fs::exists(runLatentFolder(run) / "epoch-00010.json"));

  const LatentFrame read = LatentTrail::readFrame(run, 10);
  EXPECT_EQ(read.epoch, 10);
  expectNear(read.users, second.users, 1e-5, "users");
  expectNear(read.anchors, second.anchors, 1e-5, "anchors");
  EXPECT_EQ(read.pseudoInputs.rows, 0);
  expectNear(read.basis.components, second.basis.components, 1e-5, "components");
  expectNear(read.basis.center, second.basis.center, 1e-5, "center");
  expectNear(read.basis.explainedVariance, second.basis.explainedVariance, 1e-5, "variance");

  EXPECT_FALSE(LatentTrail::readHeader(run).has_value());
  const LatentTrailHeader header{"multvae", sample.userIds, sample.splits, {}};
  LatentTrailHeader written = header;
  for (std::int64_t u = 0; u < sample.size(); ++u)
    written.interactions.push_back(static_cast<std::uint32_t>(sample.rows.rowSize(u)));
  LatentTrail::writeHeader(run, written);
  LatentTrail::writeHeader(run, LatentTrailHeader{"other", {}, {}, {}});  // kept: the run has its sample
  const auto back = LatentTrail::readHeader(run);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->model, "multvae");
  EXPECT_EQ(back->userIds, sample.userIds);
  EXPECT_EQ(back->splits, sample.splits);
  EXPECT_EQ(back->interactions, written.interactions);

  LatentTrail::removeFramesAfter(run, 9);
  EXPECT_EQ(LatentTrail::frameEpochs(run), (std::vector<std::int64_t>{2}));
}

TEST(LatentTrailFiles, MalformedFilesAreInputErrorsNamingFileAndProblem) {
  const fs::path run = test::freshTempDir("latent-malformed");
  const fs::path frame = runLatentFolder(run) / "epoch-00003.json";
  const auto readFrame = [&] { LatentTrail::readFrame(run, 3); };

  EXPECT_NE(inputErrorOf(readFrame, frame).find("cannot open"), std::string::npos);
  test::writeText(frame, "{\"epoch\": 3, \"basis\": ");
  EXPECT_NE(inputErrorOf(readFrame, frame).find("not JSON"), std::string::npos);

  const std::string basis =
      R"("basis": {"center": [0, 0, 0], "components": [[1, 0, 0], [0, 1, 0]], "explained_variance": [2, 1]})";
  test::writeText(frame, R"({"epoch": 3, )" + basis +
                             R"(, "users": [[1, 2], [3, 4, 5]], "anchors": [], "pseudo_inputs": []})");
  EXPECT_NE(inputErrorOf(readFrame, frame).find("row 1 of 'users' has 3 values, not 2"), std::string::npos);
  test::writeText(frame,
                  R"({"epoch": 4, )" + basis + R"(, "users": [], "anchors": [], "pseudo_inputs": []})");
  EXPECT_NE(inputErrorOf(readFrame, frame).find("holds epoch 4, not 3"), std::string::npos);
  test::writeText(frame, R"({"epoch": 3, )" + basis + R"(, "users": [], "anchors": []})");
  EXPECT_NE(inputErrorOf(readFrame, frame).find("no 'pseudo_inputs'"), std::string::npos);
  test::writeText(frame, R"({"epoch": 3, "basis": {"center": [0, 0], "components": [[1, 0, 0], [0, 1, 0]],
      "explained_variance": [2, 1]}, "users": [], "anchors": [], "pseudo_inputs": []})");
  EXPECT_NE(inputErrorOf(readFrame, frame).find("'basis.components' has 3 values, not 2"), std::string::npos);

  // Well-formed again: the reader accepts what it names as valid.
  test::writeText(frame,
                  R"({"epoch": 3, )" + basis + R"(, "users": [[1, 2]], "anchors": [], "pseudo_inputs": []})");
  EXPECT_EQ(LatentTrail::readFrame(run, 3).users.values, (std::vector<float>{1, 2}));

  const fs::path header = runLatentFolder(run) / "sample.json";
  const auto readHeader = [&] { LatentTrail::readHeader(run); };
  test::writeText(header, R"({"model": "multvae", "user_ids": ["a", "b"], "splits": ["train"],
      "interactions": [1, 2]})");
  EXPECT_NE(inputErrorOf(readHeader, header).find("differ in length"), std::string::npos);
  test::writeText(header,
                  R"({"model": "multvae", "user_ids": ["a"], "splits": ["holdout"], "interactions": [1]})");
  EXPECT_NE(inputErrorOf(readHeader, header).find("unknown split 'holdout'"), std::string::npos);
}

}  // namespace
}  // namespace vaecf::geometry
