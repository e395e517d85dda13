#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "experiment/Recommendations.h"
#include "session/BackgroundJob.h"
#include "session/SessionData.h"

namespace vaecf::ui {

// One user's recommendations from a saved run (core recommendFromRun, as `vaecf
// recommend`), on a worker thread: loading the weights and rebuilding the run's split
// can take seconds.
class RecommendJob : public BackgroundJob {
  Q_OBJECT

 public:
  explicit RecommendJob(QObject* parent = nullptr);

  // Scores `userId` with the run in `runFolder` on the session's data. Ignored (false)
  // while a request is being answered.
  bool start(const std::filesystem::path& runFolder, std::shared_ptr<const SessionData> data, std::string userId,
             std::size_t count);

 Q_SIGNALS:
  void recommended(const vaecf::RunRecommendations& result);

 private:
  void succeeded() override;

  std::shared_ptr<RunRecommendations> result_;
};

}  // namespace vaecf::ui
