#include "panels/RunsPanel.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

#include "train/TrainingEvents.h"
#include "train/TrainingParams.h"

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

const QStringList kRankingColumns{QStringLiteral("ndcg@100"), QStringLiteral("recall@20"),
                                  QStringLiteral("recall@50")};
// DeepRec's metric: a column of its own once a listed run has it.
const QString kRatingColumn = QStringLiteral("rmse");
// Columns before the metrics, which come before the parameters.
enum Column { Name, Dataset, Model, State, Epochs, Seconds, FirstMetric };
// The keys of those columns, which hidden columns are kept by: the headers are translated.
const QStringList kFixedColumnKeys{QStringLiteral("run"),    QStringLiteral("dataset"),
                                   QStringLiteral("model"),  QStringLiteral("state"),
                                   QStringLiteral("epochs"), QStringLiteral("seconds")};
constexpr int kRunIndexRole = Qt::UserRole;  // on a run row's Name cell; a group row has none
constexpr int kSortKeyRole = Qt::UserRole + 1;
constexpr int kGroupKeyRole = Qt::UserRole + 2;

// Sorts numbers as numbers; text, and empty cells after every number.
class SortableItem : public QTreeWidgetItem {
 public:
  bool operator<(const QTreeWidgetItem& other) const override {
    const int column = treeWidget()->sortColumn();
    const QVariant mine = data(column, kSortKeyRole);
    const QVariant theirs = other.data(column, kSortKeyRole);
    if (mine.isValid() && theirs.isValid()) return mine.toDouble() < theirs.toDouble();
    if (mine.isValid() != theirs.isValid()) return mine.isValid();
    return QTreeWidgetItem::operator<(other);
  }
};

void setCell(QTreeWidgetItem& item, int column, const QString& text,
             std::optional<double> number = std::nullopt) {
  item.setText(column, text);
  item.setData(column, kSortKeyRole, number ? QVariant(*number) : QVariant());
}

void setMetric(QTreeWidgetItem& item, int column, const std::optional<double>& value) {
  setCell(item, column, value ? QString::number(*value, 'f', 4) : QString(), value);
}

// A parameter's cell: its value, or "start → end" when it changed while the run trained,
// with every change and its step in the tooltip.
void setParameter(QTreeWidgetItem& item, int column, const RunSummary& run, const std::string& name) {
  QString initial;
  for (const auto& [key, value] : run.config.params)
    if (key == name) initial = qs(value);
  const QString last = qs(run.finalParam(name));
  bool isNumber = false;
  const double number = last.toDouble(&isNumber);
  setCell(item, column, initial == last ? last : QStringLiteral("%1 → %2").arg(initial, last),
          isNumber ? std::optional<double>(number) : std::nullopt);
  QStringList changes;
  for (const LiveChange& change : run.liveChanges)
    if (change.name == name)
      changes << RunsPanel::tr("%1 = %2 from step %3").arg(qs(name), qs(change.value)).arg(change.step);
  if (!changes.isEmpty()) item.setToolTip(column, changes.join(QLatin1Char('\n')));
}

// "multvae (3 runs, best ndcg@100 0.4120)": the best validation value of the first metric
// column the group's runs have, better by that metric's direction.
QString groupLabel(const QString& key, const std::vector<const RunSummary*>& runs,
                   const QStringList& metrics) {
  const int count = static_cast<int>(runs.size());
  for (const QString& metric : metrics) {
    std::optional<double> best;
    const bool lower = lowerIsBetter(metric.toStdString());
    for (const RunSummary* run : runs) {
      const std::optional<double> value = run->bestMetric(metric.toStdString());
      if (value && (!best || (lower ? *value < *best : *value > *best))) best = value;
    }
    if (best)
      return RunsPanel::tr("%1 (%n run(s), best %2 %3)", nullptr, count)
          .arg(key, metric, QString::number(*best, 'f', 4));
  }
  return RunsPanel::tr("%1 (%n run(s))", nullptr, count).arg(key);
}

}  // namespace

