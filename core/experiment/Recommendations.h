#pragma once
// "Recommend for a user" from a saved run, the one implementation `vaecf recommend` and
// the window's recommendation panel share.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/TaskContext.h"
#include "data/InteractionLog.h"
#include "data/Protocol.h"
#include "plugin/ModelFamily.h"

namespace vaecf {

struct RecommendedItem {
  std::string itemId;
  float score = 0.0F;  // the model's score; a predicted rating for a rating model
};

struct UserRecommendations {
  std::string userId;
  // What the model read for the user, as item ids: a training user's row, or a heldout
  // user's fold-in and heldout parts together (positives; a rating model's ratings).
  std::vector<std::string> input;
  // Items left out as already known: every item of the user in the raw log (low and later
  // ratings included), or the input alone for a split folder.
  std::size_t knownItems = 0;
  std::vector<RecommendedItem> items;  // best first
};

struct RunRecommendations {
  std::string model;
  ModelTask task = ModelTask::Ranking;
  std::vector<UserRecommendations> users;
};

// The top `count` unknown items for each of `users`, scored by the run in `runDir` with its
// best weights on the split it trained on, rebuilt from `loaded` and `log`: the run's data
// as loadData() or the window's session gives it (`log` null for a split folder). Throws
// Error when that data gives other items than the run's, a user is not in the split, or
// `count` exceeds the catalogue.
RunRecommendations recommendFromRun(const std::filesystem::path& runDir, std::shared_ptr<const Split> loaded,
                                    const InteractionLog* log, const std::vector<std::string>& users,
                                    std::size_t count, const TaskContext& context = {});

}  // namespace vaecf
