#include "geometry/LatentSample.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <unordered_map>

#include "common/Error.h"

namespace vaecf::geometry {
namespace {

// The split's users in sample order: training rows, then validation and test fold-in rows.
struct UserIndex {
  std::vector<const std::vector<std::string>*> ids;
  std::vector<const CsrMatrix*> rows;
  std::vector<UserSplit> splits{UserSplit::Train, UserSplit::Validation, UserSplit::Test};
  std::unordered_map<std::string_view, std::int64_t> position;  // over all three, in that order

  explicit UserIndex(const Split& split)
      : ids{&split.trainUserIds, &split.validationUserIds, &split.testUserIds},
        rows{&split.train, &split.validationFoldIn, &split.testFoldIn} {
    std::int64_t next = 0;
    for (const auto* list : ids)
      for (const auto& id : *list) position.emplace(id, next++);
  }

  std::int64_t size() const { return static_cast<std::int64_t>(position.size()); }

  void append(LatentSample& sample, std::int64_t global) const {
    std::size_t part = 0;
    while (global >= static_cast<std::int64_t>(ids[part]->size())) global -= static_cast<std::int64_t>(ids[part++]->size());
    const CsrMatrix& matrix = *rows[part];
    const auto* columns = matrix.rowColumns(global);
    sample.userIds.push_back((*ids[part])[static_cast<std::size_t>(global)]);
    sample.splits.push_back(splits[part]);
    sample.rows.appendRow({columns, columns + matrix.rowSize(global)});
  }

  std::int64_t find(const std::string& userId) const {
    const auto found = position.find(userId);
    if (found == position.end()) throw Error("user '" + userId + "' is not a user of this split");
    return found->second;
  }
};

}  // namespace

std::string_view splitName(UserSplit split) {
  switch (split) {
    case UserSplit::Train: return "train";
    case UserSplit::Validation: return "validation";
    case UserSplit::Test: return "test";
  }
  return "train";
}

std::int64_t LatentSample::positionOf(std::string_view userId) const {
  const auto found = std::find(userIds.begin(), userIds.end(), userId);
  return found == userIds.end() ? -1 : found - userIds.begin();
}

LatentSample drawLatentSample(const Split& split, std::size_t size, std::uint64_t seed,
                              const std::vector<std::string>& alwaysInclude) {
  const UserIndex index(split);
  std::vector<std::int64_t> order(static_cast<std::size_t>(index.size()));
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937_64(seed));
  order.resize(std::min(order.size(), size));
  for (const auto& id : alwaysInclude) order.push_back(index.find(id));
  std::sort(order.begin(), order.end());
  order.erase(std::unique(order.begin(), order.end()), order.end());

  LatentSample sample;
  sample.rows = CsrMatrix(split.items());
  for (const auto global : order) index.append(sample, global);
  return sample;
}

LatentSample latentSampleOf(const Split& split, const std::vector<std::string>& userIds) {
  const UserIndex index(split);
  LatentSample sample;
  sample.rows = CsrMatrix(split.items());
  for (const auto& id : userIds) index.append(sample, index.find(id));
  return sample;
}

}  // namespace vaecf::geometry
