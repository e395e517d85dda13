#pragma once

#include <QString>

#include <filesystem>
#include <memory>
#include <string>

#include "data/DataSource.h"
#include "eval/Evaluator.h"
#include "models/Params.h"
#include "session/BackgroundJob.h"

namespace vaecf::ui {

// Runs a closed-form experiment (core runExperiment: EASE) on a worker thread with
// progress and cancel. The iterative models train on the live Trainer instead.
class ExperimentJob : public BackgroundJob {
  Q_OBJECT

 public:
  explicit ExperimentJob(QObject* parent = nullptr);

  // Fits `model` and writes its run folder. Ignored while a fit is in progress.
  void start(std::string model, ParamSet params, DataSource source, std::shared_ptr<const Split> split,
             EvaluationOptions evaluation, std::filesystem::path runFolder);

 Q_SIGNALS:
  void completed(const QString& runFolder, double seconds);

 private:
  void succeeded() override;

  QString runFolder_;
  std::shared_ptr<double> seconds_;
};

}  // namespace vaecf::ui
