#pragma once
// Carries events from the training worker to one consumer thread. Must-arrive events wait
// in a bounded queue: the worker blocks when the consumer falls that far behind. Scalar
// summaries never block and never pile up: one not yet drained absorbs the next.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "train/TrainingEvents.h"

namespace vaecf {

class EventChannel {
 public:
  explicit EventChannel(std::size_t capacity);

  // Called from the worker. Waits while `capacity` must-arrive events are pending, unless
  // the channel was closed, after which events are dropped.
  void push(TrainingEvent event);
  // Called on the worker thread whenever events become available to an empty channel, so
  // at most one wake-up is outstanding until the consumer drains.
  void setNotifier(std::function<void()> notify);
  void close();

  std::vector<TrainingEvent> drain();
  // True when events are available, waiting up to `timeout` for them.
  bool waitForEvents(std::chrono::milliseconds timeout);

 private:
  bool mergeIntoPendingScalars(const TrainingEvent& event);

  const std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable drained_;
  std::condition_variable available_;
  std::deque<TrainingEvent> pending_;
  std::size_t pendingMustArrive_ = 0;
  bool closed_ = false;
  std::function<void()> notify_;
};

}  // namespace vaecf
