#include "geometry/LatentTrailJob.h"

namespace vaecf::ui {

LatentTrailLoad LatentTrailJob::load(const std::filesystem::path& runFolder,
                                     const std::set<std::int64_t>& known, const TaskContext& context) {
  LatentTrailLoad result;
  result.runFolder = runFolder;
  std::optional<geometry::LatentTrailHeader> header = geometry::LatentTrail::readHeader(runFolder);
  if (!header) return result;
  result.header = std::make_shared<const geometry::LatentTrailHeader>(std::move(*header));
  std::vector<std::int64_t> epochs;
  for (std::int64_t epoch : geometry::LatentTrail::frameEpochs(runFolder))
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
