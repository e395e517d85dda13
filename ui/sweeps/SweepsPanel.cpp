#include "sweeps/SweepsPanel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "common/Error.h"
#include "session/CliProgram.h"
#include "session/TrainingSession.h"
#include "sweeps/MetricSlices.h"
#include "sweeps/ParallelCoordinates.h"
#include "train/RunFolder.h"

namespace fs = std::filesystem;

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

enum EditorColumn { Name, Values, Low, High, Log, EditorColumns };
enum TrialColumn { Id, State, Rung, Metric, FirstParam };

QString stateText(TrialState state) {
  switch (state) {
    case TrialState::Pending:
      return SweepsPanel::tr("pending");
    case TrialState::Finished:
      return SweepsPanel::tr("finished");
    case TrialState::Failed:
      return SweepsPanel::tr("failed");
  }
  return {};
}

// A number sorts as a number, anything else as text.
QTableWidgetItem* cell(const QString& text) {
  auto* item = new QTableWidgetItem;
  bool numeric = false;
  const double value = text.toDouble(&numeric);
  item->setData(Qt::DisplayRole, numeric ? QVariant(value) : QVariant(text));
  item->setFlags(item->flags() & ~Qt::ItemIsEditable);
  return item;
}

QTableWidgetItem* numberCell(double value) {
  auto* item = new QTableWidgetItem;
  item->setData(Qt::DisplayRole, value);
  item->setFlags(item->flags() & ~Qt::ItemIsEditable);
  return item;
}

std::string valueOf(const ParamValues& values, const std::string& name) {
  for (const auto& [key, value] : values)
    if (key == name) return value;
  return {};
}

// A grid of positive numbers spanning two decades or more reads best on a log axis.
bool looksLogarithmic(const std::vector<double>& values) {
  if (values.empty()) return false;
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  return *low > 0.0 && *high / *low >= 100.0;
}

ParallelCoordinates::Axis gridAxis(const std::string& name, const std::vector<std::string>& values) {
  ParallelCoordinates::Axis axis{qs(name), false, {}};
  std::vector<double> numbers;
  for (const std::string& value : values) {
    bool numeric = false;
    numbers.push_back(qs(value).toDouble(&numeric));
    if (!numeric) {  // a choice: its values in the order listed
      for (const std::string& category : values) axis.categories << qs(category);
      return axis;
    }
  }
  axis.logScale = looksLogarithmic(numbers);
  return axis;
}

}  // namespace