RunsPanel::RunsPanel(QWidget* parent)
    : QWidget(parent),
      table_(new QTreeWidget(this)),
      filter_(new QLineEdit(this)),
      grouping_(new QComboBox(this)),
      columnMenu_(new QMenu(tr("Columns"), this)),
      folderLabel_(new QLabel(this)),
      listJob_(new RunListJob(this)) {
  connect(listJob_, &RunListJob::listed, this, &RunsPanel::takeRuns);
  // A folder that cannot be listed keeps the rows it had (each run's problem shows in its row).
  connect(listJob_, &RunListJob::failed, this, [this] { takeRuns(runs_); });
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setAllColumnsShowFocus(true);
  table_->setUniformRowHeights(true);
  table_->setToolTip(
      tr("Select several runs (Ctrl or Shift) to overlay their curves; differing parameters are "
         "highlighted. Click a header to sort; right-click it to hide or show columns."));
  connect(table_, &QTreeWidget::itemSelectionChanged, this, [this] {
    highlightDifferences();
    Q_EMIT selectionChanged();
  });
  table_->header()->setContextMenuPolicy(Qt::CustomContextMenu);
  connect(table_->header(), &QHeaderView::customContextMenuRequested, this,
          [this](const QPoint& at) { columnMenu_->popup(table_->header()->mapToGlobal(at)); });
  filter_->setPlaceholderText(tr("Filter: words, or column:value (state:finished, lr:0.001)"));
  filter_->setClearButtonEnabled(true);
  connect(filter_, &QLineEdit::textChanged, this, &RunsPanel::applyFilter);
  grouping_->addItem(tr("none"), static_cast<int>(Grouping::None));
  grouping_->addItem(tr("dataset"), static_cast<int>(Grouping::Dataset));
  grouping_->addItem(tr("model"), static_cast<int>(Grouping::Model));
  connect(grouping_, &QComboBox::currentIndexChanged, this, [this] { fillTable(selectedRuns()); });
  auto* columnsButton = new QToolButton(this);
  columnsButton->setText(columnMenu_->title());
  columnsButton->setMenu(columnMenu_);
  columnsButton->setPopupMode(QToolButton::InstantPopup);
  auto* refreshButton = new QPushButton(tr("Refresh"), this);
  connect(refreshButton, &QPushButton::clicked, this, &RunsPanel::refresh);
  folderLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* top = new QHBoxLayout;
  buttons_ = top;
  top->addWidget(folderLabel_, 1);
  top->addWidget(filter_, 1);
  top->addWidget(new QLabel(tr("Group by:"), this));
  top->addWidget(grouping_);
  top->addWidget(columnsButton);
  top->addWidget(refreshButton);
  table_->setContextMenuPolicy(Qt::ActionsContextMenu);
  // On the run under the mouse: a right click makes its row the current one.
  auto* colour = new QAction(tr("Colour…"), table_);
  colour->setToolTip(tr("Choose the colour the charts draw this run in"));
  connect(colour, &QAction::triggered, this, [this] {
    const QTreeWidgetItem* item = table_->currentItem();
    if (item == nullptr || !item->data(Name, kRunIndexRole).isValid()) return;  // a group's row
    // A copy: a refresh while the colour dialog is open replaces the listed runs.
    const std::filesystem::path folder = runOf(*item).folder;
    Q_EMIT colourRequested(folder);
  });
  table_->addAction(colour);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addWidget(table_, 1);
}

void RunsPanel::setFolder(const std::filesystem::path& folder) {
  folder_ = folder;
  addedRuns_.clear();
  folderLabel_->setText(tr("Runs in %1").arg(qs(folder.string())));
  refresh();
}

void RunsPanel::addRun(const std::filesystem::path& run) {
  if (std::find(addedRuns_.begin(), addedRuns_.end(), run) == addedRuns_.end()) addedRuns_.push_back(run);
  refresh();
}

void RunsPanel::refresh() {
  if (listJob_->isRunning()) {
    refreshAgain_ = true;
    return;
  }
  listJob_->start(folder_, addedRuns_);
}

bool RunsPanel::isRefreshing() const { return listJob_->isRunning() || refreshAgain_; }

void RunsPanel::takeRuns(const std::vector<RunSummary>& runs) {
  const std::vector<std::filesystem::path> before = selectedRuns();  // before runs_ changes under the rows
  runs_ = runs;
  std::set<std::string> names;
  for (const RunSummary& run : runs_)
    for (const auto& entry : run.config.params) names.insert(entry.first);
  parameterColumns_.clear();
  for (const std::string& name : names) parameterColumns_ << qs(name);
  metricColumns_ = kRankingColumns;
  if (std::any_of(runs_.begin(), runs_.end(),
                  [](const RunSummary& run) { return run.bestMetric(kRatingColumn.toStdString()).has_value(); }))
    metricColumns_ << kRatingColumn;
  if (refreshAgain_) {
    refreshAgain_ = false;
    listJob_->start(folder_, addedRuns_);
  }
  fillTable(pendingSelection_.value_or(before));
  if (!listJob_->isRunning()) pendingSelection_.reset();
  Q_EMIT refreshed();
  if (selectedRuns() != before) Q_EMIT selectionChanged();
}

