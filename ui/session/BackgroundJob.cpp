#include "session/BackgroundJob.h"

#include <QThread>

#include <atomic>
#include <mutex>
#include <string>

#include "common/Error.h"

namespace vaecf::ui {

struct BackgroundJob::State {
  std::shared_ptr<std::atomic<bool>> cancelFlag = std::make_shared<std::atomic<bool>>(false);
  std::mutex mutex;  // guards the progress; the outcome is read only after the thread ended
  std::string stage;
  std::uint64_t done = 0;
  std::uint64_t total = 0;
  bool ok = false;
  bool wasCancelled = false;
  std::string error;
};

BackgroundJob::BackgroundJob(QObject* parent) : QObject(parent) {
  progressTimer_.setInterval(100);
  connect(&progressTimer_, &QTimer::timeout, this, &BackgroundJob::reportProgress);
}

BackgroundJob::~BackgroundJob() {
  if (thread_ == nullptr) return;
  cancel();
  thread_->wait();
  delete thread_;
}

bool BackgroundJob::run(std::function<void(const TaskContext&)> work) {
  if (isRunning()) return false;
  state_ = std::make_shared<State>();
  thread_ = QThread::create([state = state_, work = std::move(work)] {
    TaskContext context;
    context.cancelFlag = state->cancelFlag;
    context.onProgress = [&state](std::string_view stage, std::uint64_t done, std::uint64_t total) {
      const std::lock_guard lock(state->mutex);
      state->stage = std::string(stage);
      state->done = done;
      state->total = total;
    };
    try {
      work(context);
      state->ok = true;
    } catch (const Cancelled&) {
      state->wasCancelled = true;
    } catch (const std::exception& error) {
      state->error = error.what();
    }
  });
  connect(thread_, &QThread::finished, this, &BackgroundJob::finish);
  progressTimer_.start();
  thread_->start();
  return true;
}

void BackgroundJob::cancel() {
  if (state_) state_->cancelFlag->store(true);
}

void BackgroundJob::reportProgress() {
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

void BackgroundJob::finish() {
  progressTimer_.stop();
  thread_->wait();  // the outcome below was written before the thread ended
  delete thread_;
  thread_ = nullptr;
  const std::shared_ptr<State> state = std::move(state_);
  if (state->ok)
    succeeded();
  else if (state->wasCancelled)
    Q_EMIT cancelled();
  else
    Q_EMIT failed(QString::fromStdString(state->error));
}

}  // namespace vaecf::ui
