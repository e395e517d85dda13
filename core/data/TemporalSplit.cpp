// The time-ordered protocol: first interaction times per (user, item), rows reordered by
// them and heldout users' parts cut at the latest items.
#include "data/TemporalSplit.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "common/Error.h"

namespace vaecf {

namespace {

// When each user first interacted with each item, keyed by the split's row and column.
class FirstTimes {
 public:
  FirstTimes(const InteractionLog& log, const std::vector<std::string>& itemIds) : log_(log) {
    columnOfLogItem_.assign(log.items.size(), -1);
    for (std::size_t column = 0; column < itemIds.size(); ++column) {
      if (const auto item = log.items.find(itemIds[column])) columnOfLogItem_[*item] = static_cast<std::int32_t>(column);
    }
    for (const Interaction& row : log.interactions) {
      const std::int32_t column = columnOfLogItem_[row.item];
      if (column < 0) continue;
      auto [entry, added] = times_.try_emplace(key(row.user, column), row.timestamp);
      if (!added) entry->second = std::min(entry->second, row.timestamp);
    }
  }

  // The row's items ordered by first time, ties in their given order.
  std::vector<std::int32_t> ordered(const std::string& userId, std::vector<std::int32_t> items) const {
    const auto user = log_.users.find(userId);
    if (!user) throw Error("user " + userId + " of the split is not in " + log_.source);
    std::stable_sort(items.begin(), items.end(), [&](std::int32_t a, std::int32_t b) {
      return time(*user, a) < time(*user, b);
    });
    return items;
  }

 private:
  static std::uint64_t key(std::uint32_t user, std::int32_t column) {
    return (static_cast<std::uint64_t>(user) << 32) | static_cast<std::uint32_t>(column);
  }
  std::int64_t time(std::uint32_t user, std::int32_t column) const {
    const auto found = times_.find(key(user, column));
    return found == times_.end() ? Interaction::kNoTimestamp : found->second;
  }

  const InteractionLog& log_;
  std::vector<std::int32_t> columnOfLogItem_;
  std::unordered_map<std::uint64_t, std::int64_t> times_;
};

std::vector<std::int32_t> rowItems(const CsrMatrix& matrix, std::int64_t row) {
  const std::int32_t* columns = matrix.rowColumns(row);
  return {columns, columns + matrix.rowSize(row)};
}

CsrMatrix timeOrdered(const CsrMatrix& matrix, const std::vector<std::string>& userIds, const FirstTimes& times) {
  CsrMatrix ordered(matrix.cols());
  for (std::int64_t row = 0; row < matrix.rows(); ++row)
    ordered.appendRow(times.ordered(userIds[static_cast<std::size_t>(row)], rowItems(matrix, row)));
  return ordered;
}

// Fold-in and heldout of heldout users, cut by time: the latest items are scored.
void cutByTime(const CsrMatrix& foldIn, const CsrMatrix& heldout, const std::vector<std::string>& userIds,
               const FirstTimes& times, double heldoutFraction, CsrMatrix& newFoldIn, CsrMatrix& newHeldout) {
  newFoldIn = CsrMatrix(foldIn.cols());
  newHeldout = CsrMatrix(foldIn.cols());
  for (std::int64_t row = 0; row < foldIn.rows(); ++row) {
    std::vector<std::int32_t> items = rowItems(foldIn, row);
    const std::vector<std::int32_t> scored = rowItems(heldout, row);
    items.insert(items.end(), scored.begin(), scored.end());
    items = times.ordered(userIds[static_cast<std::size_t>(row)], std::move(items));
    // The same count as the random protocol (docs/models.md 1.5), taken from the end.
    const std::size_t n = items.size();
    const std::size_t latest = n >= 5 ? static_cast<std::size_t>(heldoutFraction * static_cast<double>(n)) : 0;
    const auto cut = items.begin() + static_cast<std::ptrdiff_t>(n - latest);
    newFoldIn.appendRow({items.begin(), cut});
    newHeldout.appendRow({cut, items.end()});
  }
}

}  // namespace

Split temporalSplit(const Split& split, const InteractionLog& log, double heldoutFraction) {
  if (!log.hasTimestamps) throw Error(log.source + " has no timestamps: the time-ordered protocol needs them");
  const FirstTimes times(log, split.itemIds);
  Split ordered;
  ordered.itemIds = split.itemIds;
  ordered.trainUserIds = split.trainUserIds;
  ordered.validationUserIds = split.validationUserIds;
  ordered.testUserIds = split.testUserIds;
  ordered.train = timeOrdered(split.train, split.trainUserIds, times);
  cutByTime(split.validationFoldIn, split.validationHeldout, split.validationUserIds, times, heldoutFraction,
            ordered.validationFoldIn, ordered.validationHeldout);
  cutByTime(split.testFoldIn, split.testHeldout, split.testUserIds, times, heldoutFraction, ordered.testFoldIn,
            ordered.testHeldout);
  return ordered;
}

}  // namespace vaecf
