#pragma once

#include <QString>

#include <filesystem>
#include <memory>

#include "session/BackgroundJob.h"
#include "session/SessionData.h"

namespace vaecf::ui {

// Writes metrics.json of an iterative run the window trained to its end (core
// completeIterativeRun, as `vaecf train` does), on a worker thread: the model's own facts
// may read the whole raw log.
class RunCompletionJob : public BackgroundJob {
  Q_OBJECT

 public:
  explicit RunCompletionJob(QObject* parent = nullptr);

  // `data` is the session data the run trained on. Ignored (false) while a run is being
  // completed.
  bool start(const std::filesystem::path& runFolder, std::shared_ptr<const SessionData> data);

 Q_SIGNALS:
  void completed(const QString& runFolder);

 private:
  void succeeded() override;

  QString runFolder_;
};

}  // namespace vaecf::ui
