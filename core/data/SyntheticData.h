#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/InteractionLog.h"

namespace vaecf {

// A seeded generator of implicit feedback with known structure, for tests and teaching:
// users belong to planted taste communities, each community prefers its own block of
// items; item popularity follows a power law; user activity is log-normal so light and
// heavy users both occur.
struct SyntheticOptions {
  std::uint32_t users = 2000;
  std::uint32_t items = 500;
  std::uint32_t communities = 8;
  double popularityExponent = 1.0;   // Zipf exponent of global item popularity
  double inCommunityShare = 0.8;     // share of a user's picks from the community's items
  double meanActivity = 30.0;        // mean interactions per user
  double activitySpread = 0.8;       // sigma of the log-normal activity
  std::uint32_t minActivity = 5;
  std::uint64_t seed = 1;
};

struct SyntheticData {
  InteractionLog log;  // implicit values (1), timestamps = position in the user's history
  std::vector<std::uint32_t> userCommunity;  // per log user index
  std::vector<std::uint32_t> itemCommunity;  // per log item index
};

SyntheticData generateSyntheticData(const SyntheticOptions& options);

// Data with the shape of a public dataset after the protocol's filtering (users, items,
// mean positives per user): "ml-20m", "netflix" or "msd". Throws Error for another name.
SyntheticOptions syntheticPreset(const std::string& name);
std::vector<std::string> syntheticPresetNames();

}  // namespace vaecf
