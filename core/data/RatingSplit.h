#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/CsrMatrix.h"
#include "data/InteractionLog.h"
#include "data/Protocol.h"

namespace vaecf {

// Explicit ratings split for rating prediction (docs/models.md 1.7 and 3.6): one row per user
// with training ratings, the same rows in all three valued matrices; items are the ones
// rated in training, numbered in order of first appearance there. Each (user, item) pair
// is expected once in the log. A training row lists its items in time order when the log
// has timestamps.
struct RatingSplit {
  std::vector<std::string> userIds;  // external id of each row
  std::vector<std::string> itemIds;  // external id of each column
  CsrMatrix train, validation, test;
  std::int64_t droppedEvaluationRatings = 0;  // later ratings of users or items unseen in training
};

// Ratings made before `cut` train; later ones, of users and items seen in training, are
// split by a fair coin seeded with `seed` into validation and test (Netflix time windows,
// DeepRec section 3.1). Rows without a timestamp are left out. Throws Error when the log
// has no timestamps.
RatingSplit timeRatingSplit(const InteractionLog& log, std::int64_t cut, std::uint32_t seed);

// The timestamp before which `trainFraction` of the log's timed ratings were made: the cut
// of a time split whose later period holds the rest. Throws Error when the log has no
// timestamps.
std::int64_t timestampCut(const InteractionLog& log, double trainFraction);

// Ratings drawn with probability 1 - `trainFraction` leave training; those of users and
// items seen in training are then halved between validation and test as in the time split.
RatingSplit randomRatingSplit(const InteractionLog& log, double trainFraction, std::uint32_t seed);

// The rating split as the trainer reads it, values kept: every user trains on their
// training ratings; the validation (test) users are those with ratings in that period,
// their training row as the fold-in and those ratings as the heldout part.
Split trainingSplitOf(const RatingSplit& split);

}  // namespace vaecf
