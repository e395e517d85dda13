#include "session/EventDispatcher.h"

#include <algorithm>

namespace vaecf::ui {

EventDispatcher::EventDispatcher(QObject* parent) : QObject(parent) {
  timer_.setSingleShot(true);
  connect(&timer_, &QTimer::timeout, this, &EventDispatcher::flush);
}

void EventDispatcher::setSource(Drain drain) {
  timer_.stop();
  drain_ = std::move(drain);
  generation_ = 0;
}

void EventDispatcher::clearSource() { setSource({}); }

void EventDispatcher::notify() {
  QMetaObject::invokeMethod(this, &EventDispatcher::scheduleFlush, Qt::QueuedConnection);
}

void EventDispatcher::setMaxFlushesPerSecond(int rate) { minIntervalMs_ = 1000 / std::max(1, rate); }

void EventDispatcher::scheduleFlush() {
  if (timer_.isActive()) return;
  const qint64 since = sinceFlush_.isValid() ? sinceFlush_.elapsed() : minIntervalMs_;
  timer_.start(static_cast<int>(std::max<qint64>(0, minIntervalMs_ - since)));
}

void EventDispatcher::flush() {
  timer_.stop();
  if (!drain_) return;
  std::vector<TrainingEvent> events = drain_();
  sinceFlush_.start();
  if (events.empty()) return;
  // A late event of an earlier start (a stopped worker's last words) must not be drawn
  // over the curves of the current one.
  events.erase(std::remove_if(events.begin(), events.end(),
                              [this](const TrainingEvent& event) {
                                if (event.generation < generation_) return true;
                                generation_ = event.generation;
                                return false;
                              }),
               events.end());
  if (events.empty()) return;
  ++flushCount_;
  Q_EMIT eventsReady(events);
}

}  // namespace vaecf::ui
