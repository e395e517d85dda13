#include "lessons/LessonBrowser.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

LessonBrowser::LessonBrowser(QWidget* parent)
    : QWidget(parent),
      list_(new QListWidget(this)),
      short_(new QCheckBox(tr("Short setting: fewer epochs, the same claims (for a slow computer)"), this)),
      start_(new QPushButton(tr("Start lesson"), this)) {
  auto* intro =
      new QLabel(tr("<h2>Lessons</h2><p>Each lesson teaches one idea behind variational-autoencoder "
                    "recommenders on real or generated data. You read a step, predict what will happen, "
                    "press Run, and the lesson checks its claim on your own runs, with the numbers. "
                    "You need to know what a neural network is, not the papers. Start with lesson 1.</p>"),
                 this);
  intro->setWordWrap(true);
  list_->setObjectName(QStringLiteral("lessonList"));
  list_->setWordWrap(true);
  list_->setSpacing(4);
  start_->setObjectName(QStringLiteral("startLessonButton"));
  start_->setDefault(true);
  auto* open = new QPushButton(tr("Open a saved lesson…"), this);
  connect(start_, &QPushButton::clicked, this, [this] { start(list_->currentRow()); });
  connect(list_, &QListWidget::itemActivated, this,
          [this](QListWidgetItem* item) { start(list_->row(item)); });
  connect(list_, &QListWidget::currentRowChanged, this, [this](int row) {
    start_->setEnabled(row >= 0 && entries_[static_cast<std::size_t>(row)].lesson.has_value());
  });
  connect(open, &QPushButton::clicked, this, &LessonBrowser::openRequested);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(short_);
  buttons->addStretch(1);
  buttons->addWidget(open);
  buttons->addWidget(start_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(intro);
  layout->addWidget(list_, 1);
  layout->addLayout(buttons);
}

void LessonBrowser::reload(const std::string& language) {
  entries_ = lessons::lessonCatalog(language);
  list_->clear();
  for (const lessons::CatalogEntry& entry : entries_) {
    auto* item = new QListWidgetItem(list_);
    if (entry.lesson) {
      item->setText(QStringLiteral("%1. %2\n%3")
                        .arg(entry.lesson->order)
                        .arg(qs(entry.lesson->title), qs(entry.lesson->summary)));
      item->setToolTip(qs(entry.file.string()));
    } else {
      item->setText(tr("%1 cannot be read: %2").arg(qs(entry.file.filename().string()), qs(entry.error)));
      item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
    }
  }
  list_->setCurrentRow(entries_.empty() ? -1 : 0);
  start_->setEnabled(!entries_.empty() && entries_.front().lesson.has_value());
}

bool LessonBrowser::shortSetting() const { return short_->isChecked(); }
void LessonBrowser::setShortSetting(bool on) { short_->setChecked(on); }

void LessonBrowser::start(int row) {
  if (row < 0 || row >= static_cast<int>(entries_.size())) return;
  const lessons::CatalogEntry& entry = entries_[static_cast<std::size_t>(row)];
  if (entry.lesson) Q_EMIT startRequested(*entry.lesson, shortSetting());
}

}  // namespace vaecf::ui
