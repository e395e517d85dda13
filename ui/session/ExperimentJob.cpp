#include "session/ExperimentJob.h"

#include <QThread>

#include <atomic>
#include <mutex>

#include "common/Error.h"
#include "experiment/Experiment.h"

namespace vaecf::ui {

struct ExperimentJob::State {
  std::shared_ptr<std::atomic<bool>> cancelFlag = std::make_shared<std::atomic<bool>>(false);
  std::mutex mutex;  // guards everything below
  std::string stage;
  std::uint64_t done = 0;
  std::uint64_t total = 0;
  bool succeeded = false;
  double seconds = 0.0;
  std::string error;
  bool wasCancelled = false;
};

ExperimentJob::ExperimentJob(QObject* parent) : QObject(parent) {
  progressTimer_.setInterval(100);
  connect(&progressTimer_, &QTimer::timeout, this, &ExperimentJob::reportProgress);
}

ExperimentJob::~ExperimentJob() {
  if (thread_ == nullptr) return;
  cancel();
  thread_->wait();
  delete thread_;
}

void ExperimentJob::start(std::string model, ParamSet params, DataSource source, std::shared_ptr<const Split> split,
                          EvaluationOptions evaluation, std::filesystem::path runFolder) {
  if (isRunning()) return;
  state_ = std::make_shared<State>();
  thread_ = QThread::create([state = state_, model = std::move(model), params = std::move(params),
                             source = std::move(source), split = std::move(split),
                             evaluation = std::move(evaluation), folder = runFolder] {
    TaskContext context;
    context.cancelFlag = state->cancelFlag;
    context.onProgress = [&state](std::string_view stage, std::uint64_t done, std::uint64_t total) {
      const std::lock_guard lock(state->mutex);
      state->stage = std::string(stage);
      state->done = done;
      state->total = total;
    };
    try {
      // runExperiment takes the split by value inside LoadedData: the worker fits on a copy.
      const LoadedData data{*split, std::nullopt, {}};
      const ExperimentResult result = runExperiment(model, params, source, data, evaluation, folder, context);
      const std::lock_guard lock(state->mutex);
      state->succeeded = true;
      state->seconds = result.seconds;
    } catch (const Cancelled&) {
      const std::lock_guard lock(state->mutex);
      state->wasCancelled = true;
    } catch (const std::exception& error) {
      const std::lock_guard lock(state->mutex);
      state->error = error.what();
    }
  });
  runFolder_ = QString::fromStdString(runFolder.string());
  connect(thread_, &QThread::finished, this, &ExperimentJob::finish);
  progressTimer_.start();
  thread_->start();
}

void ExperimentJob::cancel() {
  if (state_) state_->cancelFlag->store(true);
}

void ExperimentJob::reportProgress() {
  if (!state_) return;
  QString stage;
  qint64 done = 0;
  qint64 total = 0;
  {
    const std::lock_guard lock(state_->mutex);
    stage = QString::fromStdString(state_->stage);
    done = static_cast<qint64>(state_->done);
    total = static_cast<qint64>(state_->total);
  }
  Q_EMIT progressed(stage, done, total);
}

void ExperimentJob::finish() {
  progressTimer_.stop();
  thread_->wait();
  delete thread_;
  thread_ = nullptr;
  const std::shared_ptr<State> state = std::move(state_);
  bool succeeded = false;
  bool wasCancelled = false;
  double seconds = 0.0;
  QString error;
  {
    const std::lock_guard lock(state->mutex);
    succeeded = state->succeeded;
    wasCancelled = state->wasCancelled;
    seconds = state->seconds;
    error = QString::fromStdString(state->error);
  }
  if (succeeded)
    Q_EMIT completed(runFolder_, seconds);
  else if (wasCancelled)
    Q_EMIT cancelled();
  else
    Q_EMIT failed(error);
}

}  // namespace vaecf::ui
