#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "TestData.h"
#include "common/Compute.h"
#include "common/Error.h"
#include "data/Protocol.h"
#include "data/RatingSplit.h"
#include "data/SyntheticData.h"
#include "eval/Evaluator.h"
#include "geometry/LatentSample.h"
#include "geometry/LatentTrail.h"
#include "deeprec/DeepRec.h"
#include "models/vae/AutoencoderModel.h"
#include "train/EventLog.h"
#include "train/RunFolder.h"
#include "train/Trainer.h"
#include "train/Training.h"
#include "train/TrainingEngine.h"
#include "train/TrainingParams.h"
#include "plugin/ModelCatalog.h"

namespace vaecf {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// ---- A tiny model with test hooks, so the trainer is exercised without the real models' cost ----

// [I - 4 - I] with input dropout (so resuming must restore torch's generator). Its loss
// reports the step it was computed at as a term, turns NaN at step `nan_at_step`, and
// from epoch `unlearn_from_epoch` on climbs the loss instead, so validation gets worse.
class TinyAutoencoder final : public vae::AutoencoderModel {
 public:
  TinyAutoencoder(const ParamSet& params, std::int64_t items)
      : AutoencoderModel(params),
        encoder_(register_module("encoder", torch::nn::Linear(items, 4))),
        decoder_(register_module("decoder", torch::nn::Linear(4, items))) {}

  std::vector<vae::Phase> phases() override {
    return {vae::Phase{"train", 1, parameters(), params().real("lr")}};
  }

  vae::Loss loss(const vae::Batch& batch, const vae::Phase&, const vae::TrainingClock& clock) override {
    const auto logits = decoder_(torch::tanh(encoder_(torch::dropout(batch.rows, 0.5, is_training()))));
    const auto reconstruction = -(torch::log_softmax(logits, 1) * batch.rows).sum(1).mean();
    const auto unlearnFrom = params().integer("unlearn_from_epoch");
    auto total = unlearnFrom > 0 && clock.epoch >= unlearnFrom ? -reconstruction : reconstruction;
    if (clock.step == params().integer("nan_at_step"))
      total = total * std::numeric_limits<double>::quiet_NaN();
    return {total,
            {{"reconstruction", reconstruction.detach()}, {"clock_step", torch::tensor(double(clock.step))}}};
  }

  torch::Tensor scores(const torch::Tensor& rows) override { return decoder_(torch::tanh(encoder_(rows))); }
  vae::Posterior posterior(const torch::Tensor& rows) override {
    const auto mean = torch::tanh(encoder_(rows));
    return {mean, torch::zeros_like(mean)};
  }
  torch::Tensor decode(const torch::Tensor& latent) override { return decoder_(latent); }

