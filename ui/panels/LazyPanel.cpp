#include "panels/LazyPanel.h"

namespace vaecf::ui {

void LazyPanel::requestRedraw() {
  if (isVisible())
    redrawNow();
  else
    stale_ = true;
}

void LazyPanel::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (stale_) redrawNow();
}

void LazyPanel::redrawNow() {
  stale_ = false;
  ++redrawCount_;
  redraw();
}

}  // namespace vaecf::ui
