#include "session/ExperimentJob.h"

#include "experiment/Experiment.h"

namespace vaecf::ui {

ExperimentJob::ExperimentJob(QObject* parent) : BackgroundJob(parent) {}

void ExperimentJob::start(std::string model, ParamSet params, DataSource source, std::shared_ptr<const Split> split,
                          EvaluationOptions evaluation, std::filesystem::path runFolder) {
  auto seconds = std::make_shared<double>(0.0);
  const bool started = run([seconds, model = std::move(model), params = std::move(params), source = std::move(source),
                            split = std::move(split), evaluation = std::move(evaluation),
                            folder = runFolder](const TaskContext& context) {
    // runExperiment takes the split by value inside LoadedData: the worker fits on a copy.
    const LoadedData data{*split, std::nullopt, {}};
    *seconds = runExperiment(model, params, source, data, evaluation, folder, context).seconds;
  });
  if (!started) return;
  seconds_ = std::move(seconds);
  runFolder_ = QString::fromStdString(runFolder.string());
}

void ExperimentJob::succeeded() { Q_EMIT completed(runFolder_, *seconds_); }

}  // namespace vaecf::ui
