#include "session/DataLoadJob.h"

namespace vaecf::ui {

void DataLoadJob::start(DataRequest request, std::filesystem::path syntheticSplitsFolder) {
  auto result = std::make_shared<std::shared_ptr<const SessionData>>();
  const bool started = run([result, request = std::move(request),
                            folder = std::move(syntheticSplitsFolder)](const TaskContext& context) {
    *result = std::make_shared<const SessionData>(loadSessionData(request, folder, context));
  });
  if (started) result_ = std::move(result);
}

void DataLoadJob::succeeded() { Q_EMIT loaded(std::move(*result_)); }

}  // namespace vaecf::ui
