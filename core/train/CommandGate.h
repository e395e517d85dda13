#pragma once
// Control of a running trainer: commands go one way, from any thread into a queue that the
// worker reads at batch boundaries (docs/architecture.md, streaming).

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "train/TrainingEvents.h"

namespace vaecf {

struct Command {
  enum class Kind { Pause, Resume, StepBatch, StepEpoch, SetParameter };

  Kind kind = Kind::Pause;
  std::string name;   // SetParameter only
  std::string value;  // SetParameter only
};

// Shared by the controlling thread and one worker.
class CommandQueue {
 public:
  void post(Command command);
  // Raised at once, not at the next batch boundary, so that a long evaluation sees it too.
  void requestStop();
  bool stopRequested() const { return stop_->load(); }
  const std::shared_ptr<std::atomic<bool>>& stopFlag() const { return stop_; }

  std::vector<Command> takeAll();
  // Blocks until a command is posted or a stop is requested.
  void waitForCommand();

 private:
  std::mutex mutex_;
  std::condition_variable posted_;
  std::vector<Command> commands_;
  std::shared_ptr<std::atomic<bool>> stop_ = std::make_shared<std::atomic<bool>>(false);
};

// The worker's side: applies commands at each batch boundary, holds the worker there
// while paused, and counts down single steps.
class CommandGate {
 public:
  struct Listener {
    std::function<void(TrainerState)> onStateChange;  // Running or Paused
    std::function<void(const std::string& name, const std::string& value)> onParameter;
  };

  // `initial` is TrainerState::Running or TrainerState::Paused.
  CommandGate(CommandQueue& commands, TrainerState initial, Listener listener);

  // Reports a running start; a paused one is reported where the worker first waits.
  void announceInitialState();
  // Before every batch: false when the run must stop here. Waits (no busy wait) while paused.
  bool beforeBatch();
  void afterBatch();
  void afterEpoch();

 private:
  enum class Mode { Running, Paused, SteppingBatch, SteppingEpoch };

  void apply(const Command& command);
  void report(TrainerState state);

  CommandQueue& commands_;
  Listener listener_;
  Mode mode_;
  TrainerState reported_ = TrainerState::Idle;
};

}  // namespace vaecf
