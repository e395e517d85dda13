#include "geometry/TsneJob.h"

#include <algorithm>

#include "common/Error.h"
#include "geometry/GeometryJob.h"
#include "train/EventLog.h"
#include "train/Training.h"

namespace vaecf::ui {

namespace {

// Rows of `parts` stacked in order.
geometry::RowMatrix stacked(const std::vector<const geometry::RowMatrix*>& parts, std::int64_t cols) {
  std::int64_t rows = 0;
  for (const auto* part : parts) rows += part->rows;
  geometry::RowMatrix all(rows, cols);
  auto at = all.values.begin();
  for (const auto* part : parts) at = std::copy(part->values.begin(), part->values.end(), at);
  return all;
}

geometry::RowMatrix rowsOf(const geometry::RowMatrix& matrix, std::int64_t first, std::int64_t count) {
  geometry::RowMatrix part(count, matrix.cols);
  std::copy(matrix.row(first), matrix.row(first) + count * matrix.cols, part.values.begin());
  return part;
}

}  // namespace

geometry::LatentFrame TsneJob::compute(const std::filesystem::path& runFolder, const SessionData& data,
                                       const geometry::TsneOptions& options, const TaskContext& context) {
  const auto run = loadGeometryRun(runFolder, data, context);
  // The epoch of the weights just read, which the map's caption names.
  const std::int64_t bestEpoch = summarizeRun(readRunEvents(runFolder)).bestEpoch;
  const geometry::RowMatrix users = run->model->posteriors(run->sample->rows, context).mean;
  geometry::RowMatrix anchors = run->model->itemAnchors();
  const geometry::RowMatrix pseudoInputs = run->model->priorComponentMeans();
  const std::int64_t limit = geometry::kTsneMaxPoints;
  if (users.rows + pseudoInputs.rows > limit)
    throw Error("t-SNE maps at most " + std::to_string(limit) + " points; this run's sample and pseudo-inputs have " +
                std::to_string(users.rows + pseudoInputs.rows));
  if (users.rows + anchors.rows + pseudoInputs.rows > limit) anchors = geometry::RowMatrix(0, users.cols);

  geometry::TsneOptions tsne = options;
  const std::int64_t points = users.rows + anchors.rows + pseudoInputs.rows;
  tsne.perplexity = std::min(tsne.perplexity, static_cast<double>(points - 1) / 3.0);
  const geometry::RowMatrix map = geometry::tsne(stacked({&users, &anchors, &pseudoInputs}, users.cols), tsne, context);

  geometry::LatentFrame frame;
  frame.epoch = bestEpoch;
  frame.users = rowsOf(map, 0, users.rows);
  frame.anchors = rowsOf(map, users.rows, anchors.rows);
  frame.pseudoInputs = rowsOf(map, users.rows + anchors.rows, pseudoInputs.rows);
  return frame;
}

bool TsneJob::start(std::filesystem::path runFolder, std::shared_ptr<const SessionData> data,
                    geometry::TsneOptions options) {
  if (!data) return false;
  auto result = std::make_shared<geometry::LatentFrame>();
  const bool started = run([result, folder = std::move(runFolder), data = std::move(data),
                            options](const TaskContext& context) { *result = compute(folder, *data, options, context); });
  if (started) result_ = std::move(result);
  return started;
}

void TsneJob::succeeded() { Q_EMIT computed(std::move(result_)); }

}  // namespace vaecf::ui
