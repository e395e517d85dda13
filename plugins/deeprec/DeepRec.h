#pragma once
// DeepRec (Kuchaiev & Ginsburg 2017): a deep user-based autoencoder over explicit rating
// vectors, trained by the common trainer on the masked MSE with dense re-feeding and
// selected and tested by RMSE (docs/models.md 3.6). Torch-free.

#include <cstdint>
#include <string>
#include <vector>

#include "data/RatingSplit.h"
#include "models/Params.h"
#include "plugin/ModelFamily.h"

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

// "deeprec": the model's, optimiser's, split's and baselines' parameters with the published
// defaults where they fit small MovieLens sets (the 3-month architecture); a rating model,
// so runs are selected by validation RMSE, trained on its own split of the raw ratings.
ModelFamily deepRecFamily();

// The ratings split `params` asks for: "time" cuts at the train_fraction quantile of the
// timestamps, "random" draws each rating; both halve the rest into validation and test.
RatingSplit deepRecSplit(const InteractionLog& log, const ParamSet& params);

}  // namespace vaecf
