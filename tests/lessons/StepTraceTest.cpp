// The slow motion of one training step (lessons/TrainingStepTrace.h) on tiny runs trained
// for one epoch on a small synthetic split kept as a split folder.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "TestData.h"
#include "common/Error.h"
#include "data/CanonicalSplit.h"
#include "data/DataSource.h"
#include "experiment/Experiment.h"
#include "lessons/TrainingStepTrace.h"
#include "plugin/ModelCatalog.h"
#include "train/TrainingParams.h"

namespace fs = std::filesystem;

namespace vaecf::lessons {
namespace {

constexpr double kTolerance = 1e-4;

class StepTraceRuns : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    split = test::syntheticSplit({300, 150, 15.0, 30});
    const fs::path root = test::freshTempDir("step-trace");
    source = new DataSource();
    source->splitDir = root / "split";
    writeCanonicalSplit(*split, *source->splitDir);
    for (const auto& [name, model, assignments] : kRuns) {
      folders[name] = root / name;
      train(model, assignments, folders[name]);
    }
  }
  static void TearDownTestSuite() {
    delete source;
    split.reset();
  }

  static void train(const std::string& model, const std::vector<std::string>& assignments,
                    const fs::path& folder) {
    const ModelFamily& family = findModel(model);
    ParamSet params(family.iterative() ? trainingParamSpecs(family) : family.params);
    if (family.iterative())
      for (const char* common : {"threads=1", "device=cpu", "epochs=1", "batch_size=50", "seed=2"})
        params.assign(common);
    for (const auto& assignment : assignments) params.assign(assignment);
    runExperiment(model, params, *source, LoadedData{*split, std::nullopt, {}}, {}, folder);
  }

  struct Run {
    const char* name;
    const char* model;
    std::vector<std::string> assignments;
  };
  static const std::vector<Run> kRuns;

  static std::shared_ptr<const Split> split;
  static DataSource* source;
  static std::map<std::string, fs::path> folders;
};

const std::vector<StepTraceRuns::Run> StepTraceRuns::kRuns{
    {"vae", "multvae", {"latent_dim=4", "hidden_dim=16", "layers=2", "dropout=0.5", "anneal_steps=100"}},
    {"vae-clean", "multvae", {"latent_dim=4", "hidden_dim=16", "dropout=0", "sparse_input=false"}},
    {"vae-pia", "multvae", {"latent_dim=4", "hidden_dim=16", "pia=true", "mask_rate=0.7", "lambda_a=0.5"}},
    {"dae", "multdae", {"latent_dim=6", "hidden_dim=16", "layers=2", "dropout=0.5"}},
    {"ease", "ease", {}},
};
std::shared_ptr<const Split> StepTraceRuns::split;
DataSource* StepTraceRuns::source = nullptr;
std::map<std::string, fs::path> StepTraceRuns::folders;

// A training user with many items, so that dropout has something to drop.
std::string busyTrainingUser(const Split& split) {
  std::int64_t busiest = 0;
  for (std::int64_t row = 1; row < split.train.rows(); ++row)
    if (split.train.rowSize(row) > split.train.rowSize(busiest)) busiest = row;
  return split.trainUserIds[static_cast<std::size_t>(busiest)];
}

double term(const StepTrace& trace, const std::string& name) {
  for (const auto& [termName, value] : trace.modelTerms)
    if (termName == name) return value;
  ADD_FAILURE() << "the model's loss has no term " << name;
  return NAN;
}

std::set<std::int64_t> columnsOf(const std::vector<TracedItem>& items) {
  std::set<std::int64_t> columns;
  for (const auto& item : items) columns.insert(item.column);
  return columns;
}

void expectNear(double actual, double expected, const std::string& what) {
  EXPECT_NEAR(actual, expected, kTolerance * std::max(1.0, std::abs(expected))) << what;
}

