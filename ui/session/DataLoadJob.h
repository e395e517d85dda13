#pragma once
// Loads session data on a worker thread with progress and cancel. The worker shares only
// a state block with this object (never a pointer back to it), so destroying the job
// mid-load is safe: it raises the cancel flag and waits (BUILD-NOTES.md, headless GUI).

#include <QObject>
#include <QString>
#include <QTimer>

#include <filesystem>
#include <memory>

#include "session/SessionData.h"

class QThread;

namespace vaecf::ui {

class DataLoadJob : public QObject {
  Q_OBJECT

 public:
  explicit DataLoadJob(QObject* parent = nullptr);
  ~DataLoadJob() override;

  bool isRunning() const { return thread_ != nullptr; }
  // Ignored while a load is running.
  void start(DataRequest request, std::filesystem::path syntheticSplitsFolder);
  void cancel();

 Q_SIGNALS:
  // stage is the core's code ("read", "split", ...); total is 0 while unknown.
  void progressed(const QString& stage, qint64 done, qint64 total);
  void loaded(std::shared_ptr<const vaecf::ui::SessionData> data);
  void failed(const QString& message);
  void cancelled();

 private:
  struct State;

  void finish();
  void reportProgress();

  std::shared_ptr<State> state_;
  QThread* thread_ = nullptr;
  QTimer progressTimer_;
};

}  // namespace vaecf::ui
