#include "panels/MessageBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace vaecf::ui {

MessageBar::MessageBar(QWidget* parent) : QFrame(parent), label_(new QLabel(this)) {
  setFrameShape(QFrame::StyledPanel);
  label_->setWordWrap(true);
  label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* close = new QToolButton(this);
  close->setText(QStringLiteral("\u2715"));
  close->setToolTip(tr("Dismiss"));
  connect(close, &QToolButton::clicked, this, &QWidget::hide);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 4, 4, 4);
  layout->addWidget(label_, 1);
  layout->addWidget(close);
  hide();
}

void MessageBar::showMessage(Kind kind, const QString& text) {
  kind_ = kind;
  setStyleSheet(kind == Kind::Error ? QStringLiteral("MessageBar { background: #fde2e1; color: #6b0d0a; }")
                                    : QStringLiteral("MessageBar { background: #e3eefc; color: #0b2e59; }"));
  label_->setText(text);
  show();
}

QString MessageBar::text() const { return label_->text(); }

}  // namespace vaecf::ui
