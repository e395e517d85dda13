#include "train/CommandGate.h"

#include <utility>

namespace vaecf {

void CommandQueue::post(Command command) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    commands_.push_back(std::move(command));
  }
  posted_.notify_all();
}

void CommandQueue::requestStop() {
  {
    // Under the lock, so a worker between its check and its wait cannot miss it.
    std::lock_guard<std::mutex> lock(mutex_);
    stop_->store(true);
  }
  posted_.notify_all();
}

std::vector<Command> CommandQueue::takeAll() {
  std::lock_guard<std::mutex> lock(mutex_);
  return std::exchange(commands_, {});
}

void CommandQueue::waitForCommand() {
  std::unique_lock<std::mutex> lock(mutex_);
  posted_.wait(lock, [&] { return !commands_.empty() || stop_->load(); });
}

CommandGate::CommandGate(CommandQueue& commands, TrainerState initial, Listener listener)
    : commands_(commands),
      listener_(std::move(listener)),
      mode_(initial == TrainerState::Paused ? Mode::Paused : Mode::Running) {}

void CommandGate::announceInitialState() {
  // A paused start is reported by the first beforeBatch, where the worker really waits: the
  // epoch's shuffle draws before it, and whoever hears "paused" may draw at once.
  if (mode_ == Mode::Running) report(TrainerState::Running);
}

bool CommandGate::beforeBatch() {
  for (;;) {
    for (const auto& command : commands_.takeAll()) apply(command);
    if (commands_.stopRequested()) return false;
    if (mode_ != Mode::Paused) {
      report(TrainerState::Running);
      return true;
    }
    report(TrainerState::Paused);
    commands_.waitForCommand();
  }
}

void CommandGate::afterBatch() {
  if (mode_ == Mode::SteppingBatch) mode_ = Mode::Paused;
}

void CommandGate::afterEpoch() {
  if (mode_ == Mode::SteppingEpoch) mode_ = Mode::Paused;
}

void CommandGate::apply(const Command& command) {
  switch (command.kind) {
    case Command::Kind::Pause:
      mode_ = Mode::Paused;
      break;
    case Command::Kind::Resume:
      mode_ = Mode::Running;
      break;
    case Command::Kind::StepBatch:
      mode_ = Mode::SteppingBatch;
      break;
    case Command::Kind::StepEpoch:
      mode_ = Mode::SteppingEpoch;
      break;
    case Command::Kind::SetParameter:
      listener_.onParameter(command.name, command.value);
      break;
  }
}

void CommandGate::report(TrainerState state) {
  if (state == reported_) return;
  reported_ = state;
  listener_.onStateChange(state);
}

}  // namespace vaecf
