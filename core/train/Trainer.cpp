#include "train/Trainer.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>
#include <utility>

#include "common/Compute.h"
#include "common/Error.h"
#include "train/CommandGate.h"
#include "train/EventChannel.h"
#include "train/EventLog.h"
#include "train/RunFolder.h"
#include "train/Training.h"
#include "train/TrainingEngine.h"
#include "train/TrainingWorker.h"
#include "plugin/ModelCatalog.h"

namespace fs = std::filesystem;

namespace vaecf {

namespace {

// How many must-arrive events may wait for the consumer before the worker waits too.
constexpr std::size_t kEventCapacity = 4096;

// Unique across the trainers of a process, so a consumer never mistakes an old run's
// events for the current one's.
std::int64_t nextGeneration() {
  static std::atomic<std::int64_t> generation{0};
  return ++generation;
}

void checkSetup(const TrainingSetup& setup) {
  if (!setup.split || setup.split->train.rows() == 0) throw Error("the split has no training users");
  const TrainerSettings settings = trainerSettings(setup.params);
  if (settings.epochs < 1 || settings.batchSize < 1) throw Error("epochs and batch_size must be at least 1");
  checkSelectionMetric(settings.selectionMetric, setup.model.task);
  resolveDevice(settings.device);
  if (setup.ranks && !setup.ranks->leads()) throw Error("only rank 0 of a data-parallel run keeps its run folder");
  if (setup.ranks) requireDataParallel(setup.model);
}

// A run continues from its checkpoint and appends to its event log: refuse, before any
// training, a log that does not read and a checkpoint that is gone although the log shows
// it was written (the run would silently start again from epoch 1).
void checkRunHistory(const TrainingSetup& setup) {
  const fs::path checkpoint = runCheckpointPath(setup.runFolder), events = runEventsPath(setup.runFolder);
  std::error_code unreadable;  // the readers name what is wrong with such a file
  const bool haveCheckpoint = fs::symlink_status(checkpoint, unreadable).type() != fs::file_type::not_found;
  if (fs::symlink_status(events, unreadable).type() == fs::file_type::not_found) {
    if (haveCheckpoint)
      throw InputError(events.string(), 0,
                       "missing, yet the run has a checkpoint: its history is lost, so it cannot be continued");
    return;
  }
  const std::vector<TrainingEvent> history = readEventLog(events);
  if (haveCheckpoint) return;
  // The first checkpoint is written at epoch min(checkpoint_every, epochs) before the next
  // epoch starts; a finished or resumed run had one too.
  const TrainerSettings settings = trainerSettings(setup.params);
  const std::int64_t firstDue = std::min(settings.checkpointEvery, settings.epochs);
  std::int64_t reached = 0;
  bool saved = false;
  for (const TrainingEvent& event : history) {
    reached = std::max(reached, event.epoch);
    if (const auto* change = std::get_if<StateChange>(&event.payload))
      saved = saved || change->state == TrainerState::Finished;
    if (const auto* note = std::get_if<Note>(&event.payload)) saved = saved || note->code == "resumed";
  }
  if (saved || reached > firstDue)
    throw InputError(checkpoint.string(), 0,
                     "missing, yet events.jsonl shows it was written (the run reached epoch " + std::to_string(reached) +
                         "): without it the run would start again from epoch 1");
}

}  // namespace

// One start's worker thread and the commands it reads.
struct WorkerRun {
  CommandQueue commands;
  std::atomic<bool> ended{false};  // its last event (finished, stopped, failed) was sent
  std::thread thread;
};

struct Trainer::Impl {
  TrainingSetup setup;
  EventChannel channel{kEventCapacity};
  std::mutex controlMutex;  // start and commands against each other
  // Every start's worker, the current one last. A worker that sent its last event may
  // still be handing it over, so workers are joined only on destruction, never by start().
  std::vector<std::unique_ptr<WorkerRun>> runs;
  mutable std::mutex statusMutex;
  TrainerStatus status;

  explicit Impl(TrainingSetup trainingSetup) : setup(std::move(trainingSetup)) {}

  // Status first, so it is never behind what a consumer has seen.
  void publish(const TrainingEvent& event, WorkerRun& run) {
    {
      std::lock_guard<std::mutex> lock(statusMutex);
      status.epoch = event.epoch;
      status.step = event.step;
      if (const auto* change = std::get_if<StateChange>(&event.payload)) {
        status.state = change->state;
        if (!inProgress(change->state)) run.ended = true;
      }
    }
    channel.push(event);
  }

  TrainerStatus currentStatus() const {
    std::lock_guard<std::mutex> lock(statusMutex);
    return status;
  }

