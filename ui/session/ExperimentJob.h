#pragma once
// Runs a closed-form experiment (EASE) on a worker thread with progress and cancel, as
// DataLoadJob loads data: the worker shares only a state block with this object, so
// destroying the job mid-fit raises the cancel flag and waits (BUILD-NOTES.md, headless GUI).

#include <QObject>
#include <QString>
#include <QTimer>

#include <filesystem>
#include <memory>
#include <string>

#include "data/DataSource.h"
#include "eval/Evaluator.h"
#include "models/Params.h"

class QThread;

namespace vaecf::ui {

class ExperimentJob : public QObject {
  Q_OBJECT

 public:
  explicit ExperimentJob(QObject* parent = nullptr);
  ~ExperimentJob() override;

  bool isRunning() const { return thread_ != nullptr; }
  // Fits `model` on the split and writes its run folder (core runExperiment). Ignored
  // while a fit is running.
  void start(std::string model, ParamSet params, DataSource source, std::shared_ptr<const Split> split,
             EvaluationOptions evaluation, std::filesystem::path runFolder);
  void cancel();

 Q_SIGNALS:
  // stage is the core's code ("ease", ...); total is 0 while unknown.
  void progressed(const QString& stage, qint64 done, qint64 total);
  void completed(const QString& runFolder, double seconds);
  void failed(const QString& message);
  void cancelled();

 private:
  struct State;

  void finish();
  void reportProgress();

  std::shared_ptr<State> state_;
  QThread* thread_ = nullptr;
  QString runFolder_;
  QTimer progressTimer_;
};

}  // namespace vaecf::ui
