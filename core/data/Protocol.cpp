#include "data/Protocol.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <unordered_set>

#include "common/Error.h"
#include "data/LegacyNumpyRandom.h"

namespace vaecf {

namespace {

// Ascending external-id order as pandas' groupby gives it: numbers by value, text
// lexicographically, numbers before text.
bool externalIdLess(const std::string& a, const std::string& b) {
  long long x = 0, y = 0;
  const bool aNumeric = std::from_chars(a.data(), a.data() + a.size(), x).ptr == a.data() + a.size();
  const bool bNumeric = std::from_chars(b.data(), b.data() + b.size(), y).ptr == b.data() + b.size();
  if (aNumeric && bNumeric) return x < y;
  if (aNumeric != bNumeric) return aNumeric;
  return a < b;
}

bool isPositive(const Interaction& row, const ProtocolOptions& options) {
  return !options.positiveThreshold || row.value >= *options.positiveThreshold;
}

// Play or click counts (Last.fm's weight column): whole, non-negative and beyond any star
// or 10-point scale. A star threshold of 4 would drop every item played one to three times.
bool holdsCounts(const InteractionLog& log) {
  constexpr float kLargestScale = 10;
  bool beyondScale = false;
  for (const Interaction& row : log.interactions) {
    if (row.value < 0 || row.value != std::floor(row.value)) return false;
    beyondScale = beyondScale || row.value > kLargestScale;
  }
  return beyondScale;
}

std::string shortNumber(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

enum class Role : std::uint8_t { Dropped, Train, Validation, Test };

struct UserRoles {
  std::vector<Role> role;               // per log user
  std::vector<std::uint32_t> train, validation, test;  // log user indices, permuted order
};

std::uint32_t heldoutUserCount(const ProtocolOptions& options, std::size_t users) {
  const auto wanted = options.heldoutUsers > 0
                          ? options.heldoutUsers
                          : static_cast<std::uint32_t>(std::max<std::size_t>(1, users / 10));
  if (2 * static_cast<std::size_t>(wanted) >= users)
    throw Error("cannot hold out " + std::to_string(wanted) + " validation and " + std::to_string(wanted) +
                " test users from " + std::to_string(users) + " users: no training users would remain");
  return wanted;
}

UserRoles assignRoles(const InteractionLog& log, const PositiveSets& positives, const ProtocolOptions& options) {
  const auto users = static_cast<std::uint32_t>(positives.users.size());
  const std::uint32_t heldout = heldoutUserCount(options, users);
  LegacyNumpyRandom random(options.seed);
  const std::vector<std::uint32_t> order = random.permutation(users);

  UserRoles roles;
  roles.role.assign(log.users.size(), Role::Dropped);
  for (std::uint32_t rank = 0; rank < users; ++rank) {
    const std::uint32_t user = positives.users[order[rank]];
    const Role role = rank < users - 2 * heldout ? Role::Train : rank < users - heldout ? Role::Validation : Role::Test;
    auto& group = role == Role::Train ? roles.train : role == Role::Validation ? roles.validation : roles.test;
    roles.role[user] = role;
    group.push_back(user);
  }
  return roles;
}

// Items numbered by first appearance among training users' positives in file order.
std::vector<std::int32_t> buildVocabulary(const InteractionLog& log, const UserRoles& roles,
                                          const ProtocolOptions& options, std::vector<std::string>& itemIds) {
  std::vector<std::int32_t> column(log.items.size(), -1);
  for (const Interaction& row : log.interactions) {
    if (roles.role[row.user] != Role::Train || !isPositive(row, options) || column[row.item] >= 0) continue;
    column[row.item] = static_cast<std::int32_t>(itemIds.size());
    itemIds.push_back(log.items.external(row.item));
  }
  return column;
}

std::vector<std::int32_t> inVocabulary(const std::vector<std::uint32_t>& items, const std::vector<std::int32_t>& column) {
  std::vector<std::int32_t> columns;
  columns.reserve(items.size());
  for (std::uint32_t item : items)
    if (column[item] >= 0) columns.push_back(column[item]);
  return columns;
}

struct HeldoutRows {
  std::vector<std::vector<std::int32_t>> foldIn, heldout;  // per user, permuted order
};

// Fold-in / heldout draws as the reference does them: generator reset to the seed, users
// visited in ascending id, floor(fraction * n) positions drawn when n >= 5.
HeldoutRows splitHeldoutUsers(const std::vector<std::uint32_t>& permutedUsers, const PositiveSets& positives,
                              const std::vector<std::uint32_t>& rankOf, const std::vector<std::int32_t>& column,
                              const ProtocolOptions& options) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> byId;  // (rank in positives.users, permuted position)
  for (std::uint32_t p = 0; p < permutedUsers.size(); ++p) byId.emplace_back(rankOf[permutedUsers[p]], p);
  std::sort(byId.begin(), byId.end());

  HeldoutRows rows;
  rows.foldIn.resize(permutedUsers.size());
  rows.heldout.resize(permutedUsers.size());
  LegacyNumpyRandom random(options.seed);
  for (const auto& [rank, position] : byId) {
    const std::vector<std::int32_t> items = inVocabulary(positives.items[rank], column);
    const auto n = static_cast<std::uint32_t>(items.size());
    std::vector<bool> held(n, false);
    if (n >= 5) {
      const auto k = static_cast<std::uint32_t>(options.heldoutFraction * static_cast<double>(n));
      for (std::uint32_t index : random.choiceWithoutReplacement(n, k)) held[index] = true;
    }
    for (std::uint32_t i = 0; i < n; ++i) (held[i] ? rows.heldout : rows.foldIn)[position].push_back(items[i]);
  }
  return rows;
}

std::vector<std::string> externalIds(const InteractionLog& log, const std::vector<std::uint32_t>& users) {
  std::vector<std::string> ids;
  ids.reserve(users.size());
  for (std::uint32_t user : users) ids.push_back(log.users.external(user));
  return ids;
}

}  // namespace

std::optional<double> defaultPositiveThreshold(const InteractionLog& log) {
  if (!log.explicitValues || holdsCounts(log)) return std::nullopt;
  return 4.0;  // "rating > 3.5": 4, 4.5 and 5 stars
}

std::vector<std::string> valueNotes(const InteractionLog& log, const ProtocolOptions& options) {
  std::vector<std::string> notes;
  if (!log.explicitValues || log.interactions.empty()) return notes;
  const auto [lowest, highest] = std::minmax_element(
      log.interactions.begin(), log.interactions.end(),
      [](const Interaction& a, const Interaction& b) { return a.value < b.value; });
  if (holdsCounts(log) && !options.positiveThreshold) {
    notes.push_back("the values look like counts (whole numbers up to " + shortNumber(highest->value) +
                    "), not star ratings: every interaction is positive; --min-rating N keeps those counted at "
                    "least N times");
  }
  if (lowest->value < 0) {
    const auto negative = std::count_if(log.interactions.begin(), log.interactions.end(),
                                        [](const Interaction& row) { return row.value < 0; });
    notes.push_back(std::to_string(negative) + " values are negative (lowest " + shortNumber(lowest->value) +
                    (options.positiveThreshold ? "): never positive under value >= " +
                                                     shortNumber(*options.positiveThreshold)
                                               : "): positive all the same, as every interaction is; --min-rating "
                                                 "sets a threshold"));
  }
  return notes;
}

PositiveSets binarize(const InteractionLog& log, const ProtocolOptions& options) {
  std::vector<std::vector<std::uint32_t>> itemsOf(log.users.size());
  std::vector<std::unordered_set<std::uint32_t>> seen(log.users.size());
  for (const Interaction& row : log.interactions)
    if (isPositive(row, options) && seen[row.user].insert(row.item).second) itemsOf[row.user].push_back(row.item);

  PositiveSets result;
  for (std::uint32_t user = 0; user < itemsOf.size(); ++user)
    if (!itemsOf[user].empty() && itemsOf[user].size() >= options.minUserPositives) result.users.push_back(user);
  std::sort(result.users.begin(), result.users.end(), [&](std::uint32_t a, std::uint32_t b) {
    return externalIdLess(log.users.external(a), log.users.external(b));
  });
  for (std::uint32_t user : result.users) {
    result.positives += itemsOf[user].size();
    result.items.push_back(std::move(itemsOf[user]));
  }
  return result;
}

Split strongGeneralizationSplit(const InteractionLog& log, const PositiveSets& positives,
                                const ProtocolOptions& options, const TaskContext& context) {
  if (positives.users.empty())
    throw InputError(log.source, 0, "no users left after binarising and keeping users with at least " +
                                        std::to_string(options.minUserPositives) + " positives");
  context.report("split", 0, 3);
  const UserRoles roles = assignRoles(log, positives, options);

  Split split;
  const std::vector<std::int32_t> column = buildVocabulary(log, roles, options, split.itemIds);
  const auto items = static_cast<std::int64_t>(split.itemIds.size());
  context.report("split", 1, 3);
  context.checkCancelled();

  std::vector<std::uint32_t> rankOf(log.users.size(), 0);
  for (std::uint32_t rank = 0; rank < positives.users.size(); ++rank) rankOf[positives.users[rank]] = rank;

  split.train = CsrMatrix(items);
  for (std::uint32_t user : roles.train) split.train.appendRow(inVocabulary(positives.items[rankOf[user]], column));

  auto fill = [&](const std::vector<std::uint32_t>& users, CsrMatrix& foldIn, CsrMatrix& heldout) {
    HeldoutRows rows = splitHeldoutUsers(users, positives, rankOf, column, options);
    foldIn = CsrMatrix(items);
    heldout = CsrMatrix(items);
    for (std::size_t p = 0; p < users.size(); ++p) {
      foldIn.appendRow(rows.foldIn[p]);
      heldout.appendRow(rows.heldout[p]);
    }
  };
  fill(roles.validation, split.validationFoldIn, split.validationHeldout);
  context.report("split", 2, 3);
  fill(roles.test, split.testFoldIn, split.testHeldout);

  split.trainUserIds = externalIds(log, roles.train);
  split.validationUserIds = externalIds(log, roles.validation);
  split.testUserIds = externalIds(log, roles.test);
  context.report("split", 3, 3);
  return split;
}

std::optional<UserRows> findUser(const Split& split, const std::string& userId) {
  const UserRows groups[] = {{&split.train, nullptr, 0},
                             {&split.validationFoldIn, &split.validationHeldout, 0},
                             {&split.testFoldIn, &split.testHeldout, 0}};
  const std::vector<std::string>* ids[] = {&split.trainUserIds, &split.validationUserIds, &split.testUserIds};
  for (std::size_t g = 0; g < 3; ++g) {
    const auto found = std::find(ids[g]->begin(), ids[g]->end(), userId);
    if (found == ids[g]->end()) continue;
    UserRows rows = groups[g];
    rows.row = found - ids[g]->begin();
    return rows;
  }
  return std::nullopt;
}

}  // namespace vaecf
