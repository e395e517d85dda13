#include "runs/RunJobs.h"

#include <algorithm>

#include "common/Error.h"
#include "train/RunFolder.h"

namespace vaecf::ui {

std::uintmax_t eventLogBytes(const std::filesystem::path& runFolder) {
  std::error_code error;
  const auto size = std::filesystem::file_size(runEventsPath(runFolder), error);
  return error ? 0 : size;
}

bool RunHistoryJob::start(std::vector<std::filesystem::path> folders) {
  auto result = std::make_shared<std::vector<LoadedHistory>>();
  const bool started = run([result, folders = std::move(folders)](const TaskContext& context) {
    for (std::size_t i = 0; i < folders.size(); ++i) {
      context.checkCancelled();
      context.report("runs", i, folders.size());
      LoadedHistory loaded{folders[i], nullptr, eventLogBytes(folders[i]), {}};
      try {
        loaded.history = RunStore::loadHistory(folders[i]);
      } catch (const Error& error) {
        loaded.problem = error.what();
      }
      result->push_back(std::move(loaded));
    }
    context.report("runs", folders.size(), folders.size());
  });
  if (started) result_ = std::move(result);
  return started;
}

void RunHistoryJob::succeeded() { Q_EMIT loaded(*result_); }

bool RunListJob::start(std::filesystem::path folder, std::vector<std::filesystem::path> added) {
  auto result = std::make_shared<std::vector<RunSummary>>();
  const bool started = run([result, folder = std::move(folder), added = std::move(added)](const TaskContext& context) {
    *result = RunStore(folder).list();
    for (const std::filesystem::path& run : added) {
      context.checkCancelled();
      const auto listed = [&run](const RunSummary& summary) { return summary.folder == run; };
      if (std::any_of(result->begin(), result->end(), listed)) continue;
      try {
        result->push_back(RunStore::summarize(run));
      } catch (const Error&) {
        // Removed or damaged since it was added: the table lists what can be read.
      }
    }
  });
  if (started) result_ = std::move(result);
  return started;
}

void RunListJob::succeeded() { Q_EMIT listed(*result_); }

}  // namespace vaecf::ui
