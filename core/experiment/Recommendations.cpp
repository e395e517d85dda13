#include "experiment/Recommendations.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "common/Error.h"
#include "eval/RankingMetrics.h"
#include "experiment/Experiment.h"
#include "plugin/ModelCatalog.h"

namespace vaecf {

namespace {

// A user's columns in the training split: what the model reads (with their values) and
// what it must not recommend.
struct UserHistory {
  std::vector<std::int32_t> columns, known;
  std::vector<float> values;
};

UserHistory rowOf(const std::string& userId, const Split& split) {
  const auto rows = findUser(split, userId);
  if (!rows) throw Error("user '" + userId + "' is not among the run's users");
  UserHistory history;
  for (const CsrMatrix* part : {rows->input, rows->heldout}) {
    if (part == nullptr) continue;
    const std::int32_t* columns = part->rowColumns(rows->row);
    history.columns.insert(history.columns.end(), columns, columns + part->rowSize(rows->row));
    for (std::int64_t k = 0; k < part->rowSize(rows->row); ++k) history.values.push_back(part->value(rows->row, k));
  }
  return history;
}

// Every column of the user in the raw log besides their row: items they rated low or
// later are known too.
void addLoggedItems(const std::string& userId, const Split& split, const InteractionLog& log,
                    UserHistory& history) {
  const auto user = log.users.find(userId);
  if (!user) return;
  std::unordered_map<std::string, std::int32_t> column;
  for (std::size_t c = 0; c < split.itemIds.size(); ++c) column.emplace(split.itemIds[c], static_cast<std::int32_t>(c));
  for (const Interaction& row : log.interactions) {
    if (row.user != *user) continue;
    const auto found = column.find(log.items.external(row.item));
    if (found != column.end()) history.known.push_back(found->second);
  }
}

UserRecommendations recommendFor(const std::string& userId, const Recommender& model, const Split& split,
                                 const InteractionLog* log, std::size_t count) {
  UserHistory history = rowOf(userId, split);
  history.known = history.columns;
  if (log != nullptr) addLoggedItems(userId, split, *log, history);
  std::sort(history.known.begin(), history.known.end());
  history.known.erase(std::unique(history.known.begin(), history.known.end()), history.known.end());

  const std::int64_t items = model.items();
  CsrMatrix input(items);
  input.appendRow(history.columns, history.values);
  std::vector<float> scores(static_cast<std::size_t>(items));
  model.score(input, 0, 1, scores.data());

  UserRecommendations result;
  result.userId = userId;
  for (const std::int32_t column : history.columns) result.input.push_back(split.itemIds[column]);
  result.knownItems = history.known.size();
  for (const std::int32_t column : topK(scores.data(), items, history.known.data(), history.known.size(), count))
    result.items.push_back({split.itemIds[column], scores[column]});
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
  RunRecommendations result{run.config.model, run.task, {}};
  for (const std::string& user : users) {
    context.checkCancelled();
    result.users.push_back(recommendFor(user, *run.recommender, *split, log, count));
  }
  return result;
}

}  // namespace vaecf
