#pragma once
// The runs under one folder, whoever wrote them: the workbench, `vaecf train`, or a run
// still being written. Everything is read through the core's run-folder readers.

#include <QDateTime>
#include <QString>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runs/RunHistory.h"
#include "train/RunFolder.h"
#include "train/Training.h"

namespace vaecf::ui {

// A parameter changed while the run trained, at the step it took effect.
struct LiveChange {
  std::int64_t step = 0;
  std::string name, value;
};

struct RunSummary {
  std::filesystem::path folder;
  RunConfig config;
  TrainingResult result;       // from the events; empty for a run without events.jsonl (EASE)
  TrainerState state = TrainerState::Idle;  // as of its last event
  QDateTime modified;          // of its newest file
  std::string problem;         // why its events could not be read; empty when fine
  std::vector<LiveChange> liveChanges;  // in the order they took effect

  std::string name() const { return folder.filename().string(); }
  std::optional<double> bestMetric(const std::string& metric) const;
  std::optional<double> testMetric(const std::string& metric) const;
  // The value a parameter ended with: the config's, or its last live change.
  std::string finalParam(const std::string& name) const;
};

// How legends and titles name a run: its model and the folder name without the model
// prefix a fresh folder gets ("vamp 20261206-141502"); the folder name alone when its
// config cannot be read.
QString runDisplayName(const std::filesystem::path& runFolder);

class RunStore {
 public:
  explicit RunStore(std::filesystem::path folder) : folder_(std::move(folder)) {}

  const std::filesystem::path& folder() const { return folder_; }
  // Every subfolder with a readable config.json, newest first.
  std::vector<RunSummary> list() const;

  // Throws InputError when the folder's config or events cannot be read.
  static RunSummary summarize(const std::filesystem::path& runFolder);
  static std::shared_ptr<RunHistory> loadHistory(const std::filesystem::path& runFolder);

 private:
  std::filesystem::path folder_;
};

}  // namespace vaecf::ui
