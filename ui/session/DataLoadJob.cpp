#include "session/DataLoadJob.h"

#include <QThread>

#include <atomic>
#include <mutex>

#include "common/Error.h"

namespace vaecf::ui {

struct DataLoadJob::State {
  std::shared_ptr<std::atomic<bool>> cancelFlag = std::make_shared<std::atomic<bool>>(false);
  std::mutex mutex;  // guards everything below
  std::string stage;
  std::uint64_t done = 0;
  std::uint64_t total = 0;
  std::shared_ptr<const SessionData> result;
  std::string error;
  bool wasCancelled = false;
};

DataLoadJob::DataLoadJob(QObject* parent) : QObject(parent) {
  progressTimer_.setInterval(100);
  connect(&progressTimer_, &QTimer::timeout, this, &DataLoadJob::reportProgress);
}

DataLoadJob::~DataLoadJob() {
  if (thread_ == nullptr) return;
  cancel();
  thread_->wait();
  delete thread_;
}

void DataLoadJob::start(DataRequest request, std::filesystem::path syntheticSplitsFolder) {
  if (isRunning()) return;
  state_ = std::make_shared<State>();
  thread_ = QThread::create([state = state_, request = std::move(request), folder = std::move(syntheticSplitsFolder)] {
    TaskContext context;
    context.cancelFlag = state->cancelFlag;
    context.onProgress = [&state](std::string_view stage, std::uint64_t done, std::uint64_t total) {
      const std::lock_guard lock(state->mutex);
      state->stage = std::string(stage);
      state->done = done;
      state->total = total;
    };
    try {
      auto data = std::make_shared<const SessionData>(loadSessionData(request, folder, context));
      const std::lock_guard lock(state->mutex);
      state->result = std::move(data);
    } catch (const Cancelled&) {
      const std::lock_guard lock(state->mutex);
      state->wasCancelled = true;
    } catch (const std::exception& error) {
      const std::lock_guard lock(state->mutex);
      state->error = error.what();
    }
  });
  connect(thread_, &QThread::finished, this, &DataLoadJob::finish);
  progressTimer_.start();
  thread_->start();
}

void DataLoadJob::cancel() {
  if (state_) state_->cancelFlag->store(true);
}

void DataLoadJob::reportProgress() {
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

void DataLoadJob::finish() {
  progressTimer_.stop();
  thread_->wait();
  delete thread_;
  thread_ = nullptr;
  const std::shared_ptr<State> state = std::move(state_);
  std::shared_ptr<const SessionData> result;
  bool wasCancelled = false;
  QString error;
  {
    const std::lock_guard lock(state->mutex);
    result = state->result;
    wasCancelled = state->wasCancelled;
    error = QString::fromStdString(state->error);
  }
  if (result)
    Q_EMIT loaded(result);
  else if (wasCancelled)
    Q_EMIT cancelled();
  else
    Q_EMIT failed(error);
}

}  // namespace vaecf::ui
