#include "train/EventChannel.h"

#include <utility>

namespace vaecf {

EventChannel::EventChannel(std::size_t capacity) : capacity_(capacity) {}

void EventChannel::push(TrainingEvent event) {
  std::function<void()> notify;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    if (closed_ || mergeIntoPendingScalars(event)) return;
    if (!std::holds_alternative<ScalarSummary>(event.payload)) {
      drained_.wait(lock, [&] { return closed_ || pendingMustArrive_ < capacity_; });
      if (closed_) return;
      ++pendingMustArrive_;
    }
    if (pending_.empty()) notify = notify_;
    pending_.push_back(std::move(event));
  }
  available_.notify_all();
  if (notify) notify();
}

bool EventChannel::mergeIntoPendingScalars(const TrainingEvent& event) {
  const auto* incoming = std::get_if<ScalarSummary>(&event.payload);
  if (incoming == nullptr || pending_.empty()) return false;
  TrainingEvent& last = pending_.back();
  auto* waiting = std::get_if<ScalarSummary>(&last.payload);
  if (waiting == nullptr || last.generation != event.generation) return false;
  for (const auto& [name, stats] : incoming->scalars) waiting->scalars[name].merge(stats);
  last.epoch = event.epoch;
  last.step = event.step;
  last.elapsedSeconds = event.elapsedSeconds;
  return true;
}

void EventChannel::setNotifier(std::function<void()> notify) {
  std::lock_guard<std::mutex> lock(mutex_);
  notify_ = std::move(notify);
}

void EventChannel::close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
  }
  drained_.notify_all();
  available_.notify_all();
}

std::vector<TrainingEvent> EventChannel::drain() {
  std::vector<TrainingEvent> events;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    events.assign(std::make_move_iterator(pending_.begin()), std::make_move_iterator(pending_.end()));
    pending_.clear();
    pendingMustArrive_ = 0;
  }
  drained_.notify_all();
  return events;
}

bool EventChannel::waitForEvents(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return available_.wait_for(lock, timeout, [&] { return !pending_.empty(); });
}

}  // namespace vaecf
