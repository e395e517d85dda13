#pragma once
// SVAE (Sachdeva et al. 2019): a GRU over each user's time-ordered items with a Gaussian
// latent per step, trained to predict the next k items (models.md 3.7). Trained by the
// common trainer as an AutoencoderModel whose batches carry time-ordered item lists.
// Torch-free: the experiment layer includes this.

#include "data/InteractionLog.h"
#include "data/Protocol.h"
#include "train/TrainingParams.h"

namespace vaecf {

// The SVAE protocol on top of a strong-generalisation split (models.md 1.7): every row's
// items in time order (a user's earliest rating of an item), and each heldout user's
// fold-in and heldout parts cut again by time: the last floor(heldoutFraction * n) items
// of a user with n >= 5 are heldout, everything else is fold-in. The users are those of
// `split`, so results compare with the other models' on the same heldout users. Throws
// Error when the log has no timestamps.
Split temporalSplit(const Split& split, const InteractionLog& log, double heldoutFraction);

// "svae" with the spec's sizes and training settings, for the trainer.
ModelDefinition svaeDefinition();

}  // namespace vaecf
