#pragma once
// Errors and notices shown inside the window rather than in modal boxes, so a failed
// load or run never blocks the user (or an offscreen test).

#include <QFrame>

class QLabel;

namespace vaecf::ui {

class MessageBar : public QFrame {
  Q_OBJECT

 public:
  enum class Kind { Info, Error };

  explicit MessageBar(QWidget* parent = nullptr);

  void showMessage(Kind kind, const QString& text);
  QString text() const;
  Kind kind() const { return kind_; }

 private:
  QLabel* label_;
  Kind kind_ = Kind::Info;
};

}  // namespace vaecf::ui
