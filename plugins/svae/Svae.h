#pragma once
// SVAE (Sachdeva et al. 2019): a GRU over each user's time-ordered items with a Gaussian
// latent per step, trained to predict the next k items (docs/models.md 3.7). Trained by the
// common trainer as an AutoencoderModel whose batches carry time-ordered item lists.
// Torch-free.

#include "data/InteractionLog.h"
#include "data/Protocol.h"
#include "plugin/ModelFamily.h"

namespace vaecf {

// "svae" with the sizes and training settings of docs/models.md 3.7: trained on the loaded
// split's users, each history cut in time, so it needs the raw log with timestamps.
ModelFamily svaeFamily();

}  // namespace vaecf
