#pragma once
// A training run on its own thread, controlled through commands read at batch boundaries
// and reporting through events (docs/architecture.md, streaming). Torch-free: the GUI bridge
// and the CLI include this.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "data/DataSource.h"
#include "eval/Evaluator.h"
#include "data/Protocol.h"
#include "models/Params.h"
#include "train/DataParallel.h"
#include "train/RunFolder.h"
#include "train/TrainingEvents.h"
#include "train/TrainingParams.h"

namespace vaecf {

struct TrainingSetup {
  ModelFamily model;
  ParamSet params;  // made from trainingParamSpecs(model)
  std::shared_ptr<const Split> split;
  std::filesystem::path runFolder;
  DataSource data;  // recorded in config.json, so the run can be reopened on the same split
  EvaluationOptions evaluation;  // metrics and cohorts; the selection metric is added when missing
  // The ranks of a data-parallel run, this process their rank 0; null: this process alone.
  std::shared_ptr<RankGroup> ranks;
};

enum class StartMode { Running, Paused };

// Where a run stands, as of its latest event.
struct TrainerStatus {
  TrainerState state = TrainerState::Idle;
  std::int64_t generation = 0;
  std::int64_t epoch = 0;
  std::int64_t step = 0;
};

// Control methods return at once: commands take effect at the next batch boundary and are
// confirmed by events. Call them from one thread; events are drained from one (maybe
// another) thread. A start continues from the run folder's checkpoint when there is one,
// so stop-then-start loses at most the unfinished epoch; every start bumps the generation.
class Trainer {
 public:
  // A new run in `setup.runFolder`, where config.json and items.txt are written now.
  // Throws Error when the folder already holds a run, a setting is invalid or cuda is
  // asked for but absent.
  static std::unique_ptr<Trainer> newRun(TrainingSetup setup);
  // The run saved in `runFolder`, to be continued on `split` (the one it was trained on).
  static std::unique_ptr<Trainer> openRun(const std::filesystem::path& runFolder,
                                          std::shared_ptr<const Split> split);
  static std::unique_ptr<Trainer> openRun(const std::filesystem::path& runFolder,
                                          std::shared_ptr<const Split> split, const ModelFamily& model,
                                          std::shared_ptr<RankGroup> ranks = {});
  // Stops a run in progress at its next batch boundary and waits for the worker.
  ~Trainer();
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  // Starts the worker unless a run is already in progress (running or paused).
  void start(StartMode mode = StartMode::Running);
  void pause();
  void resume();
  // From pause: trains one batch, or up to the end of the current epoch, then pauses again.
  void stepBatch();
  void stepEpoch();
  void stop();
  // Throws Error unless the parameter is declared live, the value is valid and a run is in
  // progress; the change is confirmed by a ParameterChange event.
  void setParameter(const std::string& name, const std::string& value);

  TrainerStatus status() const;
  const TrainingSetup& setup() const;

  std::vector<TrainingEvent> drainEvents();
  // True when events are waiting, after waiting up to `timeout` for some.
  bool waitForEvents(std::chrono::milliseconds timeout);
  // `notify` runs on the worker thread when events arrive after a drain: at most one
  // notification is outstanding, which suits posting a single wake-up to a GUI thread.
  void setEventNotifier(std::function<void()> notify);

 private:
  explicit Trainer(TrainingSetup setup);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vaecf