SweepsPanel::SweepsPanel(TrainingSession& session, QWidget* parent)
    : QWidget(parent),
      session_(session),
      editor_(new QTableWidget(this)),
      scheduler_(new QComboBox(this)),
      trialCount_(new QSpinBox(this)),
      seeds_(new QSpinBox(this)),
      workers_(new QSpinBox(this)),
      minEpochs_(new QSpinBox(this)),
      reduction_(new QSpinBox(this)),
      start_(new QPushButton(tr("Start sweep"), this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      open_(new QPushButton(tr("Open sweep…"), this)),
      resume_(new QPushButton(tr("Resume"), this)),
      openTrial_(new QPushButton(tr("Open trial as run"), this)),
      progress_(new QProgressBar(this)),
      status_(new QLabel(this)),
      chart_(new ParallelCoordinates(this)),
      slices_(new MetricSlices(*chart_, this)),
      trials_(new QTableWidget(this)) {
  editor_->setColumnCount(EditorColumns);
  editor_->setHorizontalHeaderLabels(
      {tr("Sweep"), tr("Values (grid)"), tr("Low"), tr("High"), tr("Log scale")});
  editor_->setToolTip(
      tr("Tick the options to sweep: a comma list of values for a grid, or low and high for "
         "random draws and successive halving"));
  editor_->verticalHeader()->hide();
  editor_->horizontalHeader()->setSectionResizeMode(Values, QHeaderView::Stretch);

  scheduler_->addItem(tr("Grid"), static_cast<int>(SweepScheduler::Grid));
  scheduler_->addItem(tr("Random"), static_cast<int>(SweepScheduler::Random));
  scheduler_->addItem(tr("Successive halving"), static_cast<int>(SweepScheduler::Halving));
  trialCount_->setRange(1, 10000);
  trialCount_->setValue(9);
  trialCount_->setPrefix(tr("trials "));
  seeds_->setRange(1, 20);
  seeds_->setPrefix(tr("seeds "));
  seeds_->setToolTip(tr("The winner, chosen on validation, is trained with this many training seeds "
                        "(its own first) and tested: the spread over seeds tells a real gain from noise"));
  workers_->setRange(1, std::max(1, QThread::idealThreadCount()));
  workers_->setPrefix(tr("at once "));
  workers_->setToolTip(tr("Trials trained side by side, each in a process of its own with its share of "
                          "the compute threads; another starts only while memory holds the most a "
                          "trial took"));
  minEpochs_->setRange(1, 10000);
  minEpochs_->setPrefix(tr("first rung "));
  minEpochs_->setSuffix(tr(" epochs"));
  minEpochs_->setToolTip(tr("Successive halving: the epochs every trial trains in the first rung"));
  reduction_->setRange(2, 10);
  reduction_->setValue(3);
  reduction_->setPrefix(tr("keep 1 in "));
  reduction_->setToolTip(tr("Successive halving: one trial in this many goes on to the next rung, "
                            "which trains this many times longer"));
  // Two rows, so that the tab fits a laptop screen's width.
  auto* schedule = new QHBoxLayout;
  for (QWidget* widget : std::initializer_list<QWidget*>{scheduler_, trialCount_, minEpochs_, reduction_, seeds_})
    schedule->addWidget(widget);
  schedule->addStretch(1);
  auto* controls = new QHBoxLayout;
  for (QWidget* widget : std::initializer_list<QWidget*>{workers_, start_, cancel_, open_, resume_})
    controls->addWidget(widget);
  controls->addStretch(1);
  auto* define = new QGroupBox(tr("Define a sweep of the current model"), this);
  auto* defineLayout = new QVBoxLayout(define);
  defineLayout->addWidget(editor_);
  defineLayout->addLayout(schedule);
  defineLayout->addLayout(controls);

  trials_->setSelectionBehavior(QAbstractItemView::SelectRows);
  trials_->setSelectionMode(QAbstractItemView::SingleSelection);
  trials_->verticalHeader()->hide();
  trials_->setSortingEnabled(true);
  auto* views = new QTabWidget(this);
  views->addTab(chart_, tr("Parallel coordinates"));
  views->addTab(slices_, tr("Metric against each option"));
  auto* results = new QSplitter(Qt::Vertical, this);
  results->addWidget(views);
  results->addWidget(trials_);

  auto* bottom = new QHBoxLayout;
  bottom->addWidget(status_, 1);
  bottom->addWidget(openTrial_);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(define);
  layout->addWidget(progress_);
  layout->addWidget(results, 1);
  layout->addLayout(bottom);

  connect(&session_, &TrainingSession::modelChanged, this, &SweepsPanel::fillEditor);
  connect(scheduler_, &QComboBox::currentIndexChanged, this, &SweepsPanel::updateControls);
  connect(start_, &QPushButton::clicked, this, &SweepsPanel::start);
  connect(cancel_, &QPushButton::clicked, this, &SweepsPanel::cancel);
  connect(resume_, &QPushButton::clicked, this, &SweepsPanel::resume);
  connect(openTrial_, &QPushButton::clicked, this, &SweepsPanel::openSelectedTrial);
  connect(open_, &QPushButton::clicked, this, [this] {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Open sweep"), qs(session_.runsFolder().string()));
    if (!folder.isEmpty()) openSweep(folder.toStdString());
  });
  connect(trials_, &QTableWidget::itemSelectionChanged, this, &SweepsPanel::updateControls);
  connect(chart_, &ParallelCoordinates::brushesChanged, this, &SweepsPanel::applyBrushes);
  connect(chart_, &ParallelCoordinates::brushesChanged, slices_, qOverload<>(&QWidget::update));
  connect(&job_, &SweepJob::indexChanged, this, &SweepsPanel::showIndex);
  connect(&job_, &SweepJob::completed, this, [this](const SweepReport& report) {
    QString text = report.winner
                       ? tr("The sweep has finished; the best trial on validation is trial %1.").arg(*report.winner)
                       : tr("The sweep has finished without a finished trial.");
    if (report.winnerSeeds.size() > 1) {
      const auto [mean, sd] = winnerTestSpread(report, index_.selectionMetric);
      text += QLatin1Char(' ') + tr("Over its %1 training seeds its test %2 is %3 (sd %4).")
                                     .arg(report.winnerSeeds.size())
                                     .arg(qs(index_.selectionMetric))
                                     .arg(mean, 0, 'f', 4)
                                     .arg(sd, 0, 'f', 4);
    }
    status_->setText(text);
    updateControls();
  });
  connect(&job_, &BackgroundJob::cancelled, this, [this] {
    status_->setText(tr("Cancelled: Resume goes on where the sweep stopped."));
    updateControls();
  });
  connect(&job_, &BackgroundJob::failed, this, [this](const QString& message) {
    status_->setText(tr("The sweep stopped on an error."));
    updateControls();
    Q_EMIT problem(tr("The sweep failed: %1").arg(message));
  });

  fillEditor();
  showIndex({});
}

// One row per declared numeric or choice option of the current model.
void SweepsPanel::fillEditor() {
  editor_->setRowCount(0);
  for (const ParamSpec& spec : session_.params().specs()) {
    const bool numeric = spec.type == ParamSpec::Type::Int || spec.type == ParamSpec::Type::Float;
    if (!numeric && spec.type != ParamSpec::Type::Choice) continue;
    const int row = editor_->rowCount();
    editor_->insertRow(row);
    auto* name = new QTableWidgetItem(qs(spec.name));
    name->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    name->setCheckState(Qt::Unchecked);
    name->setToolTip(qs(spec.help));
    editor_->setItem(row, Name, name);
    auto* values = new QTableWidgetItem;
    if (!numeric) {
      QStringList choices;
      for (const std::string& choice : spec.choices) choices << qs(choice);
      values->setToolTip(choices.join(QStringLiteral(",")));
    }
    editor_->setItem(row, Values, values);
    for (const int column : {Low, High, Log}) {
      auto* item = new QTableWidgetItem;
      // A choice is swept over listed values only.
      if (!numeric) item->setFlags(Qt::NoItemFlags);
      if (numeric && column == Log) {
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
      }
      editor_->setItem(row, column, item);
    }
  }
  editor_->resizeColumnToContents(Name);
  updateControls();  // the seeds box is for models with a training seed
}

int SweepsPanel::editorRow(const QString& name) const {
  for (int row = 0; row < editor_->rowCount(); ++row)
    if (editor_->item(row, Name)->text() == name) return row;
  return -1;
}

bool SweepsPanel::sweepValues(const QString& name, const QString& values) {
  const int row = editorRow(name);
  if (row < 0) return false;
  editor_->item(row, Name)->setCheckState(Qt::Checked);
  editor_->item(row, Values)->setText(values);
  return true;
}

bool SweepsPanel::sweepRange(const QString& name, double low, double high, bool logScale) {
  const int row = editorRow(name);
  if (row < 0 || !(editor_->item(row, Log)->flags() & Qt::ItemIsUserCheckable)) return false;
  editor_->item(row, Name)->setCheckState(Qt::Checked);
  editor_->item(row, Values)->setText({});
  editor_->item(row, Low)->setText(QString::number(low));
  editor_->item(row, High)->setText(QString::number(high));
  editor_->item(row, Log)->setCheckState(logScale ? Qt::Checked : Qt::Unchecked);
  return true;
}

void SweepsPanel::setScheduler(SweepScheduler scheduler) {
  scheduler_->setCurrentIndex(scheduler_->findData(static_cast<int>(scheduler)));
}

void SweepsPanel::setTrials(int trials) { trialCount_->setValue(trials); }

void SweepsPanel::setSeeds(int seeds) { seeds_->setValue(seeds); }

void SweepsPanel::setWorkers(int workers) { workers_->setValue(workers); }

void SweepsPanel::setHalving(int minEpochs, int reduction) {
  minEpochs_->setValue(minEpochs);
  reduction_->setValue(reduction);
}

QString SweepsPanel::statusText() const { return status_->text(); }

// The ticked options swept; every other value the form changed from its declaration is
// fixed for every trial, so that trials differ from a window run only in what is swept.
SweepDefinition SweepsPanel::definitionFromEditor() const {
  SweepDefinition definition;
  definition.model = session_.modelName();
  definition.scheduler = static_cast<SweepScheduler>(scheduler_->currentData().toInt());
  definition.trials = definition.scheduler == SweepScheduler::Grid ? 0 : trialCount_->value();
  definition.seeds = seeds_->isEnabled() ? seeds_->value() : 1;
  definition.minEpochs = minEpochs_->value();
  definition.reduction = reduction_->value();
  definition.data = session_.data()->recordedSource;
  definition.evaluation = session_.evaluation();
  std::vector<std::string> swept;
  for (int row = 0; row < editor_->rowCount(); ++row) {
    if (editor_->item(row, Name)->checkState() != Qt::Checked) continue;
    const std::string name = editor_->item(row, Name)->text().toStdString();
    swept.push_back(name);
    const QString values = editor_->item(row, Values)->text().trimmed();
    if (!values.isEmpty()) {
      std::vector<std::string> list;
      for (const QString& value : values.split(QLatin1Char(','), Qt::SkipEmptyParts))
        list.push_back(value.trimmed().toStdString());
      definition.grid.emplace_back(name, std::move(list));
      continue;
    }
    bool lowOk = false, highOk = false;
    const double low = editor_->item(row, Low)->text().toDouble(&lowOk);
    const double high = editor_->item(row, High)->text().toDouble(&highOk);
    if (!lowOk || !highOk)
      throw Error(tr("%1: give a comma list of values, or a low and a high end").arg(qs(name)).toStdString());
    definition.ranges.push_back({name, low, high, editor_->item(row, Log)->checkState() == Qt::Checked});
  }
  for (const ParamSpec& spec : session_.params().specs()) {
    const std::string& value = session_.params().text(spec.name);
    if (value != spec.defaultValue && std::find(swept.begin(), swept.end(), spec.name) == swept.end())
      definition.fixed.emplace_back(spec.name, value);
  }
  return definition;
}

// The trials train in vaecf processes beside the window, which goes on training its own run.
SweepWorkers SweepsPanel::workers() const {
  return processWorkers(cliProgram(), workers_->value());
}

bool SweepsPanel::start() {
  if (job_.isRunning()) return false;
  if (session_.data() == nullptr) {
    Q_EMIT problem(tr("Load data before starting a sweep."));
    return false;
  }
  SweepDefinition definition;
  try {
    definition = definitionFromEditor();
    sweepTrialParams(definition);  // refuses a bad definition here rather than on the worker
  } catch (const Error& error) {
    Q_EMIT problem(tr("The sweep cannot start: %1").arg(qs(error.what())));
    return false;
  }
  const fs::path folder = freshRunFolder(session_.runsFolder(), "sweep-" + definition.model);
  showSweep(folder, definition);
  job_.start(definition, folder, workers());
  status_->setText(tr("Starting the sweep in %1").arg(qs(folder.string())));
  updateControls();
  return true;
}

void SweepsPanel::cancel() { job_.cancel(); }

bool SweepsPanel::openSweep(const fs::path& folder) {
  if (job_.isRunning()) return false;
  try {
    const SweepIndex index = readSweepIndex(folder);
    showSweep(folder, readSweepDefinition(folder));
    showIndex(index);
  } catch (const std::exception& error) {
    Q_EMIT problem(tr("The sweep in %1 could not be opened: %2").arg(qs(folder.string()), qs(error.what())));
    return false;
  }
  status_->setText(tr("Sweep %1").arg(qs(folder.string())));
  updateControls();
  return true;
}

bool SweepsPanel::resume() {
  if (sweepDir_.empty() || !job_.resume(sweepDir_, workers())) return false;
  status_->setText(tr("Resuming the sweep in %1").arg(qs(sweepDir_.string())));
  updateControls();
  return true;
}

void SweepsPanel::showSweep(const fs::path& folder, const SweepDefinition& definition) {
  sweepDir_ = folder;
  definition_ = definition;
  scheduler_->setCurrentIndex(scheduler_->findData(static_cast<int>(definition.scheduler)));
  if (definition.trials > 0) trialCount_->setValue(definition.trials);
  seeds_->setValue(definition.seeds);
  minEpochs_->setValue(definition.minEpochs);
  reduction_->setValue(definition.reduction);
  showIndex({});
}

void SweepsPanel::showIndex(const SweepIndex& index) {
  index_ = index;
  const auto done = std::count_if(index.trials.begin(), index.trials.end(),
                                  [](const SweepTrial& trial) { return trial.state != TrialState::Pending; });
  progress_->setRange(0, std::max<int>(1, static_cast<int>(index.trials.size())));
  progress_->setValue(static_cast<int>(done));
  progress_->setFormat(tr("%1 of %2 trials").arg(done).arg(index.trials.size()));
  fillTable();
  fillChart();
  updateControls();
}

void SweepsPanel::fillTable() {
  const std::vector<int> selected = selectedTrialIds();
  QStringList params;
  for (const SweepTrial& trial : index_.trials)
    for (const auto& [name, value] : trial.params)
      if (!params.contains(qs(name))) params << qs(name);
  const QSignalBlocker blocker(trials_);
  const int sortColumn = trials_->horizontalHeader()->sortIndicatorSection();
  const Qt::SortOrder sortOrder = trials_->horizontalHeader()->sortIndicatorOrder();
  trials_->setSortingEnabled(false);  // rows would move while they are filled
  trials_->clear();
  trials_->setColumnCount(FirstParam + static_cast<int>(params.size()));
  trials_->setHorizontalHeaderLabels(
      QStringList{tr("Trial"), tr("State"), tr("Rung"),
                  index_.selectionMetric.empty() ? tr("Validation") : qs(index_.selectionMetric)} +
      params);
  trials_->setRowCount(static_cast<int>(index_.trials.size()));
  for (int row = 0; row < trials_->rowCount(); ++row) {
    const SweepTrial& trial = index_.trials[static_cast<std::size_t>(row)];
    trials_->setItem(row, Id, numberCell(trial.id));
    auto* state = cell(stateText(trial.state));
    state->setToolTip(qs(trial.error));
    trials_->setItem(row, State, state);
    trials_->setItem(row, Rung, numberCell(trial.rung));
    trials_->setItem(row, Metric, trial.validation ? numberCell(*trial.validation) : cell({}));
    for (int p = 0; p < params.size(); ++p)
      trials_->setItem(row, FirstParam + p, cell(qs(valueOf(trial.params, params[p].toStdString()))));
  }
  trials_->setSortingEnabled(true);
  trials_->sortByColumn(sortColumn, sortOrder);
  for (int row = 0; row < trials_->rowCount(); ++row)
    if (std::find(selected.begin(), selected.end(), trials_->item(row, Id)->data(Qt::DisplayRole).toInt()) !=
        selected.end())
      trials_->selectRow(row);
  applyBrushes();
}

// Axes for the swept options, in the definition's order, then the validation metric; a
// polyline for each finished trial; the slices from the same.
void SweepsPanel::fillChart() {
  fillParallelCoordinates();
  slices_->refresh();
}

void SweepsPanel::fillParallelCoordinates() {
  std::vector<ParallelCoordinates::Axis> axes;
  for (const auto& [name, values] : definition_.grid) axes.push_back(gridAxis(name, values));
  for (const SweepRange& range : definition_.ranges) axes.push_back({qs(range.name), range.logScale, {}});
  if (axes.empty()) return chart_->setData({}, {});
  axes.push_back({index_.selectionMetric.empty() ? tr("validation") : qs(index_.selectionMetric), false, {}});
  std::vector<ParallelCoordinates::Line> lines;
  for (const SweepTrial& trial : index_.trials) {
    if (trial.state != TrialState::Finished || !trial.validation) continue;
    ParallelCoordinates::Line line{trial.id, {}};
    for (std::size_t a = 0; a + 1 < axes.size(); ++a) {
      const QString value = qs(valueOf(trial.params, axes[a].name.toStdString()));
      line.values.push_back(axes[a].categories.isEmpty()
                                ? value.toDouble()
                                : static_cast<double>(axes[a].categories.indexOf(value)));
    }
    line.values.push_back(*trial.validation);
    lines.push_back(std::move(line));
  }
  chart_->setData(std::move(axes), std::move(lines));
}

void SweepsPanel::applyBrushes() {
  for (int row = 0; row < trials_->rowCount(); ++row)
    trials_->setRowHidden(row, !chart_->passesBrushes(trials_->item(row, Id)->data(Qt::DisplayRole).toInt()));
}

std::vector<int> SweepsPanel::selectedTrialIds() const {
  std::vector<int> ids;
  for (const QModelIndex& row : trials_->selectionModel()->selectedRows(Id))
    ids.push_back(row.data(Qt::DisplayRole).toInt());
  return ids;
}

const SweepTrial* SweepsPanel::finishedSelectedTrial() const {
  const std::vector<int> ids = selectedTrialIds();
  const SweepTrial* trial = ids.size() == 1 ? findTrial(index_, ids.front()) : nullptr;
  return trial && trial->state == TrialState::Finished ? trial : nullptr;
}

void SweepsPanel::openSelectedTrial() {
  if (const SweepTrial* trial = finishedSelectedTrial()) Q_EMIT openRunRequested(sweepDir_ / trial->run);
}

void SweepsPanel::updateControls() {
  const bool running = job_.isRunning();
  const bool pending = std::any_of(index_.trials.begin(), index_.trials.end(), [](const SweepTrial& trial) {
    return trial.state == TrialState::Pending;
  });
  start_->setEnabled(!running);
  cancel_->setEnabled(running);
  open_->setEnabled(!running);
  resume_->setEnabled(!running && !sweepDir_.empty() && pending);
  editor_->setEnabled(!running);
  scheduler_->setEnabled(!running);
  const int scheduler = scheduler_->currentData().toInt();
  trialCount_->setEnabled(!running && scheduler != static_cast<int>(SweepScheduler::Grid));
  minEpochs_->setEnabled(!running && scheduler == static_cast<int>(SweepScheduler::Halving));
  reduction_->setEnabled(!running && scheduler == static_cast<int>(SweepScheduler::Halving));
  seeds_->setEnabled(!running && session_.params().declares("seed"));  // EASE has none
  workers_->setEnabled(!running);
  openTrial_->setEnabled(finishedSelectedTrial() != nullptr);
}

}  // namespace vaecf::ui