// What every trace must satisfy, whatever the model.
void expectConsistentTrace(const StepTrace& trace, double beta) {
  // The corruption only ever removes the user's own items, and inverted dropout rescales.
  const auto history = columnsOf(trace.history);
  for (const auto column : trace.masked) EXPECT_EQ(history.count(column), 1U);
  for (const auto column : trace.dropped) EXPECT_EQ(history.count(column), 1U);
  double squares = 0.0;
  for (const auto& item : trace.normalised) squares += item.value * item.value;
  expectNear(squares, trace.normalised.empty() ? 0.0 : 1.0, "the normalised row has unit norm");
  ASSERT_EQ(trace.networkInput.size(), trace.normalised.size() - trace.dropped.size());
  for (const auto& input : trace.networkInput) {
    const auto normalised = std::find_if(trace.normalised.begin(), trace.normalised.end(),
                                         [&](const TracedItem& item) { return item.column == input.column; });
    ASSERT_NE(normalised, trace.normalised.end());
    expectNear(input.value, normalised->value / (1.0 - trace.dropoutRate), "inverted dropout");
  }

  // The probabilities: a distribution, best first; the reconstruction is -sum x_i log p_i.
  ASSERT_EQ(static_cast<std::int64_t>(trace.topItems.size()), trace.items);
  double total = 0.0;
  for (std::size_t k = 0; k < trace.topItems.size(); ++k) {
    total += trace.topItems[k].probability;
    if (k > 0) {
      EXPECT_GE(trace.topItems[k - 1].probability, trace.topItems[k].probability);
    }
  }
  expectNear(total, 1.0, "softmax sums to 1");
  double mass = 0.0, reconstruction = 0.0;
  ASSERT_EQ(trace.historyItems.size(), trace.history.size());
  for (std::size_t k = 0; k < trace.history.size(); ++k) {
    mass += trace.historyItems[k].probability;
    reconstruction -= trace.history[k].value * std::log(trace.historyItems[k].probability);
  }
  expectNear(trace.historyProbability, mass, "mass on the user's items");
  expectNear(trace.reconstruction, reconstruction, "reconstruction");

  // The loss is its terms, and each term is what the model's own loss() gives.
  EXPECT_EQ(trace.klWeight, beta);
  expectNear(trace.loss,
             trace.reconstruction + beta * trace.kl + trace.anchorWeight * trace.anchorTerm.value_or(0.0),
             "total loss");
  expectNear(term(trace, "reconstruction"), trace.reconstruction, "the model's reconstruction");
  if (trace.sampled) {
    expectNear(term(trace, "kl"), trace.kl, "the model's KL");
  }
  if (trace.anchorTerm) {
    expectNear(term(trace, "anchor"), *trace.anchorTerm, "the model's anchor term");
  }

  // One finite, positive gradient norm per parameter tensor.
  std::set<std::string> names;
  for (const auto& [name, norm] : trace.gradientNorms) {
    names.insert(name);
    EXPECT_TRUE(std::isfinite(norm)) << name;
    EXPECT_GT(norm, 0.0) << name;
  }
  EXPECT_EQ(names.size(), trace.gradientNorms.size());
  EXPECT_EQ(names.count("decoder.output.weight"), 1U);
  EXPECT_EQ(names.count("decoder.output.bias"), 1U);
}

StepTraceOptions allItems(std::uint64_t seed = 1) {
  StepTraceOptions options;
  options.seed = seed;
  options.topItems = 1000;  // clamped to the run's items
  return options;
}

TEST_F(StepTraceRuns, MultVaeStepsThroughTheModelsOwnLoss) {
  const std::string user = busyTrainingUser(*split);
  const StepTrace trace = traceTrainingStep(folders["vae"], user, allItems());
  EXPECT_EQ(trace.model, "multvae");
  EXPECT_EQ(trace.userId, user);
  EXPECT_EQ(trace.userSplit, "train");
  EXPECT_TRUE(trace.sampled);
  EXPECT_EQ(trace.dropoutRate, 0.5);
  EXPECT_TRUE(trace.masked.empty());
  EXPECT_FALSE(trace.dropped.empty());
  EXPECT_EQ(trace.encoderLayers.size(), 2U);  // layers=2: two hidden layers, then the heads
  EXPECT_EQ(trace.decoderLayers.size(), 2U);
  EXPECT_EQ(trace.encoderLayers[0].size(), 16U);
  // The KL weight the run's annealing had reached, min(beta_cap, step / anneal_steps).
  EXPECT_GT(trace.step, 0);
  EXPECT_NEAR(term(trace, "beta"), std::min(0.2, static_cast<double>(trace.step) / 100.0),
              1e-7);  // a float term
  expectConsistentTrace(trace, term(trace, "beta"));

  // z = mean + sigma * epsilon; KL per dimension 0.5 (mean^2 + var - 1 - log var), summed.
  ASSERT_EQ(trace.mean.size(), 4U);
  ASSERT_EQ(trace.klPerDimension.size(), 4U);
  double kl = 0.0;
  for (std::size_t d = 0; d < trace.mean.size(); ++d) {
    const double mean = trace.mean[d], variance = trace.variance[d];
    EXPECT_GT(variance, 0.0);
    expectNear(trace.z[d], mean + std::sqrt(variance) * trace.epsilon[d], "z");
    const double byHand = 0.5 * (mean * mean + variance - 1.0 - std::log(variance));
    expectNear(trace.klPerDimension[d], byHand, "KL of dimension " + std::to_string(d));
    kl += trace.klPerDimension[d];
  }
  expectNear(trace.kl, kl, "total KL");
  // Every tensor of the two-layer networks, named as the model names it.
  std::set<std::string> names;
  for (const auto& norm : trace.gradientNorms) names.insert(norm.first);
  std::set<std::string> expected;
  for (const char* layer :
       {"encoder.input.projection.", "encoder.hidden.unit1.linear.", "encoder.heads.linear.",
        "decoder.hidden.unit1.linear.", "decoder.hidden.unit2.linear.", "decoder.output."}) {
    expected.insert(std::string(layer) + "weight");
    expected.insert(std::string(layer) + "bias");
  }
  EXPECT_EQ(names, expected);
}

