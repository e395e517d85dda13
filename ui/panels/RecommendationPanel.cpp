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

#include <vector>

#include "eval/RankingMetrics.h"
#include "experiment/Experiment.h"

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

RecommendationPanel::RecommendationPanel(QWidget* parent)
    : QWidget(parent),
      user_(new QComboBox(this)),
      count_(new QSpinBox(this)),
      history_(new QListWidget(this)),
      top_(new QTableWidget(this)) {
  user_->setEditable(true);
  user_->setToolTip(tr("A validation or test user (their fold-in items are the history), or a training user"));
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

  auto* form = new QFormLayout;
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

void RecommendationPanel::setRunFolder(const std::filesystem::path& runFolder) { runFolder_ = runFolder; }

QString RecommendationPanel::itemLabel(const std::string& itemId) const {
  const auto info = data_->catalog.find(itemId);
  return info == data_->catalog.end() ? qs(itemId) : QStringLiteral("%1  (%2)").arg(qs(info->second.title), qs(itemId));
}

bool RecommendationPanel::recommend(const QString& userId) {
  if (!data_) {
    Q_EMIT problem(tr("Load a dataset first."));
    return false;
  }
  const auto rows = findUser(*data_->split, userId.toStdString());
  if (!rows) {
    Q_EMIT problem(tr("There is no user '%1' in this split.").arg(userId));
    return false;
  }
  const Split& split = *data_->split;
  std::unique_ptr<Recommender> model;
  try {
    SavedRun run = loadRun(runFolder_);
    if (run.task == ModelTask::RatingPrediction) {
      Q_EMIT problem(tr("%1 predicts ratings from rating rows: recommend with it from the command line "
                        "(vaecf recommend).")
                         .arg(qs(run.config.model)));
      return false;
    }
    // The user's row is read from the session's data, so its columns must be the run's.
    if (run.itemIds != split.itemIds) {
      Q_EMIT problem(tr("The run %1 was trained on other items than the loaded data's: load its dataset (%2).")
                         .arg(qs(runFolder_.filename().string()), qs(run.config.data.describe())));
      return false;
    }
    model = std::move(run.recommender);
  } catch (const std::exception& error) {
    Q_EMIT problem(tr("No trained model to recommend with yet (a run keeps one after its first validation): %1")
                       .arg(qs(error.what())));
    return false;
  }
  // The row the model sees: the training row, or a heldout user's fold-in part.
  const std::int32_t* items = rows->input->rowColumns(rows->row);
  const std::int64_t size = rows->input->rowSize(rows->row);
  CsrMatrix input(split.items());
  input.appendRow(std::vector<std::int32_t>(items, items + size));
  std::vector<float> scores(static_cast<std::size_t>(split.items()));
  model->score(input, 0, 1, scores.data());
  const auto ranked = topK(scores.data(), split.items(), items, static_cast<std::size_t>(size),
                           static_cast<std::size_t>(count_->value()));

  history_->clear();
  for (std::int64_t k = 0; k < size; ++k) history_->addItem(itemLabel(split.itemIds[static_cast<std::size_t>(items[k])]));
  top_->setRowCount(static_cast<int>(ranked.size()));
  for (int rank = 0; rank < static_cast<int>(ranked.size()); ++rank) {
    const auto item = static_cast<std::size_t>(ranked[static_cast<std::size_t>(rank)]);
    top_->setItem(rank, 0, new QTableWidgetItem(QString::number(rank + 1)));
    top_->setItem(rank, 1, new QTableWidgetItem(itemLabel(split.itemIds[item])));
    top_->setItem(rank, 2, new QTableWidgetItem(QString::number(scores[item], 'f', 4)));
  }
  return true;
}

QStringList RecommendationPanel::recommendedItems() const {
  QStringList items;
  for (int row = 0; row < top_->rowCount(); ++row) items << top_->item(row, 1)->text();
  return items;
}

int RecommendationPanel::historySize() const { return history_->count(); }

}  // namespace vaecf::ui
