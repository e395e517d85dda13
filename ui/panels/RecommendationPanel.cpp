#include "panels/RecommendationPanel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

RecommendationPanel::RecommendationPanel(QWidget* parent)
    : QWidget(parent),
      run_(new QLabel(this)),
      user_(new QComboBox(this)),
      count_(new QSpinBox(this)),
      history_(new QListWidget(this)),
      top_(new QTableWidget(this)) {
  run_->setWordWrap(true);
  setRunFolder({});
  user_->setEditable(true);
  user_->setToolTip(tr("A training user, or a validation or test user (their fold-in and heldout items are the history)"));
  count_->setRange(1, 100);
  count_->setValue(10);
  auto* go = new QPushButton(tr("Recommend"), this);
  connect(go, &QPushButton::clicked, this, [this] { recommend(user_->currentText()); });
  top_->setColumnCount(3);
  top_->setHorizontalHeaderLabels({tr("Rank"), tr("Item"), tr("Score")});
  top_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  top_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  top_->verticalHeader()->hide();
  top_->setEditTriggers(QAbstractItemView::NoEditTriggers);

  connect(&job_, &RecommendJob::recommended, this, &RecommendationPanel::show);
  connect(&job_, &RecommendJob::failed, this, [this](const QString& message) {
    Q_EMIT problem(tr("No recommendations from %1: %2").arg(qs(runFolder_.filename().string()), message));
  });

  auto* form = new QFormLayout;
  form->addRow(tr("Run"), run_);
  form->addRow(tr("User"), user_);
  form->addRow(tr("Top N"), count_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(go);
  layout->addWidget(new QLabel(tr("History"), this));
  layout->addWidget(history_, 1);
  layout->addWidget(new QLabel(tr("Recommended"), this));
  layout->addWidget(top_, 2);
}

void RecommendationPanel::setData(std::shared_ptr<const SessionData> data) {
  data_ = std::move(data);
  user_->clear();
  history_->clear();
  top_->setRowCount(0);
  if (!data_) return;
  for (const auto* ids : {&data_->split->validationUserIds, &data_->split->testUserIds})
    for (const std::string& id : *ids) user_->addItem(qs(id));
}

void RecommendationPanel::setRunFolder(const std::filesystem::path& runFolder) {
  runFolder_ = runFolder;
  run_->setText(runFolder.empty() ? tr("none yet: train a run or select one in the run table")
                                  : qs(runFolder.filename().string()));
}

QString RecommendationPanel::itemLabel(const std::string& itemId) const {
  const auto info = data_->catalog.find(itemId);
  return info == data_->catalog.end() ? qs(itemId) : QStringLiteral("%1  (%2)").arg(qs(info->second.title), qs(itemId));
}

bool RecommendationPanel::recommend(const QString& userId) {
  if (!data_) {
    Q_EMIT problem(tr("Load a dataset first."));
    return false;
  }
  if (runFolder_.empty()) {
    Q_EMIT problem(tr("No run to recommend with: train one or select one in the run table."));
    return false;
  }
  return job_.start(runFolder_, data_, userId.toStdString(), static_cast<std::size_t>(count_->value()));
}

void RecommendationPanel::show(const RunRecommendations& result) {
  const UserRecommendations& user = result.users.front();
  shown_ = user.items;
  history_->clear();
  for (const std::string& item : user.input) history_->addItem(itemLabel(item));
  top_->setRowCount(static_cast<int>(user.items.size()));
  for (int rank = 0; rank < top_->rowCount(); ++rank) {
    const RecommendedItem& item = user.items[static_cast<std::size_t>(rank)];
    top_->setItem(rank, 0, new QTableWidgetItem(QString::number(rank + 1)));
    top_->setItem(rank, 1, new QTableWidgetItem(itemLabel(item.itemId)));
    top_->setItem(rank, 2, new QTableWidgetItem(QString::number(static_cast<double>(item.score), 'f', 4)));
  }
  Q_EMIT recommended();
}

QStringList RecommendationPanel::recommendedItems() const {
  QStringList items;
  for (int row = 0; row < top_->rowCount(); ++row) items << top_->item(row, 1)->text();
  return items;
}

int RecommendationPanel::historySize() const { return history_->count(); }

}  // namespace vaecf::ui
