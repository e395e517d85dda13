#pragma once
// The bridge between the window and the core: owns the session's data and its Trainer,
// turns GUI actions into trainer commands, and folds the trainer's events into the live
// run's history on the GUI thread. Every iterative model (the VAE family, SVAE, DeepRec)
// trains on the live Trainer; the closed-form EASE fits on a worker job. Nothing here
// waits on the training thread except dropping a run, which waits for one batch boundary.

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eval/Evaluator.h"
#include "models/Params.h"
#include "runs/RunHistory.h"
#include "session/DataLoadJob.h"
#include "session/EventDispatcher.h"
#include "session/ExperimentJob.h"
#include "session/RankJob.h"
#include "session/RunCompletionJob.h"
#include "session/SessionData.h"
#include "session/SplitJob.h"
#include "train/RunFolder.h"
#include "train/Trainer.h"

namespace vaecf::ui {

enum class ParameterEffect {
  NextRun,       // stored for the next run
  AppliedLive,   // sent to the run in progress
  NeedsRestart,  // stored, but the run in progress keeps its value until a new run
};

// Where the current run stands, for the status bar.
struct SessionStatus {
  TrainerState state = TrainerState::Idle;
  std::int64_t epoch = 0;
  std::int64_t epochs = 0;  // planned
  double usersPerSecond = 0.0;
  double elapsedSeconds = 0.0;
  double etaSeconds = 0.0;  // 0 while unknown
  // A closed-form model (EASE) has no epochs, pause or step: its fit reports steps of a
  // stage instead, and runs to its end or is stopped.
  bool iterative = true;
  // EASE's stage, or "split" while an iterative model's split is being built.
  QString stage;
  qint64 stepsDone = 0;
  qint64 stepsTotal = 0;  // 0 while unknown
};

// The parameters the workbench starts a model with: the declared defaults, with fewer
// epochs and smaller batches so a first run shows moving curves within seconds, and one
// core left to the GUI.
ParamSet workbenchPreset(const ModelFamily& model);

class TrainingSession : public QObject {
  Q_OBJECT

 public:
  explicit TrainingSession(std::filesystem::path runsFolder, QObject* parent = nullptr);
  ~TrainingSession() override;

  // ---- Data ----
  // Loads on a worker; the current data stays in use until the new data has loaded.
  void loadData(const DataRequest& request);
  void cancelLoading();
  bool isLoading() const { return loader_.isRunning(); }
  const SessionData* data() const { return data_.get(); }
  std::shared_ptr<const SessionData> sharedData() const { return data_; }

  // ---- Model and parameters ----
  void setModel(const std::string& name);  // resets the parameters to the preset
  const std::string& modelName() const { return model_.name; }
  // False for a closed-form model (EASE), which has no epochs.
  bool isIterative() const;
  // True for the iterative models. EASE fits on a worker job: Pause and Step do not
  // apply, and its parameters cannot change while it fits.
  bool runsOnLiveTrainer() const;
  // The last model chosen that runs on the live trainer (the current one when
  // runsOnLiveTrainer()).
  const ModelFamily& model() const { return model_; }
  const ParamSet& params() const { return params_; }
  // Throws Error when the value is invalid for the declaration.
  ParameterEffect setParameter(const std::string& name, const std::string& value);
  void setCohortEdges(std::vector<std::uint32_t> edges);
  // Ranks a new run of a data-parallel model trains with on this machine
  // (docs/data-parallel.md): this process is rank 0, the others are `rankProgram` (the
  // `vaecf` beside this program) processes. Each rank gets its share of the run's threads.
  void setWorkers(int workers);
  int workers() const { return workers_; }
  void setRankProgram(std::filesystem::path program) { rankProgram_ = std::move(program); }
  const EvaluationOptions& evaluation() const { return evaluation_; }

  const std::filesystem::path& runsFolder() const { return runsFolder_; }
  void setRunsFolder(std::filesystem::path folder);

  // ---- Commands ----
  void run();  // starts a new run, resumes a paused one, continues a stopped one
  void pause();
  void stepBatch();
  void stepEpoch();
  void stop();
  // Drops the current run; the next Run starts afresh with `seed`.
  void reset(std::uint64_t seed);
  // Reopens the saved run of the live trainer in `folder` and continues it from its
  // checkpoint as the live run, its history seeded from the run's events so the curves go
  // on. Refuses (with errorOccurred, returning false) a finished run, an EASE fit, or when
  // the session's data cannot give the run's split: the run's dataset is never loaded
  // implicitly. SVAE and DeepRec continue once their split is built on a worker (and are
  // refused then, with errorOccurred, when it lacks the run's items).
  bool continueRun(const std::filesystem::path& folder);

  SessionStatus status() const;
  bool hasRunInProgress() const;
  // A closed-form fit (EASE) is being computed.
  bool isFitting() const { return job_.isRunning(); }
  std::filesystem::path runFolder() const;
  std::shared_ptr<const RunHistory> liveRun() const { return liveRun_; }
  EventDispatcher& dispatcher() { return dispatcher_; }

