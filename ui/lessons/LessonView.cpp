#include "lessons/LessonView.h"

#include <QBuffer>
#include <QButtonGroup>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <ostream>
#include <set>

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "geometry/LatentWorkspace.h"
#include "lessons/LessonJob.h"
#include "lessons/SlowMotionPanel.h"
#include "panels/CohortPanel.h"
#include "panels/LossPanel.h"
#include "runs/RunStore.h"
#include "session/DataLoadJob.h"
#include "train/RunFolder.h"

namespace fs = std::filesystem;

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

std::uintmax_t eventBytes(const fs::path& runFolder) {
  std::error_code error;
  const auto size = fs::file_size(runEventsPath(runFolder), error);
  return error ? 0 : size;
}

bool finished(const fs::path& runFolder) {
  std::error_code error;
  return fs::exists(runFolder / "metrics.json", error);
}

QString figuresText(const lessons::CheckResult& result) {
  if (!result.error.empty()) return qs(result.error);
  QStringList figures;
  for (const lessons::MeasuredFigure& figure : result.figures)
    figures << QStringLiteral("%1 = %2").arg(qs(figure.figure)).arg(figure.value, 0, 'g', 4);
  return figures.join(QStringLiteral("; "));
}

QString pngDataUrl(QWidget& widget) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  widget.grab().save(&buffer, "PNG");
  return QStringLiteral("data:image/png;base64,") + QString::fromLatin1(bytes.toBase64());
}

QString markdownHtml(const std::string& markdown) {
  QTextDocument document;
  document.setMarkdown(qs(markdown));
  return document.toHtml();
}

}  // namespace

