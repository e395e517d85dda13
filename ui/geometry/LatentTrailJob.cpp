#include "geometry/LatentTrailJob.h"

#include <algorithm>

#include "common/Error.h"
#include "plugin/ModelCatalog.h"
#include "train/EventLog.h"
#include "train/RunFolder.h"

namespace vaecf::ui {

namespace {

// The trainer records a frame every latent_every epochs and at the last one.
std::optional<std::int64_t> firstFrameEpoch(const std::filesystem::path& runFolder) {
  if (std::filesystem::exists(runMetricsPath(runFolder))) return std::nullopt;  // finished
  try {
    const RunConfig config = readRunConfig(runFolder);
    const ModelFamily& model = findModel(config.model);
    if (!model.capabilities.latentMaps) return std::nullopt;
    const ParamSet params = runParams(config, model);
    const std::int64_t every = params.integer("latent_every");
    if (every <= 0) return std::nullopt;
    return std::min<std::int64_t>(every, params.integer("epochs"));
  } catch (const Error&) {
    return std::nullopt;  // no readable config: nothing to wait for
  }
}

// Whether the run's last recorded state is an end (stopped, failed): a run without events
// has not started yet. Read only for a run that has no frame yet, so its log is short.
bool hasEnded(const std::filesystem::path& runFolder) {
  if (!std::filesystem::exists(runEventsPath(runFolder))) return false;
  TrainerState last = TrainerState::Idle;
  try {
    for (const TrainingEvent& event : readRunEvents(runFolder))
      if (const auto* change = std::get_if<StateChange>(&event.payload)) last = change->state;
  } catch (const Error&) {
    return false;  // the run table names the damaged log
  }
  return last != TrainerState::Idle && !inProgress(last);
}

}  // namespace

LatentTrailLoad LatentTrailJob::load(const std::filesystem::path& runFolder,
                                     const std::set<std::int64_t>& known, const TaskContext& context) {
  LatentTrailLoad result;
  result.runFolder = runFolder;
  const std::vector<std::int64_t> saved = geometry::LatentTrail::frameEpochs(runFolder);
  if (saved.empty()) {
    result.firstFrameEpoch = firstFrameEpoch(runFolder);
    result.endedBeforeFirstFrame = result.firstFrameEpoch && hasEnded(runFolder);
  }
  std::optional<geometry::LatentTrailHeader> header = geometry::LatentTrail::readHeader(runFolder);
  if (!header) return result;
  result.header = std::make_shared<const geometry::LatentTrailHeader>(std::move(*header));
  std::vector<std::int64_t> epochs;
  for (std::int64_t epoch : saved)
    if (known.count(epoch) == 0) epochs.push_back(epoch);
  for (std::size_t i = 0; i < epochs.size(); ++i) {
    context.checkCancelled();
    context.report("frames", i, epochs.size());
    result.frames.push_back(std::make_shared<const geometry::LatentFrame>(
        geometry::LatentTrail::readFrame(runFolder, epochs[i])));
  }
  context.report("frames", epochs.size(), epochs.size());
  return result;
}

bool LatentTrailJob::start(std::filesystem::path runFolder, std::set<std::int64_t> known) {
  auto result = std::make_shared<LatentTrailLoad>();
  const bool started = run([result, folder = std::move(runFolder), known = std::move(known)](
                               const TaskContext& context) { *result = load(folder, known, context); });
  if (started) result_ = std::move(result);
  return started;
}

void LatentTrailJob::succeeded() { Q_EMIT loaded(std::move(result_)); }

}  // namespace vaecf::ui
