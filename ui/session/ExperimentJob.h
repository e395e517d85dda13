#pragma once

#include <QString>
#include <QTimer>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "data/DataSource.h"
#include "data/InteractionLog.h"
#include "eval/Evaluator.h"
#include "models/Params.h"
#include "session/BackgroundJob.h"
#include "train/TrainingEvents.h"

namespace vaecf::ui {

// Runs an experiment (core runExperiment) on a worker thread with progress and cancel:
// EASE's closed-form fit, or SVAE and DeepRec, which train in the core's own loops. While
// it runs, the events its run folder's events.jsonl gains are read back a few times a
// second and handed on, so that the window's curves move as they do for the live trainer.
class ExperimentJob : public BackgroundJob {
  Q_OBJECT

 public:
  explicit ExperimentJob(QObject* parent = nullptr);

  // Trains `model` and writes its run folder. `log` is the raw log for the models that
  // build their own split from it (SVAE, DeepRec), null otherwise. Ignored while a run is
  // in progress.
  void start(std::string model, ParamSet params, DataSource source, std::shared_ptr<const Split> split,
             std::shared_ptr<const InteractionLog> log, EvaluationOptions evaluation, std::filesystem::path runFolder);

 Q_SIGNALS:
  // The events appended since the last emission, in order; the last ones arrive before
  // completed, cancelled or failed.
  void eventsRead(const std::vector<vaecf::TrainingEvent>& events);
  // A malformed line in the events file: the live curves stop there, the run goes on.
  void eventsUnreadable(const QString& message);
  void completed(const QString& runFolder, double seconds);

 private:
  void succeeded() override;
  void readNewEvents();
  void finishReading();

  QString runFolder_;
  std::shared_ptr<double> seconds_;
  QTimer eventPoll_;
  std::filesystem::path eventsFile_;
  std::uint64_t eventBytesRead_ = 0;
  std::int64_t eventLinesRead_ = 0;
};

}  // namespace vaecf::ui
