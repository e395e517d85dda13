#pragma once
// The focus, drift and pseudo-input views of one run (docs/geometry.md sections 2-5), computed
// on a worker thread. The run's LatentModel and latent sample are loaded once and kept
// for the next request on the same run; results arrive on the GUI thread as signals.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geometry/GeometryStudy.h"
#include "session/BackgroundJob.h"
#include "session/SessionData.h"

namespace vaecf::ui {

// Users below the first edge form their own cohort (as in EvaluationOptions).
inline const std::vector<std::uint32_t> kDefaultCohortEdges{5, 11, 51, 101};

// One run as the geometry views see it: its model and the users its views are drawn for.
struct GeometryRun {
  std::filesystem::path folder;
  std::shared_ptr<const geometry::LatentModel> model;
  std::shared_ptr<const geometry::LatentSample> sample;
  // False for runs that recorded no latent trail: their sample is drawn afresh
  // (kFallbackSampleSize users, seed 1), which every run on the split shares.
  bool sampleFromTrail = false;
  // When the weights read were written: a live run that improved them since is loaded anew.
  std::filesystem::file_time_type weightsWritten;

  bool isCurrent() const;
};

inline constexpr std::size_t kFallbackSampleSize = 2000;

struct FocusRequest {
  std::string userId;         // a user of the run's sample; empty: use `position`
  std::int64_t position = 0;  // in the run's sample
  geometry::FocusOptions options;
  std::vector<std::uint32_t> cohortEdges = kDefaultCohortEdges;
};

struct FocusResult {
  std::shared_ptr<const GeometryRun> run;
  geometry::FocusStudy study;
  std::string userId;
  geometry::UserSplit split = geometry::UserSplit::Train;
  std::uint32_t interactions = 0;  // positives in the user's sample row
  std::string cohort;
};

struct DriftRequest {
  std::vector<double> keepRates{0.25, 0.5, 0.75, 1.0};
  std::size_t users = 200;             // sampled users the cohort curves average over
  std::uint64_t seed = 1;              // of that subset
  std::string focusUser;               // whose own curve is drawn too; empty: none
  std::vector<std::uint32_t> cohortEdges = kDefaultCohortEdges;
  geometry::DriftOptions options;
};

struct DriftResult {
  std::shared_ptr<const GeometryRun> run;
  DriftRequest request;
  geometry::DriftStudy study;                // of the seeded subset
  // The focus user's position in this run's sample and drift per keep rate; unset when
  // no focus user was asked for or this run's sample lacks them.
  std::optional<std::int64_t> focusPosition;
  std::optional<std::vector<double>> focus;
};

struct PseudoInputResult {
  std::shared_ptr<const GeometryRun> run;
  std::vector<std::vector<std::int64_t>> topItems;  // per prior component, best first; empty without a VampPrior
};

// `count` sample positions drawn with `seed` from [0, sampleSize), ascending.
std::vector<std::int64_t> driftUsers(std::int64_t sampleSize, std::size_t count, std::uint64_t seed);

class GeometryJob : public BackgroundJob {
  Q_OBJECT

 public:
  explicit GeometryJob(QObject* parent = nullptr) : BackgroundJob(parent) {}

  // The session whose split the runs must have been trained on; forgets the loaded run
  // and cancels a running job, whose result would belong to the old data.
  void setData(std::shared_ptr<const SessionData> data);

  // Each returns false (and starts nothing) while a job runs or without data.
  bool startFocus(std::filesystem::path runFolder, FocusRequest request);
  // Re-measures only the focus user when the subset's study for the same run and
  // settings is still held.
  bool startDrift(std::filesystem::path runFolder, DriftRequest request);
  bool startPseudoInputs(std::filesystem::path runFolder, std::int64_t topItems);

 Q_SIGNALS:
  void focusReady(std::shared_ptr<const vaecf::ui::FocusResult> result);
  void driftReady(std::shared_ptr<const vaecf::ui::DriftResult> result);
  void pseudoInputsReady(std::shared_ptr<const vaecf::ui::PseudoInputResult> result);

 private:
  struct Outcome {
    std::uint64_t generation = 0;  // of the data it was computed on
    std::shared_ptr<const GeometryRun> run;
    std::shared_ptr<const FocusResult> focus;
    std::shared_ptr<const DriftResult> drift;
    std::shared_ptr<const PseudoInputResult> pseudoInputs;
  };

  // Starts `compute` with the run (loaded first unless held) and keeps what it produced.
  bool start(std::filesystem::path runFolder,
             std::function<void(const GeometryRun&, Outcome&, const TaskContext&)> compute);
  void succeeded() override;

  std::shared_ptr<const SessionData> data_;
  std::shared_ptr<const GeometryRun> run_;
  std::shared_ptr<const DriftResult> lastDrift_;
  std::shared_ptr<Outcome> outcome_;
  std::uint64_t generation_ = 0;  // bumped by setData
};

// Loads `runFolder`'s best weights and latent sample; throws Error when the run was
// trained on other items than `data`'s split.
std::shared_ptr<const GeometryRun> loadGeometryRun(const std::filesystem::path& runFolder, const SessionData& data,
                                                   const TaskContext& context = {});

}  // namespace vaecf::ui
