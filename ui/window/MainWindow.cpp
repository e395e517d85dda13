#include "window/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QColorDialog>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <cstdio>

#include "charts/ChartView.h"
#include "common/Error.h"
#include "geometry/FocusPanel.h"
#include "geometry/LatentWorkspace.h"
#include "lessons/LessonView.h"
#include "lessons/LessonWorkspace.h"
#include "panels/CohortPanel.h"
#include "panels/DataPanel.h"
#include "panels/LossPanel.h"
#include "panels/MessageBar.h"
#include "panels/ModelPanel.h"
#include "panels/RecommendationPanel.h"
#include "panels/RunsPanel.h"
#include "runs/ComparisonDialog.h"
#include "runs/RunJobs.h"
#include "runs/RunStore.h"
#include "session/SessionFile.h"
#include "session/TrainingSession.h"
#include "sweeps/SweepsPanel.h"
#include "train/RunFolder.h"
#include "plugins/PluginsDialog.h"

namespace fs = std::filesystem;

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

// The run table's grouping as the session file names it.
std::string groupingName(RunsPanel::Grouping grouping) {
  switch (grouping) {
    case RunsPanel::Grouping::Dataset:
      return "dataset";
    case RunsPanel::Grouping::Model:
      return "model";
    case RunsPanel::Grouping::None:
      break;
  }
  return "none";
}

RunsPanel::Grouping groupingNamed(const std::string& name) {
  if (name == "dataset") return RunsPanel::Grouping::Dataset;
  if (name == "model") return RunsPanel::Grouping::Model;
  return RunsPanel::Grouping::None;
}

QString stateText(TrainerState state) {
  switch (state) {
    case TrainerState::Idle: return MainWindow::tr("Idle");
    case TrainerState::Running: return MainWindow::tr("Running");
    case TrainerState::Paused: return MainWindow::tr("Paused");
    case TrainerState::Stopped: return MainWindow::tr("Stopped");
    case TrainerState::Finished: return MainWindow::tr("Finished");
    case TrainerState::Failed: return MainWindow::tr("Failed");
  }
  return {};
}

QString duration(double seconds) {
  const auto total = static_cast<qint64>(seconds + 0.5);
  return QStringLiteral("%1:%2:%3")
      .arg(total / 3600)
      .arg(total / 60 % 60, 2, 10, QLatin1Char('0'))
      .arg(total % 60, 2, 10, QLatin1Char('0'));
}

}  // namespace

MainWindow::MainWindow(WorkbenchConfig config, QWidget* parent)
    : QMainWindow(parent),
      session_(std::make_unique<TrainingSession>(config.runsFolder)),
      messageBar_(new MessageBar(this)),
      lossPanel_(new LossPanel(this)),
      cohortPanel_(new CohortPanel(this)),
      dataPanel_(new DataPanel(this)),
      modelPanel_(new ModelPanel(this)),
      runsPanel_(new RunsPanel(this)),
      recommendationPanel_(new RecommendationPanel(this)),
      latentWorkspace_(new LatentWorkspace(this)),
      lessons_(new LessonWorkspace(this)),
      sweeps_(new SweepsPanel(*session_, this)),
      centre_(new QTabWidget(this)),
      resetSeed_(new QSpinBox(this)),
      stateLabel_(new QLabel(this)),
      progressLabel_(new QLabel(this)),
      overlayTimer_(new QTimer(this)),
      historyJob_(new RunHistoryJob(this)),
      sessionAutosave_(config.sessionAutosave) {
  setWindowTitle(tr("VAE-CF Workbench"));
  setObjectName(QStringLiteral("MainWindow"));

  auto* charts = new QSplitter(Qt::Vertical, this);
  charts->addWidget(lossPanel_);
  charts->addWidget(cohortPanel_);
  // Halves: on a laptop screen the validation charts need the height as much as the loss.
  charts->setStretchFactor(0, 1);
  charts->setStretchFactor(1, 1);
  charts->setSizes({1, 1});
  // Hovering one chart reads every run out at the same epoch on both.
  connect(lossPanel_, &LossPanel::hoveredEpoch, cohortPanel_, &CohortPanel::followEpoch);
  connect(lossPanel_, &LossPanel::hoverLeft, cohortPanel_, &CohortPanel::endFollow);
  connect(cohortPanel_, &CohortPanel::hoveredEpoch, lossPanel_, &LossPanel::followEpoch);
  connect(cohortPanel_, &CohortPanel::hoverLeft, lossPanel_, &LossPanel::endFollow);
  centre_->addTab(charts, tr("Training curves"));
  centre_->addTab(latentWorkspace_, tr("Latent space"));
  centre_->addTab(lessons_, tr("Lessons"));
  centre_->addTab(sweeps_, tr("Sweeps"));
  centre_->setDocumentMode(true);
  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(messageBar_);
  layout->addWidget(centre_, 1);
  setCentralWidget(central);

  createActions();
  createDocks();
  createMenus();
  statusBar()->addWidget(stateLabel_);
  statusBar()->addWidget(progressLabel_, 1);
  connectSession();

  modelPanel_->showModel(qs(session_->modelName()), session_->params());
  setRunsFolder(config.runsFolder);
  refreshChartRuns();
  updateStatus();
  updateActions();
  restoreSettings();

  // Saved runs being written by someone else (a CLI run) grow; re-read them now and then.
  overlayTimer_->setInterval(2000);
  connect(overlayTimer_, &QTimer::timeout, this, &MainWindow::readOverlays);
  overlayTimer_->start();
  connect(historyJob_, &RunHistoryJob::loaded, this, &MainWindow::takeOverlays);
  connect(historyJob_, &RunHistoryJob::progressed, this, [this](const QString&, qint64 done, qint64 total) {
    statusBar()->showMessage(tr("Reading the selected runs: %1 of %2").arg(done).arg(total), 2000);
  });

  if (config.initialData) loadData(*config.initialData);
}