void RunsPanel::fillTable(const std::vector<std::filesystem::path>& selected) {
  const QSignalBlocker blocker(table_);
  const int sortColumn = table_->header()->sortIndicatorSection();
  const Qt::SortOrder sortOrder = table_->header()->sortIndicatorOrder();
  table_->setSortingEnabled(false);  // rows would move while they are filled
  const QStringList collapsed = collapsedGroups();
  table_->clear();
  table_->setColumnCount(firstParameterColumn() + static_cast<int>(parameterColumns_.size()));
  QStringList headers{tr("Run"), tr("Dataset"), tr("Model"), tr("State"), tr("Epochs"), tr("Seconds")};
  for (const QString& metric : metricColumns_) headers << tr("best %1").arg(metric);
  for (const QString& metric : metricColumns_) headers << tr("test %1").arg(metric);
  headers << parameterColumns_;
  table_->setHeaderLabels(headers);
  const bool grouped = grouping() != Grouping::None;
  table_->setRootIsDecorated(grouped);
  std::map<QString, QTreeWidgetItem*> groups;
  for (std::size_t index = 0; index < runs_.size(); ++index) {
    auto* item = new SortableItem;
    fillRow(*item, runs_[index]);
    item->setData(Name, kRunIndexRole, static_cast<int>(index));
    if (grouped)
      groupItem(runs_[index], groups)->addChild(item);
    else
      table_->addTopLevelItem(item);
  }
  for (const auto& [key, group] : groups) group->setExpanded(!collapsed.contains(key));
  for (int column = 0; column < table_->columnCount(); ++column) table_->resizeColumnToContents(column);
  paintSwatches();
  fillColumnMenu();
  applyHiddenColumns();
  table_->setSortingEnabled(true);
  if (sortColumn >= 0 && sortColumn < table_->columnCount()) table_->sortItems(sortColumn, sortOrder);
  applyFilter();  // labels the groups too, after the columns were sized on the runs alone
  selectRuns(selected);
}

// The groups the user closed, kept closed when the rows are made anew.
QStringList RunsPanel::collapsedGroups() const {
  QStringList keys;
  for (int top = 0; top < table_->topLevelItemCount(); ++top) {
    const QTreeWidgetItem* group = table_->topLevelItem(top);
    if (group->data(Name, kGroupKeyRole).isValid() && !group->isExpanded())
      keys << group->data(Name, kGroupKeyRole).toString();
  }
  return keys;
}

// The group row `run` belongs under, made when it is the group's first run.
QTreeWidgetItem* RunsPanel::groupItem(const RunSummary& run, std::map<QString, QTreeWidgetItem*>& groups) {
  const QString key = qs(grouping() == Grouping::Dataset ? run.config.data.describe() : run.config.model);
  QTreeWidgetItem*& group = groups[key];
  if (group != nullptr) return group;
  group = new SortableItem;
  group->setData(Name, kGroupKeyRole, key);
  group->setFlags(Qt::ItemIsEnabled);  // never selected: a group is not a run
  QFont bold = group->font(Name);
  bold.setBold(true);
  group->setFont(Name, bold);
  table_->addTopLevelItem(group);
  group->setFirstColumnSpanned(true);
  return group;
}

void RunsPanel::fillRow(QTreeWidgetItem& item, const RunSummary& run) {
  setCell(item, Name, qs(run.name()));
  item.setToolTip(Name, qs(run.problem.empty() ? run.folder.string() : run.problem));
  setCell(item, Dataset, qs(run.config.data.describe()));
  setCell(item, Model, qs(run.config.model));
  fillProgress(item, run);
  const int metrics = static_cast<int>(metricColumns_.size());
  for (int m = 0; m < metrics; ++m) {
    const std::string metric = metricColumns_[m].toStdString();
    setMetric(item, FirstMetric + m, run.bestMetric(metric));
    setMetric(item, FirstMetric + metrics + m, run.testMetric(metric));
  }
  for (int p = 0; p < parameterColumns_.size(); ++p)
    setParameter(item, firstParameterColumn() + p, run, parameterColumns_[p].toStdString());
}

