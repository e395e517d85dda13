#pragma once
// The users every latent view of a run is drawn for (docs/geometry.md section 6): a seeded
// sample of the split's users (training rows and the validation and test fold-in rows),
// the same for every run on the same split, so maps of different epochs and runs compare.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "data/CsrMatrix.h"
#include "data/Protocol.h"

namespace vaecf::geometry {

enum class UserSplit { Train, Validation, Test };

std::string_view splitName(UserSplit split);  // "train", "validation", "test"

struct LatentSample {
  std::vector<std::string> userIds;
  std::vector<UserSplit> splits;
  CsrMatrix rows;  // each user's training row (train) or fold-in row (validation, test)

  std::int64_t size() const { return rows.rows(); }
  // Position of `userId` in the sample; -1 when it is not in it.
  std::int64_t positionOf(std::string_view userId) const;
};

// min(size, all users) users drawn with `seed` from the training rows followed by the
// validation and test fold-in rows, kept in that order; `alwaysInclude` (user ids of the
// split) are added when the draw missed them. Throws Error for an id not in the split.
LatentSample drawLatentSample(const Split& split, std::size_t size, std::uint64_t seed,
                              const std::vector<std::string>& alwaysInclude = {});

// The sample of `userIds` (as saved with a run's latent frames), in that order. Throws Error
// naming the first id the split does not have.
LatentSample latentSampleOf(const Split& split, const std::vector<std::string>& userIds);

}  // namespace vaecf::geometry
