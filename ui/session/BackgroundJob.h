#pragma once
// A long core task on a worker thread, with progress and cancel. The worker shares only a
// state block with this object (never a pointer back to it), so destroying a job mid-run
// is safe: it raises the cancel flag and waits (docs/building.md, headless GUI).

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

#include "common/TaskContext.h"

class QThread;

namespace vaecf::ui {

class BackgroundJob : public QObject {
  Q_OBJECT

 public:
  ~BackgroundJob() override;

  bool isRunning() const { return thread_ != nullptr; }
  void cancel();

 Q_SIGNALS:
  // stage is the core's or a model's code ("read", "split", ...); total is 0 while unknown.
  void progressed(const QString& stage, qint64 done, qint64 total);
  void failed(const QString& message);
  void cancelled();

 protected:
  explicit BackgroundJob(QObject* parent);

  // Runs `work` on a new thread; it may touch only what it captured. Ignored (false)
  // while a job is running.
  bool run(std::function<void(const TaskContext&)> work);
  // On the GUI thread, after `work` returned normally; what it wrote is visible here.
  virtual void succeeded() = 0;

 private:
  struct State;

  void finish();
  void reportProgress();

  std::shared_ptr<State> state_;
  QThread* thread_ = nullptr;
  QTimer progressTimer_;
};

}  // namespace vaecf::ui
