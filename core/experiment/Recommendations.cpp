#include "experiment/Recommendations.h"

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "common/Error.h"
#include "eval/RankingMetrics.h"
#include "experiment/Experiment.h"
#include "plugin/ModelCatalog.h"

namespace vaecf {

namespace {

// Users scored per call of the model: a bounded block of rows x items scores however
// many users are asked for, instead of one forward pass per user.
constexpr std::size_t kScoringBlock = 256;

// A user's columns in the training split: what the model reads (with their values) and
// what it must not recommend.
struct UserHistory {
  std::vector<std::int32_t> columns, known;
  std::vector<float> values;
};

// Every user of the split by id, training users first as findUser() has them: one index
// instead of a search of the id lists per asked user.
std::unordered_map<std::string_view, UserRows> indexUsers(const Split& split) {
  std::unordered_map<std::string_view, UserRows> index;
  const UserRows groups[] = {{&split.train, nullptr, 0},
                             {&split.validationFoldIn, &split.validationHeldout, 0},
                             {&split.testFoldIn, &split.testHeldout, 0}};
  const std::vector<std::string>* ids[] = {&split.trainUserIds, &split.validationUserIds, &split.testUserIds};
  for (std::size_t g = 0; g < 3; ++g) {
    for (std::size_t row = 0; row < ids[g]->size(); ++row) {
      UserRows rows = groups[g];
      rows.row = static_cast<std::int64_t>(row);
      index.emplace((*ids[g])[row], rows);
    }
  }
  return index;
}

UserHistory rowOf(const std::string& userId, const std::unordered_map<std::string_view, UserRows>& index) {
  const auto found = index.find(userId);
  if (found == index.end()) throw Error("user '" + userId + "' is not among the run's users");
  const UserRows& rows = found->second;
  UserHistory history;
  for (const CsrMatrix* part : {rows.input, rows.heldout}) {
    if (part == nullptr) continue;
    const std::int32_t* columns = part->rowColumns(rows.row);
    history.columns.insert(history.columns.end(), columns, columns + part->rowSize(rows.row));
    for (std::int64_t k = 0; k < part->rowSize(rows.row); ++k) history.values.push_back(part->value(rows.row, k));
  }
  history.known = history.columns;
  return history;
}

// Every column of the asked users in the raw log besides their rows (items they rated low
// or later are known too), gathered in one pass over the log for all of them.
void addLoggedItems(const std::vector<std::string>& users, const Split& split, const InteractionLog& log,
                    std::vector<UserHistory>& histories) {
  std::unordered_map<std::string_view, std::int32_t> columnOfId;
  for (std::size_t c = 0; c < split.itemIds.size(); ++c) columnOfId.emplace(split.itemIds[c], static_cast<std::int32_t>(c));
  std::vector<std::int32_t> column(log.items.size(), -1);
  for (std::uint32_t item = 0; item < log.items.size(); ++item) {
    const auto found = columnOfId.find(log.items.external(item));
    if (found != columnOfId.end()) column[item] = found->second;
  }
  std::vector<std::vector<std::size_t>> asked(log.users.size());  // positions in `users` per log user
  for (std::size_t i = 0; i < users.size(); ++i)
    if (const auto user = log.users.find(users[i])) asked[*user].push_back(i);
  for (const Interaction& row : log.interactions) {
    if (column[row.item] < 0) continue;
    for (const std::size_t i : asked[row.user]) histories[i].known.push_back(column[row.item]);
  }
}

// The top `count` unknown items of each history, `kScoringBlock` users per model call.
std::vector<UserRecommendations> recommendAll(const std::vector<std::string>& users,
                                              std::vector<UserHistory>& histories, const Recommender& model,
                                              const Split& split, std::size_t count, const TaskContext& context) {
  const std::int64_t items = model.items();
  std::vector<float> scores(std::min(users.size(), kScoringBlock) * static_cast<std::size_t>(items));
  std::vector<UserRecommendations> result;
  for (std::size_t begin = 0; begin < users.size(); begin += kScoringBlock) {
    context.checkCancelled();
    const std::size_t end = std::min(users.size(), begin + kScoringBlock);
    CsrMatrix input(items);
    for (std::size_t i = begin; i < end; ++i) input.appendRow(histories[i].columns, histories[i].values);
    model.score(input, 0, static_cast<std::int64_t>(end - begin), scores.data());
    for (std::size_t i = begin; i < end; ++i) {
      UserHistory& history = histories[i];
      std::sort(history.known.begin(), history.known.end());
      history.known.erase(std::unique(history.known.begin(), history.known.end()), history.known.end());
      const float* row = scores.data() + (i - begin) * static_cast<std::size_t>(items);
      UserRecommendations user;
      user.userId = users[i];
      for (const std::int32_t column : history.columns) user.input.push_back(split.itemIds[column]);
      user.knownItems = history.known.size();
      for (const std::int32_t column : topK(row, items, history.known.data(), history.known.size(), count))
        user.items.push_back({split.itemIds[column], row[column]});
      result.push_back(std::move(user));
    }
    context.report("recommend", end, users.size());
  }
  return result;
}

}  // namespace

RunRecommendations recommendFromRun(const std::filesystem::path& runDir, std::shared_ptr<const Split> loaded,
                                    const InteractionLog* log, const std::vector<std::string>& users,
                                    std::size_t count, const TaskContext& context) {
  const SavedRun run = loadRun(runDir);
  const ModelFamily& model = findModel(run.config.model);
  const auto split = trainingSplit(model, runParams(run.config, model), run.config.data.protocol, std::move(loaded), log);
  if (split->itemIds != run.itemIds)
    throw Error("the data of " + runDir.string() + " (" + run.config.data.describe() +
                ") no longer gives the items the run was trained on");
  if (static_cast<std::int64_t>(count) > run.recommender->items())
    throw Error("top " + std::to_string(count) + " exceeds the catalogue of " +
                std::to_string(run.recommender->items()) + " items");
  const auto index = indexUsers(*split);
  std::vector<UserHistory> histories;
  histories.reserve(users.size());
  for (const std::string& user : users) histories.push_back(rowOf(user, index));
  if (log != nullptr) addLoggedItems(users, *split, *log, histories);
  RunRecommendations result{run.config.model, run.task, {}};
  result.users = recommendAll(users, histories, *run.recommender, *split, count, context);
  return result;
}

}  // namespace vaecf
