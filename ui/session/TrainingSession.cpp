#include "session/TrainingSession.h"

#include <QThreadPool>

#include <algorithm>
#include <optional>
#include <thread>

#include "common/Compute.h"
#include "common/Error.h"
#include "experiment/Experiment.h"
#include "session/CliProgram.h"
#include "train/EventLog.h"
#include "train/RunFolder.h"

namespace fs = std::filesystem;

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

std::string threadsLeavingOneCore() {
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  return std::to_string(std::max(1U, cores - 1));
}

// The window opens on the first model whose latent space it can show.
const ModelFamily& defaultModel() {
  if (const ModelFamily* model = firstModelWith([](const ModelFamily& m) { return m.capabilities.latentMaps; }))
    return *model;
  if (modelCatalog().empty()) throw Error("no model plugin is loaded");
  return modelCatalog().front();
}

// Why the session's data cannot train `model`, or nothing: said before a run starts
// rather than by a failed run.
QString whyDataCannotTrain(const ModelFamily& model, const SessionData& data) {
  const auto missing = missingDataNeed(model, data.log.get());
  if (!missing) return {};
  const QString name = qs(model.name);
  switch (*missing) {
    case DataNeed::RawLog:
      return TrainingSession::tr("%1 trains on the raw dataset (its ratings and times), which a split folder does "
                                 "not have: load a dataset file.")
          .arg(name);
    case DataNeed::ExplicitValues:
      return TrainingSession::tr("%1 predicts ratings, and %2 has none: load a dataset with explicit ratings.")
          .arg(name, qs(data.request.describe()));
    case DataNeed::Timestamps:
      return TrainingSession::tr("%1 orders each history by time, and %2 has no timestamps: load a dataset with "
                                 "a time column.")
          .arg(name, qs(data.request.describe()));
  }
  return {};
}

}  // namespace

ParamSet workbenchPreset(const ModelFamily& model) {
  ParamSet params(runParamSpecs(model));
  for (const auto& [name, value] : model.quickPreset) params.set(name, value);
  if (model.iterative()) params.set("threads", threadsLeavingOneCore());
  return params;
}

