#include "panels/RunsPanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>
#include <QAction>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

#include "train/TrainingEvents.h"

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

const QStringList kRankingColumns{QStringLiteral("ndcg@100"), QStringLiteral("recall@20"),
                                  QStringLiteral("recall@50")};
// DeepRec's metric: a column of its own once a listed run has it.
const QString kRatingColumn = QStringLiteral("rmse");
// Columns before the metrics, which come before the parameters.
enum Column { Name, Model, State, Epochs, Seconds, FirstMetric };

QString paramValue(const RunConfig& config, const QString& name) {
  for (const auto& [key, value] : config.params)
    if (qs(key) == name) return qs(value);
  return {};
}

}  // namespace

RunsPanel::RunsPanel(QWidget* parent) : QWidget(parent), table_(new QTableWidget(this)), folderLabel_(new QLabel(this)) {
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSortingEnabled(false);
  table_->verticalHeader()->hide();
  table_->setToolTip(tr("Select several runs (Ctrl or Shift) to overlay their curves; differing parameters are "
                        "highlighted"));
  connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
    highlightDifferences();
    Q_EMIT selectionChanged();
  });
  auto* refreshButton = new QPushButton(tr("Refresh"), this);
  connect(refreshButton, &QPushButton::clicked, this, &RunsPanel::refresh);
  folderLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* top = new QHBoxLayout;
  buttons_ = top;
  top->addWidget(folderLabel_, 1);
  top->addWidget(refreshButton);
  table_->setContextMenuPolicy(Qt::ActionsContextMenu);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(table_, 1);
}

void RunsPanel::setFolder(const std::filesystem::path& folder) {
  folder_ = folder;
  folderLabel_->setText(tr("Runs in %1").arg(qs(folder.string())));
  refresh();
}

void RunsPanel::refresh() {
  const std::vector<std::filesystem::path> selected = selectedRuns();
  runs_ = RunStore(folder_).list();
  std::set<std::string> names;
  for (const RunSummary& run : runs_)
    for (const auto& entry : run.config.params) names.insert(entry.first);
  parameterColumns_.clear();
  for (const std::string& name : names) parameterColumns_ << qs(name);
  metricColumns_ = kRankingColumns;
  if (std::any_of(runs_.begin(), runs_.end(),
                  [](const RunSummary& run) { return run.bestMetric(kRatingColumn.toStdString()).has_value(); }))
    metricColumns_ << kRatingColumn;

  const QSignalBlocker blocker(table_);
  table_->clear();
  table_->setRowCount(static_cast<int>(runs_.size()));
  table_->setColumnCount(firstParameterColumn() + static_cast<int>(parameterColumns_.size()));
  QStringList headers{tr("Run"), tr("Model"), tr("State"), tr("Epochs"), tr("Seconds")};
  for (const QString& metric : metricColumns_) headers << tr("best %1").arg(metric);
  headers << parameterColumns_;
  table_->setHorizontalHeaderLabels(headers);
  for (int row = 0; row < static_cast<int>(runs_.size()); ++row) {
    const RunSummary& run = runs_[static_cast<std::size_t>(row)];
    auto set = [&](int column, const QString& text) { table_->setItem(row, column, new QTableWidgetItem(text)); };
    set(Name, qs(run.name()));
    set(Model, qs(run.config.model));
    set(State, run.problem.empty() ? qs(std::string(stateName(run.state))) : tr("unreadable"));
    set(Epochs, QString::number(run.result.epochs));
    set(Seconds, QString::number(run.result.seconds, 'f', 1));
    for (int m = 0; m < metricColumns_.size(); ++m) {
      const auto value = run.bestMetric(metricColumns_[m].toStdString());
      set(FirstMetric + m, value ? QString::number(*value, 'f', 4) : QString());
    }
    for (int p = 0; p < parameterColumns_.size(); ++p)
      set(firstParameterColumn() + p, paramValue(run.config, parameterColumns_[p]));
    table_->item(row, Name)->setToolTip(qs(run.problem.empty() ? run.folder.string() : run.problem));
  }
  table_->resizeColumnsToContents();
  selectRuns(selected);
}

std::vector<std::filesystem::path> RunsPanel::selectedRuns() const {
  std::vector<std::filesystem::path> folders;
  for (const QModelIndex& index : table_->selectionModel()->selectedRows())
    folders.push_back(runs_[static_cast<std::size_t>(index.row())].folder);
  return folders;
}

void RunsPanel::selectRuns(const std::vector<std::filesystem::path>& folders) {
  table_->clearSelection();
  for (int row = 0; row < static_cast<int>(runs_.size()); ++row) {
    if (std::find(folders.begin(), folders.end(), runs_[static_cast<std::size_t>(row)].folder) == folders.end())
      continue;
    table_->selectionModel()->select(table_->model()->index(row, 0),
                                     QItemSelectionModel::Select | QItemSelectionModel::Rows);
  }
}

void RunsPanel::addRunAction(QAction* action) {
  auto* button = new QToolButton(this);
  button->setDefaultAction(action);
  buttons_->insertWidget(buttons_->count() - 1, button);
  table_->addAction(action);
}

int RunsPanel::firstParameterColumn() const { return FirstMetric + static_cast<int>(metricColumns_.size()); }

int RunsPanel::runCount() const { return static_cast<int>(runs_.size()); }

QStringList RunsPanel::differingParameters() const {
  QStringList differing;
  const QModelIndexList rows = table_->selectionModel()->selectedRows();
  if (rows.size() < 2) return differing;
  for (const QString& name : parameterColumns_) {
    const QString first = paramValue(runs_[static_cast<std::size_t>(rows.front().row())].config, name);
    for (const QModelIndex& index : rows) {
      if (paramValue(runs_[static_cast<std::size_t>(index.row())].config, name) != first) {
        differing << name;
        break;
      }
    }
  }
  return differing;
}

void RunsPanel::highlightDifferences() {
  const QStringList differing = differingParameters();
  const QBrush highlight(QColor(0xffe08a));
  for (int p = 0; p < parameterColumns_.size(); ++p) {
    const bool differs = differing.contains(parameterColumns_[p]);
    for (int row = 0; row < table_->rowCount(); ++row)
      if (QTableWidgetItem* item = table_->item(row, firstParameterColumn() + p)) item->setBackground(differs ? highlight : QBrush());
  }
}

}  // namespace vaecf::ui
