#pragma once
// The torch side of training behind a torch-free interface (pimpl), internal to core/train:
// the model on its device, one optimiser per phase (its parameter groups and schedule),
// batches densified from CSR, checkpoints; and reading a run's weights back for the views
// that need the model itself (geometry, lessons).
// The only translation unit of the trainer that parses torch headers (docs/building.md, compile cost).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/Error.h"
#include "common/TaskContext.h"
#include "data/CsrMatrix.h"
#include "eval/Evaluator.h"
#include "models/Params.h"
#include "models/Recommender.h"
#include "train/DataParallel.h"
#include "train/TrainingParams.h"

namespace vaecf {

namespace vae {
class AutoencoderModel;
}

// What one gradient update reports.
struct BatchRecord {
  std::int64_t step = 0;   // updates done, this one included
  std::int64_t users = 0;  // rows in the batch
  std::vector<std::pair<std::string, double>> scalars;
};

// Thrown when a batch's loss is NaN or infinite; that batch was not applied.
class NonFiniteLoss : public Error {
 public:
  NonFiniteLoss(std::int64_t epoch, std::int64_t step, const std::string& phase, double loss);
};

// The trainer's bookkeeping, saved with each checkpoint.
struct TrainerProgress {
  std::int64_t epochsDone = 0;
  std::int64_t bestEpoch = 0;  // 0 = not validated yet
  double bestMetric = 0.0;     // the selection metric at bestEpoch
  double elapsedSeconds = 0.0;
  std::uint64_t eventLogSize = 0;  // bytes of events.jsonl written up to this state
};

// Torch's default generators are one per process. A TrainingEngine holds them from its
// construction (seeding, building its model) to its end, on the thread that builds it,
// except while it waits between batches (acrossPause). Code elsewhere that draws from them
// (building a model to read a run's weights initialises its layers) runs through this: it
// waits for such a moment and leaves the generators as it found them.
void withGeneratorsUntouched(const std::function<void()>& draws);

// A model of `definition` built to read saved weights into, through withGeneratorsUntouched.
std::shared_ptr<vae::AutoencoderModel> modelToRead(const ModelFamily& definition, const ParamSet& params,
                                                   std::int64_t items);

class TrainingEngine {
 public:
  using BatchGate = std::function<bool()>;  // false: stop before the next batch
  using BatchObserver = std::function<void(const BatchRecord&)>;

  // `params` is a ParamSet of trainingParamSpecs(model). Seeds torch and the user shuffler
  // with its "seed" before the model is built, so a run is reproducible on CPU, also beside
  // other engines of the process (they take turns with the generators between batches; the
  // compute threads and matrix precision are still the last engine's).
  // With `ranks`, each rank trains its share of every batch and the ranks sum their
  // weighted gradients before each update, so that they train one model as one process
  // would (docs/data-parallel.md); rank 0's batch gate decides for all.
  TrainingEngine(const ModelFamily& model, const ParamSet& params, std::int64_t items,
                 std::shared_ptr<RankGroup> ranks = {});
  ~TrainingEngine();
  TrainingEngine(const TrainingEngine&) = delete;
  TrainingEngine& operator=(const TrainingEngine&) = delete;

  // One outer epoch over the rows of `train`: every phase, each for its passes over the
  // freshly shuffled users. Returns false when `beforeBatch` stopped it midway, which
  // leaves the epoch unfinished. Throws NonFiniteLoss, and RankLost when a rank is gone.
  bool trainEpoch(const CsrMatrix& train, std::int64_t epoch, const BatchGate& beforeBatch,
                  const BatchObserver& afterBatch);

  // Runs `wait` (the trainer's gate before a batch, where it may pause) with torch's
  // generators lent to the rest of the process (withGeneratorsUntouched) and restored as
  // they were after it: whatever else the process draws meanwhile does not shift this run's
  // draws, so a run paused and stepped, or read by the window while it trains, is the run
  // trained straight. Returns what `wait` returns.
  bool acrossPause(const std::function<bool()>& wait);

  std::int64_t step() const;
  // Waits until the device has finished the work queued so far (timing on a GPU).
  void synchronize() const;
  // Entries of the model's weight matrices: an update of one user costs about six
  // floating-point operations per entry (forward and backward products) when the
  // matrices are applied densely.
  std::int64_t matrixWeights() const;
  // Sets a parameter the model reads at loss time and re-reads the phases' learning rates.
  void setParameter(const std::string& name, const std::string& value);

  // The model as it is now, in eval mode for the duration: ranking metrics, or RMSE for a
  // rating model.
  EvaluationReport evaluate(const CsrMatrix& foldIn, const CsrMatrix& heldout,
                            const EvaluationOptions& options, const TaskContext& context);

  // Runs `read` on the model as it is now, on its device, in eval mode and with autograd
  // off for the duration (the geometry views' latent maps of a live run).
  void inspectModel(const std::function<void(const std::shared_ptr<vae::AutoencoderModel>&)>& read);

  // Model, optimisers, step, live parameters, the shuffler's and torch's generator states
  // (the CPU's, and the GPU's on cuda) and `progress`, written atomically.
  void saveCheckpoint(const std::filesystem::path& file, const TrainerProgress& progress) const;
  TrainerProgress loadCheckpoint(const std::filesystem::path& file);
  void saveWeights(const std::filesystem::path& file) const;  // the model only, atomically

  // Rank 0 sends its model, optimisers, generators and `progress` to the other ranks, which
  // take them over; returns the progress all ranks then share. Once, before training.
  TrainerProgress shareState(const TrainerProgress& progress);
  // Rank 0 tells the other ranks that training has ended, unless they know already.
  void releaseRanks() noexcept;
  // Reads the model's weights from a weights file or a checkpoint.
  void loadWeights(const std::filesystem::path& file);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A model rebuilt from `params` and the weights in `weightsFile`, ready to score; on cuda
// when the run asked for it (or for auto) and it is available, else on the CPU.
std::unique_ptr<Recommender> loadAutoencoderRecommender(const ModelFamily& model, const ParamSet& params,
                                                        std::int64_t items,
                                                        const std::filesystem::path& weightsFile);

// The run's best weights (best.pt, checksummed) loaded into `model` on the CPU. Throws
// Error when the run has none yet, InputError naming the file when it is damaged or does
// not fit the model.
void loadBestWeights(const std::filesystem::path& runFolder, vae::AutoencoderModel& model);

}  // namespace vaecf
