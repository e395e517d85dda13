#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <vector>

#include "geometry/LatentTrail.h"
#include "session/BackgroundJob.h"

namespace vaecf::ui {

// What one load of a run's latent trail found: the header and the frames not loaded before.
struct LatentTrailLoad {
  std::filesystem::path runFolder;
  std::shared_ptr<const geometry::LatentTrailHeader> header;         // null when the run has no trail
  std::vector<std::shared_ptr<const geometry::LatentFrame>> frames;  // ascending epochs
  // Set while the run has no frame but was to record one: the epoch after which it writes
  // its first (an unfinished run of a model with latent maps and latent_every above 0).
  std::optional<std::int64_t> firstFrameEpoch;
  // The run was stopped or failed before that epoch: no frame will come.
  bool endedBeforeFirstFrame = false;
};

// Reads a run's latent trail on a worker thread (a frame of 10k users is about 1 MB of
// JSON), with progress ("frames", read, to read) and cancel.
class LatentTrailJob : public BackgroundJob {
  Q_OBJECT

 public:
  explicit LatentTrailJob(QObject* parent = nullptr) : BackgroundJob(parent) {}

  // Reads the header and every frame whose epoch is not in `known`, so a refresh during a
  // live run reads only the epochs added since. Ignored (false) while a load is running.
  bool start(std::filesystem::path runFolder, std::set<std::int64_t> known = {});

  // On the calling thread: what start() reads on the worker.
  static LatentTrailLoad load(const std::filesystem::path& runFolder, const std::set<std::int64_t>& known,
                              const TaskContext& context = {});

 Q_SIGNALS:
  void loaded(std::shared_ptr<const vaecf::ui::LatentTrailLoad> load);

 private:
  void succeeded() override;

  std::shared_ptr<LatentTrailLoad> result_;
};

}  // namespace vaecf::ui
