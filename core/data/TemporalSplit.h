#pragma once
// The time-ordered protocol (docs/models.md 1.7) on top of a strong-generalisation split, for
// SVAE and for any model scored on the same users and items as SVAE.

#include "data/InteractionLog.h"
#include "data/Protocol.h"

namespace vaecf {

// Every row's items in time order (a user's earliest interaction with an item), and each
// heldout user's fold-in and heldout parts cut again by time: the last
// floor(heldoutFraction * n) items of a user with n >= 5 are heldout, everything else is
// fold-in. The users are those of `split`, so results compare with the random protocol's
// on the same heldout users. Throws Error when the log has no timestamps.
Split temporalSplit(const Split& split, const InteractionLog& log, double heldoutFraction);

}  // namespace vaecf
