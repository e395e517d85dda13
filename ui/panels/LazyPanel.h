#pragma once
// A panel that redraws only while it is visible: updates to a hidden panel just mark it
// stale, and it catches up when shown (docs/architecture.md 5: only visible panels redraw).

#include <QWidget>

#include <cstdint>

namespace vaecf::ui {

class LazyPanel : public QWidget {
  Q_OBJECT

 public:
  using QWidget::QWidget;

  // Redraws now when visible, else on the next show.
  void requestRedraw();
  std::int64_t redrawCount() const { return redrawCount_; }

 protected:
  virtual void redraw() = 0;
  void showEvent(QShowEvent* event) override;

 private:
  void redrawNow();

  bool stale_ = false;
  std::int64_t redrawCount_ = 0;
};

}  // namespace vaecf::ui
