#pragma once
// The body of a trainer's worker thread: epochs, validation, model selection, early
// stopping, checkpoints and the events that report them. Internal to core/train.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "geometry/LatentSample.h"
#include "geometry/Projection.h"
#include "train/CommandGate.h"
#include "train/EventLog.h"
#include "train/Trainer.h"
#include "train/TrainingEngine.h"

namespace vaecf {

// Run time that stands still while the run is paused.
class ActiveClock {
 public:
  explicit ActiveClock(double startSeconds = 0.0);
  double seconds() const;
  void pause();
  void resume();

 private:
  using Clock = std::chrono::steady_clock;
  double banked_;
  std::optional<Clock::time_point> runningSince_;
};

class TrainingWorker {
 public:
  using Publish = std::function<void(const TrainingEvent&)>;

  // `publish` hands each event to the consumer side; the worker also logs it to the run
  // folder's events.jsonl.
  TrainingWorker(const TrainingSetup& setup, std::int64_t generation, TrainerState initial,
                 CommandQueue& commands, Publish publish);

  // Trains until finished, stopped or failed; reports failures as events, never throws.
  void run() noexcept;

 private:
  using Payload = decltype(TrainingEvent::payload);

  void prepare();
  bool trainRemainingEpochs();
  void completeEpoch(std::int64_t epoch, double seconds);
  void validate(std::int64_t epoch);
  void saveCheckpoint();
  void prepareLatentTrail();
  bool latentFrameDue(std::int64_t epoch) const;
  void recordLatentFrame(std::int64_t epoch);
  void stopLatentTrail(const std::string& reason);
  void finish();
  void end(TrainerState state, const std::string& message);

  void recordBatch(const BatchRecord& record);
  void flushScalars();
  void onStateChange(TrainerState state);
  void onParameter(const std::string& name, const std::string& value);
  void emit(Payload payload);

  bool hasValidation() const;
  std::int64_t epochsWithoutImprovement() const;
  bool patienceExhausted() const;
  std::string lastCheckpointText() const;

  const TrainingSetup& setup_;
  const TrainerSettings settings_;
  const std::int64_t generation_;
  CommandQueue& commands_;
  Publish publish_;
  CommandGate gate_;
  std::unique_ptr<TrainingEngine> engine_;
  std::optional<EventLogWriter> log_;
  TrainerProgress progress_;
  std::int64_t savedEpoch_ = 0;  // epoch of the latest checkpoint on disk
  std::int64_t epoch_ = 0;
  ActiveClock clock_;
  // The users of the run's latent maps and the basis of its latest frame, which the next
  // frame is aligned to; unset when the run records no frames.
  struct LatentTrailState {
    geometry::LatentSample sample;
    std::optional<geometry::PcaBasis> previousBasis;
  };
  std::optional<LatentTrailState> latentTrail_;
  ScalarMap pendingScalars_;
  ScalarMap epochScalars_;
  std::chrono::steady_clock::time_point lastFlush_;
};

}  // namespace vaecf
