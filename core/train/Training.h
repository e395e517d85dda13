#pragma once
// Blocking conveniences over the Trainer for the CLI: train or resume a run to completion,
// summarise a run folder, time one epoch, and load a trained model as a Recommender.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "common/TaskContext.h"
#include "data/CsrMatrix.h"
#include "eval/Evaluator.h"
#include "models/Recommender.h"
#include "train/Trainer.h"

namespace vaecf {

struct TrainingResult {
  std::int64_t epochs = 0;     // epochs trained
  std::int64_t bestEpoch = 0;  // epoch whose weights were kept; 0 when nothing was validated
  bool stoppedEarly = false;
  double seconds = 0.0;                        // the whole run, evaluations included, pauses excluded
  double secondsPerEpoch = 0.0;                // mean training time of an epoch
  std::optional<EvaluationReport> validation;  // at the best epoch
  std::optional<EvaluationReport> test;        // of the kept weights
};

// What a run's events say about it: the same answer for a live, a finished or a resumed
// run (pass readRunEvents(folder)).
TrainingResult summarizeRun(const std::vector<TrainingEvent>& events);

using EventCallback = std::function<void(const TrainingEvent&)>;

// Trains a new run to the end, handing every event to `onEvent` on the calling thread and
// reporting progress as ("epoch", done, total). Throws Error with the message of a failed
// run, and Cancelled (after the worker stopped) when the context's flag is raised.
TrainingResult trainModel(TrainingSetup setup, const EventCallback& onEvent = {},
                          const TaskContext& context = {});
// The same for the run of `model` saved in `runFolder`, continued from its last checkpoint.
TrainingResult resumeTraining(const std::filesystem::path& runFolder, std::shared_ptr<const Split> split,
                              const ModelFamily& model, const EventCallback& onEvent = {},
                              const TaskContext& context = {}, std::shared_ptr<RankGroup> ranks = {});

// Throws Error unless `model` can train on several ranks (ModelCapabilities::dataParallel).
void requireDataParallel(const ModelFamily& model);

// Trains as one of the other ranks of a data-parallel run that rank 0 leads: `params` and
// `split` must be rank 0's. Starts from rank 0's state (fresh or resumed), follows its
// decisions batch by batch, writes nothing, and returns once rank 0 has ended the run.
// Throws RankLost when rank 0 or another rank is gone.
void followTraining(const ModelFamily& model, const ParamSet& params, const Split& split,
                    std::shared_ptr<RankGroup> ranks);

struct EpochTiming {
  double seconds = 0.0;      // of one epoch, the mean of those timed
  std::int64_t updates = 0;  // gradient updates of one epoch, over every phase and pass
  std::int64_t users = 0;    // user rows of one epoch, over every phase and pass
  // Floating-point operations of one epoch were every weight matrix applied densely:
  // 6 per weight entry and user row (docs/gpu.md).
  double denseFlops = 0.0;
};

// Builds the model from `params` (a ParamSet of trainingParamSpecs(model)) and times
// `epochs` training epochs on `train` after an untimed warm-up epoch, for `vaecf bench`.
EpochTiming timeTrainingEpoch(const ModelFamily& model, const ParamSet& params, const CsrMatrix& train,
                              int epochs = 1);

// Measured rate of a large square matrix product on `device` ("auto", "cpu" or "cuda") in
// `precision` ("fp32", "tf32" or "bf16"), in floating-point operations per second: the
// ceiling that `vaecf bench` compares epochs with.
double matrixProductRate(const std::string& device, const std::string& precision);

// The best-by-validation model of a run folder (config.json and best.pt), ready to score.
std::unique_ptr<Recommender> loadTrainedModel(const std::filesystem::path& runFolder);
std::unique_ptr<Recommender> loadTrainedModel(const std::filesystem::path& runFolder,
                                              const ModelFamily& model);

}  // namespace vaecf
