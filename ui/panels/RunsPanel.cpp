#include "panels/RunsPanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
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
enum Column { Name, Dataset, Model, State, Epochs, Seconds, FirstMetric };
constexpr int kRunIndexRole = Qt::UserRole;
constexpr int kSortKeyRole = Qt::UserRole + 1;

// Sorts numbers as numbers; text, and empty cells after every number.
class SortableItem : public QTableWidgetItem {
 public:
  explicit SortableItem(const QString& text) : QTableWidgetItem(text) {}
  SortableItem(const QString& text, double number) : QTableWidgetItem(text) { setData(kSortKeyRole, number); }

  bool operator<(const QTableWidgetItem& other) const override {
    const QVariant mine = data(kSortKeyRole);
    const QVariant theirs = other.data(kSortKeyRole);
    if (mine.isValid() && theirs.isValid()) return mine.toDouble() < theirs.toDouble();
    if (mine.isValid() != theirs.isValid()) return mine.isValid();
    return QTableWidgetItem::operator<(other);
  }
};

QTableWidgetItem* metricItem(const std::optional<double>& value) {
  return value ? new SortableItem(QString::number(*value, 'f', 4), *value) : new SortableItem(QString());
}

// A parameter's cell: its value, or "start → end" when it changed while the run trained,
// with every change and its step in the tooltip.
QTableWidgetItem* parameterItem(const RunSummary& run, const std::string& name) {
  QString initial;
  for (const auto& [key, value] : run.config.params)
    if (key == name) initial = qs(value);
  const QString last = qs(run.finalParam(name));
  auto* item = new SortableItem(initial == last ? last : QStringLiteral("%1 → %2").arg(initial, last));
  bool isNumber = false;
  const double number = last.toDouble(&isNumber);
  if (isNumber) item->setData(kSortKeyRole, number);
  QStringList changes;
  for (const LiveChange& change : run.liveChanges)
    if (change.name == name)
      changes << RunsPanel::tr("%1 = %2 from step %3").arg(qs(name), qs(change.value)).arg(change.step);
  if (!changes.isEmpty()) item->setToolTip(changes.join(QLatin1Char('\n')));
  return item;
}

}  // namespace

RunsPanel::RunsPanel(QWidget* parent)
    : QWidget(parent), table_(new QTableWidget(this)), filter_(new QLineEdit(this)), folderLabel_(new QLabel(this)) {
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->hide();
  table_->setToolTip(tr("Select several runs (Ctrl or Shift) to overlay their curves; differing parameters are "
                        "highlighted. Click a header to sort."));
  connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
    highlightDifferences();
    Q_EMIT selectionChanged();
  });
  filter_->setPlaceholderText(tr("Filter: words, or column:value (state:finished, lr:0.001)"));
  filter_->setClearButtonEnabled(true);
  connect(filter_, &QLineEdit::textChanged, this, &RunsPanel::applyFilter);
  auto* refreshButton = new QPushButton(tr("Refresh"), this);
  connect(refreshButton, &QPushButton::clicked, this, &RunsPanel::refresh);
  folderLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* top = new QHBoxLayout;
  buttons_ = top;
  top->addWidget(folderLabel_, 1);
  top->addWidget(filter_, 1);
  top->addWidget(refreshButton);
  table_->setContextMenuPolicy(Qt::ActionsContextMenu);
  // On the run under the mouse: a right click makes its row the current one.
  auto* colour = new QAction(tr("Colour…"), table_);
  colour->setToolTip(tr("Choose the colour the charts draw this run in"));
  connect(colour, &QAction::triggered, this, [this] {
    if (table_->currentRow() < 0) return;
    // A copy: a refresh while the colour dialog is open replaces the listed runs.
    const std::filesystem::path folder = runAt(table_->currentRow()).folder;
    Q_EMIT colourRequested(folder);
  });
  table_->addAction(colour);
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
  const int sortColumn = table_->horizontalHeader()->sortIndicatorSection();
  const Qt::SortOrder sortOrder = table_->horizontalHeader()->sortIndicatorOrder();
  table_->setSortingEnabled(false);  // rows would move while they are filled
  table_->clear();
  table_->setRowCount(static_cast<int>(runs_.size()));
  table_->setColumnCount(firstParameterColumn() + static_cast<int>(parameterColumns_.size()));
  QStringList headers{tr("Run"), tr("Dataset"), tr("Model"), tr("State"), tr("Epochs"), tr("Seconds")};
  for (const QString& metric : metricColumns_) headers << tr("best %1").arg(metric);
  for (const QString& metric : metricColumns_) headers << tr("test %1").arg(metric);
  headers << parameterColumns_;
  table_->setHorizontalHeaderLabels(headers);
  for (int row = 0; row < static_cast<int>(runs_.size()); ++row) fillRow(row, runs_[static_cast<std::size_t>(row)]);
  paintSwatches();
  table_->resizeColumnsToContents();
  table_->setSortingEnabled(true);
  if (sortColumn >= 0 && sortColumn < table_->columnCount()) table_->sortItems(sortColumn, sortOrder);
  applyFilter();
  selectRuns(selected);
}

