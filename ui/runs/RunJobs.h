#pragma once
// Saved runs read on a worker thread: a long run's events.jsonl holds tens of megabytes of
// JSON and a runs folder may hold hundreds of runs, which the GUI thread must not parse.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "runs/RunHistory.h"
#include "runs/RunStore.h"
#include "session/BackgroundJob.h"

namespace vaecf::ui {

struct LoadedHistory {
  std::filesystem::path folder;
  std::shared_ptr<RunHistory> history;  // null when it could not be read
  std::uintmax_t eventBytes = 0;        // of events.jsonl as read, so that growth is seen
  std::string problem;                  // why it could not be read
};

// The size of the run's events.jsonl; 0 when it has none.
std::uintmax_t eventLogBytes(const std::filesystem::path& runFolder);

class RunHistoryJob : public BackgroundJob {
  Q_OBJECT

 public:
  explicit RunHistoryJob(QObject* parent = nullptr) : BackgroundJob(parent) {}

  // Reads each folder's history, with progress ("runs", read, to read). Ignored (false)
  // while a read is running.
  bool start(std::vector<std::filesystem::path> folders);

 Q_SIGNALS:
  void loaded(const std::vector<vaecf::ui::LoadedHistory>& histories);

 private:
  void succeeded() override;

  std::shared_ptr<std::vector<LoadedHistory>> result_;
};

// The run table's rows: every run of a runs folder (RunStore::list) and runs kept
// elsewhere (a sweep's trials), summarised from their configs and events.
class RunListJob : public BackgroundJob {
  Q_OBJECT

 public:
  explicit RunListJob(QObject* parent = nullptr) : BackgroundJob(parent) {}

  // Ignored (false) while a listing is running. Added runs that cannot be read (removed or
  // damaged since) are left out.
  bool start(std::filesystem::path folder, std::vector<std::filesystem::path> added);

 Q_SIGNALS:
  void listed(const std::vector<vaecf::ui::RunSummary>& runs);

 private:
  void succeeded() override;

  std::shared_ptr<std::vector<RunSummary>> result_;
};

}  // namespace vaecf::ui