TrainingSession::TrainingSession(fs::path runsFolder, QObject* parent)
    : QObject(parent),
      runsFolder_(std::move(runsFolder)),
      model_(defaultModel()),
      params_(workbenchPreset(model_)),
      liveRun_(std::make_shared<RunHistory>()),
      rankProgram_(cliProgram()) {
  connect(&loader_, &DataLoadJob::progressed, this, &TrainingSession::dataLoading);
  connect(&loader_, &DataLoadJob::loaded, this, [this](std::shared_ptr<const SessionData> data) {
    // A run is tied to its split: new data ends it.
    const bool hadRun = trainer_ != nullptr;
    dropRun();
    lastSplit_.reset();  // it keeps the old data alive
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
  connect(&job_, &ExperimentJob::progressed, this, [this](const QString& stage, qint64 done, qint64 total) {
    jobStage_ = stage;
    jobDone_ = done;
    jobTotal_ = total;
    Q_EMIT fitProgressed();
  });
  connect(&job_, &ExperimentJob::completed, this, [this](const QString&, double seconds) {
    jobSeconds_ = seconds;
    finishJobRun(TrainerState::Finished);
    Q_EMIT runStarted();  // the finished run's folder is complete: views reread it
  });
  connect(&job_, &ExperimentJob::cancelled, this, [this] { finishJobRun(TrainerState::Stopped); });
  connect(&splitJob_, &SplitJob::failed, this, [this](const QString& message) {
    Q_EMIT errorOccurred(tr("The run could not start: %1").arg(message));
    Q_EMIT fitProgressed();
  });
  connect(&splitJob_, &SplitJob::cancelled, this, &TrainingSession::fitProgressed);
  connect(&rankJob_, &RankJob::failed, this, [this](const QString& message) {
    releaseLocalRanks();
    Q_EMIT errorOccurred(tr("The run's other ranks did not join: %1").arg(message));
    Q_EMIT fitProgressed();
  });
  connect(&rankJob_, &RankJob::cancelled, this, &TrainingSession::fitProgressed);
  connect(&job_, &ExperimentJob::failed, this, [this](const QString& message) {
    finishJobRun(TrainerState::Failed);
    Q_EMIT errorOccurred(tr("The fit failed: %1").arg(message));
  });
  connect(&completion_, &RunCompletionJob::completed, this, [this](const QString& folder) {
    Q_EMIT runCompleted(folder);
    completeNextRun();
  });
  connect(&completion_, &RunCompletionJob::failed, this, [this](const QString& message) {
    Q_EMIT errorOccurred(tr("The finished run's metrics could not be written: %1").arg(message));
    completeNextRun();
  });
}

TrainingSession::~TrainingSession() { dropRun(); }

void TrainingSession::loadData(const DataRequest& request) { loader_.start(request, runsFolder_ / "data"); }

void TrainingSession::cancelLoading() { loader_.cancel(); }

void TrainingSession::setModel(const std::string& name) {
  model_ = findModel(name);
  params_ = workbenchPreset(model_);
  liveChangedFrom_.clear();
  Q_EMIT modelChanged();
}

bool TrainingSession::isIterative() const { return model_.iterative(); }

bool TrainingSession::runsOnLiveTrainer() const { return isIterative(); }

ParameterEffect TrainingSession::setParameter(const std::string& name, const std::string& value) {
  const std::string before = params_.text(name);
  params_.set(name, value);
  if (!runsOnLiveTrainer()) return job_.isRunning() ? ParameterEffect::NeedsRestart : ParameterEffect::NextRun;
  if (!hasRunInProgress()) return ParameterEffect::NextRun;
  if (!params_.spec(name).live) return ParameterEffect::NeedsRestart;
  trainer_->setParameter(name, value);
  liveChangedFrom_.emplace(name, before);  // keeps the first: the value the run started with
  return ParameterEffect::AppliedLive;
}

void TrainingSession::revertLiveChanges() {
  QStringList restored;
  for (const auto& [name, value] : liveChangedFrom_) {
    params_.set(name, value);
    restored << qs(name + " = " + value);
  }
  liveChangedFrom_.clear();
  if (!restored.isEmpty()) Q_EMIT liveChangesReverted(restored);
}

void TrainingSession::setCohortEdges(std::vector<std::uint32_t> edges) { evaluation_.cohortEdges = std::move(edges); }

void TrainingSession::setRunsFolder(fs::path folder) { runsFolder_ = std::move(folder); }

void TrainingSession::run() {
  if (job_.isRunning()) return;
  if (!runsOnLiveTrainer()) {
    startJobRun();
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
      startNewRun(FirstCommand::Run);
  }
}

void TrainingSession::pause() {
  if (runsOnLiveTrainer() && currentState() == TrainerState::Running) trainer_->pause();
}

void TrainingSession::stepBatch() {
  if (!runsOnLiveTrainer() || job_.isRunning()) return;
  if (hasRunInProgress()) {
    trainer_->stepBatch();
  } else {
    startNewRun(FirstCommand::StepBatch);
  }
}

void TrainingSession::stepEpoch() {
  if (!runsOnLiveTrainer() || job_.isRunning()) return;
  if (hasRunInProgress()) {
    trainer_->stepEpoch();
  } else {
    startNewRun(FirstCommand::StepEpoch);
  }
}

void TrainingSession::stop() {
  if (job_.isRunning()) job_.cancel();  // the core throws Cancelled at its next check
  if (splitJob_.isRunning() || rankJob_.isRunning()) forgetSplitRequest();
  if (hasRunInProgress()) trainer_->stop();
}

void TrainingSession::reset(std::uint64_t seed) {
  dropRun();
  revertLiveChanges();
  job_.cancel();
  if (isIterative()) params_.set("seed", std::to_string(seed));
  liveRun_ = std::make_shared<RunHistory>();
  Q_EMIT runStarted();
  Q_EMIT stateChanged(TrainerState::Idle);
}

bool TrainingSession::continueRun(const fs::path& folder) {
  if (job_.isRunning() || hasRunInProgress()) {
    Q_EMIT errorOccurred(tr("Stop the current run before continuing another one."));
    return false;
  }
  RunConfig config;
  ModelFamily model;
  std::optional<ParamSet> params;
  auto history = std::make_shared<RunHistory>();
  try {
    config = readRunConfig(folder);
    model = findModel(config.model);
    if (!model.iterative()) {
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
    params = runParams(config, model);
    if (!data_ || !whyDataCannotTrain(model, *data_).isEmpty()) {
      Q_EMIT errorOccurred(datasetNeeded(folder, config));
      return false;
    }
  } catch (const std::exception& error) {
    Q_EMIT errorOccurred(tr("The run %1 could not be read: %2").arg(qs(folder.string()), qs(error.what())));
    return false;
  }
  dropRun();
  withTrainingSplit(model, *params, config.data.protocol,
                    [this, folder, config, model, params = *params, history](std::shared_ptr<const Split> split) {
                      try {
                        if (split->itemIds != readRunItems(folder)) {
                          Q_EMIT errorOccurred(datasetNeeded(folder, config));
                          return;
                        }
                      } catch (const Error& error) {
                        Q_EMIT errorOccurred(tr("The run %1 could not be read: %2").arg(qs(folder.string()), qs(error.what())));
                        return;
                      }
                      if (workers_ <= 1 || !model.capabilities.dataParallel)
                        return continueOn(folder, model, params, std::move(split), history, {});
                      // The other ranks read the run's own config.json; rank 0 sends them its checkpoint.
                      const int perRank = threadsEach(static_cast<int>(params.integer("threads")), workers_);
                      joinLocalRanks(
                          perRank, [folder](const LocalRanks&) { return folder; },
                          [this, folder, model, params, split, history](std::shared_ptr<RankGroup> group) {
                            continueOn(folder, model, params, split, history, std::move(group));
                          });
                    });
  return true;
}

QString TrainingSession::datasetNeeded(const fs::path& folder, const RunConfig& config) {
  return tr("To continue the run %1, load the run's dataset first: %2")
      .arg(qs(folder.filename().string()), qs(config.data.describe()));
}

void TrainingSession::continueOn(const fs::path& folder, const ModelFamily& model, const ParamSet& params,
                                 std::shared_ptr<const Split> split, std::shared_ptr<RunHistory> history,
                                 std::shared_ptr<RankGroup> ranks) {
  try {
    trainer_ = Trainer::openRun(folder, std::move(split), model, std::move(ranks));
    model_ = model;
    params_ = params;
    Q_EMIT modelChanged();
    liveRun_ = std::move(history);
    dispatcher_.setSource([trainer = trainer_.get()] { return trainer->drainEvents(); });
    trainer_->setEventNotifier([dispatcher = &dispatcher_] { dispatcher->notify(); });
    trainer_->start(StartMode::Running);
  } catch (const std::exception& error) {
    dropRun();
    Q_EMIT errorOccurred(tr("The run could not continue: %1").arg(qs(error.what())));
    return;
  }
  Q_EMIT runStarted();
}

SessionStatus TrainingSession::status() const {
  if (job_.isRunning() || !runsOnLiveTrainer()) return jobStatus();
  SessionStatus status;
  if (splitJob_.isRunning()) status.stage = QStringLiteral("split");
  if (rankJob_.isRunning()) status.stage = QStringLiteral("ranks");
  status.state = liveRun_->state();
  status.epoch = liveRun_->epoch();
  status.epochs = trainer_ ? trainer_->setup().params.integer("epochs") : params_.integer("epochs");
  status.usersPerSecond = liveRun_->usersPerSecond();
  status.elapsedSeconds = liveRun_->seconds();
  if (inProgress(status.state) && liveRun_->secondsPerEpoch() > 0.0)
    status.etaSeconds = static_cast<double>(status.epochs - liveRun_->epochsCompleted()) * liveRun_->secondsPerEpoch();
  return status;
}

// The fit in progress, or else the last one when the current model is closed-form:
// EASE's stage and steps.
SessionStatus TrainingSession::jobStatus() const {
  SessionStatus status;
  status.iterative = false;
  status.state = jobState_;
  status.elapsedSeconds = job_.isRunning() ? static_cast<double>(jobClock_.elapsed()) / 1000.0 : jobSeconds_;
  status.stage = jobStage_;
  status.stepsDone = jobDone_;
  status.stepsTotal = jobTotal_;
  return status;
}

bool TrainingSession::hasRunInProgress() const { return trainer_ && inProgress(trainer_->status().state); }

fs::path TrainingSession::runFolder() const {
  if (job_.isRunning() || !runsOnLiveTrainer()) return jobFolder_;
  return trainer_ ? trainer_->setup().runFolder : fs::path();
}

TrainerState TrainingSession::currentState() const {
  return trainer_ ? trainer_->status().state : TrainerState::Idle;
}

void TrainingSession::startNewRun(FirstCommand first) {
  if (!data_) {
    Q_EMIT errorOccurred(tr("Load a dataset before training."));
    return;
  }
  if (const QString refusal = whyDataCannotTrain(model_, *data_); !refusal.isEmpty()) {
    Q_EMIT errorOccurred(refusal);
    return;
  }
  dropRun();
  withTrainingSplit(model_, params_, data_->recordedSource.protocol,
                    [this, model = model_, params = params_, first](std::shared_ptr<const Split> split) {
                      if (workers_ > 1 && model.capabilities.dataParallel)
                        startLocalRanks(model, params, std::move(split), first);
                      else
                        launchRun(model, params, std::move(split), first);
                    });
}

void TrainingSession::withTrainingSplit(const ModelFamily& model, const ParamSet& params,
                                        const ProtocolOptions& protocol, SplitJob::Ready ready) {
  if (!model.needs.rawLog) {
    ready(data_->split);
    return;
  }
  // Runs that differ in nothing the split reads (another seed, say) share the last one.
  std::string key = trainingSplitKey(model, params, protocol);
  if (lastSplit_ && lastSplit_->data == data_ && lastSplit_->key == key) {
    ready(lastSplit_->split);
    return;
  }
  // A request dropped meanwhile (new data, Stop, another run) must not start anything.
  const std::uint64_t request = ++splitRequest_;
  splitJob_.start(model, params, protocol, data_,
                  [this, request, key = std::move(key), ready = std::move(ready)](auto split) {
                    if (request != splitRequest_) {
                      Q_EMIT fitProgressed();  // the status no longer shows a split being prepared
                      return;
                    }
                    lastSplit_ = BuiltSplit{data_, key, split};
                    ready(std::move(split));
                  });
  Q_EMIT fitProgressed();  // the status shows the split being prepared
}

void TrainingSession::forgetSplitRequest() {
  ++splitRequest_;
  splitJob_.cancel();
  if (rankJob_.isRunning()) {
    rankJob_.cancel();
    releaseLocalRanks();  // the job holds them until it gives up; then they are stopped
  }
}

void TrainingSession::setWorkers(int workers) { workers_ = std::clamp(workers, 1, LocalRanks::kMostWorkers); }

// Ranks 1..N-1 read the run's configuration from their rendezvous folder, as `vaecf resume`
// reads a run folder's, load the same data and build the same split; joining them waits
// on a worker.
void TrainingSession::startLocalRanks(const ModelFamily& model, ParamSet params, std::shared_ptr<const Split> split,
                                      FirstCommand first) {
  const int perRank = threadsEach(static_cast<int>(params.integer("threads")), workers_);
  params.set("threads", std::to_string(perRank));
  // The run's folder does not exist yet: its config goes to the rendezvous folder.
  const RunConfig config{model.name, params.values(), data_->recordedSource, evaluation_};
  joinLocalRanks(
      perRank,
      [&config](const LocalRanks& ranks) {
        writeRunConfig(ranks.folder(), config);
        return ranks.folder();
      },
      [this, model, params, split = std::move(split), first](std::shared_ptr<RankGroup> group) {
        launchRun(model, params, split, first, std::move(group));
      });
}

void TrainingSession::joinLocalRanks(int threadsPerRank,
                                     const std::function<fs::path(const LocalRanks&)>& configFolder,
                                     std::function<void(std::shared_ptr<RankGroup>)> joined) {
  try {
    auto ranks = std::make_shared<LocalRanks>(workers_, RankAddress{}, LocalRanks::Errors::Logged);
    ranks->start(rankProgram_, {"resume", "--run", configFolder(*ranks).string()}, threadsPerRank);
    localRanks_ = ranks;
    const std::uint64_t request = ++splitRequest_;
    rankJob_.start(std::move(ranks), [this, request, joined = std::move(joined)](std::shared_ptr<RankGroup> group) {
      if (request == splitRequest_) joined(std::move(group));
    });
  } catch (const std::exception& error) {
    releaseLocalRanks();
    Q_EMIT errorOccurred(tr("The run's other ranks could not start: %1").arg(qs(error.what())));
    return;
  }
  Q_EMIT fitProgressed();  // the status shows the ranks being joined
}

void TrainingSession::releaseLocalRanks() {
  if (!localRanks_) return;
  // The global pool is waited for when the application exits, so no child outlives it.
  QThreadPool::globalInstance()->start([ranks = std::move(localRanks_)]() mutable { ranks.reset(); });
  localRanks_.reset();
}

void TrainingSession::launchRun(const ModelFamily& model, const ParamSet& params, std::shared_ptr<const Split> split,
                                FirstCommand first, std::shared_ptr<RankGroup> ranks) {
  try {
    trainer_ = Trainer::newRun(TrainingSetup{model, params, std::move(split), freshRunFolder(runsFolder_, model_.name),
                                             data_->recordedSource, evaluation_, std::move(ranks)});
    liveRun_ = std::make_shared<RunHistory>();
    dispatcher_.setSource([trainer = trainer_.get()] { return trainer->drainEvents(); });
    trainer_->setEventNotifier([dispatcher = &dispatcher_] { dispatcher->notify(); });
    trainer_->start(first == FirstCommand::Run ? StartMode::Running : StartMode::Paused);
    if (first == FirstCommand::StepBatch) trainer_->stepBatch();
    if (first == FirstCommand::StepEpoch) trainer_->stepEpoch();
  } catch (const std::exception& error) {
    dropRun();
    Q_EMIT errorOccurred(tr("The run could not start: %1").arg(qs(error.what())));
    return;
  }
  Q_EMIT runStarted();
}

void TrainingSession::startJobRun() {
  if (!data_) {
    Q_EMIT errorOccurred(tr("Load a dataset before training."));
    return;
  }
  dropRun();
  liveRun_ = std::make_shared<RunHistory>();
  jobFolder_ = freshRunFolder(runsFolder_, model_.name);
  jobStage_.clear();
  jobDone_ = jobTotal_ = 0;
  jobSeconds_ = 0.0;
  jobState_ = TrainerState::Running;
  jobClock_.start();
  job_.start(model_.name, params_, data_->recordedSource, data_->split, evaluation_, jobFolder_);
  Q_EMIT runStarted();
  Q_EMIT stateChanged(TrainerState::Running);
}

void TrainingSession::finishJobRun(TrainerState state) {
  if (state != TrainerState::Finished) jobSeconds_ = static_cast<double>(jobClock_.elapsed()) / 1000.0;
  jobState_ = state;
  Q_EMIT stateChanged(state);
}

void TrainingSession::dropRun() {
  forgetSplitRequest();
  if (trainer_) {
    dispatcher_.flush();
    dispatcher_.clearSource();
    trainer_.reset();
  }
  releaseLocalRanks();  // after rank 0 has stopped, so that the others end by themselves
}

void TrainingSession::applyEvents(const std::vector<TrainingEvent>& events) {
  liveRun_->applyAll(events);
  for (const auto& event : events) {
    if (const auto* change = std::get_if<StateChange>(&event.payload)) {
      if (change->state == TrainerState::Finished) completeRun(trainer_->setup().runFolder);
      if (change->state == TrainerState::Finished || change->state == TrainerState::Failed) revertLiveChanges();
      Q_EMIT stateChanged(change->state);
      if (change->state == TrainerState::Failed)
        Q_EMIT errorOccurred(tr("The run failed: %1").arg(qs(change->message)));
    } else if (const auto* note = std::get_if<Note>(&event.payload)) {
      Q_EMIT noteReceived(qs(note->code), qs(note->text));
    }
  }
  Q_EMIT runUpdated();
}

void TrainingSession::completeRun(const fs::path& folder) {
  completions_.emplace_back(folder, data_);
  if (!completion_.isRunning()) completeNextRun();
}

void TrainingSession::completeNextRun() {
  if (completions_.empty()) return;
  auto [folder, data] = std::move(completions_.front());
  completions_.pop_front();
  completion_.start(folder, std::move(data));
}

}  // namespace vaecf::ui