  // Under controlMutex.
  WorkerRun* activeRun() const { return runs.empty() || runs.back()->ended ? nullptr : runs.back().get(); }

  void post(Command::Kind kind) {
    std::lock_guard<std::mutex> lock(controlMutex);
    if (WorkerRun* run = activeRun()) run->commands.post(Command{kind, {}, {}});
  }
};

Trainer::Trainer(TrainingSetup setup) : impl_(std::make_unique<Impl>(std::move(setup))) {}

std::unique_ptr<Trainer> Trainer::newRun(TrainingSetup setup) {
  checkSetup(setup);
  if (fs::exists(runConfigPath(setup.runFolder))) {
    throw Error("'" + setup.runFolder.string() + "' already holds a run; resume it or choose another folder");
  }
  writeRunConfig(setup.runFolder, RunConfig{setup.model.name, setup.params.values(), setup.data, setup.evaluation});
  writeRunItems(setup.runFolder, setup.split->itemIds);
  return std::unique_ptr<Trainer>(new Trainer(std::move(setup)));
}

std::unique_ptr<Trainer> Trainer::openRun(const fs::path& runFolder, std::shared_ptr<const Split> split) {
  return openRun(runFolder, std::move(split), findModel(readRunConfig(runFolder).model));
}

std::unique_ptr<Trainer> Trainer::openRun(const fs::path& runFolder, std::shared_ptr<const Split> split,
                                          const ModelFamily& model, std::shared_ptr<RankGroup> ranks) {
  const RunConfig config = readRunConfig(runFolder);
  TrainingSetup setup{model,     runParams(config, model), std::move(split), runFolder, config.data, config.evaluation,
                      std::move(ranks)};
  checkSetup(setup);
  removeStaleTemporaryFiles(runFolder);
  checkRunHistory(setup);
  if (setup.split->itemIds != readRunItems(runFolder)) {
    throw Error("the split's items are not those '" + runFolder.string() + "' was trained on");
  }
  return std::unique_ptr<Trainer>(new Trainer(std::move(setup)));
}

Trainer::~Trainer() {
  stop();
  impl_->channel.close();  // a worker waiting for the consumer gives up its events
  for (auto& run : impl_->runs) run->thread.join();
}

void Trainer::start(StartMode mode) {
  std::lock_guard<std::mutex> lock(impl_->controlMutex);
  if (impl_->activeRun() != nullptr) return;
  const std::int64_t generation = nextGeneration();
  const TrainerState initial = mode == StartMode::Paused ? TrainerState::Paused : TrainerState::Running;
  {
    std::lock_guard<std::mutex> statusLock(impl_->statusMutex);
    impl_->status = TrainerStatus{initial, generation, impl_->status.epoch, impl_->status.step};
  }
  auto& run = *impl_->runs.emplace_back(std::make_unique<WorkerRun>());
  run.thread = std::thread([impl = impl_.get(), &run, generation, initial] {
    TrainingWorker(impl->setup, generation, initial, run.commands, [impl, &run](const TrainingEvent& event) {
      impl->publish(event, run);
    }).run();
  });
}

void Trainer::pause() { impl_->post(Command::Kind::Pause); }
void Trainer::resume() { impl_->post(Command::Kind::Resume); }
void Trainer::stepBatch() { impl_->post(Command::Kind::StepBatch); }
void Trainer::stepEpoch() { impl_->post(Command::Kind::StepEpoch); }

void Trainer::stop() {
  std::lock_guard<std::mutex> lock(impl_->controlMutex);
  if (WorkerRun* run = impl_->activeRun()) run->commands.requestStop();
}

void Trainer::setParameter(const std::string& name, const std::string& value) {
  if (!impl_->setup.params.spec(name).live)
    throw Error("parameter '" + name + "' cannot change during a run");
  ParamSet probe = impl_->setup.params;
  probe.set(name, value);  // throws, naming what is allowed
  std::lock_guard<std::mutex> lock(impl_->controlMutex);
  WorkerRun* run = impl_->activeRun();
  if (run == nullptr) throw Error("no run in progress");
  run->commands.post(Command{Command::Kind::SetParameter, name, value});
}

TrainerStatus Trainer::status() const { return impl_->currentStatus(); }

const TrainingSetup& Trainer::setup() const { return impl_->setup; }

std::vector<TrainingEvent> Trainer::drainEvents() { return impl_->channel.drain(); }

bool Trainer::waitForEvents(std::chrono::milliseconds timeout) {
  return impl_->channel.waitForEvents(timeout);
}

void Trainer::setEventNotifier(std::function<void()> notify) {
  impl_->channel.setNotifier(std::move(notify));
}

}  // namespace vaecf