void RunsPanel::fillRow(int row, const RunSummary& run) {
  auto set = [&](int column, QTableWidgetItem* item) { table_->setItem(row, column, item); };
  auto* name = new SortableItem(qs(run.name()));
  name->setData(kRunIndexRole, row);
  name->setToolTip(qs(run.problem.empty() ? run.folder.string() : run.problem));
  set(Name, name);
  set(Dataset, new SortableItem(qs(run.config.data.describe())));
  set(Model, new SortableItem(qs(run.config.model)));
  set(State, new SortableItem(run.problem.empty() ? qs(std::string(stateName(run.state))) : tr("unreadable")));
  set(Epochs, new SortableItem(QString::number(run.result.epochs), static_cast<double>(run.result.epochs)));
  set(Seconds, new SortableItem(QString::number(run.result.seconds, 'f', 1), run.result.seconds));
  const int metrics = static_cast<int>(metricColumns_.size());
  for (int m = 0; m < metrics; ++m) {
    const std::string metric = metricColumns_[m].toStdString();
    set(FirstMetric + m, metricItem(run.bestMetric(metric)));
    set(FirstMetric + metrics + m, metricItem(run.testMetric(metric)));
  }
  for (int p = 0; p < parameterColumns_.size(); ++p)
    set(firstParameterColumn() + p, parameterItem(run, parameterColumns_[p].toStdString()));
}

void RunsPanel::setFilter(const QString& text) { filter_->setText(text); }

// Every word must match: "column:value" the named column's whole value (by header, case
// aside), a bare word part of any cell.
void RunsPanel::applyFilter() {
  const QStringList words = filter_->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
  auto cellHolds = [&](int row, int column, const QString& text) {
    const QTableWidgetItem* item = table_->item(row, column);
    return item != nullptr && item->text().contains(text, Qt::CaseInsensitive);
  };
  auto cellIs = [&](int row, int column, const QString& text) {
    const QTableWidgetItem* item = table_->item(row, column);
    return item != nullptr && item->text().compare(text, Qt::CaseInsensitive) == 0;
  };
  auto wordMatches = [&](int row, const QString& word) {
    const qsizetype colon = word.indexOf(QLatin1Char(':'));
    for (int column = 0; column < table_->columnCount(); ++column) {
      if (colon > 0) {
        const QString header = table_->horizontalHeaderItem(column)->text();
        if (header.compare(word.left(colon), Qt::CaseInsensitive) == 0 && cellIs(row, column, word.mid(colon + 1)))
          return true;
      } else if (cellHolds(row, column, word)) {
        return true;
      }
    }
    return false;
  };
  for (int row = 0; row < table_->rowCount(); ++row) {
    const bool shown = std::all_of(words.begin(), words.end(), [&](const QString& word) { return wordMatches(row, word); });
    table_->setRowHidden(row, !shown);
  }
}

int RunsPanel::visibleRunCount() const {
  int shown = 0;
  for (int row = 0; row < table_->rowCount(); ++row) shown += table_->isRowHidden(row) ? 0 : 1;
  return shown;
}

const RunSummary& RunsPanel::runAt(int row) const {
  return runs_[static_cast<std::size_t>(table_->item(row, Name)->data(kRunIndexRole).toInt())];
}

std::vector<int> RunsPanel::selectedRows() const {
  std::vector<int> rows;
  for (const QModelIndex& index : table_->selectionModel()->selectedRows()) rows.push_back(index.row());
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<std::filesystem::path> RunsPanel::selectedRuns() const {
  std::vector<std::filesystem::path> folders;
  for (const int row : selectedRows()) folders.push_back(runAt(row).folder);
  return folders;
}

void RunsPanel::selectRuns(const std::vector<std::filesystem::path>& folders) {
  table_->clearSelection();
  for (int row = 0; row < table_->rowCount(); ++row) {
    if (std::find(folders.begin(), folders.end(), runAt(row).folder) == folders.end()) continue;
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

void RunsPanel::showRunColours(std::map<std::filesystem::path, QColor> colours) {
  colours_ = std::move(colours);
  const QSignalBlocker blocker(table_);
  paintSwatches();
}

void RunsPanel::paintSwatches() {
  for (int row = 0; row < table_->rowCount(); ++row) {
    const auto colour = colours_.find(runAt(row).folder);
    table_->item(row, Name)->setData(Qt::DecorationRole,
                                     colour != colours_.end() ? colour->second : QVariant());
  }
}

QColor RunsPanel::runColour(const std::filesystem::path& folder) const {
  for (int row = 0; row < table_->rowCount(); ++row)
    if (runAt(row).folder == folder) return table_->item(row, Name)->data(Qt::DecorationRole).value<QColor>();
  return {};
}

int RunsPanel::firstParameterColumn() const { return FirstMetric + 2 * static_cast<int>(metricColumns_.size()); }

int RunsPanel::runCount() const { return static_cast<int>(runs_.size()); }

QStringList RunsPanel::differingParameters() const {
  QStringList differing;
  const std::vector<int> rows = selectedRows();
  if (rows.size() < 2) return differing;
  for (const QString& name : parameterColumns_) {
    const std::string first = runAt(rows.front()).finalParam(name.toStdString());
    for (const int row : rows) {
      if (runAt(row).finalParam(name.toStdString()) != first) {
        differing << name;
        break;
      }
    }
  }
  return differing;
}

// Marks the differing parameters of the selected runs only: the other rows are not compared.
void RunsPanel::highlightDifferences() {
  const QStringList differing = differingParameters();
  const std::vector<int> selected = selectedRows();
  const QBrush highlight(QColor(0xffe08a));
  for (int p = 0; p < parameterColumns_.size(); ++p) {
    const bool differs = differing.contains(parameterColumns_[p]);
    for (int row = 0; row < table_->rowCount(); ++row) {
      const bool mark = differs && std::binary_search(selected.begin(), selected.end(), row);
      if (QTableWidgetItem* item = table_->item(row, firstParameterColumn() + p))
        item->setBackground(mark ? highlight : QBrush());
    }
  }
}

}  // namespace vaecf::ui
