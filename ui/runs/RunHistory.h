#pragma once
// Everything one run reported, arranged as curves: fed live by the session's dispatcher
// or replayed from a run folder's events.jsonl, so both show the same picture.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "train/TrainingEvents.h"

namespace vaecf::ui {

struct CurvePoint {
  std::int64_t step = 0;
  std::int64_t epoch = 0;
  double seconds = 0.0;
  double value = 0.0;
};

using Curves = std::map<std::string, std::vector<CurvePoint>>;

struct ValidationPoint {
  std::int64_t epoch = 0;
  double seconds = 0.0;
  bool best = false;
  EvaluationReport report;
};

class RunHistory {
 public:
  void apply(const TrainingEvent& event);
  void applyAll(const std::vector<TrainingEvent>& events);

  // Means of each scalar per summary (about ten a second) and per epoch.
  const Curves& batchCurves() const { return batchCurves_; }
  const Curves& epochCurves() const { return epochCurves_; }
  const std::vector<ValidationPoint>& validations() const { return validations_; }
  const std::optional<EvaluationReport>& test() const { return test_; }

  TrainerState state() const { return state_; }
  const std::string& failure() const { return failure_; }
  std::int64_t epoch() const { return epoch_; }
  std::int64_t epochsCompleted() const { return epochsCompleted_; }
  std::int64_t step() const { return step_; }
  double seconds() const { return seconds_; }
  double usersPerSecond() const { return usersPerSecond_; }
  // Mean training time of the completed epochs; 0 before the first.
  double secondsPerEpoch() const;
  // Bumped by every applied event, so views redraw only what changed.
  std::int64_t revision() const { return revision_; }

 private:
  // A resumed run continues from its checkpoint: points past it belong to the lost
  // unfinished epoch and are dropped, as the run's event log drops them.
  void truncateAfter(std::int64_t step);

  Curves batchCurves_;
  Curves epochCurves_;
  std::vector<ValidationPoint> validations_;
  std::vector<double> epochSeconds_;
  std::optional<EvaluationReport> test_;
  TrainerState state_ = TrainerState::Idle;
  std::string failure_;
  std::int64_t generation_ = 0;
  std::int64_t epoch_ = 0;
  std::int64_t epochsCompleted_ = 0;
  std::int64_t step_ = 0;
  double seconds_ = 0.0;
  double usersPerSecond_ = 0.0;
  std::int64_t revision_ = 0;
};

}  // namespace vaecf::ui
