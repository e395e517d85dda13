#pragma once
// DeepRec (Kuchaiev & Ginsburg 2017): a deep user-based autoencoder over explicit rating
// vectors, trained on the masked MSE with dense re-feeding and evaluated by RMSE
// (models.md 3.6). Torch-free: the CLI and the experiment layer include this.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/TaskContext.h"
#include "data/RatingSplit.h"
#include "models/Params.h"
#include "models/deeprec/RatingBaselines.h"
#include "train/Training.h"

namespace vaecf {

// The paper's layer notation between n and n, e.g. "512,512,1024,dp0.8,512,512": hidden
// sizes forming an odd-length palindrome whose middle is the code, optionally followed by
// "dpP", the drop probability of the code (the only dropout).
struct DeepRecLayers {
  std::vector<std::int64_t> encoder;  // hidden sizes from the input side up to the code
  double codeDropout = 0.0;
};

// Throws Error when the notation is malformed or the decoder does not mirror the encoder.
DeepRecLayers parseDeepRecLayers(const std::string& notation);

// The model's, optimiser's, split's and baselines' parameters with the published
// defaults where they fit small MovieLens sets (the 3-month architecture).
std::vector<ParamSpec> deepRecParams();

// The ratings split `params` asks for: "time" cuts at the train_fraction quantile of the
// timestamps, "random" draws each rating; both halve the rest into validation and test.
RatingSplit deepRecSplit(const InteractionLog& log, const ParamSet& params);

struct DeepRecResult {
  std::int64_t epochs = 0;
  std::int64_t bestEpoch = 0;  // epoch of the lowest validation RMSE, whose weights are tested
  double validationRmse = 0.0;
  double testRmse = 0.0;
  std::int64_t validationRatings = 0, testRatings = 0;
  std::int64_t validationUsers = 0, testUsers = 0;  // rows with at least one rating scored
  BaselineRmse validationBaselines, testBaselines;
  double seconds = 0.0;
  double secondsPerEpoch = 0.0;
};

// Trains DeepRec on `split.train`, keeps the weights of the best validation RMSE in the
// run folder's best.pt and tests them once. Its own loop (SGD or Adam, re-feeding
// updates), reporting the trainer's events to `onEvent` and to the folder's events.jsonl
// with "rmse" as the evaluation metric. Throws Cancelled when the context asks to stop.
DeepRecResult trainDeepRec(const RatingSplit& split, const ParamSet& params, const std::filesystem::path& runFolder,
                           const EventCallback& onEvent = {}, const TaskContext& context = {});

}  // namespace vaecf