void MainWindow::loadData(const DataRequest& request) {
  dataPanel_->setRequest(request);
  dataPanel_->showLoading(true);
  session_->loadData(request);
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions() {
  struct Spec {
    Command command;
    QString text;
    QKeySequence shortcut;
    QString tip;
  };
  const Spec specs[] = {
      {Command::Run, tr("Run"), QKeySequence(Qt::Key_F5), tr("Start a new run, or resume the current one")},
      {Command::Pause, tr("Pause"), QKeySequence(Qt::Key_F6), tr("Pause at the next batch")},
      {Command::StepBatch, tr("Step batch"), QKeySequence(Qt::Key_F7), tr("Train one batch, then pause")},
      {Command::StepEpoch, tr("Step epoch"), QKeySequence(Qt::Key_F8),
       tr("Train to the end of the current epoch, then pause")},
      {Command::Stop, tr("Stop"), QKeySequence(Qt::SHIFT | Qt::Key_F5),
       tr("Stop at the next batch; Run continues from the last checkpoint")},
      {Command::Reset, tr("Reset"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
       tr("Drop the current run; the next Run starts afresh with the seed beside this button")},
  };
  auto* toolbar = addToolBar(tr("Training"));
  toolbar->setObjectName(QStringLiteral("TrainingToolbar"));
  for (const Spec& spec : specs) {
    auto* action = new QAction(spec.text, this);
    action->setShortcut(spec.shortcut);
    action->setToolTip(QStringLiteral("%1 (%2)").arg(spec.tip, spec.shortcut.toString(QKeySequence::NativeText)));
    toolbar->addAction(action);
    actions_[spec.command] = action;
  }
  resetSeed_->setRange(0, 2147483647);
  resetSeed_->setPrefix(tr("seed "));
  resetSeed_->setToolTip(tr("Seed of the next run after Reset"));
  toolbar->addWidget(resetSeed_);

  connect(actions_[Command::Run], &QAction::triggered, session_.get(), &TrainingSession::run);
  connect(actions_[Command::Pause], &QAction::triggered, session_.get(), &TrainingSession::pause);
  // A step after a run has ended starts a new run: say so, or the ended run seems to go on.
  // Connected first, so it sees the session before the step starts anything.
  for (const Command step : {Command::StepBatch, Command::StepEpoch})
    connect(actions_[step], &QAction::triggered, this, [this, step] {
      if (!session_->hasRunInProgress() && session_->liveRun()->epochsCompleted() > 0)
        messageBar_->showMessage(MessageBar::Kind::Info,
                                 tr("The last run has ended, so %1 starts a new run.").arg(actions_[step]->text()));
    });
  connect(actions_[Command::StepBatch], &QAction::triggered, session_.get(), &TrainingSession::stepBatch);
  connect(actions_[Command::StepEpoch], &QAction::triggered, session_.get(), &TrainingSession::stepEpoch);
  connect(actions_[Command::Stop], &QAction::triggered, session_.get(), &TrainingSession::stop);
  // Continue run: in the runs panel and the File menu, on the one run selected in the table.
  auto* continueRun = new QAction(tr("Continue run"), this);
  continueRun->setToolTip(tr("Continue the stopped or unfinished run selected in the run table from its last "
                             "checkpoint, on the loaded data"));
  actions_[Command::ContinueRun] = continueRun;
  connect(continueRun, &QAction::triggered, this, &MainWindow::continueSelectedRun);
  runsPanel_->addRunAction(continueRun);
  // Compare: the two runs selected in the table, user by user, with intervals.
  auto* compareRuns = new QAction(tr("Compare…"), this);
  compareRuns->setToolTip(tr("Compare the two runs selected in the run table on their shared test users: "
                             "paired differences with intervals and p-values, overall and per cohort"));
  actions_[Command::CompareRuns] = compareRuns;
  connect(compareRuns, &QAction::triggered, this, &MainWindow::compareSelectedRuns);
  runsPanel_->addRunAction(compareRuns);
  connect(actions_[Command::Reset], &QAction::triggered, this, [this] {
    session_->reset(static_cast<std::uint64_t>(resetSeed_->value()));
    modelPanel_->showModel(qs(session_->modelName()), session_->params());
  });
}

void MainWindow::createDocks() {
  // Each panel scrolls inside its dock rather than forcing the window past a laptop screen;
  // it starts with the width it needs.
  auto addDock = [this](QWidget* panel, const QString& title, const QString& name, Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name);
    auto* scroll = new QScrollArea(dock);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(panel);
    scroll->setMinimumWidth(panel->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());
    dock->setWidget(scroll);
    addDockWidget(area, dock);
    return dock;
  };
  QDockWidget* data = addDock(dataPanel_, tr("Data"), QStringLiteral("DataDock"), Qt::LeftDockWidgetArea);
  QDockWidget* model = addDock(modelPanel_, tr("Model"), QStringLiteral("ModelDock"), Qt::LeftDockWidgetArea);
  tabifyDockWidget(data, model);
  model->raise();
  QDockWidget* runs = addDock(runsPanel_, tr("Runs"), QStringLiteral("RunsDock"), Qt::BottomDockWidgetArea);
  QDockWidget* recommendations = addDock(recommendationPanel_, tr("Recommendations"),
                                         QStringLiteral("RecommendationsDock"), Qt::RightDockWidgetArea);
  // The charts are what a first run is about: the side docks start narrow.
  resizeDocks({runs}, {170}, Qt::Vertical);
  resizeDocks({data, recommendations}, {380, 330}, Qt::Horizontal);
}

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("Choose runs folder…"), this, [this] {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Runs folder"), qs(session_->runsFolder().string()));
    if (!folder.isEmpty()) setRunsFolder(folder.toStdString());
  });
  file->addAction(tr("Save session…"), this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save session"), QString(), tr("Sessions (*.json)"));
    if (!path.isEmpty()) saveSession(path.toStdString());
  });
  file->addAction(tr("Open session…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), QString(), tr("Sessions (*.json)"));
    if (!path.isEmpty()) loadSession(path.toStdString());
  });
  file->addAction(actions_[Command::ContinueRun]);
  file->addSeparator();
  file->addAction(tr("Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (QDockWidget* dock : findChildren<QDockWidget*>()) view->addAction(dock->toggleViewAction());

  QMenu* language = menuBar()->addMenu(tr("&Language"));
  const std::pair<QString, QString> languages[] = {
      {tr("System default"), QString()}, {QStringLiteral("English"), QStringLiteral("en")},
      {QStringLiteral("Deutsch"), QStringLiteral("de")}};
  for (const auto& [label, code] : languages) {
    language->addAction(label, this, [this, code = code] {
      // Rebuilding the window would drop what trains: it waits for that to end.
      if (busy()) {
        messageBar_->showMessage(
            MessageBar::Kind::Info,
            tr("Stop the run, sweep or lesson in training or let it end, then choose the language again."));
        return;
      }
      Q_EMIT languageChosen(code);
    });
  }

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("First steps"), QKeySequence::HelpContents, this, [this] { showHelp(HelpDialog::Page::FirstSteps); });
  help->addAction(tr("Glossary"), this, [this] { showHelp(HelpDialog::Page::Glossary); });
  help->addAction(tr("Lessons"), this, &MainWindow::showLessons);
  help->addSeparator();
  help->addAction(tr("Plugins…"), this, [this] {
    auto* dialog = new PluginsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
  });
}

