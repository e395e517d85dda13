#include "EventDispatcherTest.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <mutex>
#include <thread>

#include "panels/LossPanel.h"
#include "runs/RunHistory.h"
#include "session/EventDispatcher.h"

namespace vaecf::ui {

namespace {

// A producer with the Trainer's notification contract: it calls the notifier when events
// arrive and none is outstanding since the last drain.
class FakeProducer {
 public:
  explicit FakeProducer(EventDispatcher& dispatcher) : dispatcher_(dispatcher) {}

  void push(TrainingEvent event) {
    bool notify = false;
    {
      const std::lock_guard lock(mutex_);
      events_.push_back(std::move(event));
      notify = !notified_;
      notified_ = true;
    }
    if (notify) dispatcher_.notify();
  }

  std::vector<TrainingEvent> drain() {
    const std::lock_guard lock(mutex_);
    notified_ = false;
    return std::exchange(events_, {});
  }

 private:
  EventDispatcher& dispatcher_;
  std::mutex mutex_;
  std::vector<TrainingEvent> events_;
  bool notified_ = false;
};

TrainingEvent lossEvent(std::int64_t generation, std::int64_t step) {
  TrainingEvent event;
  event.generation = generation;
  event.epoch = 1 + step / 1000;
  event.step = step;
  event.elapsedSeconds = static_cast<double>(step) * 1e-5;
  ScalarSummary summary;
  summary.scalars["loss"].add(1.0 / static_cast<double>(step + 1));
  event.payload = summary;
  return event;
}

}  // namespace

void EventDispatcherTest::burstOfEventsIsThrottledToThirtyRefreshesPerSecond() {
  EventDispatcher dispatcher;
  FakeProducer producer(dispatcher);
  dispatcher.setSource([&producer] { return producer.drain(); });
  RunHistory history;
  LossPanel panel;
  panel.resize(800, 500);
  panel.show();
  QVERIFY(QTest::qWaitForWindowExposed(&panel));
  auto shared = std::shared_ptr<const RunHistory>(&history, [](const RunHistory*) {});
  panel.setRuns({{QStringLiteral("burst"), QStringLiteral("burst"), shared}});
  const std::int64_t redrawsBefore = panel.redrawCount();

  std::int64_t received = 0;
  QVector<qint64> redrawTimes;
  QElapsedTimer clock;
  clock.start();
  connect(&dispatcher, &EventDispatcher::eventsReady, &panel, [&](const std::vector<TrainingEvent>& events) {
    history.applyAll(events);
    received += static_cast<std::int64_t>(events.size());
    panel.requestRedraw();
    redrawTimes.push_back(clock.elapsed());
  });

  constexpr int kEvents = 100000;
  // 100,000 events over about two seconds, in bursts, from another thread.
  std::thread worker([&producer] {
    for (int i = 0; i < kEvents; ++i) {
      producer.push(lossEvent(1, i));
      if (i % 500 == 499) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  QTRY_VERIFY_WITH_TIMEOUT(received == kEvents, 30000);
  worker.join();

  QCOMPARE(static_cast<std::int64_t>(history.batchCurves().at("loss").size()), std::int64_t(kEvents));
  QCOMPARE(panel.redrawCount() - redrawsBefore, static_cast<std::int64_t>(redrawTimes.size()));
  QVERIFY2(redrawTimes.size() >= 10, "the burst should have been drawn progressively");
  // No window of one second holds more than 30 refreshes (+1 for the window's edge).
  for (int first = 0; first < redrawTimes.size(); ++first) {
    int inWindow = 0;
    for (int i = first; i < redrawTimes.size() && redrawTimes[i] < redrawTimes[first] + 1000; ++i) ++inWindow;
    QVERIFY2(inWindow <= 31, qPrintable(QStringLiteral("%1 refreshes within one second").arg(inWindow)));
  }
  QVERIFY(panel.pointCount() <= 2000);  // decimated
}

void EventDispatcherTest::eventsOfOlderGenerationsAreDropped() {
  EventDispatcher dispatcher;
  std::vector<TrainingEvent> pending{lossEvent(1, 1), lossEvent(2, 2), lossEvent(1, 3), lossEvent(2, 4)};
  dispatcher.setSource([&pending] { return std::exchange(pending, {}); });
  std::vector<std::int64_t> steps;
  connect(&dispatcher, &EventDispatcher::eventsReady, this, [&](const std::vector<TrainingEvent>& events) {
    for (const auto& event : events) steps.push_back(event.step);
  });
  dispatcher.flush();
  QCOMPARE(steps, (std::vector<std::int64_t>{1, 2, 4}));
  pending = {lossEvent(1, 5), lossEvent(2, 6)};
  dispatcher.flush();
  QCOMPARE(steps, (std::vector<std::int64_t>{1, 2, 4, 6}));
  QCOMPARE(dispatcher.flushCount(), std::int64_t(2));
}

void EventDispatcherTest::hiddenPanelRedrawsOnlyWhenShown() {
  LossPanel panel;
  RunHistory history;
  history.apply(lossEvent(1, 1));
  history.apply(lossEvent(1, 2));
  panel.setRuns({{QStringLiteral("run"), QStringLiteral("run"),
                  std::shared_ptr<const RunHistory>(&history, [](const RunHistory*) {})}});
  panel.requestRedraw();
  QCOMPARE(panel.redrawCount(), std::int64_t(0));
  QCOMPARE(panel.pointCount(), qsizetype(0));
  panel.show();
  QVERIFY(QTest::qWaitForWindowExposed(&panel));
  QCOMPARE(panel.redrawCount(), std::int64_t(1));
  QCOMPARE(panel.pointCount(), qsizetype(2));
}

}  // namespace vaecf::ui