void RunsPanel::fillProgress(QTreeWidgetItem& item, const RunSummary& run) {
  setCell(item, State, run.problem.empty() ? qs(std::string(stateName(run.state))) : tr("unreadable"));
  setCell(item, Epochs, QString::number(run.result.epochs), static_cast<double>(run.result.epochs));
  setCell(item, Seconds, QString::number(run.result.seconds, 'f', 1), run.result.seconds);
}

void RunsPanel::showLiveProgress(const std::filesystem::path& run, TrainerState state, std::int64_t epoch,
                                 double seconds) {
  for (QTreeWidgetItem* item : runItems()) {
    RunSummary& summary = runs_[runIndex(*item)];
    if (summary.folder != run) continue;
    summary.state = state;
    summary.result.epochs = epoch;
    summary.result.seconds = seconds;
    fillProgress(*item, summary);
    if (!filter_->text().isEmpty()) applyFilter();  // "state:running" may no longer hold
    return;
  }
}

void RunsPanel::setFilter(const QString& text) { filter_->setText(text); }

// Every word must match: "column:value" the named column's whole value (by header, case
// aside), a bare word part of any cell. A group row shows while any of its runs does.
void RunsPanel::applyFilter() {
  const QStringList words = filter_->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
  auto wordMatches = [&](const QTreeWidgetItem& item, const QString& word) {
    const qsizetype colon = word.indexOf(QLatin1Char(':'));
    for (int column = 0; column < table_->columnCount(); ++column) {
      if (colon > 0) {
        if (table_->headerItem()->text(column).compare(word.left(colon), Qt::CaseInsensitive) == 0 &&
            item.text(column).compare(word.mid(colon + 1), Qt::CaseInsensitive) == 0)
          return true;
      } else if (item.text(column).contains(word, Qt::CaseInsensitive)) {
        return true;
      }
    }
    return false;
  };
  for (QTreeWidgetItem* item : runItems())
    item->setHidden(!std::all_of(words.begin(), words.end(),
                                 [&](const QString& word) { return wordMatches(*item, word); }));
  labelGroups();
}

// Counts, and the best metric, of the runs each group shows; a group with none is hidden.
void RunsPanel::labelGroups() {
  for (int top = 0; top < table_->topLevelItemCount(); ++top) {
    QTreeWidgetItem* group = table_->topLevelItem(top);
    if (group->data(Name, kRunIndexRole).isValid()) return;  // ungrouped: every row is a run
    std::vector<const RunSummary*> shown;
    for (int child = 0; child < group->childCount(); ++child)
      if (!group->child(child)->isHidden()) shown.push_back(&runOf(*group->child(child)));
    group->setHidden(shown.empty());
    group->setText(Name, groupLabel(group->data(Name, kGroupKeyRole).toString(), shown, metricColumns_));
  }
}

int RunsPanel::visibleRunCount() const {
  const std::vector<QTreeWidgetItem*> items = runItems();
  return static_cast<int>(std::count_if(items.begin(), items.end(),
                                        [](const QTreeWidgetItem* item) { return !item->isHidden(); }));
}

QStringList RunsPanel::hiddenColumns() const { return hiddenColumns_; }

void RunsPanel::setHiddenColumns(const QStringList& keys) {
  hiddenColumns_ = keys;
  applyHiddenColumns();
  checkColumnMenu();
}

RunsPanel::Grouping RunsPanel::grouping() const { return static_cast<Grouping>(grouping_->currentData().toInt()); }

void RunsPanel::setGrouping(Grouping grouping) {
  grouping_->setCurrentIndex(grouping_->findData(static_cast<int>(grouping)));
}

// The run's name stays: it tells the rows apart and carries the group rows' labels.
void RunsPanel::applyHiddenColumns() {
  const QStringList keys = columnKeys();
  for (int column = 0; column < keys.size(); ++column)
    table_->setColumnHidden(column, column != Name && hiddenColumns_.contains(keys[column]));
}

