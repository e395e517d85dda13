#include "geometry/PseudoInputPanel.h"
#include "plugin/ModelCatalog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <utility>

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

constexpr int kDefaultTopItems = 20;

}  // namespace

PseudoInputPanel::PseudoInputPanel(QWidget* parent)
    : QWidget(parent),
      job_(new GeometryJob(this)),
      state_(new QLabel(this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      topItems_(new QSpinBox(this)),
      components_(new QListWidget(this)),
      items_(new QTableWidget(this)) {
  state_->setWordWrap(true);
  cancel_->hide();
  connect(cancel_, &QPushButton::clicked, this, &PseudoInputPanel::cancel);
  topItems_->setRange(1, 500);
  topItems_->setValue(kDefaultTopItems);
  topItems_->setPrefix(tr("top "));
  topItems_->setToolTip(tr("Items decoded per pseudo-input"));
  connect(topItems_, &QSpinBox::editingFinished, this, &PseudoInputPanel::decode);

  components_->setMaximumWidth(180);
  components_->setToolTip(tr("The VampPrior's pseudo-inputs u_k; their encoded means are the map's markers"));
  connect(components_, &QListWidget::currentRowChanged, this, [this](int row) {
    showItems(row);
    Q_EMIT pseudoInputSelected(row);
  });
  items_->setColumnCount(4);
  items_->setHorizontalHeaderLabels({tr("Rank"), tr("Item"), tr("Title"), tr("Genres")});
  items_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  items_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
  items_->verticalHeader()->hide();
  items_->setEditTriggers(QAbstractItemView::NoEditTriggers);

  auto* top = new QHBoxLayout;
  top->addWidget(state_, 1);
  top->addWidget(topItems_);
  top->addWidget(cancel_);
  auto* body = new QSplitter(Qt::Horizontal, this);
  body->addWidget(components_);
  body->addWidget(items_);
  body->setStretchFactor(1, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(body, 1);

  connect(job_, &GeometryJob::progressed, this, [this] { state_->setText(tr("Decoding the pseudo-inputs...")); });
  connect(job_, &GeometryJob::pseudoInputsReady, this, [this](std::shared_ptr<const PseudoInputResult> result) {
    cancel_->hide();
    if (result->run->folder == runFolder_) showResult(std::move(result));  // else the run changed meanwhile
    decodePending();
  });
  connect(job_, &GeometryJob::failed, this, [this](const QString& message) {
    cancel_->hide();
    state_->setText(message);
    Q_EMIT problem(message);
    decodePending();
  });
  connect(job_, &GeometryJob::cancelled, this, [this] {
    cancel_->hide();
    state_->setText(idleState_);
    decodePending();
  });
  clear();
}

void PseudoInputPanel::setData(std::shared_ptr<const SessionData> data) {
  data_ = data;
  job_->setData(std::move(data));
  clear();
  decode();
}

void PseudoInputPanel::setRunFolder(const std::filesystem::path& runFolder) {
  if (runFolder == runFolder_) return;
  runFolder_ = runFolder;
  job_->cancel();
  clear();
  decode();
}

void PseudoInputPanel::setTopItems(int count) {
  topItems_->setValue(count);
  decode();
}

void PseudoInputPanel::cancel() {
  pending_ = false;
  job_->cancel();
}

void PseudoInputPanel::decode() {
  if (!data_ || runFolder_.empty()) return;
  if (job_->isRunning()) {
    pending_ = true;  // follows when the running job ends
    return;
  }
  if (!job_->startPseudoInputs(runFolder_, topItems_->value())) return;
  cancel_->show();
  state_->setText(tr("Decoding the pseudo-inputs..."));
}

void PseudoInputPanel::decodePending() {
  if (std::exchange(pending_, false)) decode();
}

void PseudoInputPanel::clear() {
  result_.reset();
  requested_ = -1;
  {
    const QSignalBlocker blocker(components_);
    components_->clear();
  }
  Q_EMIT pseudoInputSelected(-1);
  items_->setRowCount(0);
  idleState_ = !data_ || runFolder_.empty() ? tr("Choose a VampPrior run (%1) to see its pseudo-inputs.").arg(modelsWithPriorComponents())
                                            : QString();
  state_->setText(idleState_);
}

// The catalogue's models whose prior has components to show, "a or b".
QString PseudoInputPanel::modelsWithPriorComponents() {
  QStringList names;
  for (const ModelFamily& family : modelCatalog())
    if (family.capabilities.priorComponents) names << qs(family.name);
  return names.isEmpty() ? tr("a model with a VampPrior") : names.join(tr(" or "));
}

void PseudoInputPanel::showResult(std::shared_ptr<const PseudoInputResult> result) {
  const int previous = components_->currentRow();
  result_ = std::move(result);
  const QSignalBlocker blocker(components_);
  components_->clear();
  const auto count = static_cast<int>(result_->topItems.size());
  for (int k = 0; k < count; ++k) components_->addItem(tr("Pseudo-input %1").arg(k + 1));
  const QString model = qs(result_->run->model->modelName());
  idleState_ = count == 0 ? tr("This run's model (%1) has no VampPrior: there are no pseudo-inputs to show. Train "
                               "%2 to see them.")
                                .arg(model, modelsWithPriorComponents())
                          : tr("%1 has %n pseudo-input(s); select one to see the items it decodes to.", nullptr, count)
                                .arg(model);
  state_->setText(idleState_);
  const int requested = std::exchange(requested_, -1);
  const int shown = requested >= 0 ? requested : previous;
  components_->setCurrentRow(shown >= 0 && shown < count ? shown : -1);
  showItems(components_->currentRow());
  Q_EMIT pseudoInputSelected(components_->currentRow());  // the list's own signal was blocked
}

bool PseudoInputPanel::selectPseudoInput(int component) {
  if (component >= 0 && isBusy()) {
    requested_ = component;
    return true;
  }
  if (component < 0 || component >= pseudoInputCount()) return false;
  components_->setCurrentRow(component);
  return true;
}

void PseudoInputPanel::showItems(int component) {
  items_->setRowCount(0);
  if (!result_ || component < 0 || component >= pseudoInputCount()) return;
  const auto& columns = result_->topItems[static_cast<std::size_t>(component)];
  items_->setRowCount(static_cast<int>(columns.size()));
  for (int rank = 0; rank < static_cast<int>(columns.size()); ++rank) {
    const std::string& itemId = data_->split->itemIds[static_cast<std::size_t>(columns[static_cast<std::size_t>(rank)])];
    const auto info = data_->catalog.find(itemId);
    QStringList genres;
    if (info != data_->catalog.end())
      for (const std::string& genre : info->second.genres) genres << qs(genre);
    items_->setItem(rank, 0, new QTableWidgetItem(QString::number(rank + 1)));
    items_->setItem(rank, 1, new QTableWidgetItem(qs(itemId)));
    items_->setItem(rank, 2, new QTableWidgetItem(info == data_->catalog.end() ? QString() : qs(info->second.title)));
    items_->setItem(rank, 3, new QTableWidgetItem(genres.join(QLatin1Char('|'))));
  }
}

bool PseudoInputPanel::isBusy() const { return job_->isRunning(); }

QString PseudoInputPanel::stateText() const { return state_->text(); }

int PseudoInputPanel::pseudoInputCount() const { return result_ ? static_cast<int>(result_->topItems.size()) : 0; }

int PseudoInputPanel::selectedPseudoInput() const { return result_ ? components_->currentRow() : -1; }

std::vector<std::int64_t> PseudoInputPanel::shownItems() const {
  const int component = selectedPseudoInput();
  if (component < 0) return {};
  return result_->topItems[static_cast<std::size_t>(component)];
}

QStringList PseudoInputPanel::shownItemLabels() const {
  QStringList labels;
  for (int row = 0; row < items_->rowCount(); ++row) {
    const QString title = items_->item(row, 2)->text();
    labels << (title.isEmpty() ? items_->item(row, 1)->text() : title);
  }
  return labels;
}

}  // namespace vaecf::ui