TEST_F(StepTraceRuns, WithoutDropoutNothingIsDroppedAndTheModelsLossAgrees) {
  const StepTrace trace = traceTrainingStep(folders["vae-clean"], busyTrainingUser(*split), allItems());
  EXPECT_TRUE(trace.dropped.empty());
  EXPECT_EQ(columnsOf(trace.networkInput), columnsOf(trace.history));
  expectConsistentTrace(trace, term(trace, "beta"));
}

TEST_F(StepTraceRuns, TheSeedFixesTheDraws) {
  const std::string user = busyTrainingUser(*split);
  const StepTrace first = traceTrainingStep(folders["vae"], user, allItems(5));
  const StepTrace again = traceTrainingStep(folders["vae"], user, allItems(5));
  const StepTrace other = traceTrainingStep(folders["vae"], user, allItems(6));
  EXPECT_EQ(again.dropped, first.dropped);
  EXPECT_EQ(again.epsilon, first.epsilon);
  EXPECT_EQ(again.loss, first.loss);
  EXPECT_EQ(again.gradientNorms, first.gradientNorms);
  EXPECT_NE(other.epsilon, first.epsilon);
}

TEST_F(StepTraceRuns, TorchsGeneratorIsLeftAsItWas) {
  torch::manual_seed(9);
  const auto expected = torch::rand({5});
  torch::manual_seed(9);
  traceTrainingStep(folders["vae"], busyTrainingUser(*split));
  EXPECT_TRUE(torch::equal(torch::rand({5}), expected));
}

TEST_F(StepTraceRuns, AKlWeightCanBeChosen) {
  StepTraceOptions options = allItems();
  options.klWeight = 0.7;
  const StepTrace trace = traceTrainingStep(folders["vae"], busyTrainingUser(*split), options);
  expectConsistentTrace(trace, 0.7);
}

TEST_F(StepTraceRuns, PiaMasksItemsAndAddsTheAnchorTerm) {
  const StepTrace trace = traceTrainingStep(folders["vae-pia"], busyTrainingUser(*split), allItems());
  EXPECT_EQ(trace.keepRate, 0.7);
  EXPECT_FALSE(trace.masked.empty());
  ASSERT_TRUE(trace.anchorTerm.has_value());
  EXPECT_GT(*trace.anchorTerm, 0.0);
  EXPECT_EQ(trace.anchorWeight, 0.5);
  expectConsistentTrace(trace, term(trace, "beta"));
  std::vector<std::string> ids;
  for (const auto& stage : traceStages(trace)) ids.push_back(stage.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"input", "mask", "normalise", "dropout", "encoder", "posterior",
                                           "sample", "decoder", "probabilities", "reconstruction", "kl",
                                           "anchor", "loss", "gradients", "check"}));
}

TEST_F(StepTraceRuns, MultDaeHasNoSamplingAndNoKl) {
  const StepTrace trace = traceTrainingStep(folders["dae"], busyTrainingUser(*split), allItems());
  EXPECT_EQ(trace.model, "multdae");
  EXPECT_FALSE(trace.sampled);
  ASSERT_EQ(trace.mean.size(), 6U);
  EXPECT_EQ(trace.variance, std::vector<double>(6, 0.0));
  EXPECT_TRUE(trace.epsilon.empty());
  EXPECT_EQ(trace.z, trace.mean);
  EXPECT_EQ(trace.encoderLayers.back(), trace.mean);  // the last encoder layer is the code
  EXPECT_TRUE(trace.klPerDimension.empty());
  EXPECT_EQ(trace.kl, 0.0);
  EXPECT_FALSE(trace.anchorTerm.has_value());
  expectConsistentTrace(trace, 0.0);
  EXPECT_EQ(trace.loss, trace.reconstruction);
  term(trace, "l2");  // the weight penalty is the model's, not the user's: shown only there
  std::vector<std::string> ids;
  for (const auto& stage : traceStages(trace)) ids.push_back(stage.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"input", "normalise", "dropout", "encoder", "posterior", "decoder",
                                           "probabilities", "reconstruction", "loss", "gradients", "check"}));
}

TEST_F(StepTraceRuns, AHeldOutUserStepsOnTheFoldInRow) {
  const StepTrace trace = traceTrainingStep(folders["vae"], split->testUserIds.front(), allItems());
  EXPECT_EQ(trace.userSplit, "test");
  EXPECT_EQ(static_cast<std::int64_t>(trace.history.size()), split->testFoldIn.rowSize(0));
}

TEST_F(StepTraceRuns, AnUnknownUserIsNamed) {
  try {
    traceTrainingStep(folders["vae"], "nobody-42");
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("nobody-42"), std::string::npos) << error.what();
  }
}

TEST_F(StepTraceRuns, OtherModelsAreRefused) {
  try {
    traceTrainingStep(folders["ease"], split->trainUserIds.front());
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("ease run"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace vaecf::lessons
