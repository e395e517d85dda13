#include "session/TrainingSession.h"

#include <QDateTime>

#include <algorithm>
#include <thread>

#include "common/Error.h"
#include "experiment/Experiment.h"
#include "train/EventLog.h"
#include "train/RunFolder.h"

namespace fs = std::filesystem;

namespace vaecf::ui {

namespace {

const char* const kDefaultModel = "multvae";

QString qs(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

ParamSet workbenchPreset(const ModelDefinition& model) {
  ParamSet params(trainingParamSpecs(model));
  params.set("epochs", "30");
  params.set("batch_size", "100");
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  params.set("threads", std::to_string(std::max(1U, cores - 1)));
  return params;
}

TrainingSession::TrainingSession(fs::path runsFolder, QObject* parent)
    : QObject(parent),
      runsFolder_(std::move(runsFolder)),
      modelName_(kDefaultModel),
      model_(autoencoderDefinition(kDefaultModel)),
      params_(workbenchPreset(model_)),
      liveRun_(std::make_shared<RunHistory>()) {
  connect(&loader_, &DataLoadJob::progressed, this, &TrainingSession::dataLoading);
  connect(&loader_, &DataLoadJob::loaded, this, [this](std::shared_ptr<const SessionData> data) {
    // A run is tied to its split: new data ends it.
    const bool hadRun = trainer_ != nullptr;
    dropRun();
    data_ = std::move(data);
    if (hadRun) {
      liveRun_ = std::make_shared<RunHistory>();
      Q_EMIT runStarted();
      Q_EMIT stateChanged(TrainerState::Idle);
    }
    Q_EMIT dataLoaded();
  });
  connect(&loader_, &DataLoadJob::failed, this, &TrainingSession::dataLoadFailed);
  connect(&dispatcher_, &EventDispatcher::eventsReady, this, &TrainingSession::applyEvents);
  connect(&fit_, &ExperimentJob::progressed, this, [this](const QString& stage, qint64 done, qint64 total) {
    fitStage_ = stage;
    fitDone_ = done;
    fitTotal_ = total;
    Q_EMIT fitProgressed();
  });
  connect(&fit_, &ExperimentJob::completed, this, [this](const QString& folder, double seconds) {
    fitFolder_ = folder.toStdString();
    fitSeconds_ = seconds;
    finishClosedFormRun(TrainerState::Finished);
    Q_EMIT runStarted();  // the finished run's folder is now runFolder()
  });
  connect(&fit_, &ExperimentJob::cancelled, this, [this] { finishClosedFormRun(TrainerState::Stopped); });
  connect(&fit_, &ExperimentJob::failed, this, [this](const QString& message) {
    finishClosedFormRun(TrainerState::Failed);
    Q_EMIT errorOccurred(tr("The run failed: %1").arg(message));
  });
}

TrainingSession::~TrainingSession() { dropRun(); }

void TrainingSession::loadData(const DataRequest& request) { loader_.start(request, runsFolder_ / "data"); }

void TrainingSession::cancelLoading() { loader_.cancel(); }

void TrainingSession::setModel(const std::string& name) {
  if (!findModel(name).iterative) {
    params_ = defaultParams(name);
    modelName_ = name;
    return;
  }
  model_ = autoencoderDefinition(name);
  params_ = workbenchPreset(model_);
  modelName_ = name;
}

bool TrainingSession::isIterative() const { return findModel(modelName_).iterative; }

ParameterEffect TrainingSession::setParameter(const std::string& name, const std::string& value) {
  params_.set(name, value);
  if (!isIterative()) return fit_.isRunning() ? ParameterEffect::NeedsRestart : ParameterEffect::NextRun;
  if (!hasRunInProgress()) return ParameterEffect::NextRun;
  if (!params_.spec(name).live) return ParameterEffect::NeedsRestart;
  trainer_->setParameter(name, value);
  return ParameterEffect::AppliedLive;
}

void TrainingSession::setCohortEdges(std::vector<std::uint32_t> edges) { evaluation_.cohortEdges = std::move(edges); }

void TrainingSession::setRunsFolder(fs::path folder) { runsFolder_ = std::move(folder); }

void TrainingSession::run() {
  if (fit_.isRunning()) return;
  if (!isIterative()) {
    startClosedFormRun();
    return;
  }
  switch (currentState()) {
    case TrainerState::Paused:
      trainer_->resume();
      return;
    case TrainerState::Running:
      return;
    case TrainerState::Stopped:
      trainer_->start(StartMode::Running);
      return;
    default:
      startNewRun(StartMode::Running);
  }
}

void TrainingSession::pause() {
  if (isIterative() && currentState() == TrainerState::Running) trainer_->pause();
}

void TrainingSession::stepBatch() {
  if (!isIterative() || fit_.isRunning()) return;
  if (hasRunInProgress() || startNewRun(StartMode::Paused)) trainer_->stepBatch();
}

void TrainingSession::stepEpoch() {
  if (!isIterative() || fit_.isRunning()) return;
  if (hasRunInProgress() || startNewRun(StartMode::Paused)) trainer_->stepEpoch();
}

void TrainingSession::stop() {
  if (fit_.isRunning()) fit_.cancel();  // the core throws Cancelled at its next check
  if (hasRunInProgress()) trainer_->stop();
}

void TrainingSession::reset(std::uint64_t seed) {
  dropRun();
  fit_.cancel();
  if (isIterative()) params_.set("seed", std::to_string(seed));
  liveRun_ = std::make_shared<RunHistory>();
  Q_EMIT runStarted();
  Q_EMIT stateChanged(TrainerState::Idle);
}

bool TrainingSession::continueRun(const fs::path& folder) {
  if (fit_.isRunning() || hasRunInProgress()) {
    Q_EMIT errorOccurred(tr("Stop the current run before continuing another one."));
    return false;
  }
  RunConfig config;
  auto history = std::make_shared<RunHistory>();
  try {
    config = readRunConfig(folder);
    if (!findModel(config.model).iterative) {
      Q_EMIT errorOccurred(tr("The run %1 is a closed-form fit (%2): there is no training to continue.")
                               .arg(qs(folder.filename().string()), qs(config.model)));
      return false;
    }
    if (fs::exists(runEventsPath(folder))) history->applyAll(readRunEvents(folder));
    if (history->state() == TrainerState::Finished) {
      Q_EMIT errorOccurred(tr("The run %1 has finished: there is nothing to continue.")
                               .arg(qs(folder.filename().string())));
      return false;
    }
    if (!data_ || data_->split->itemIds != readRunItems(folder)) {
      Q_EMIT errorOccurred(tr("To continue the run %1, load the run's dataset first: %2")
                               .arg(qs(folder.filename().string()), qs(config.data.describe())));
      return false;
    }
  } catch (const std::exception& error) {
    Q_EMIT errorOccurred(tr("The run %1 could not be read: %2").arg(qs(folder.string()), qs(error.what())));
    return false;
  }
  dropRun();
  try {
    ModelDefinition model = autoencoderDefinition(config.model);
    ParamSet params = runParams(config, model);
    trainer_ = Trainer::openRun(folder, data_->split, model);
    model_ = std::move(model);
    params_ = std::move(params);
    modelName_ = config.model;
    liveRun_ = std::move(history);
    dispatcher_.setSource([trainer = trainer_.get()] { return trainer->drainEvents(); });
    trainer_->setEventNotifier([dispatcher = &dispatcher_] { dispatcher->notify(); });
    trainer_->start(StartMode::Running);
  } catch (const std::exception& error) {
    dropRun();
    Q_EMIT errorOccurred(tr("The run could not continue: %1").arg(qs(error.what())));
    return false;
  }
  Q_EMIT runStarted();
  return true;
}

SessionStatus TrainingSession::status() const {
  SessionStatus status;
  if (fit_.isRunning() || !isIterative()) {
    status.iterative = false;
    status.state = fitState_;
    status.stage = fitStage_;
    status.stepsDone = fitDone_;
    status.stepsTotal = fitTotal_;
    status.elapsedSeconds = fit_.isRunning() ? static_cast<double>(fitClock_.elapsed()) / 1000.0 : fitSeconds_;
    return status;
  }
  status.state = liveRun_->state();
  status.epoch = liveRun_->epoch();
  status.epochs = trainer_ ? trainer_->setup().params.integer("epochs") : params_.integer("epochs");
  status.usersPerSecond = liveRun_->usersPerSecond();
  status.elapsedSeconds = liveRun_->seconds();
  if (inProgress(status.state) && liveRun_->secondsPerEpoch() > 0.0)
    status.etaSeconds = static_cast<double>(status.epochs - liveRun_->epochsCompleted()) * liveRun_->secondsPerEpoch();
  return status;
}

bool TrainingSession::hasRunInProgress() const { return trainer_ && inProgress(trainer_->status().state); }

fs::path TrainingSession::runFolder() const {
  if (fit_.isRunning() || !isIterative()) return fitFolder_;
  return trainer_ ? trainer_->setup().runFolder : fs::path(); }

TrainerState TrainingSession::currentState() const {
  return trainer_ ? trainer_->status().state : TrainerState::Idle;
}

bool TrainingSession::startNewRun(StartMode mode) {
  if (!data_) {
    Q_EMIT errorOccurred(tr("Load a dataset before training."));
    return false;
  }
  dropRun();
  try {
    trainer_ = Trainer::newRun(TrainingSetup{model_, params_, data_->split, freshRunFolder(), data_->recordedSource,
                                             evaluation_});
    liveRun_ = std::make_shared<RunHistory>();
    dispatcher_.setSource([trainer = trainer_.get()] { return trainer->drainEvents(); });
    trainer_->setEventNotifier([dispatcher = &dispatcher_] { dispatcher->notify(); });
    trainer_->start(mode);
  } catch (const std::exception& error) {
    dropRun();
    Q_EMIT errorOccurred(tr("The run could not start: %1").arg(qs(error.what())));
    return false;
  }
  Q_EMIT runStarted();
  return true;
}

void TrainingSession::startClosedFormRun() {
  if (!data_) {
    Q_EMIT errorOccurred(tr("Load a dataset before training."));
    return;
  }
  dropRun();
  liveRun_ = std::make_shared<RunHistory>();
  fitFolder_.clear();
  fitStage_.clear();
  fitDone_ = fitTotal_ = 0;
  fitSeconds_ = 0.0;
  fitState_ = TrainerState::Running;
  fitClock_.start();
  fit_.start(modelName_, params_, data_->recordedSource, data_->split, evaluation_, freshRunFolder());
  Q_EMIT runStarted();
  Q_EMIT stateChanged(TrainerState::Running);
}

void TrainingSession::finishClosedFormRun(TrainerState state) {
  if (state != TrainerState::Finished) fitSeconds_ = static_cast<double>(fitClock_.elapsed()) / 1000.0;
  fitState_ = state;
  Q_EMIT stateChanged(state);
}

void TrainingSession::dropRun() {
  if (!trainer_) return;
  dispatcher_.flush();
  dispatcher_.clearSource();
  trainer_.reset();
}

void TrainingSession::applyEvents(const std::vector<TrainingEvent>& events) {
  liveRun_->applyAll(events);
  for (const auto& event : events) {
    if (const auto* change = std::get_if<StateChange>(&event.payload)) {
      Q_EMIT stateChanged(change->state);
      if (change->state == TrainerState::Failed)
        Q_EMIT errorOccurred(tr("The run failed: %1").arg(qs(change->message)));
    } else if (const auto* note = std::get_if<Note>(&event.payload)) {
      Q_EMIT noteReceived(qs(note->code), qs(note->text));
    }
  }
  Q_EMIT runUpdated();
}

fs::path TrainingSession::freshRunFolder() const {
  const std::string stem =
      modelName_ + "-" + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")).toStdString();
  fs::path folder = runsFolder_ / stem;
  for (int suffix = 2; fs::exists(folder); ++suffix) folder = runsFolder_ / (stem + "-" + std::to_string(suffix));
  return folder;
}

}  // namespace vaecf::ui
