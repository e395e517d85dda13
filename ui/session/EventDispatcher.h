#pragma once
// Moves training events onto the GUI thread without flooding it: the producer's notifier
// posts one queued wake-up, and the dispatcher drains whatever arrived at most
// maxFlushesPerSecond times a second, from a single-shot timer (docs/architecture.md,
// streaming). Events of older generations than the newest seen are dropped.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <cstdint>
#include <functional>
#include <vector>

#include "train/TrainingEvents.h"

namespace vaecf::ui {

class EventDispatcher : public QObject {
  Q_OBJECT

 public:
  using Drain = std::function<std::vector<TrainingEvent>()>;

  explicit EventDispatcher(QObject* parent = nullptr);

  // The producer to drain from now on; forgets the generation seen so far.
  void setSource(Drain drain);
  void clearSource();
  // Thread-safe: the producer calls this when events are waiting.
  void notify();
  // Drains at once, ignoring the rate limit.
  void flush();

  void setMaxFlushesPerSecond(int rate);
  std::int64_t flushCount() const { return flushCount_; }

 Q_SIGNALS:
  void eventsReady(const std::vector<vaecf::TrainingEvent>& events);

 private:
  void scheduleFlush();

  Drain drain_;
  QTimer timer_;
  QElapsedTimer sinceFlush_;
  int minIntervalMs_ = 33;
  std::int64_t generation_ = 0;
  std::int64_t flushCount_ = 0;
};

}  // namespace vaecf::ui