void MainWindow::showHelp(HelpDialog::Page page) {
  if (help_ == nullptr) help_ = new HelpDialog(this);
  help_->showPage(page);
  help_->show();
  help_->raise();
}

ComparisonDialog* MainWindow::compareSelectedRuns() {
  const std::vector<fs::path> runs = runsPanel_->selectedRuns();
  if (runs.size() != 2) return nullptr;
  auto* dialog = new ComparisonDialog(runs[0], runs[1], this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->show();
  return dialog;
}

void MainWindow::connectSession() {
  TrainingSession* session = session_.get();
  connect(session, &TrainingSession::dataLoading, dataPanel_, &DataPanel::showProgress);
  connect(session, &TrainingSession::dataLoaded, this, [this] {
    dataPanel_->showLoading(false);
    dataPanel_->showData(*session_->data());
    recommendationPanel_->setData(session_->sharedData());
    latentWorkspace_->setData(session_->sharedData());
    messageBar_->hide();
    updateActions();
  });
  connect(session, &TrainingSession::dataLoadFailed, this, [this](const QString& message) {
    dataPanel_->showLoading(false);
    showError(tr("The data could not be loaded; the session keeps its current data.\n%1").arg(message));
  });
  connect(dataPanel_, &DataPanel::loadRequested, this, [this](const DataRequest& request) {
    dataPanel_->showLoading(true);
    session_->loadData(request);
  });
  connect(dataPanel_, &DataPanel::cancelRequested, session, &TrainingSession::cancelLoading);
  connect(dataPanel_, &DataPanel::cohortEdgesChanged, session, &TrainingSession::setCohortEdges);
  connect(dataPanel_, &DataPanel::cohortEdgesChanged, this, [this](const std::vector<std::uint32_t>& edges) {
    try {
      latentWorkspace_->setCohortEdges(edges);
    } catch (const Error& error) {
      showError(qs(error.what()));
    }
  });
  connect(dataPanel_, &DataPanel::problem, this, &MainWindow::showError);

  connect(modelPanel_, &ModelPanel::modelChosen, this, [this](const QString& model) {
    session_->setModel(model.toStdString());
    modelPanel_->showModel(model, session_->params());
    updateActions();
    updateStatus();
  });
  connect(modelPanel_, &ModelPanel::parameterEdited, this, &MainWindow::applyParameter);
  connect(modelPanel_, &ModelPanel::workersChosen, session_.get(), &TrainingSession::setWorkers);

  connect(session, &TrainingSession::runStarted, this, [this] {
    recommendationPanel_->setRunFolder(session_->runFolder());
    runsPanel_->refresh();
    refreshChartRuns();
    latentEpoch_ = -1;
    latentFollowsLive_ = true;
    updateLatentRuns();
  });
  connect(session, &TrainingSession::runUpdated, this, [this] {
    lossPanel_->requestRedraw();
    cohortPanel_->requestRedraw();
    updateStatus();
    // A finished epoch may have added a latent frame; reading the folder costs little.
    const std::int64_t epoch = session_->status().epoch;
    if (latentWorkspace_->run() == session_->runFolder() && epoch != latentEpoch_) {
      latentEpoch_ = epoch;
      latentWorkspace_->refresh();
    }
  });
  connect(session, &TrainingSession::stateChanged, this, [this](TrainerState state) {
    updateActions();
    updateStatus();
    if (!inProgress(state)) runsPanel_->refresh();
    // The live run's best weights may have changed while it ran: study them anew.
    if (state != TrainerState::Running && latentWorkspace_->run() == session_->runFolder()) {
      latentWorkspace_->refresh();
      latentWorkspace_->reloadWeights();
    }
  });
  connect(session, &TrainingSession::errorOccurred, this, &MainWindow::showError);
  connect(session, &TrainingSession::fitProgressed, this, &MainWindow::updateStatus);
  connect(session, &TrainingSession::runUpdated, this, &MainWindow::updateLiveRunRow);
  connect(session, &TrainingSession::noteReceived, this, [this](const QString& code, const QString& text) {
    messageBar_->showMessage(MessageBar::Kind::Info, code == QLatin1String("early_stop")
                                                         ? tr("Stopped early: validation stopped improving.")
                                                         : text);
  });
  connect(session, &TrainingSession::runCompleted, runsPanel_, &RunsPanel::refresh);
  // Queued: after Reset has shown the form with its new seed, which clears the feedback.
  connect(
      session, &TrainingSession::liveChangesReverted, this,
      [this](const QStringList& restored) {
        modelPanel_->showModel(qs(session_->modelName()), session_->params());
        modelPanel_->showFeedback(tr("The run has ended; its record keeps the changes made while it trained. The "
                                     "next run starts from the form again: %1.")
                                      .arg(restored.join(QStringLiteral(", "))),
                                  false);
      },
      Qt::QueuedConnection);
  connect(runsPanel_, &RunsPanel::selectionChanged, this, &MainWindow::refreshChartRuns);
  connect(runsPanel_, &RunsPanel::colourRequested, this, &MainWindow::chooseRunColour);
  // One selected run is the one to recommend with; otherwise the live run stays.
  connect(runsPanel_, &RunsPanel::selectionChanged, this, [this] {
    const auto selected = runsPanel_->selectedRuns();
    if (selected.size() == 1) recommendationPanel_->setRunFolder(selected.front());
  });
  connect(runsPanel_, &RunsPanel::selectionChanged, this, &MainWindow::updateActions);
  connect(runsPanel_, &RunsPanel::selectionChanged, this, [this] {
    latentFollowsLive_ = false;  // the run table refreshes without this signal: the user chose
    updateLatentRuns();
  });
  connect(latentWorkspace_, &LatentWorkspace::problem, this, &MainWindow::showError);
  connect(lessons_, &LessonWorkspace::problem, this, &MainWindow::showError);
  connect(recommendationPanel_, &RecommendationPanel::problem, this, &MainWindow::showError);
  connect(sweeps_, &SweepsPanel::problem, this, &MainWindow::showError);
  connect(sweeps_, &SweepsPanel::openRunRequested, this, &MainWindow::openRun);
}

void MainWindow::applyParameter(const QString& name, const QString& value) {
  try {
    switch (session_->setParameter(name.toStdString(), value.toStdString())) {
      case ParameterEffect::NextRun:
        modelPanel_->showFeedback(tr("%1 = %2 for the next run.").arg(name, value), false);
        break;
      case ParameterEffect::AppliedLive:
        modelPanel_->showFeedback(tr("%1 = %2 applied to the running model.").arg(name, value), false);
        break;
      case ParameterEffect::NeedsRestart:
        modelPanel_->showFeedback(
            tr("%1 = %2 takes effect when a new run starts (Reset, then Run).").arg(name, value), false);
        break;
    }
  } catch (const Error& error) {
    modelPanel_->showFeedback(qs(error.what()), true);
  }
}

// The live run and the selected runs whose histories are held; the others are read off the
// GUI thread and drawn when they arrive (takeOverlays).
void MainWindow::refreshChartRuns() {
  const fs::path liveFolder = session_->runFolder();
  std::vector<RunView> views{{tr("current"), liveFolder.empty() ? QStringLiteral("live") : qs(liveFolder.filename().string()),
                              session_->liveRun()}};
  std::vector<fs::path> folders{liveFolder};  // each view's, for its swatch in the run table
  std::map<fs::path, Overlay> kept;
  for (const fs::path& folder : runsPanel_->selectedRuns()) {
    const auto held = overlays_.find(folder);
    if (folder == liveFolder || held == overlays_.end()) continue;
    views.push_back({qs(folder.filename().string()), qs(folder.filename().string()), held->second.history});
    folders.push_back(folder);
    kept.insert(*held);
  }
  overlays_ = std::move(kept);
  runColours_.paint(views);
  std::map<fs::path, QColor> swatches;
  for (std::size_t i = 0; i < views.size(); ++i)
    if (!folders[i].empty()) swatches[folders[i]] = views[i].colour;
  runsPanel_->showRunColours(std::move(swatches));
  lossPanel_->setRuns(views);
  cohortPanel_->setRuns(views);
  readOverlays();
}

// Starts reading the selected runs not held yet or grown since read (a run another process
// writes); one read at a time, and the end of each looks again.
void MainWindow::readOverlays() {
  if (historyJob_->isRunning()) return;
  std::vector<fs::path> toRead;
  for (const fs::path& folder : runsPanel_->selectedRuns()) {
    if (folder == session_->runFolder()) continue;
    const std::uintmax_t bytes = eventLogBytes(folder);
    const auto held = overlays_.find(folder);
    const auto unreadable = unreadable_.find(folder);
    if ((held != overlays_.end() && held->second.eventBytes == bytes) ||
        (unreadable != unreadable_.end() && unreadable->second == bytes))
      continue;
    toRead.push_back(folder);
  }
  if (!toRead.empty()) historyJob_->start(std::move(toRead));
}

void MainWindow::takeOverlays(const std::vector<LoadedHistory>& histories) {
  const std::vector<fs::path> selected = runsPanel_->selectedRuns();
  for (const LoadedHistory& loaded : histories) {
    if (std::find(selected.begin(), selected.end(), loaded.folder) == selected.end()) continue;
    if (loaded.history) {
      overlays_[loaded.folder] = {loaded.history, loaded.eventBytes};
      unreadable_.erase(loaded.folder);
    } else {
      unreadable_[loaded.folder] = loaded.eventBytes;  // read again once it changes
      showError(tr("The run %1 could not be read: %2").arg(qs(loaded.folder.string()), qs(loaded.problem)));
    }
  }
  refreshChartRuns();
}

void MainWindow::setRunColour(const QString& runId, const QColor& colour) {
  runColours_.choose(runId, colour);
  refreshChartRuns();
}

void MainWindow::chooseRunColour(const fs::path& folder) {
  const QColor colour = QColorDialog::getColor(runsPanel_->runColour(folder), this, tr("Run colour"));
  if (colour.isValid()) setRunColour(qs(folder.filename().string()), colour);
}

// The latent space shows the live run from its start until the user selects runs in the
// run table; then the first selected run (the second is drift's comparison run). With no
// run selected it shows the live run again.
void MainWindow::updateLatentRuns() {
  const std::vector<fs::path> selected = runsPanel_->selectedRuns();
  if (latentFollowsLive_ || selected.empty())
    return latentWorkspace_->setRuns(session_->runFolder(), {}, true);
  latentWorkspace_->setRuns(selected.front(), selected.size() > 1 ? selected[1] : fs::path(),
                            selected.front() == session_->runFolder());
}

void MainWindow::showLatentSpace(bool latent) {
  centre_->setCurrentWidget(latent ? static_cast<QWidget*>(latentWorkspace_) : centre_->widget(0));
}

void MainWindow::showLessons() { centre_->setCurrentWidget(lessons_); }

void MainWindow::showSweeps() { centre_->setCurrentWidget(sweeps_); }

void MainWindow::openRun(const fs::path& run) {
  runsPanel_->addRun(run);
  runsPanel_->selectRuns({run});
  showLatentSpace(false);  // the training curves, where the selected run is overlaid
}

void MainWindow::showError(const QString& message) { messageBar_->showMessage(MessageBar::Kind::Error, message); }

QString MainWindow::statusText() const { return stateLabel_->text() + QStringLiteral(" | ") + progressLabel_->text(); }

void MainWindow::updateStatus() {
  const SessionStatus status = session_->status();
  stateLabel_->setText(stateText(status.state));
  if (!status.iterative) {
    // A closed-form fit (EASE): the core's steps instead of epochs.
    QString progress = status.stepsTotal > 0 ? tr("closed-form fit: %1, step %2 of %3")
                                                   .arg(status.stage)
                                                   .arg(status.stepsDone)
                                                   .arg(status.stepsTotal)
                                             : tr("closed-form fit");
    progress += QStringLiteral("   ") + tr("elapsed %1").arg(duration(status.elapsedSeconds));
    progressLabel_->setText(progress);
    return;
  }
  if (!status.stage.isEmpty()) {
    progressLabel_->setText(status.stage == QLatin1String("ranks")
                                ? tr("starting %1 local workers (each loads the data)").arg(session_->workers())
                                : tr("preparing the split from the raw data"));
    return;
  }
  QString progress = tr("epoch %1 of %2").arg(status.epoch).arg(status.epochs);
  // Nothing has trained yet: no throughput.
  if (status.usersPerSecond > 0.0)
    progress += QStringLiteral("   ") + tr("%1 users/s").arg(status.usersPerSecond, 0, 'f', 0);
  progress += QStringLiteral("   ") + tr("elapsed %1").arg(duration(status.elapsedSeconds));
  if (status.etaSeconds > 0.0) progress += QStringLiteral("   ") + tr("ETA %1").arg(duration(status.etaSeconds));
  progressLabel_->setText(progress);
}

// The run table reads a run's folder only on a refresh; between refreshes the training
// run's row follows the session. (A closed-form fit's folder appears only once complete.)
void MainWindow::updateLiveRunRow() {
  const SessionStatus status = session_->status();
  runsPanel_->showLiveProgress(session_->runFolder(), status.state, status.epoch, status.elapsedSeconds);
}

void MainWindow::updateActions() {
  const SessionStatus status = session_->status();
  const TrainerState state = status.state;
  const bool hasData = session_->data() != nullptr;
  // Only the live trainer pauses and steps; EASE's fit runs to its end or is stopped.
  const bool iterative = status.iterative;
  actions_[Command::Run]->setEnabled(hasData && state != TrainerState::Running);
  actions_[Command::Pause]->setEnabled(iterative && state == TrainerState::Running);
  actions_[Command::StepBatch]->setEnabled(iterative && hasData && state != TrainerState::Running);
  actions_[Command::StepEpoch]->setEnabled(iterative && hasData && state != TrainerState::Running);
  const bool stepsGoOn = session_->hasRunInProgress();
  actions_[Command::StepBatch]->setToolTip(stepsGoOn ? tr("Train one batch, then pause")
                                                     : tr("Start a new run and pause after its first batch"));
  actions_[Command::StepEpoch]->setToolTip(stepsGoOn ? tr("Train to the end of the current epoch, then pause")
                                                     : tr("Start a new run and pause after its first epoch"));
  actions_[Command::Stop]->setEnabled(inProgress(state));
  actions_[Command::ContinueRun]->setEnabled(hasData && !inProgress(state) && runsPanel_->selectedRuns().size() == 1);
  actions_[Command::CompareRuns]->setEnabled(runsPanel_->selectedRuns().size() == 2);
}

void MainWindow::continueSelectedRun() {
  const std::vector<fs::path> selected = runsPanel_->selectedRuns();
  if (selected.size() != 1) {
    showError(tr("Select one run in the run table to continue."));
    return;
  }
  if (!session_->continueRun(selected.front())) return;
  messageBar_->hide();
  modelPanel_->showModel(qs(session_->modelName()), session_->params());
  updateActions();
  updateStatus();
}

void MainWindow::setRunsFolder(const fs::path& folder) {
  std::error_code error;
  fs::create_directories(folder, error);
  session_->setRunsFolder(folder);
  runsPanel_->setFolder(folder);
  lessons_->setRunsFolder(folder);
}

SessionFile MainWindow::currentSession() const {
  SessionFile session{dataPanel_->request(), session_->modelName(), session_->params().values(),
                      session_->evaluation().cohortEdges, session_->runsFolder(), {}, {}, {}, {}, {}};
  for (const fs::path& run : runsPanel_->selectedRuns())
    if (run.parent_path() == session_->runsFolder()) session.selectedRuns.push_back(run.filename().string());
  for (const QString& column : runsPanel_->hiddenColumns())
    session.hiddenRunColumns.push_back(column.toStdString());
  session.centreView = std::string(kCentreViews.at(static_cast<std::size_t>(centre_->currentIndex())));
  session.focusUser = latentWorkspace_->focusPanel()->userText().toStdString();
  for (const auto& [run, colour] : runColours_.chosen())
    session.runColours[run.toStdString()] = colour.name().toStdString();
  session.runGrouping = groupingName(runsPanel_->grouping());
  session.workers = session_->workers();
  return session;
}

void MainWindow::saveSession(const fs::path& file) {
  try {
    saveSessionFile(currentSession(), file);
  } catch (const Error& error) {
    showError(tr("The session could not be saved: %1").arg(qs(error.what())));
  }
}

bool MainWindow::loadSession(const fs::path& file) {
  SessionFile saved;
  try {
    saved = loadSessionFile(file);
    session_->setModel(saved.model);
    for (const auto& [name, value] : saved.params) session_->setParameter(name, value);
  } catch (const Error& error) {
    showError(tr("The session could not be opened: %1").arg(qs(error.what())));
    return false;
  }
  modelPanel_->showModel(qs(session_->modelName()), session_->params());
  session_->setCohortEdges(saved.cohortEdges);
  dataPanel_->setCohortEdges(saved.cohortEdges);
  setRunsFolder(saved.runsFolder);
  std::vector<fs::path> selected;
  for (const std::string& run : saved.selectedRuns) selected.push_back(saved.runsFolder / run);
  for (const auto& [run, colour] : saved.runColours) runColours_.choose(qs(run), QColor(qs(colour)));
  runsPanel_->selectRuns(selected);
  QStringList hiddenColumns;
  for (const std::string& column : saved.hiddenRunColumns) hiddenColumns << qs(column);
  runsPanel_->setHiddenColumns(hiddenColumns);
  runsPanel_->setGrouping(groupingNamed(saved.runGrouping));
  modelPanel_->setWorkers(saved.workers);
  refreshChartRuns();  // the chosen colours, whether or not the selection changed
  const auto view = std::find(kCentreViews.begin(), kCentreViews.end(), saved.centreView);
  centre_->setCurrentIndex(static_cast<int>(view - kCentreViews.begin()));  // the loader checked the name
  latentWorkspace_->focusPanel()->setUserText(qs(saved.focusUser));
  loadData(saved.data);
  return true;
}

MainWindow::Views MainWindow::views() const {
  return {lessons_->lessonShown(), sweeps_->sweepFolder(), lossPanel_->view()->zoomedArea(),
          cohortPanel_->lineView()->zoomedArea()};
}

void MainWindow::restoreViews(const Views& views) {
  if (views.lesson) {
    LessonState lesson = *views.lesson;
    lesson.language = LessonWorkspace::language();
    lessons_->reopen(lesson);
  }
  if (!views.sweep.empty()) sweeps_->openSweep(views.sweep);
  if (views.lossZoom) lossPanel_->view()->zoomTo(*views.lossZoom);
  if (views.validationZoom) cohortPanel_->lineView()->zoomTo(*views.validationZoom);
}

bool MainWindow::busy() const {
  return session_->hasRunInProgress() || session_->isFitting() || sweeps_->isRunning() ||
         lessons_->view()->isRunning();
}

void MainWindow::restoreSettings() {
  QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  lossPanel_->setSmoothing(settings.value(QStringLiteral("charts/smoothing"), 0.6).toDouble());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  settings.setValue(QStringLiteral("charts/smoothing"), lossPanel_->smoothing());
  settings.setValue(QStringLiteral("runs/folder"), qs(session_->runsFolder().string()));
  if (!sessionAutosave_.empty()) {
    try {
      fs::create_directories(sessionAutosave_.parent_path());
      saveSessionFile(currentSession(), sessionAutosave_);
    } catch (const std::exception& error) {  // closing goes on; the next start opens the bundled data
      std::fprintf(stderr, "vaecf-workbench: the session could not be kept: %s\n", error.what());
    }
  }
  QMainWindow::closeEvent(event);
}

}  // namespace vaecf::ui
