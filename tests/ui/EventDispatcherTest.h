#pragma once

#include <QObject>

namespace vaecf::ui {

class EventDispatcherTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void burstOfEventsIsThrottledToThirtyRefreshesPerSecond();
  void eventsOfOlderGenerationsAreDropped();
  void hiddenPanelRedrawsOnlyWhenShown();
};

}  // namespace vaecf::ui