LessonView::LessonView(QWidget* parent)
    : QWidget(parent),
      title_(new QLabel(this)),
      stepChooser_(new QComboBox(this)),
      text_(new QTextBrowser(this)),
      predictionBox_(new QGroupBox(tr("Predict first"), this)),
      question_(new QLabel(predictionBox_)),
      choices_(new QButtonGroup(this)),
      feedback_(new QLabel(this)),
      controlsBox_(new QGroupBox(tr("Your settings"), this)),
      controlsForm_(new QFormLayout(controlsBox_)),
      run_(new QPushButton(tr("Run"), this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      progress_(new QProgressBar(this)),
      status_(new QLabel(this)),
      checks_(new QTableWidget(this)),
      back_(new QPushButton(tr("◀ Back"), this)),
      next_(new QPushButton(tr("Next ▶"), this)),
      panels_(new QTabWidget(this)),
      loss_(new LossPanel(this)),
      cohorts_(new CohortPanel(this)),
      latent_(new LatentWorkspace(this)),
      slowMotion_(new SlowMotionPanel(this)),
      comparisonPage_(createComparisonPage()),
      job_(new LessonJob(this)),
      dataJob_(new DataLoadJob(this)),
      refreshTimer_(new QTimer(this)) {
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->addWidget(createStepColumn());
  splitter->addWidget(panels_);
  // Two fifths for the text, three for the charts; the text's long lines must not claim more.
  splitter->setStretchFactor(0, 2);
  splitter->setStretchFactor(1, 3);
  splitter->setSizes({400, 600});
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(splitter);
  // The panels live outside the tab widget until a step shows them.
  for (QWidget* page : {static_cast<QWidget*>(loss_), static_cast<QWidget*>(cohorts_),
                        static_cast<QWidget*>(latent_), static_cast<QWidget*>(slowMotion_), comparisonPage_})
    page->hide();

  connect(job_, &LessonJob::stepDone, this,
          [this](std::shared_ptr<const LessonStepOutcome> outcome) { onStepDone(*outcome); });
  connect(job_, &LessonJob::progressed, this, [this](const QString& stage, qint64 done, qint64 total) {
    status_->setText(total > 0 ? tr("%1: %2 of %3").arg(stage).arg(done).arg(total) : stage);
    progress_->setRange(0, total > 0 ? static_cast<int>(total) : 0);
    progress_->setValue(static_cast<int>(done));
  });
  auto stopped = [this](const QString& text) {
    refreshTimer_->stop();
    refreshRuns();
    progress_->hide();
    cancel_->setEnabled(false);
    run_->setEnabled(true);
    status_->setText(text);
    Q_EMIT stepFinished();
  };
  connect(job_, &LessonJob::failed, this, [stopped](const QString& message) {
    stopped(LessonView::tr("The step's runs could not be completed: %1").arg(message));
  });
  connect(job_, &LessonJob::cancelled, this, [stopped] { stopped(LessonView::tr("Cancelled.")); });
  connect(dataJob_, &DataLoadJob::loaded, this, [this](std::shared_ptr<const SessionData> data) {
    data_ = std::move(data);
    latent_->setData(data_);
    // Slow motion needs a user to trace; propose the split's first training user.
    if (slowMotion_->user().isEmpty() && !data_->split->trainUserIds.empty())
      slowMotion_->setUser(qs(data_->split->trainUserIds.front()));
    refreshRuns();
  });
  connect(dataJob_, &DataLoadJob::failed, this, [this](const QString& message) {
    Q_EMIT problem(tr("The lesson's data could not be loaded: %1").arg(message));
  });
  connect(latent_, &LatentWorkspace::problem, this, &LessonView::problem);
  refreshTimer_->setInterval(1000);
  connect(refreshTimer_, &QTimer::timeout, this, &LessonView::refreshRuns);
}

LessonView::~LessonView() = default;

QWidget* LessonView::createStepColumn() {
  auto* column = new QWidget(this);
  title_->setWordWrap(true);
  QFont titleFont = title_->font();
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
  titleFont.setBold(true);
  title_->setFont(titleFont);
  stepChooser_->setObjectName(QStringLiteral("stepChooser"));
  connect(stepChooser_, &QComboBox::activated, this, &LessonView::showStep);
  text_->setOpenExternalLinks(true);
  text_->setMinimumHeight(160);

  question_->setWordWrap(true);
  auto* predictionLayout = new QVBoxLayout(predictionBox_);
  predictionLayout->addWidget(question_);
  connect(choices_, &QButtonGroup::idClicked, this, &LessonView::choosePrediction);
  feedback_->setWordWrap(true);
  feedback_->setObjectName(QStringLiteral("predictionFeedback"));

  run_->setObjectName(QStringLiteral("runStepButton"));
  run_->setToolTip(
      tr("Train this step's runs (finished ones are kept), then check the lesson's claims on them"));
  connect(run_, &QPushButton::clicked, this, &LessonView::runStep);
  cancel_->setEnabled(false);
  connect(cancel_, &QPushButton::clicked, this, &LessonView::cancel);
  progress_->hide();
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* runRow = new QHBoxLayout;
  runRow->addWidget(run_);
  runRow->addWidget(cancel_);
  runRow->addWidget(progress_, 1);

  const QStringList header{tr("Claim"), tr("Measured"), tr("Held")};
  checks_->setColumnCount(static_cast<int>(header.size()));
  checks_->setHorizontalHeaderLabels(header);
  checks_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  checks_->verticalHeader()->hide();
  checks_->setWordWrap(true);
  checks_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  checks_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  checks_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  checks_->setMinimumHeight(90);

  back_->setObjectName(QStringLiteral("backButton"));
  next_->setObjectName(QStringLiteral("nextButton"));
  connect(back_, &QPushButton::clicked, this, [this] { showStep(step_ - 1); });
  connect(next_, &QPushButton::clicked, this, [this] { showStep(step_ + 1); });
  auto* lessons = new QPushButton(tr("All lessons"), this);
  connect(lessons, &QPushButton::clicked, this, &LessonView::leaveRequested);
  auto* save = new QPushButton(tr("Save…"), this);
  save->setToolTip(tr("Save the lesson where you are, to reopen it exactly or hand it on"));
  connect(save, &QPushButton::clicked, this, &LessonView::saveRequested);
  auto* report = new QPushButton(tr("Report…"), this);
  report->setToolTip(tr("Write an HTML report with the steps, your predictions, the checks and the charts"));
  connect(report, &QPushButton::clicked, this, &LessonView::reportRequested);
  auto* navigation = new QHBoxLayout;
  navigation->addWidget(lessons);
  navigation->addWidget(save);
  navigation->addWidget(report);
  navigation->addStretch(1);
  navigation->addWidget(back_);
  navigation->addWidget(next_);

  auto* layout = new QVBoxLayout(column);
  layout->addWidget(title_);
  layout->addWidget(stepChooser_);
  layout->addWidget(text_, 3);
  layout->addWidget(predictionBox_);
  layout->addWidget(controlsBox_);
  layout->addLayout(runRow);
  layout->addWidget(status_);
  layout->addWidget(feedback_);
  layout->addWidget(checks_, 1);
  layout->addLayout(navigation);
  return column;
}

QWidget* LessonView::createComparisonPage() {
  auto* page = new QWidget(this);
  comparison_ = new QTableWidget(page);
  comparison_->setObjectName(QStringLiteral("lessonComparison"));
  comparison_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  comparison_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  auto* note = new QLabel(tr("Test metrics of the step's runs on the same held-out users; "
                             "Runs → Compare… tests their difference user by user."),
                          page);
  note->setWordWrap(true);
  auto* layout = new QVBoxLayout(page);
  layout->addWidget(note);
  layout->addWidget(comparison_, 1);
  return page;
}

void LessonView::open(lessons::Lesson lesson, LessonState state) {
  cancel();
  lesson_ = std::move(lesson);
  state_ = std::move(state);
  state_.lesson = lesson_.name;
  state_.file = lesson_.file;
  state_.language = lesson_.language;
  results_.clear();
  histories_.clear();
  data_.reset();
  latent_->setData(nullptr);
  title_->setText(qs(lesson_.title));
  stepChooser_->clear();
  for (std::size_t i = 0; i < lesson_.steps.size(); ++i)
    stepChooser_->addItem(
        tr("Step %1 of %2: %3").arg(i + 1).arg(lesson_.steps.size()).arg(qs(lesson_.steps[i].title)));
  slowMotion_->setUser(qs(state_.traceUser));
  int first = 0;
  for (std::size_t i = 0; i < lesson_.steps.size(); ++i)
    if (lesson_.steps[i].id == state_.step) first = static_cast<int>(i);
  step_ = -1;
  showStep(first);
}

LessonState LessonView::state() const {
  LessonState state = state_;
  if (const lessons::LessonStep* step = currentStep()) state.step = step->id;
  state.traceUser = slowMotion_->user().toStdString();
  return state;
}

const lessons::LessonStep* LessonView::currentStep() const {
  if (step_ < 0 || step_ >= stepCount()) return nullptr;
  return &lesson_.steps[static_cast<std::size_t>(step_)];
}

void LessonView::showStep(int index) {
  if (index < 0 || index >= stepCount() || isRunning()) return;
  step_ = index;
  const lessons::LessonStep& step = *currentStep();
  state_.step = step.id;
  stepChooser_->setCurrentIndex(index);
  text_->setMarkdown(qs("## " + step.title + "\n\n" + step.text));
  back_->setEnabled(index > 0);
  next_->setEnabled(index + 1 < stepCount());
  run_->setVisible(!step.runs.empty());
  cancel_->setVisible(!step.runs.empty());
  status_->setText(step.runs.empty() ? QString()
                                     : tr("Press Run to train this step's runs; finished ones are kept."));
  showPrediction(step);
  showControls(step);
  showPanels(step);
  showCheckResults();
  Q_EMIT stepShown(index);
}

void LessonView::showPrediction(const lessons::LessonStep& step) {
  for (QAbstractButton* button : choices_->buttons()) {
    choices_->removeButton(button);
    delete button;
  }
  predictionBox_->setVisible(step.prediction.has_value());
  feedback_->clear();
  if (!step.prediction) return;
  question_->setText(qs(step.prediction->question));
  const auto chosen = state_.predictions.find(step.id);
  for (std::size_t i = 0; i < step.prediction->choices.size(); ++i) {
    auto* choice = new QRadioButton(qs(step.prediction->choices[i]), predictionBox_);
    choices_->addButton(choice, static_cast<int>(i));
    predictionBox_->layout()->addWidget(choice);
    choice->setChecked(chosen != state_.predictions.end() && chosen->second == static_cast<int>(i));
  }
}

void LessonView::choosePrediction(int choice) {
  const lessons::LessonStep* step = currentStep();
  if (step == nullptr || !step->prediction || choice < 0 ||
      choice >= static_cast<int>(step->prediction->choices.size()))
    return;
  state_.predictions[step->id] = choice;
  if (QAbstractButton* button = choices_->button(choice)) button->setChecked(true);
  showCheckResults();
}

void LessonView::showControls(const lessons::LessonStep& step) {
  while (controlsForm_->rowCount() > 0) controlsForm_->removeRow(0);
  controlsBox_->setVisible(!step.controls.empty() && !step.runs.empty());
  if (step.runs.empty()) return;
  const lessons::LessonRunRequest first = requestFor(step.runs.front());
  for (const std::string& name : step.controls) {
    auto* edit = new QLineEdit(controlsBox_);
    edit->setObjectName(qs("control-" + name));
    edit->setText(first.prepared.params.declares(name) ? qs(first.prepared.params.text(name)) : QString());
    connect(edit, &QLineEdit::editingFinished, this, [this, edit, name] {
      if (!setControl(qs(name), edit->text())) edit->setFocus();
    });
    controlsForm_->addRow(qs(name), edit);
  }
}

bool LessonView::setControl(const QString& name, const QString& value) {
  const lessons::LessonStep* step = currentStep();
  if (step == nullptr ||
      std::find(step->controls.begin(), step->controls.end(), name.toStdString()) == step->controls.end()) {
    Q_EMIT problem(tr("This step does not let you change %1.").arg(name));
    return false;
  }
  auto controls = state_.controls;
  auto found =
      std::find_if(controls.begin(), controls.end(), [&](const auto& c) { return qs(c.first) == name; });
  if (found != controls.end())
    found->second = value.toStdString();
  else
    controls.emplace_back(name.toStdString(), value.toStdString());
  const auto previous = std::move(state_.controls);
  state_.controls = std::move(controls);
  try {
    for (const std::string& run : step->runs) requestFor(run);  // the runs accept the value
  } catch (const Error& error) {
    state_.controls = previous;
    Q_EMIT problem(qs(error.what()));
    return false;
  }
  if (auto* edit = findChild<QLineEdit*>(QStringLiteral("control-") + name)) edit->setText(value);
  histories_.clear();
  showPanels(*step);
  return true;
}

lessons::LessonRunRequest LessonView::requestFor(const std::string& runId) const {
  lessons::PreparedRun prepared = lessons::prepareRun(lesson_, lesson_.run(runId), state_.fast);
  std::vector<std::pair<std::string, std::string>> applied;
  for (const auto& [name, value] : state_.controls) {
    if (!prepared.params.declares(name)) continue;
    prepared.params.set(name, value);
    applied.emplace_back(name, value);
  }
  const fs::path folder = lessonRunFolder(state_.workFolder, runId, applied);
  return {runId, std::move(prepared), folder};
}

lessons::RunFolders LessonView::lessonFolders() const {
  lessons::RunFolders folders;
  for (const lessons::LessonRun& run : lesson_.runs) folders[run.id] = requestFor(run.id).folder;
  return folders;
}

std::vector<fs::path> LessonView::stepRunFolders() const {
  std::vector<fs::path> folders;
  if (const lessons::LessonStep* step = currentStep())
    for (const std::string& run : step->runs) folders.push_back(requestFor(run).folder);
  return folders;
}

void LessonView::showPanels(const lessons::LessonStep& step) {
  while (panels_->count() > 0) {
    panels_->widget(0)->hide();
    panels_->removeTab(0);
  }
  std::set<QWidget*> added;
  for (const lessons::Panel panel : step.panels) {
    QWidget* page = nullptr;
    QString title;
    switch (panel) {
      case lessons::Panel::Loss:
        page = loss_;
        title = tr("Loss");
        break;
      case lessons::Panel::Cohorts:
        page = cohorts_;
        title = tr("Cohorts");
        break;
      case lessons::Panel::Latent:
      case lessons::Panel::Focus:
      case lessons::Panel::Drift:
        page = latent_;
        title = tr("Latent space");
        break;
      case lessons::Panel::Comparison:
        page = comparisonPage_;
        title = tr("Comparison");
        break;
      case lessons::Panel::SlowMotion:
        page = slowMotion_;
        title = tr("Slow motion");
        break;
    }
    if (!added.insert(page).second) continue;
    panels_->addTab(page, title);
  }
  const bool readsData = added.count(latent_) != 0 || added.count(slowMotion_) != 0;
  if (readsData && data_ == nullptr && !dataJob_->isRunning() && !step.runs.empty()) loadLessonData();
  refreshRuns();
}

void LessonView::loadLessonData() {
  const lessons::LessonRunRequest request = requestFor(currentStep()->runs.front());
  dataJob_->start(DataRequest{request.prepared.data, std::nullopt}, state_.workFolder / "data");
}

void LessonView::refreshRuns() {
  const lessons::LessonStep* step = currentStep();
  if (step == nullptr) return;
  std::vector<RunView> views;
  std::vector<fs::path> finishedRuns;
  for (const std::string& runId : step->runs) {
    const fs::path folder = requestFor(runId).folder;
    const std::uintmax_t bytes = eventBytes(folder);
    if (finished(folder)) finishedRuns.push_back(folder);
    if (bytes == 0) continue;
    Loaded& loaded = histories_[folder];
    if (loaded.bytes != bytes) {
      try {
        loaded = {RunStore::loadHistory(folder), bytes};
      } catch (const Error&) {
        // A line is being appended; the next tick reads it.
      }
    }
    if (loaded.history)
      views.push_back({qs(lesson_.run(runId).label), qs(folder.filename().string()), loaded.history});
  }
  runColours_.paint(views);
  loss_->setRuns(views);
  cohorts_->setRuns(views);
  fillComparison();
  if (!finishedRuns.empty()) {
    // The latent map and slow motion read a finished run's best weights.
    if (data_ != nullptr)
      latent_->setRuns(finishedRuns.front(), finishedRuns.size() > 1 ? finishedRuns[1] : fs::path());
    slowMotion_->setRunFolder(finishedRuns.front());
  }
}

void LessonView::fillComparison() {
  const lessons::LessonStep* step = currentStep();
  std::vector<std::pair<QString, RunSummary>> runs;
  std::vector<std::string> metrics;
  for (const std::string& runId : step->runs) {
    const fs::path folder = requestFor(runId).folder;
    if (!finished(folder)) continue;
    try {
      RunSummary summary = RunStore::summarize(folder);
      if (summary.result.test)
        for (const auto& [metric, value] : summary.result.test->metrics)
          if (std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) metrics.push_back(metric);
      runs.emplace_back(qs(lesson_.run(runId).label), std::move(summary));
    } catch (const Error& error) {
      Q_EMIT problem(tr("The run %1 could not be read: %2").arg(qs(folder.string()), qs(error.what())));
    }
  }
  QStringList header{tr("Run", "a trained run, as a column header"), tr("Model")};
  for (const std::string& metric : metrics) header << tr("test %1").arg(qs(metric));
  header << tr("Epochs") << tr("Seconds");
  comparison_->clear();
  comparison_->setColumnCount(static_cast<int>(header.size()));
  comparison_->setHorizontalHeaderLabels(header);
  comparison_->setRowCount(static_cast<int>(runs.size()));
  for (int row = 0; row < static_cast<int>(runs.size()); ++row) {
    const auto& [label, summary] = runs[static_cast<std::size_t>(row)];
    QStringList cells{label, qs(summary.config.model)};
    for (const std::string& metric : metrics) {
      const auto value = summary.testMetric(metric);
      cells << (value ? QString::number(*value, 'f', 4) : QStringLiteral("–"));
    }
    cells << QString::number(summary.result.epochs) << QString::number(summary.result.seconds, 'f', 1);
    for (int column = 0; column < cells.size(); ++column)
      comparison_->setItem(row, column, new QTableWidgetItem(cells[column]));
  }
}

void LessonView::runStep() {
  const lessons::LessonStep* step = currentStep();
  if (step == nullptr || step->runs.empty() || isRunning()) return;
  std::vector<lessons::LessonRunRequest> requests;
  std::vector<lessons::LessonCheck> checks;
  try {
    for (const std::string& run : step->runs) requests.push_back(requestFor(run));
    for (const std::string& check : step->checks) checks.push_back(lesson_.check(check));
  } catch (const Error& error) {
    Q_EMIT problem(qs(error.what()));
    return;
  }
  if (!job_->start(std::move(requests), std::move(checks), lessonFolders())) return;
  run_->setEnabled(false);
  cancel_->setEnabled(true);
  progress_->setRange(0, 0);
  progress_->show();
  status_->setText(tr("Training this step's runs…"));
  refreshTimer_->start();
}

void LessonView::cancel() { job_->cancel(); }

bool LessonView::isRunning() const { return job_->isRunning(); }

void LessonView::onStepDone(const LessonStepOutcome& outcome) {
  refreshTimer_->stop();
  histories_.clear();  // the finished runs are read once more, whole
  refreshRuns();
  progress_->hide();
  cancel_->setEnabled(false);
  run_->setEnabled(true);
  double seconds = 0.0;
  for (const lessons::LessonRunRecord& run : outcome.runs) seconds += run.seconds;
  for (const lessons::CheckResult& result : outcome.checks) results_[result.id] = result;
  const auto held = std::count_if(outcome.checks.begin(), outcome.checks.end(),
                                  [](const lessons::CheckResult& result) { return result.held; });
  status_->setText(outcome.checks.empty()
                       ? tr("%n run(s) ready after %1 s.", nullptr, static_cast<int>(outcome.runs.size()))
                             .arg(seconds, 0, 'f', 1)
                       : tr("%n run(s) ready after %1 s; %2 of %3 claims held.", nullptr,
                            static_cast<int>(outcome.runs.size()))
                             .arg(seconds, 0, 'f', 1)
                             .arg(held)
                             .arg(outcome.checks.size()));
  showCheckResults();
  Q_EMIT stepFinished();
}

void LessonView::showCheckResults() {
  const lessons::LessonStep* step = currentStep();
  checks_->setRowCount(0);
  if (step == nullptr) return;
  checks_->setVisible(!step->checks.empty());
  bool measured = false;
  for (const std::string& id : step->checks) {
    const lessons::LessonCheck& check = lesson_.check(id);
    const auto found = results_.find(id);
    const int row = checks_->rowCount();
    checks_->insertRow(row);
    auto* claim = new QTableWidgetItem(qs(check.claim));
    claim->setToolTip(qs(check.explanation));
    checks_->setItem(row, 0, claim);
    if (found == results_.end()) {
      checks_->setItem(row, 1, new QTableWidgetItem(qs(check.expectation)));
      checks_->setItem(row, 2, new QTableWidgetItem(tr("not yet")));
      continue;
    }
    measured = true;
    const lessons::CheckResult& result = found->second;
    checks_->setItem(
        row, 1,
        new QTableWidgetItem(QStringLiteral("%1\n%2").arg(qs(result.expectation), figuresText(result))));
    auto* held = new QTableWidgetItem(result.held ? tr("✓ held") : tr("✗ did not hold"));
    held->setBackground(result.held ? QColor(0xdf, 0xf0, 0xd8) : QColor(0xf6, 0xd8, 0xd8));
    checks_->setItem(row, 2, held);
  }
  checks_->resizeRowsToContents();
  // The answer is given only once the learner's own runs have shown it.
  const auto chosen = state_.predictions.find(step->id);
  if (!step->prediction || !measured) {
    feedback_->setText(step->prediction && chosen == state_.predictions.end() && !step->runs.empty()
                           ? tr("Choose an answer above before you press Run.")
                           : QString());
    return;
  }
  const QString answer = qs(step->prediction->choices[step->prediction->answer]);
  if (chosen == state_.predictions.end())
    feedback_->setText(tr("The answer: %1.").arg(answer));
  else if (static_cast<std::size_t>(chosen->second) == step->prediction->answer)
    feedback_->setText(tr("You predicted it: %1.").arg(answer));
  else
    feedback_->setText(
        tr("You predicted “%1”; the runs say: %2.")
            .arg(qs(step->prediction->choices[static_cast<std::size_t>(chosen->second)]), answer));
}

QString LessonView::stepText() const { return text_->toPlainText(); }
QString LessonView::runStatus() const { return status_->text(); }
QString LessonView::predictionFeedback() const { return feedback_->text(); }

void LessonView::writeReport(const fs::path& file) const {
  QString html = QStringLiteral(
                     "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title>"
                     "<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
                     "td,th{border:1px solid #ccc;padding:4px}table{border-collapse:collapse}"
                     ".held{background:#dff0d8}.failed{background:#f6d8d8}</style></head><body>")
                     .arg(qs(lesson_.title).toHtmlEscaped());
  html += QStringLiteral("<h1>%1</h1><p>%2</p>")
              .arg(qs(lesson_.title).toHtmlEscaped(), qs(lesson_.summary).toHtmlEscaped());
  html += QStringLiteral("<p>%1</p>")
              .arg(tr("Setting: %1. Runs in %2.")
                       .arg(state_.fast ? tr("short") : tr("full"),
                            qs(state_.workFolder.string()).toHtmlEscaped()));
  for (const lessons::LessonStep& step : lesson_.steps) {
    html += QStringLiteral("<section>") + markdownHtml("## " + step.title + "\n\n" + step.text);
    if (step.prediction) {
      const auto chosen = state_.predictions.find(step.id);
      html += QStringLiteral("<p><b>%1</b> %2<br>%3: %4</p>")
                  .arg(tr("Prediction:"), qs(step.prediction->question).toHtmlEscaped(), tr("Chosen"),
                       chosen == state_.predictions.end()
                           ? tr("none")
                           : qs(step.prediction->choices[static_cast<std::size_t>(chosen->second)])
                                 .toHtmlEscaped());
    }
    if (!step.checks.empty()) {
      html += QStringLiteral("<table><tr><th>%1</th><th>%2</th><th>%3</th></tr>")
                  .arg(tr("Claim"), tr("Measured"), tr("Held"));
      for (const std::string& id : step.checks) {
        const auto found = results_.find(id);
        const bool held = found != results_.end() && found->second.held;
        html += QStringLiteral("<tr class=\"%1\"><td>%2</td><td>%3</td><td>%4</td></tr>")
                    .arg(found == results_.end() ? QString()
                         : held                  ? QStringLiteral("held")
                                                 : QStringLiteral("failed"),
                         qs(lesson_.check(id).claim).toHtmlEscaped(),
                         found == results_.end() ? tr("not measured")
                                                 : figuresText(found->second).toHtmlEscaped(),
                         found == results_.end() ? QString()
                         : held                  ? tr("yes")
                                                 : tr("no"));
      }
      html += QStringLiteral("</table>");
    }
    html += QStringLiteral("</section>");
  }
  html += QStringLiteral("<h2>%1</h2>").arg(tr("The panels of the last step shown"));
  for (int i = 0; i < panels_->count(); ++i)
    html += QStringLiteral("<h3>%1</h3><img alt=\"%1\" src=\"%2\" style=\"max-width:100%\">")
                .arg(panels_->tabText(i).toHtmlEscaped(), pngDataUrl(*panels_->widget(i)));
  html += QStringLiteral("</body></html>\n");
  const QByteArray bytes = html.toUtf8();
  writeFileAtomically(file, [&bytes](std::ostream& out) { out.write(bytes.constData(), bytes.size()); });
}

}  // namespace vaecf::ui
