#include "train/Training.h"

#include <chrono>
#include <utility>

#include "common/Error.h"
#include "train/EventLog.h"
#include "train/RunFileErrors.h"
#include "train/RunFolder.h"
#include "train/TrainingEngine.h"
#include "plugin/ModelCatalog.h"

namespace fs = std::filesystem;

namespace vaecf {

namespace {

constexpr std::chrono::milliseconds kPollInterval{100};

bool isEnd(TrainerState state) { return state != TrainerState::Idle && !inProgress(state); }

TrainingResult runToCompletion(Trainer& trainer, const EventCallback& onEvent, const TaskContext& context) {
  const auto epochs = static_cast<std::uint64_t>(trainerSettings(trainer.setup().params).epochs);
  trainer.start();
  std::optional<StateChange> ending;
  bool stopRequested = false;
  while (!ending) {
    trainer.waitForEvents(kPollInterval);
    for (const auto& event : trainer.drainEvents()) {
      if (onEvent) onEvent(event);
      if (std::holds_alternative<EpochSummary>(event.payload)) {
        context.report("epoch", static_cast<std::uint64_t>(event.epoch), epochs);
      }
      const auto* change = std::get_if<StateChange>(&event.payload);
      if (change != nullptr && isEnd(change->state)) ending = *change;
    }
    if (!stopRequested && context.cancelled()) {
      trainer.stop();
      stopRequested = true;
    }
  }
  if (ending->state == TrainerState::Failed) throw Error(ending->message);
  if (ending->state == TrainerState::Stopped) throw Cancelled();
  return summarizeRun(readRunEvents(trainer.setup().runFolder));
}

}  // namespace

TrainingResult summarizeRun(const std::vector<TrainingEvent>& events) {
  TrainingResult result;
  double trainingSeconds = 0.0;
  for (const auto& event : events) {
    result.seconds = event.elapsedSeconds;
    if (const auto* epoch = std::get_if<EpochSummary>(&event.payload)) {
      result.epochs = event.epoch;
      trainingSeconds += epoch->seconds;
    } else if (const auto* evaluation = std::get_if<Evaluation>(&event.payload)) {
      if (evaluation->split == EvaluatedSplit::Test) {
        result.test = evaluation->report;
      } else if (evaluation->best) {
        result.bestEpoch = event.epoch;
        result.validation = evaluation->report;
      }
    } else if (const auto* note = std::get_if<Note>(&event.payload)) {
      result.stoppedEarly = result.stoppedEarly || note->code == "early_stop";
    }
  }
  if (result.epochs > 0) result.secondsPerEpoch = trainingSeconds / static_cast<double>(result.epochs);
  return result;
}

TrainingResult trainModel(TrainingSetup setup, const EventCallback& onEvent, const TaskContext& context) {
  const auto trainer = Trainer::newRun(std::move(setup));
  return runToCompletion(*trainer, onEvent, context);
}

TrainingResult resumeTraining(const fs::path& runFolder, std::shared_ptr<const Split> split,
                              const ModelFamily& model, const EventCallback& onEvent,
                              const TaskContext& context, std::shared_ptr<RankGroup> ranks) {
  const auto trainer = Trainer::openRun(runFolder, std::move(split), model, std::move(ranks));
  return runToCompletion(*trainer, onEvent, context);
}

void requireDataParallel(const ModelFamily& model) {
  if (!model.iterative()) throw Error(model.name + " is fitted in closed form: it has no training to share between ranks");
  if (!model.capabilities.dataParallel)
    throw Error(model.name + " does not train data-parallel (its loss is not a mean over the batch's users)");
}

void followTraining(const ModelFamily& model, const ParamSet& params, const Split& split,
                    std::shared_ptr<RankGroup> ranks) {
  requireDataParallel(model);
  TrainingEngine engine(model, params, split.items(), std::move(ranks));
  const TrainerProgress progress = engine.shareState({});
  try {
    for (std::int64_t epoch = progress.epochsDone + 1;; ++epoch) {
      if (!engine.trainEpoch(split.train, epoch, [] { return true; }, [](const BatchRecord&) {})) return;
    }
  } catch (const NonFiniteLoss&) {
    // Every rank saw the same loss; rank 0 reports it and keeps the run's last checkpoint.
  }
}

EpochTiming timeTrainingEpoch(const ModelFamily& model, const ParamSet& params, const CsrMatrix& train,
                              int epochs) {
  TrainingEngine engine(model, params, train.cols());
  EpochTiming timing;
  auto countBatch = [&](const BatchRecord& record) {
    ++timing.updates;
    timing.users += record.users;
  };
  // The first epoch pays for allocations and lazy initialisation; time the ones after it.
  engine.trainEpoch(train, 1, [] { return true; }, [](const BatchRecord&) {});
  engine.synchronize();
  const auto started = std::chrono::steady_clock::now();
  for (int epoch = 0; epoch < epochs; ++epoch) engine.trainEpoch(train, 2 + epoch, [] { return true; }, countBatch);
  engine.synchronize();
  timing.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() / epochs;
  timing.updates /= epochs;
  timing.users /= epochs;
  timing.denseFlops = 6.0 * static_cast<double>(engine.matrixWeights()) * static_cast<double>(timing.users);
  return timing;
}

std::unique_ptr<Recommender> loadTrainedModel(const fs::path& runFolder) {
  return loadTrainedModel(runFolder, findModel(readRunConfig(runFolder).model));
}

std::unique_ptr<Recommender> loadTrainedModel(const fs::path& runFolder, const ModelFamily& model) {
  const RunConfig config = readRunConfig(runFolder);
  const fs::path weights = runBestModelPath(runFolder);
  if (!fs::exists(weights))
    throw Error("'" + runFolder.string() + "' holds no trained weights yet (best.pt)");
  const auto items = static_cast<std::int64_t>(readRunItems(runFolder).size());
  const ParamSet params = runParams(config, model);
  return readingRunFile(weights, [&] { return loadAutoencoderRecommender(model, params, items, weights); });
}

}  // namespace vaecf
