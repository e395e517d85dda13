#pragma once

#include <filesystem>
#include <memory>

#include "session/BackgroundJob.h"
#include "session/SessionData.h"

namespace vaecf::ui {

// Loads session data on a worker thread with progress and cancel.
class DataLoadJob : public BackgroundJob {
  Q_OBJECT

 public:
  explicit DataLoadJob(QObject* parent = nullptr) : BackgroundJob(parent) {}

  // Ignored while a load is running.
  void start(DataRequest request, std::filesystem::path syntheticSplitsFolder);

 Q_SIGNALS:
  void loaded(std::shared_ptr<const vaecf::ui::SessionData> data);

 private:
  void succeeded() override;

  std::shared_ptr<std::shared_ptr<const SessionData>> result_;
};

}  // namespace vaecf::ui