// A checkable action per column, made anew whenever the columns change.
void RunsPanel::fillColumnMenu() {
  columnMenu_->clear();
  columnMenu_->addAction(tr("Show all"), this, [this] { setHiddenColumns({}); });
  columnMenu_->addSeparator();
  const QStringList keys = columnKeys();
  for (int column = 0; column < keys.size(); ++column) {
    QAction* action = columnMenu_->addAction(table_->headerItem()->text(column));
    action->setData(keys[column]);
    action->setCheckable(true);
    action->setEnabled(column != Name);
    connect(action, &QAction::toggled, this, [this, key = keys[column]](bool shown) {
      hiddenColumns_.removeAll(key);
      if (!shown) hiddenColumns_ << key;
      applyHiddenColumns();
    });
  }
  checkColumnMenu();
}

void RunsPanel::checkColumnMenu() {
  for (QAction* action : columnMenu_->actions()) {
    if (!action->isCheckable()) continue;
    const QSignalBlocker blocker(action);
    action->setChecked(!hiddenColumns_.contains(action->data().toString()));
  }
}

QStringList RunsPanel::columnKeys() const {
  QStringList keys = kFixedColumnKeys;
  for (const QString& metric : metricColumns_) keys << QStringLiteral("best:") + metric;
  for (const QString& metric : metricColumns_) keys << QStringLiteral("test:") + metric;
  for (const QString& name : parameterColumns_) keys << QStringLiteral("param:") + name;
  return keys;
}

std::size_t RunsPanel::runIndex(const QTreeWidgetItem& item) const {
  return static_cast<std::size_t>(item.data(Name, kRunIndexRole).toInt());
}

const RunSummary& RunsPanel::runOf(const QTreeWidgetItem& item) const { return runs_[runIndex(item)]; }

// The run rows in table order, under their groups or not.
std::vector<QTreeWidgetItem*> RunsPanel::runItems() const {
  std::vector<QTreeWidgetItem*> items;
  for (QTreeWidgetItemIterator it(table_); *it != nullptr; ++it)
    if ((*it)->data(Name, kRunIndexRole).isValid()) items.push_back(*it);
  return items;
}

std::vector<const QTreeWidgetItem*> RunsPanel::selectedRunItems() const {
  std::vector<const QTreeWidgetItem*> selected;
  for (const QTreeWidgetItem* item : runItems())
    if (item->isSelected()) selected.push_back(item);
  return selected;
}

std::vector<std::filesystem::path> RunsPanel::selectedRuns() const {
  std::vector<std::filesystem::path> folders;
  for (const QTreeWidgetItem* item : selectedRunItems()) folders.push_back(runOf(*item).folder);
  return folders;
}

void RunsPanel::selectRuns(const std::vector<std::filesystem::path>& folders) {
  if (listJob_->isRunning()) pendingSelection_ = folders;
  table_->clearSelection();
  for (QTreeWidgetItem* item : runItems())
    if (std::find(folders.begin(), folders.end(), runOf(*item).folder) != folders.end())
      item->setSelected(true);
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
  for (QTreeWidgetItem* item : runItems()) {
    const auto colour = colours_.find(runOf(*item).folder);
    item->setData(Name, Qt::DecorationRole, colour != colours_.end() ? colour->second : QVariant());
  }
}

QColor RunsPanel::runColour(const std::filesystem::path& folder) const {
  for (const QTreeWidgetItem* item : runItems())
    if (runOf(*item).folder == folder) return item->data(Name, Qt::DecorationRole).value<QColor>();
  return {};
}

int RunsPanel::firstParameterColumn() const { return FirstMetric + 2 * static_cast<int>(metricColumns_.size()); }

int RunsPanel::runCount() const { return static_cast<int>(runs_.size()); }

QStringList RunsPanel::differingParameters() const {
  QStringList differing;
  const std::vector<const QTreeWidgetItem*> items = selectedRunItems();
  if (items.size() < 2) return differing;
  for (const QString& name : parameterColumns_) {
    const std::string first = runOf(*items.front()).finalParam(name.toStdString());
    for (const QTreeWidgetItem* item : items) {
      if (runOf(*item).finalParam(name.toStdString()) != first) {
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
  const QBrush highlight(QColor(0xffe08a));
  for (int p = 0; p < parameterColumns_.size(); ++p) {
    const bool differs = differing.contains(parameterColumns_[p]);
    for (QTreeWidgetItem* item : runItems())
      item->setBackground(firstParameterColumn() + p, differs && item->isSelected() ? highlight : QBrush());
  }
}

}  // namespace vaecf::ui
