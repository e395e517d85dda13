#include "session/SplitJob.h"

#include <utility>

#include "experiment/Experiment.h"

namespace vaecf::ui {

SplitJob::SplitJob(QObject* parent) : BackgroundJob(parent) {}

bool SplitJob::start(ModelFamily model, ParamSet params, ProtocolOptions protocol,
                     std::shared_ptr<const SessionData> data, Ready ready) {
  auto result = std::make_shared<std::shared_ptr<const Split>>();
  const bool started = run([result, model = std::move(model), params = std::move(params), protocol,
                            data = std::move(data)](const TaskContext& context) {
    context.report("split", 0, 1);
    *result = trainingSplit(model, params, protocol, data->split, data->log.get());
    context.checkCancelled();
  });
  if (!started) return false;
  result_ = std::move(result);
  ready_ = std::move(ready);
  return true;
}

void SplitJob::succeeded() {
  auto ready = std::exchange(ready_, {});
  ready(std::move(*result_));
}

}  // namespace vaecf::ui