 Q_SIGNALS:
  void dataLoading(const QString& stage, qint64 done, qint64 total);
  void dataLoaded();
  void dataLoadFailed(const QString& message);
  void modelChanged();  // model() is another model, or its parameters were reset
  void runStarted();  // a new or continued run folder; liveRun() is its history
  void runUpdated();  // events were applied to liveRun()
  void stateChanged(vaecf::TrainerState state);
  void noteReceived(const QString& code, const QString& text);
  void errorOccurred(const QString& message);
  void fitProgressed();  // a job reported progress (EASE's stage and steps): status() changed
  // A run trained here reached its end and its folder is complete, metrics.json included.
  void runCompleted(const QString& runFolder);
  // The run that took live changes ended (or was reset): those parameters are back at the
  // values it started with, so the next run starts from what the form declared, not from
  // where the last run was steered. Each entry is "name = value".
  void liveChangesReverted(const QStringList& restored);

 private:
  enum class FirstCommand { Run, StepBatch, StepEpoch };

  // The run starts at once on the loaded split, or once SVAE's or DeepRec's split has
  // been built on a worker.
  void startNewRun(FirstCommand first);
  void withTrainingSplit(const ModelFamily& model, const ParamSet& params, const ProtocolOptions& protocol,
                         SplitJob::Ready ready);
  void forgetSplitRequest();
  void startLocalRanks(const ModelFamily& model, ParamSet params, std::shared_ptr<const Split> split,
                       FirstCommand first);
  // Starts ranks 1..N-1 as `vaecf resume --run FOLDER` followers, FOLDER holding the run's
  // config.json (`configFolder` gets the ranks' rendezvous folder and returns it), and
  // joins them on a worker; `joined` takes the group on the GUI thread.
  void joinLocalRanks(int threadsPerRank, const std::function<std::filesystem::path(const LocalRanks&)>& configFolder,
                      std::function<void(std::shared_ptr<RankGroup>)> joined);
  // Reaping the other ranks waits for them to exit (seconds, for a hung one): off the GUI thread.
  void releaseLocalRanks();
  void launchRun(const ModelFamily& model, const ParamSet& params, std::shared_ptr<const Split> split,
                 FirstCommand first, std::shared_ptr<RankGroup> ranks = {});
  static QString datasetNeeded(const std::filesystem::path& folder, const RunConfig& config);
  void continueOn(const std::filesystem::path& folder, const ModelFamily& model, const ParamSet& params,
                  std::shared_ptr<const Split> split, std::shared_ptr<RunHistory> history,
                  std::shared_ptr<RankGroup> ranks);
  void startJobRun();
  void finishJobRun(TrainerState state);
  SessionStatus jobStatus() const;
  void dropRun();
  void revertLiveChanges();
  void applyEvents(const std::vector<TrainingEvent>& events);
  void completeRun(const std::filesystem::path& folder);
  void completeNextRun();
  TrainerState currentState() const;

  std::filesystem::path runsFolder_;
  std::shared_ptr<const SessionData> data_;
  ModelFamily model_;
  ParamSet params_;
  // Each parameter changed live during the run in progress, with the value it started with.
  std::map<std::string, std::string> liveChangedFrom_;
  EvaluationOptions evaluation_;
  DataLoadJob loader_;
  EventDispatcher dispatcher_;  // declared before the trainer: it outlives the trainer's notifier
  std::shared_ptr<RunHistory> liveRun_;
  std::unique_ptr<Trainer> trainer_;
  SplitJob splitJob_;
  std::uint64_t splitRequest_ = 0;  // the request a finished split or rank job may still start
  int workers_ = 1;
  std::filesystem::path rankProgram_;
  // The other ranks of the data-parallel run in progress; kept until the next run, since
  // they end with it.
  std::shared_ptr<LocalRanks> localRanks_;
  RankJob rankJob_;
  // The last split a raw-log model's run was given, and what it was built from: the data
  // and trainingSplitKey().
  struct BuiltSplit {
    std::shared_ptr<const SessionData> data;
    std::string key;
    std::shared_ptr<const Split> split;
  };
  std::optional<BuiltSplit> lastSplit_;
  // The last fit on a worker job: where it stands and its folder.
  ExperimentJob job_;
  TrainerState jobState_ = TrainerState::Idle;
  QString jobStage_;
  qint64 jobDone_ = 0;
  qint64 jobTotal_ = 0;
  QElapsedTimer jobClock_;
  double jobSeconds_ = 0.0;
  std::filesystem::path jobFolder_;
  // Finished iterative runs whose metrics.json is still to be written, oldest first, each
  // with the data it trained on.
  RunCompletionJob completion_;
  std::deque<std::pair<std::filesystem::path, std::shared_ptr<const SessionData>>> completions_;
};

}  // namespace vaecf::ui