 private:
  torch::nn::Linear encoder_;
  torch::nn::Linear decoder_;
};

ParamSpec integerSpec(const std::string& name, const std::string& value, double min) {
  return {name, ParamSpec::Type::Int, value, "", min, std::nullopt, {}, false};
}

ModelFamily tinyDefinition() {
  ModelFamily tiny;
  tiny.name = "tiny";
  tiny.params = {integerSpec("epochs", "3", 1),
                 integerSpec("batch_size", "32", 1),
                 integerSpec("seed", "7", 0),
                 {"lr", ParamSpec::Type::Float, "0.01", "", 0.0, 10.0, {}, true},
                 integerSpec("nan_at_step", "-1", -1),
                 integerSpec("unlearn_from_epoch", "0", 0),
                 integerSpec("warmup_epochs", "0", 0)};
  tiny.create = [](const ParamSet& params, std::int64_t items) {
    return std::make_shared<TinyAutoencoder>(params, items);
  };
  return tiny;
}

// Parameters of `model` on one CPU thread and the tests' device, with `assignments` ("name=value") applied.
ParamSet paramsFor(const ModelFamily& model, const std::vector<std::string>& assignments) {
  ParamSet params(trainingParamSpecs(model));
  params.set("threads", "1");
  params.set("device", test::trainingDevice());
  for (const auto& assignment : assignments) params.assign(assignment);
  return params;
}

// 400 synthetic users over 150 items (at least the 100 NDCG@100 needs), 40 of them
// held out for validation and 40 for test.
std::shared_ptr<const Split> syntheticSplit() { return test::syntheticSplit(); }

// A split of `users` training users with one item each and nothing held out.
std::shared_ptr<const Split> trainingOnlySplit(std::int64_t users) {
  auto split = std::make_shared<Split>();
  split->itemIds = {"a", "b", "c", "d"};
  split->train = CsrMatrix(4);
  for (std::int64_t user = 0; user < users; ++user)
    split->train.appendRow({static_cast<std::int32_t>(user % 4)});
  for (CsrMatrix* empty :
       {&split->validationFoldIn, &split->validationHeldout, &split->testFoldIn, &split->testHeldout}) {
    *empty = CsrMatrix(4);
  }
  return split;
}

TrainingSetup setupFor(const ModelFamily& model, std::shared_ptr<const Split> split,
                       const std::vector<std::string>& assignments, const std::string& folderTag) {
  return TrainingSetup{
      model, paramsFor(model, assignments), std::move(split), test::freshTempDir(folderTag), {}, {}, {}};
}

std::int64_t batchesPerEpoch(const Split& split, std::int64_t batchSize) {
  return (split.train.rows() + batchSize - 1) / batchSize;
}

// ---- Reading events ----

template <class Payload>
std::vector<TrainingEvent> eventsOf(const std::vector<TrainingEvent>& events) {
  std::vector<TrainingEvent> matching;
  for (const auto& event : events) {
    if (std::holds_alternative<Payload>(event.payload)) matching.push_back(event);
  }
  return matching;
}

bool isState(const TrainingEvent& event, TrainerState state) {
  const auto* change = std::get_if<StateChange>(&event.payload);
  return change != nullptr && change->state == state;
}

std::vector<std::int64_t> epochsSummarised(const std::vector<TrainingEvent>& events) {
  std::vector<std::int64_t> epochs;
  for (const auto& event : eventsOf<EpochSummary>(events)) epochs.push_back(event.epoch);
  return epochs;
}

// Drains `trainer` into `events` until a newly drained event satisfies `done`, and
// returns that event; fails the test after 30 seconds.
TrainingEvent drainUntil(Trainer& trainer, std::vector<TrainingEvent>& events,
                         const std::function<bool(const TrainingEvent&)>& done) {
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  while (Clock::now() < deadline) {
    trainer.waitForEvents(std::chrono::milliseconds(50));
    for (auto& event : trainer.drainEvents()) {
      events.push_back(event);
      if (done(event)) return event;
    }
  }
  ADD_FAILURE() << "the awaited event did not come";
  return {};
}

TrainingEvent drainUntilState(Trainer& trainer, std::vector<TrainingEvent>& events, TrainerState state) {
  return drainUntil(trainer, events, [state](const TrainingEvent& event) { return isState(event, state); });
}

// Polls the status, leaving the events where they are, until the run ends or 30 s pass.
TrainerState waitWithoutDraining(const Trainer& trainer) {
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  for (;;) {
    const TrainerState state = trainer.status().state;
    if (!inProgress(state) || Clock::now() > deadline) return state;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

double meanOf(const std::vector<TrainingEvent>& epochs, std::int64_t epoch, const std::string& scalar) {
  for (const auto& event : epochs) {
    if (event.epoch == epoch) return std::get<EpochSummary>(event.payload).scalars.at(scalar).mean;
  }
  ADD_FAILURE() << "no summary of epoch " << epoch;
  return std::numeric_limits<double>::quiet_NaN();
}

// ---- Parameters ----

TEST(TrainerParams, TrainerParametersFollowTheModelsWithVampPatience) {
  const auto vampSpecs = trainingParamSpecs(findModel("vamp"));
  ParamSet vamp(vampSpecs);
  EXPECT_EQ(vamp.text("patience"), "50");
  EXPECT_EQ(trainerSettings(vamp).patienceWarmup, 100);  // the model's warmup_epochs
  EXPECT_EQ(vampSpecs.front().name, findModel("vamp").params.front().name);
  EXPECT_EQ(vampSpecs.back().name, "latent_sample");  // latent maps for the autoencoders only

  ParamSet multvae(trainingParamSpecs(findModel("multvae")));
  const TrainerSettings settings = trainerSettings(multvae);
  EXPECT_EQ(settings.patience, 0);
  EXPECT_EQ(settings.patienceWarmup, 0);
  EXPECT_EQ(settings.batchSize, 500);
  EXPECT_EQ(settings.selectionMetric, "ndcg@100");

  const ParamSet deeprec(trainingParamSpecs(findModel("deeprec")));
  EXPECT_EQ(trainerSettings(deeprec).selectionMetric, "rmse");
  EXPECT_EQ(trainerSettings(deeprec).latentEvery, 0);
  EXPECT_EQ(deeprec.specs().back().name, "selection_metric");

  ModelFamily clashing = tinyDefinition();
  clashing.params.push_back({"device", ParamSpec::Type::Text, "cpu", "", {}, {}, {}, false});
  EXPECT_THROW(trainingParamSpecs(clashing), Error);
}

// ---- Control ----

TEST(TrainerControl, StepEpochRunsExactlyOneEpochAndStepBatchOneBatch) {
  auto trainer = Trainer::newRun(setupFor(tinyDefinition(), syntheticSplit(), {"epochs=4"}, "trainer-step"));
  const std::int64_t batches = batchesPerEpoch(*syntheticSplit(), 32);
  std::vector<TrainingEvent> events;

  trainer->start(StartMode::Paused);
  EXPECT_EQ(drainUntilState(*trainer, events, TrainerState::Paused).step, 0);

  trainer->stepEpoch();
  const TrainingEvent afterEpoch = drainUntilState(*trainer, events, TrainerState::Paused);
  EXPECT_EQ(afterEpoch.step, batches);
  EXPECT_EQ(epochsSummarised(events), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(trainer->status().state, TrainerState::Paused);

  trainer->stepBatch();
  const TrainingEvent afterBatch = drainUntilState(*trainer, events, TrainerState::Paused);
  EXPECT_EQ(afterBatch.step, batches + 1);
  EXPECT_EQ(afterBatch.epoch, 2);
  // The stepped batch's scalars are flushed before the pause, not held back for 100 ms.
  const auto scalars = eventsOf<ScalarSummary>(events);
  ASSERT_FALSE(scalars.empty());
  EXPECT_EQ(std::get<ScalarSummary>(scalars.back().payload).scalars.at("clock_step").last, batches);

  trainer->stepEpoch();  // from mid-epoch: to the end of epoch 2
  EXPECT_EQ(drainUntilState(*trainer, events, TrainerState::Paused).step, 2 * batches);
  EXPECT_EQ(epochsSummarised(events), (std::vector<std::int64_t>{1, 2}));

  trainer->resume();
  drainUntilState(*trainer, events, TrainerState::Finished);
  EXPECT_EQ(epochsSummarised(events), (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(trainer->status().step, 4 * batches);
}

TEST(TrainerControl, PauseHoldsTheWorkerUntilResumeAndStopEndsTheRun) {
  auto trainer =
      Trainer::newRun(setupFor(tinyDefinition(), syntheticSplit(), {"epochs=100000"}, "trainer-pause"));
  std::vector<TrainingEvent> events;
  trainer->start();
  drainUntil(*trainer, events, [](const TrainingEvent& event) { return event.step > 0; });

  trainer->pause();
  const std::int64_t pausedAt = drainUntilState(*trainer, events, TrainerState::Paused).step;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_TRUE(trainer->drainEvents().empty());
  EXPECT_EQ(trainer->status().step, pausedAt);

  trainer->resume();
  drainUntil(*trainer, events, [&](const TrainingEvent& event) { return event.step > pausedAt; });
  trainer->stop();
  const TrainingEvent stopped = drainUntilState(*trainer, events, TrainerState::Stopped);
  EXPECT_GT(stopped.step, pausedAt);
  EXPECT_EQ(trainer->status().state, TrainerState::Stopped);
}

TEST(TrainerControl, LiveParameterChangesAtABatchBoundaryAndOthersAreRefused) {
  auto trainer = Trainer::newRun(setupFor(tinyDefinition(), syntheticSplit(), {}, "trainer-live"));
  EXPECT_THROW(trainer->setParameter("lr", "0.5"), Error);  // no run in progress
  std::vector<TrainingEvent> events;
  trainer->start(StartMode::Paused);
  drainUntilState(*trainer, events, TrainerState::Paused);

  EXPECT_THROW(trainer->setParameter("batch_size", "8"), Error);  // not live
  EXPECT_THROW(trainer->setParameter("lr", "-1"), Error);         // below its minimum
  trainer->setParameter("lr", "0.5");
  const TrainingEvent change = drainUntil(*trainer, events, [](const TrainingEvent& e) {
    return std::holds_alternative<ParameterChange>(e.payload);
  });
  EXPECT_EQ(std::get<ParameterChange>(change.payload).value, "0.5");

  trainer->stepBatch();
  drainUntilState(*trainer, events, TrainerState::Paused);
  EXPECT_DOUBLE_EQ(
      std::get<ScalarSummary>(eventsOf<ScalarSummary>(events).back().payload).scalars.at("lr").last, 0.5);
  trainer->stop();
  drainUntilState(*trainer, events, TrainerState::Stopped);
}

// ---- Events ----

TEST(TrainerEvents, ScalarEventsStayUnderTenASecondAndKeepTheTrueMean) {
  constexpr std::int64_t kBatches = 10000;
  auto trainer = Trainer::newRun(
      setupFor(tinyDefinition(), trainingOnlySplit(kBatches), {"epochs=1", "batch_size=1"}, "trainer-rate"));
  const auto started = Clock::now();
  trainer->start();
  // Not drained while it runs: whatever waits in the channel is merged, not queued.
  ASSERT_EQ(waitWithoutDraining(*trainer), TrainerState::Finished);
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();

  const auto logged = eventsOf<ScalarSummary>(readRunEvents(trainer->setup().runFolder));
  EXPECT_LE(static_cast<double>(logged.size()), 10.0 * seconds + 3.0) << "over " << seconds << " s";
  ScalarStats loggedSteps;
  for (const auto& event : logged)
    loggedSteps.merge(std::get<ScalarSummary>(event.payload).scalars.at("clock_step"));
  EXPECT_EQ(loggedSteps.count, kBatches);
  EXPECT_NEAR(loggedSteps.mean, (kBatches - 1) / 2.0, 1e-9 * kBatches);  // steps 0 .. 9999
  EXPECT_EQ(loggedSteps.min, 0.0);
  EXPECT_EQ(loggedSteps.max, kBatches - 1.0);

  const auto drained = trainer->drainEvents();
  const auto merged = eventsOf<ScalarSummary>(drained);
  EXPECT_LE(merged.size(), drained.size() - merged.size() + 1);
  ScalarStats drainedSteps;
  for (const auto& event : merged)
    drainedSteps.merge(std::get<ScalarSummary>(event.payload).scalars.at("clock_step"));
  EXPECT_EQ(drainedSteps.count, kBatches);
  EXPECT_NEAR(drainedSteps.mean, (kBatches - 1) / 2.0, 1e-9 * kBatches);
  EXPECT_NEAR(meanOf(eventsOf<EpochSummary>(drained), 1, "clock_step"), (kBatches - 1) / 2.0,
              1e-9 * kBatches);
}

TEST(TrainerEvents, NotifiesOnceUntilTheConsumerDrains) {
  auto trainer = Trainer::newRun(setupFor(tinyDefinition(), syntheticSplit(), {}, "trainer-notify"));
  std::atomic<int> notifications{0};
  trainer->setEventNotifier([&] { ++notifications; });
  EXPECT_EQ(trainer->status().state, TrainerState::Idle);
  trainer->start(StartMode::Paused);
  const auto deadline = Clock::now() + std::chrono::seconds(30);
  auto waitUntil = [&](const std::function<bool()>& done) {
    while (!done() && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return done();
  };
  ASSERT_TRUE(waitUntil([&] { return notifications == 1; }));

  trainer->stepBatch();  // running, scalars, paused: three more events, no more notifications
  ASSERT_TRUE(waitUntil([&] {
    const TrainerStatus status = trainer->status();
    return status.step == 1 && status.state == TrainerState::Paused;
  }));
  EXPECT_EQ(notifications, 1);
  EXPECT_EQ(trainer->drainEvents().size(), 4U);

  trainer->stepBatch();
  EXPECT_TRUE(waitUntil([&] { return notifications == 2; }));
}

TEST(TrainerEvents, ReaderReplaysTheEmittedEventsAndIgnoresATruncatedLastLine) {
  std::vector<TrainingEvent> received;
  TrainingSetup setup = setupFor(tinyDefinition(), syntheticSplit(), {"epochs=2"}, "trainer-replay");
  const fs::path folder = setup.runFolder;
  trainModel(std::move(setup), [&](const TrainingEvent& event) { received.push_back(event); });

  const auto replayed = readRunEvents(folder);
  auto mustArrive = [](const std::vector<TrainingEvent>& events) {
    std::vector<std::string> lines;
    for (const auto& event : events) {
      if (!std::holds_alternative<ScalarSummary>(event.payload)) lines.push_back(eventToJsonLine(event));
    }
    return lines;
  };
  EXPECT_EQ(mustArrive(replayed), mustArrive(received));
  ASSERT_EQ(eventsOf<Evaluation>(replayed).size(), 3U);  // two validations, one test

  const fs::path log = runEventsPath(folder);
  const std::string partial = eventToJsonLine(replayed.back());
  std::ofstream(log, std::ios::app) << partial.substr(0, partial.size() / 2);
  EXPECT_EQ(readEventLog(log).size(), replayed.size());

  std::ofstream(log, std::ios::app) << "\n{\"type\":\"state\"}\n";
  try {
    readEventLog(log);
    FAIL() << "a malformed whole line must not pass";
  } catch (const InputError& e) {
    EXPECT_EQ(e.line(), replayed.size() + 1);
  }
}

TEST(TrainerEvents, JsonLinesKeepEveryFieldAndNonFiniteNumbers) {
  EvaluationReport report;
  report.users = 3;
  report.metrics["ndcg@100"] = {std::numeric_limits<double>::quiet_NaN(), 0.25};
  report.cohorts.push_back({"5-10", 5, 10, 2, {{"ndcg@100", {0.5, 0.125}}}});
  const TrainingEvent event{4, 2, 17, 1.5, Evaluation{EvaluatedSplit::Test, true, report}};

  const TrainingEvent back = eventFromJsonLine(eventToJsonLine(event));
  EXPECT_EQ(eventToJsonLine(back), eventToJsonLine(event));
  const auto& evaluation = std::get<Evaluation>(back.payload);
  EXPECT_EQ(back.generation, 4);
  EXPECT_EQ(back.step, 17);
  EXPECT_EQ(evaluation.split, EvaluatedSplit::Test);
  EXPECT_TRUE(std::isnan(evaluation.report.metrics.at("ndcg@100").mean));
  EXPECT_EQ(evaluation.report.cohorts.at(0).metrics.at("ndcg@100").standardError, 0.125);
  EXPECT_THROW(eventFromJsonLine(R"({"type":"nonsense","generation":1,"epoch":0,"step":0,"time":0})"), Error);
}

// ---- Checkpoints, failure, model selection ----

TEST(TrainerCheckpoint, StopThenStartContinuesTheUninterruptedCurve) {
  const ModelFamily multvae = findModel("multvae");
  const std::vector<std::string> small{"epochs=3", "batch_size=32", "latent_dim=8", "hidden_dim=16",
                                       "anneal_steps=20"};
  TrainingSetup straight = setupFor(multvae, syntheticSplit(), small, "trainer-straight");
  const fs::path straightFolder = straight.runFolder;
  const TrainingResult uninterrupted = trainModel(std::move(straight));

  auto trainer = Trainer::newRun(setupFor(multvae, syntheticSplit(), small, "trainer-interrupted"));
  std::vector<TrainingEvent> events;
  trainer->start(StartMode::Paused);
  drainUntilState(*trainer, events, TrainerState::Paused);
  trainer->stepEpoch();
  drainUntilState(*trainer, events, TrainerState::Paused);
  trainer->stepEpoch();
  drainUntilState(*trainer, events, TrainerState::Paused);
  trainer->stepBatch();  // work after the epoch-2 checkpoint, which the restart redoes
  drainUntilState(*trainer, events, TrainerState::Paused);
  trainer->stop();
  const std::int64_t firstGeneration = drainUntilState(*trainer, events, TrainerState::Stopped).generation;
  // The saved epoch-2 map with its first axis turned around: the resumed run's maps must
  // follow the saved basis, not a fresh fit.
  auto turned = geometry::LatentTrail::readFrame(trainer->setup().runFolder, 2);
  for (std::int64_t c = 0; c < turned.basis.components.cols; ++c) turned.basis.components.at(0, c) *= -1.0F;
  geometry::LatentTrail::writeFrame(trainer->setup().runFolder, turned);

  trainer->start();
  const TrainingEvent finished = drainUntilState(*trainer, events, TrainerState::Finished);
  EXPECT_GT(finished.generation, firstGeneration);

  const auto straightEpochs = eventsOf<EpochSummary>(readRunEvents(straightFolder));
  const auto replayed = readRunEvents(trainer->setup().runFolder);
  const auto resumedEpochs = eventsOf<EpochSummary>(replayed);
  EXPECT_EQ(epochsSummarised(replayed), (std::vector<std::int64_t>{1, 2, 3}));  // the log is one curve
  for (const std::int64_t epoch : {1, 2, 3}) {
    EXPECT_NEAR(meanOf(resumedEpochs, epoch, "loss"), meanOf(straightEpochs, epoch, "loss"), 1e-6) << epoch;
  }
  EXPECT_EQ(meanOf(resumedEpochs, 3, "beta"), meanOf(straightEpochs, 3, "beta"));
  const TrainingResult resumed = summarizeRun(replayed);
  ASSERT_TRUE(resumed.test && uninterrupted.test);
  EXPECT_NEAR(resumed.test->metrics.at("ndcg@100").mean, uninterrupted.test->metrics.at("ndcg@100").mean,
              1e-6);

  // The resumed run's latent map of epoch 3 is aligned to the saved (turned) epoch-2 basis.
  const fs::path resumedFolder = trainer->setup().runFolder;
  ASSERT_EQ(geometry::LatentTrail::frameEpochs(resumedFolder), (std::vector<std::int64_t>{1, 2, 3}));
  ASSERT_EQ(geometry::LatentTrail::frameEpochs(straightFolder), (std::vector<std::int64_t>{1, 2, 3}));
  const auto straightFrame = geometry::LatentTrail::readFrame(straightFolder, 3);
  const auto resumedFrame = geometry::LatentTrail::readFrame(resumedFolder, 3);
  ASSERT_EQ(resumedFrame.users.rows, straightFrame.users.rows);
  for (std::int64_t u = 0; u < straightFrame.users.rows; ++u) {
    EXPECT_NEAR(resumedFrame.users.at(u, 0), -straightFrame.users.at(u, 0), 1e-3) << u;
    EXPECT_NEAR(resumedFrame.users.at(u, 1), straightFrame.users.at(u, 1), 1e-3) << u;
  }
}

// Whatever else the process draws from torch's generator while a run is paused (the window
// builds models to read the paused weights, initialising their layers) leaves the run's own
// draws as they were: it ends as the run trained straight.
TEST(TrainerCheckpoint, DrawsElsewhereWhilePausedLeaveTheRunAsTrainedStraight) {
  const ModelFamily multvae = findModel("multvae");
  const std::vector<std::string> small{"epochs=3", "batch_size=32", "latent_dim=8", "hidden_dim=16",
                                       "anneal_steps=20"};
  const TrainingResult straight = trainModel(setupFor(multvae, syntheticSplit(), small, "trainer-undisturbed"));

  auto trainer = Trainer::newRun(setupFor(multvae, syntheticSplit(), small, "trainer-disturbed"));
  std::vector<TrainingEvent> events;
  trainer->start(StartMode::Paused);
  drainUntilState(*trainer, events, TrainerState::Paused);
  torch::rand({4096});
  trainer->stepBatch();  // a pause inside the epoch too
  drainUntilState(*trainer, events, TrainerState::Paused);
  for (int epoch = 1; epoch <= 3; ++epoch) {
    torch::rand({4096});
    trainer->stepEpoch();
    drainUntilState(*trainer, events, epoch < 3 ? TrainerState::Paused : TrainerState::Finished);
  }
  const TrainingResult disturbed = summarizeRun(readRunEvents(trainer->setup().runFolder));
  ASSERT_TRUE(disturbed.test && straight.test);
  EXPECT_EQ(disturbed.test->metrics.at("ndcg@100").mean, straight.test->metrics.at("ndcg@100").mean);
}

// The window builds models to read runs (recommendations, latent maps, the slow-motion
// step) while another run trains: building one initialises its layers from torch's shared
// generator, and the training run still ends as it trained with nothing beside it.
TEST(TrainerCheckpoint, ModelsBuiltWhileARunTrainsLeaveItAsTrainedStraight) {
  const ModelFamily multvae = findModel("multvae");
  const std::vector<std::string> small{"epochs=3", "batch_size=32", "latent_dim=8", "hidden_dim=16",
                                       "anneal_steps=20"};
  const TrainingSetup straightSetup = setupFor(multvae, syntheticSplit(), small, "trainer-alone");
  const TrainingResult straight = trainModel(straightSetup);

  std::atomic<bool> training{true};
  std::atomic<int> built{0};
  std::thread reader([&] {
    while (training) {
      loadTrainedModel(straightSetup.runFolder);
      ++built;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  const TrainingResult beside = trainModel(setupFor(multvae, syntheticSplit(), small, "trainer-beside-reads"));
  training = false;
  reader.join();
  EXPECT_GT(built.load(), 0);
  ASSERT_TRUE(beside.test && straight.test);
  EXPECT_EQ(beside.test->metrics.at("ndcg@100").mean, straight.test->metrics.at("ndcg@100").mean);
}

// Reading a run scores with the threads this process was given (--threads, the window's
// share), not those the run recorded for its training.
TEST(TrainerCheckpoint, ReadingARunKeepsTheProcessThreads) {
  const TrainingSetup setup = setupFor(findModel("multvae"), syntheticSplit(),
                                       {"epochs=1", "threads=1", "batch_size=32", "latent_dim=8", "hidden_dim=16"},
                                       "trainer-one-thread");
  trainModel(setup);
  setComputeThreads(2);
  loadTrainedModel(setup.runFolder);
  EXPECT_EQ(computeThreads(), 2);
}

// ---- Latent maps ----

TEST(TrainerLatent, RecordsTheSampleAndAFramePerEpochWithAnchors) {
  TrainingSetup setup = setupFor(findModel("multvae"), syntheticSplit(),
                                 {"epochs=3", "batch_size=32", "latent_dim=4", "hidden_dim=16", "pia=true",
                                  "latent_sample=50"},
                                 "trainer-latent-pia");
  const fs::path folder = setup.runFolder;
  trainModel(std::move(setup));

  const auto header = geometry::LatentTrail::readHeader(folder);
  ASSERT_TRUE(header.has_value());
  EXPECT_EQ(header->model, "multvae");
  const geometry::LatentSample expected = geometry::drawLatentSample(*syntheticSplit(), 50, 1);
  EXPECT_EQ(header->userIds, expected.userIds);
  EXPECT_EQ(header->splits, expected.splits);
  ASSERT_EQ(header->interactions.size(), 50U);
  for (std::size_t u = 0; u < 50; ++u) {
    EXPECT_EQ(static_cast<std::int64_t>(header->interactions[u]),
              expected.rows.rowSize(static_cast<std::int64_t>(u)));
  }

  ASSERT_EQ(geometry::LatentTrail::frameEpochs(folder), (std::vector<std::int64_t>{1, 2, 3}));
  for (const std::int64_t epoch : {1, 2, 3}) {
    const auto frame = geometry::LatentTrail::readFrame(folder, epoch);
    EXPECT_EQ(frame.users.rows, 50);
    EXPECT_EQ(frame.anchors.rows, syntheticSplit()->items());
    EXPECT_EQ(frame.pseudoInputs.rows, 0);
    EXPECT_EQ(frame.basis.components.cols, 4);
  }
}

TEST(TrainerLatent, VampFramesCarryPseudoInputsEveryFewEpochsAndTheSameUsersWhateverTheSeed) {
  TrainingSetup setup = setupFor(findModel("vamp"), syntheticSplit(),
                                 {"epochs=3", "batch_size=32", "latent_dim=4", "hidden_dim=16",
                                  "pseudo_inputs=5", "latent_every=2", "latent_sample=50", "seed=9"},
                                 "trainer-latent-vamp");
  const fs::path folder = setup.runFolder;
  trainModel(std::move(setup));

  EXPECT_EQ(geometry::LatentTrail::readHeader(folder)->userIds,
            geometry::drawLatentSample(*syntheticSplit(), 50, 1).userIds);
  ASSERT_EQ(geometry::LatentTrail::frameEpochs(folder), (std::vector<std::int64_t>{2, 3}));  // and the last
  const auto frame = geometry::LatentTrail::readFrame(folder, 3);
  EXPECT_EQ(frame.pseudoInputs.rows, 5);
  EXPECT_EQ(frame.anchors.rows, 0);
}

TEST(TrainerLatent, AFailedFrameWarnsOnceAndTrainingGoesOn) {
  TrainingSetup setup = setupFor(findModel("multvae"), syntheticSplit(),
                                 {"epochs=2", "batch_size=64", "latent_dim=1", "hidden_dim=8"},
                                 "trainer-latent-1d");
  const fs::path folder = setup.runFolder;
  EXPECT_EQ(trainModel(std::move(setup)).epochs, 2);

  std::vector<Note> warnings;
  for (const auto& event : eventsOf<Note>(readRunEvents(folder))) {
    const auto& note = std::get<Note>(event.payload);
    if (note.code == "latent_frame_failed") warnings.push_back(note);
  }
  ASSERT_EQ(warnings.size(), 1U);
  EXPECT_EQ(warnings[0].level, NoteLevel::Warning);
  EXPECT_NE(warnings[0].text.find("epoch 1"), std::string::npos) << warnings[0].text;
  EXPECT_TRUE(geometry::LatentTrail::frameEpochs(folder).empty());
  EXPECT_TRUE(isState(readRunEvents(folder).back(), TrainerState::Finished));
}

TEST(TrainerLatent, ModelsOutsideTheAutoencoderFamilyRecordNoneAndZeroTurnsThemOff) {
  TrainingSetup tiny = setupFor(tinyDefinition(), syntheticSplit(), {"epochs=1"}, "trainer-latent-tiny");
  const fs::path tinyFolder = tiny.runFolder;
  trainModel(std::move(tiny));
  EXPECT_FALSE(fs::exists(runLatentFolder(tinyFolder)));

  TrainingSetup off = setupFor(findModel("multdae"), syntheticSplit(),
                               {"epochs=1", "latent_dim=4", "hidden_dim=8", "latent_every=0"},
                               "trainer-latent-off");
  const fs::path offFolder = off.runFolder;
  trainModel(std::move(off));
  EXPECT_FALSE(fs::exists(runLatentFolder(offFolder)));
}

TEST(TrainerFailure, NonFiniteLossFailsNamingTheStepAndKeepsTheLastCheckpoint) {
  const std::int64_t batches = batchesPerEpoch(*syntheticSplit(), 32);
  const std::int64_t badStep = 2 * batches + 3;  // in epoch 3
  TrainingSetup setup = setupFor(tinyDefinition(), syntheticSplit(),
                                 {"epochs=5", "nan_at_step=" + std::to_string(badStep)}, "trainer-nan");
  const fs::path folder = setup.runFolder;
  const ModelFamily model = setup.model;
  try {
    trainModel(std::move(setup));
    FAIL() << "a NaN loss must fail the run";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("epoch 3, step " + std::to_string(badStep)), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("checkpoint is from epoch 2"), std::string::npos) << e.what();
  }
  const auto events = readRunEvents(folder);
  EXPECT_TRUE(isState(events.back(), TrainerState::Failed));
  EXPECT_EQ(events.back().step, badStep);

  // The checkpoint of epoch 2 loads and replays the same curve into the same NaN.
  auto reopened = Trainer::openRun(folder, syntheticSplit(), model);
  std::vector<TrainingEvent> again;
  reopened->start();
  const TrainingEvent failed = drainUntilState(*reopened, again, TrainerState::Failed);
  EXPECT_EQ(failed.step, badStep);
  EXPECT_EQ(epochsSummarised(again), std::vector<std::int64_t>{});
  const auto scorer = loadTrainedModel(folder, model);
  std::vector<float> scores(static_cast<std::size_t>(scorer->items()));
  scorer->score(syntheticSplit()->testFoldIn, 0, 1, scores.data());
  EXPECT_TRUE(std::all_of(scores.begin(), scores.end(), [](float s) { return std::isfinite(s); }));
}

// A reopened run evaluates with the metrics and cohorts it was started with, not the
// defaults, so its per-cohort curves go on in the same buckets.
TEST(TrainerCheckpoint, AReopenedRunKeepsItsMetricsAndCohorts) {
  TrainingSetup setup = setupFor(tinyDefinition(), syntheticSplit(), {"epochs=2"}, "trainer-evaluation");
  setup.evaluation.metrics = {parseMetric("ndcg@10"), parseMetric("ndcg@100")};
  setup.evaluation.cohortEdges = {3, 20};
  setup.evaluation.cohortAxis = CohortAxis::FoldInInteractions;
  const fs::path folder = setup.runFolder;
  const ModelFamily model = setup.model;
  auto trainer = Trainer::newRun(std::move(setup));
  std::vector<TrainingEvent> events;
  trainer->start(StartMode::Paused);
  drainUntilState(*trainer, events, TrainerState::Paused);
  trainer->stepEpoch();
  drainUntilState(*trainer, events, TrainerState::Paused);
  trainer->stop();
  drainUntilState(*trainer, events, TrainerState::Stopped);
  trainer.reset();

  auto reopened = Trainer::openRun(folder, syntheticSplit(), model);
  EXPECT_EQ(reopened->setup().evaluation.cohortEdges, (std::vector<std::uint32_t>{3, 20}));
  EXPECT_EQ(reopened->setup().evaluation.cohortAxis, CohortAxis::FoldInInteractions);
  std::vector<TrainingEvent> again;
  reopened->start();
  drainUntilState(*reopened, again, TrainerState::Finished);
  const auto evaluations = eventsOf<Evaluation>(again);
  ASSERT_FALSE(evaluations.empty());
  for (const auto& event : evaluations) {
    const EvaluationReport& report = std::get<Evaluation>(event.payload).report;
    EXPECT_EQ(report.metrics.count("ndcg@10"), 1U);
    EXPECT_EQ(report.metrics.count("recall@20"), 0U);
    std::vector<std::string> labels;
    for (const auto& cohort : report.cohorts) labels.push_back(cohort.label);
    EXPECT_EQ(labels.back(), "20+");
  }
}

TEST(TrainerSelection, TestMetricsComeFromTheBestValidationWeights) {
  // Epochs 3 and 4 climb the loss, so an earlier epoch must win validation.
  TrainingSetup setup = setupFor(tinyDefinition(), syntheticSplit(),
                                 {"epochs=4", "unlearn_from_epoch=3", "lr=0.05"}, "trainer-selection");
  const fs::path folder = setup.runFolder;
  const ModelFamily model = setup.model;
  const TrainingResult result = trainModel(std::move(setup));

  double bestValidation = -1.0;
  for (const auto& event : eventsOf<Evaluation>(readRunEvents(folder))) {
    const auto& evaluation = std::get<Evaluation>(event.payload);
    if (evaluation.split == EvaluatedSplit::Validation) {
      bestValidation = std::max(bestValidation, evaluation.report.metrics.at("ndcg@100").mean);
    }
  }
  EXPECT_EQ(result.epochs, 4);
  EXPECT_LT(result.bestEpoch, 3);
  ASSERT_TRUE(result.validation && result.test);
  EXPECT_EQ(result.validation->metrics.at("ndcg@100").mean, bestValidation);

  const auto best = loadTrainedModel(folder, model);
  const Split& split = *syntheticSplit();
  EXPECT_EQ(evaluate(*best, split.validationFoldIn, split.validationHeldout).metrics.at("ndcg@100").mean,
            bestValidation);
  EXPECT_EQ(evaluate(*best, split.testFoldIn, split.testHeldout).metrics.at("ndcg@100").mean,
            result.test->metrics.at("ndcg@100").mean);
}

TEST(TrainerSelection, PatienceStopsEarlyButNotDuringTheWarmup) {
  const std::vector<std::string> unlearning{"epochs=30", "unlearn_from_epoch=3", "lr=0.05", "patience=2"};
  std::vector<std::string> withWarmup = unlearning;
  withWarmup.push_back("warmup_epochs=6");

  const TrainingResult early =
      trainModel(setupFor(tinyDefinition(), syntheticSplit(), unlearning, "trainer-patience"));
  EXPECT_TRUE(early.stoppedEarly);
  EXPECT_EQ(early.epochs, early.bestEpoch + 2);

  const TrainingResult held =
      trainModel(setupFor(tinyDefinition(), syntheticSplit(), withWarmup, "trainer-warmup"));
  EXPECT_TRUE(held.stoppedEarly);
  EXPECT_EQ(held.epochs, 6 + 2);  // the counter starts after the warm-up
  EXPECT_EQ(held.bestEpoch, early.bestEpoch);
}

// ---- A rating model on the trainer (DeepRec) ----

std::shared_ptr<const Split> ratingSplit() {
  static const auto split =
      std::make_shared<const Split>(trainingSplitOf(timeRatingSplit(test::ratingLog(60, 30), 2000, 3)));
  return split;
}

const std::vector<std::string> kSmallDeepRec{"epochs=4", "layers=8,4,8", "batch_size=16", "lr_milestones=2",
                                             "lr=0.01"};

TEST(TrainerRatings, SelectsTheLowestValidationRmseAndTestsThoseWeights) {
  TrainingSetup setup = setupFor(findModel("deeprec"), ratingSplit(), kSmallDeepRec, "trainer-deeprec");
  const fs::path folder = setup.runFolder;
  const ModelFamily model = setup.model;
  const TrainingResult result = trainModel(std::move(setup));

  std::vector<double> validation;
  for (const auto& event : eventsOf<Evaluation>(readRunEvents(folder))) {
    const auto& evaluation = std::get<Evaluation>(event.payload);
    if (evaluation.split == EvaluatedSplit::Validation) validation.push_back(evaluation.report.metrics.at("rmse").mean);
  }
  ASSERT_EQ(validation.size(), 4U);
  ASSERT_TRUE(result.validation && result.test);
  EXPECT_EQ(result.validation->metrics.at("rmse").mean, *std::min_element(validation.begin(), validation.end()));
  EXPECT_EQ(result.validation->metrics.count("ndcg@100"), 0U);  // no ranking metrics for ratings

  const auto best = loadTrainedModel(folder, model);
  const Split& split = *ratingSplit();
  EXPECT_NEAR(evaluateRatings(*best, split.testFoldIn, split.testHeldout).metrics.at("rmse").mean,
              result.test->metrics.at("rmse").mean, 1e-6);
  // The step schedule halves the rate after epoch 2; re-feeding is a curve of its own.
  const auto epochs = eventsOf<EpochSummary>(readRunEvents(folder));
  EXPECT_DOUBLE_EQ(meanOf(epochs, 2, "lr"), 0.01);
  EXPECT_DOUBLE_EQ(meanOf(epochs, 3, "lr"), 0.005);
  EXPECT_GT(meanOf(epochs, 1, "refeed_loss"), 0.0);
}

TEST(TrainerRatings, StopThenStartContinuesTheUninterruptedCurve) {
  TrainingSetup straight = setupFor(findModel("deeprec"), ratingSplit(), kSmallDeepRec, "trainer-deeprec-straight");
  const fs::path straightFolder = straight.runFolder;
  trainModel(std::move(straight));

  auto trainer = Trainer::newRun(setupFor(findModel("deeprec"), ratingSplit(), kSmallDeepRec, "trainer-deeprec-stop"));
  std::vector<TrainingEvent> events;
  trainer->start(StartMode::Paused);
  drainUntilState(*trainer, events, TrainerState::Paused);
  for (int epoch = 0; epoch < 2; ++epoch) {
    trainer->stepEpoch();
    drainUntilState(*trainer, events, TrainerState::Paused);
  }
  trainer->stop();
  drainUntilState(*trainer, events, TrainerState::Stopped);
  trainer->start();
  drainUntilState(*trainer, events, TrainerState::Finished);

  const auto straightEpochs = eventsOf<EpochSummary>(readRunEvents(straightFolder));
  const auto resumedEpochs = eventsOf<EpochSummary>(readRunEvents(trainer->setup().runFolder));
  for (const std::int64_t epoch : {1, 2, 3, 4}) {
    EXPECT_NEAR(meanOf(resumedEpochs, epoch, "loss"), meanOf(straightEpochs, epoch, "loss"), 1e-6) << epoch;
    EXPECT_EQ(meanOf(resumedEpochs, epoch, "lr"), meanOf(straightEpochs, epoch, "lr")) << epoch;
  }
}

TEST(TrainerRatings, ASelectionMetricOfTheOtherTaskIsRefused) {
  EXPECT_THROW(Trainer::newRun(setupFor(findModel("deeprec"), ratingSplit(), {"selection_metric=ndcg@10"},
                                        "trainer-deeprec-ndcg")),
               Error);
  EXPECT_THROW(
      Trainer::newRun(setupFor(tinyDefinition(), syntheticSplit(), {"selection_metric=rmse"}, "trainer-tiny-rmse")),
      Error);
}

TEST(TrainerBench, TimesOneEpochOfEveryBatch) {
  const ModelFamily model = tinyDefinition();
  const Split& split = *syntheticSplit();
  for (const int epochs : {1, 2}) {
    const EpochTiming timing = timeTrainingEpoch(model, paramsFor(model, {"batch_size=50"}), split.train, epochs);
    EXPECT_EQ(timing.updates, batchesPerEpoch(split, 50));
    EXPECT_EQ(timing.users, split.train.rows());
    EXPECT_GT(timing.seconds, 0.0);
    // [I - 4 - I]: two weight matrices of 4 I entries, 6 operations per entry and user.
    EXPECT_DOUBLE_EQ(timing.denseFlops, 6.0 * 8.0 * static_cast<double>(split.train.cols() * split.train.rows()));
  }
}

// ---- Precision and devices (docs/gpu.md) ----

// The first batch's loss of a small Mult-VAE in `precision`, from the same initial weights.
double firstBatchLoss(const std::string& precision) {
  const ModelFamily multvae = findModel("multvae");
  TrainingEngine engine(multvae,
                        paramsFor(multvae, {"batch_size=400", "latent_dim=8", "hidden_dim=32", "dropout=0",
                                            "precision=" + precision}),
                        syntheticSplit()->train.cols());
  double loss = std::numeric_limits<double>::quiet_NaN();
  engine.trainEpoch(syntheticSplit()->train, 1, [] { return true; }, [&](const BatchRecord& record) {
    for (const auto& [name, value] : record.scalars)
      if (name == "reconstruction") loss = value;
  });
  return loss;
}

TEST(TrainerPrecision, Bf16ProductsChangeTheLossByRoundingOnly) {
  const double fp32 = firstBatchLoss("fp32");
  const double bf16 = firstBatchLoss("bf16");
  ASSERT_TRUE(std::isfinite(bf16));
  // bfloat16 keeps 8 significant bits: the products differ, the float32 loss barely.
  EXPECT_NE(bf16, fp32);
  EXPECT_NEAR(bf16 / fp32, 1.0, 0.01);
  EXPECT_NEAR(firstBatchLoss("tf32") / fp32, 1.0, 0.01);
}

TEST(TrainerPrecision, AnUnknownPrecisionIsRefused) {
  ParamSet params(trainingParamSpecs(findModel("multvae")));
  EXPECT_THROW(params.assign("precision=fp16"), Error);
}

// Every parameter of the engine's model, copied to the CPU.
std::vector<torch::Tensor> weightsOf(TrainingEngine& engine) {
  std::vector<torch::Tensor> weights;
  engine.inspectModel([&](const std::shared_ptr<vae::AutoencoderModel>& model) {
    for (const auto& parameter : model->parameters()) weights.push_back(parameter.detach().to(torch::kCPU));
  });
  return weights;
}

TEST(TrainerDevices, ACheckpointWrittenOnTheGpuLoadsOnTheCpuAndBack) {
  if (test::trainingDevice() != "cuda") GTEST_SKIP() << "runs in the gpu-labelled suite (VAECF_TEST_DEVICE=cuda)";
  const ModelFamily multvae = findModel("multvae");
  const std::vector<std::string> small{"batch_size=64", "latent_dim=8", "hidden_dim=16"};
  const Split& split = *syntheticSplit();
  const fs::path folder = test::freshTempDir("devices");
  TrainingEngine onGpu(multvae, paramsFor(multvae, small), split.train.cols());
  ASSERT_TRUE(onGpu.trainEpoch(split.train, 1, [] { return true; }, [](const BatchRecord&) {}));
  onGpu.saveCheckpoint(folder / "gpu.pt", TrainerProgress{1, 1, 0.5, 1.0, 0});

  ParamSet cpuParams = paramsFor(multvae, small);
  cpuParams.set("device", "cpu");
  TrainingEngine onCpu(multvae, cpuParams, split.train.cols());
  EXPECT_EQ(onCpu.loadCheckpoint(folder / "gpu.pt").epochsDone, 1);
  const auto gpuWeights = weightsOf(onGpu);
  const auto cpuWeights = weightsOf(onCpu);
  ASSERT_EQ(gpuWeights.size(), cpuWeights.size());
  for (std::size_t i = 0; i < gpuWeights.size(); ++i) EXPECT_TRUE(torch::equal(gpuWeights[i], cpuWeights[i])) << i;
  // Scores of the same weights agree to float rounding on either device.
  const EvaluationReport gpuReport = onGpu.evaluate(split.validationFoldIn, split.validationHeldout, {}, {});
  const EvaluationReport cpuReport = onCpu.evaluate(split.validationFoldIn, split.validationHeldout, {}, {});
  EXPECT_NEAR(gpuReport.metrics.at("ndcg@100").mean, cpuReport.metrics.at("ndcg@100").mean, 1e-5);

  onCpu.saveCheckpoint(folder / "cpu.pt", TrainerProgress{1, 1, 0.5, 1.0, 0});
  TrainingEngine backOnGpu(multvae, paramsFor(multvae, small), split.train.cols());
  backOnGpu.loadCheckpoint(folder / "cpu.pt");
  const auto again = weightsOf(backOnGpu);
  for (std::size_t i = 0; i < again.size(); ++i) EXPECT_TRUE(torch::equal(again[i], cpuWeights[i])) << i;
  // Training goes on from there on the GPU.
  EXPECT_TRUE(backOnGpu.trainEpoch(split.train, 2, [] { return true; }, [](const BatchRecord&) {}));
}

}  // namespace
}  // namespace vaecf
