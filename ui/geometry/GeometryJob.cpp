#include "geometry/GeometryJob.h"

#include <algorithm>
#include <numeric>
#include <random>

#include "common/Error.h"
#include "geometry/LatentTrail.h"
#include "train/RunFolder.h"

namespace vaecf::ui {

namespace {

using geometry::LatentSample;

// Names the first column whose item differs, so the message says what to load.
void checkSameItems(const std::filesystem::path& runFolder, const Split& split) {
  const std::vector<std::string> runItems = readRunItems(runFolder);
  const std::string prefix = "run " + runFolder.string() + " was trained on other items than this session's data";
  if (runItems.size() != split.itemIds.size())
    throw Error(prefix + " (" + std::to_string(runItems.size()) + " items, the session has " +
                std::to_string(split.itemIds.size()) + "): load the run's dataset first");
  const auto differs = std::mismatch(runItems.begin(), runItems.end(), split.itemIds.begin());
  if (differs.first != runItems.end())
    throw Error(prefix + " (item column " + std::to_string(differs.first - runItems.begin()) + " is '" +
                *differs.first + "' in the run, '" + *differs.second + "' here): load the run's dataset first");
}

void checkPosition(const LatentSample& sample, std::int64_t position) {
  if (position < 0 || position >= sample.size())
    throw Error("sample position " + std::to_string(position) + " is outside the run's latent sample of " +
                std::to_string(sample.size()) + " users");
}

std::int64_t focusPosition(const LatentSample& sample, const FocusRequest& request) {
  if (request.userId.empty()) {
    checkPosition(sample, request.position);
    return request.position;
  }
  const std::int64_t position = sample.positionOf(request.userId);
  if (position < 0)
    throw Error("user '" + request.userId + "' is not among the " + std::to_string(sample.size()) +
                " users of the run's latent sample");
  return position;
}

bool sameOptions(const geometry::DriftOptions& a, const geometry::DriftOptions& b) {
  return a.masks == b.masks && a.neighbours == b.neighbours && a.seed == b.seed && a.exactUpTo == b.exactUpTo;
}

// Whether `held` measured the same subset the same way as `request` asks (the focus aside).
std::filesystem::file_time_type weightsTime(const std::filesystem::path& runFolder) {
  std::error_code error;
  return std::filesystem::last_write_time(runBestModelPath(runFolder), error);
}

bool sameSubsetStudy(const DriftResult& held, const std::filesystem::path& runFolder, const DriftRequest& request) {
  const DriftRequest& was = held.request;
  return held.run->folder == runFolder && held.run->isCurrent() && was.keepRates == request.keepRates && was.users == request.users &&
         was.seed == request.seed && was.cohortEdges == request.cohortEdges && sameOptions(was.options, request.options);
}

FocusResult studyFocus(const GeometryRun& run, const FocusRequest& request, const TaskContext& context) {
  const LatentSample& sample = *run.sample;
  const std::int64_t position = focusPosition(sample, request);
  FocusResult result;
  result.study = geometry::studyFocusUser(*run.model, sample, position, request.options, context);
  result.userId = sample.userIds[static_cast<std::size_t>(position)];
  result.split = sample.splits[static_cast<std::size_t>(position)];
  result.interactions = static_cast<std::uint32_t>(sample.rows.rowSize(position));
  const geometry::Cohorts cohorts(request.cohortEdges);
  result.cohort = cohorts.label(cohorts.of(result.interactions));
  return result;
}

std::vector<double> focusDrift(const GeometryRun& run, const DriftRequest& request, const geometry::DriftStudy& subset,
                               std::int64_t focus, const TaskContext& context) {
  const auto measured = std::find(subset.users.begin(), subset.users.end(), focus);
  if (measured != subset.users.end()) return subset.drift[static_cast<std::size_t>(measured - subset.users.begin())];
  const geometry::DriftStudy alone = geometry::studyDrift(*run.model, *run.sample, {focus}, request.keepRates,
                                                          geometry::Cohorts(request.cohortEdges), request.options, context);
  return alone.drift.front();
}

}  // namespace

std::vector<std::int64_t> driftUsers(std::int64_t sampleSize, std::size_t count, std::uint64_t seed) {
  std::vector<std::int64_t> positions(static_cast<std::size_t>(std::max<std::int64_t>(sampleSize, 0)));
  std::iota(positions.begin(), positions.end(), 0);
  std::mt19937_64 generator(seed);
  std::shuffle(positions.begin(), positions.end(), generator);
  positions.resize(std::min(count, positions.size()));
  std::sort(positions.begin(), positions.end());
  return positions;
}

bool GeometryRun::isCurrent() const { return weightsTime(folder) == weightsWritten; }

std::shared_ptr<const GeometryRun> loadGeometryRun(const std::filesystem::path& runFolder, const SessionData& data,
                                                   const TaskContext& context) {
  checkSameItems(runFolder, *data.split);
  context.checkCancelled();
  auto run = std::make_shared<GeometryRun>();
  run->folder = runFolder;
  run->weightsWritten = weightsTime(runFolder);
  run->model = std::make_shared<const geometry::LatentModel>(geometry::LatentModel::fromRun(runFolder));
  context.checkCancelled();
  const auto header = geometry::LatentTrail::readHeader(runFolder);
  run->sampleFromTrail = header.has_value();
  run->sample = std::make_shared<const LatentSample>(
      header ? geometry::latentSampleOf(*data.split, header->userIds)
             : geometry::drawLatentSample(*data.split, kFallbackSampleSize, 1));
  return run;
}

void GeometryJob::setData(std::shared_ptr<const SessionData> data) {
  cancel();
  data_ = std::move(data);
  ++generation_;
  run_.reset();
  lastDrift_.reset();
}

bool GeometryJob::start(std::filesystem::path runFolder,
                        std::function<void(const GeometryRun&, Outcome&, const TaskContext&)> compute) {
  if (!data_ || isRunning()) return false;
  auto outcome = std::make_shared<Outcome>();
  outcome->generation = generation_;
  std::shared_ptr<const GeometryRun> held = run_ && run_->folder == runFolder && run_->isCurrent() ? run_ : nullptr;
  const bool started = run([outcome, held, data = data_, folder = std::move(runFolder),
                            compute = std::move(compute)](const TaskContext& context) {
    outcome->run = held ? held : loadGeometryRun(folder, *data, context);
    compute(*outcome->run, *outcome, context);
  });
  if (started) outcome_ = std::move(outcome);
  return started;
}

bool GeometryJob::startFocus(std::filesystem::path runFolder, FocusRequest request) {
  return start(std::move(runFolder),
               [request = std::move(request)](const GeometryRun& run, Outcome& outcome, const TaskContext& context) {
                 auto result = std::make_shared<FocusResult>(studyFocus(run, request, context));
                 result->run = outcome.run;
                 outcome.focus = std::move(result);
               });
}

bool GeometryJob::startDrift(std::filesystem::path runFolder, DriftRequest request) {
  std::shared_ptr<const DriftResult> held =
      lastDrift_ && sameSubsetStudy(*lastDrift_, runFolder, request) ? lastDrift_ : nullptr;
  return start(std::move(runFolder), [request = std::move(request), held](const GeometryRun& run, Outcome& outcome,
                                                                          const TaskContext& context) {
    auto result = std::make_shared<DriftResult>();
    result->run = outcome.run;
    result->request = request;
    result->study = held ? held->study
                         : geometry::studyDrift(*run.model, *run.sample,
                                                driftUsers(run.sample->size(), request.users, request.seed),
                                                request.keepRates, geometry::Cohorts(request.cohortEdges),
                                                request.options, context);
    const std::int64_t focus = request.focusUser.empty() ? -1 : run.sample->positionOf(request.focusUser);
    if (focus >= 0) {
      result->focusPosition = focus;
      result->focus = focusDrift(run, request, result->study, focus, context);
    }
    outcome.drift = std::move(result);
  });
}

bool GeometryJob::startPseudoInputs(std::filesystem::path runFolder, std::int64_t topItems) {
  return start(std::move(runFolder), [topItems](const GeometryRun& run, Outcome& outcome, const TaskContext&) {
    auto result = std::make_shared<PseudoInputResult>();
    result->run = outcome.run;
    result->topItems = run.model->priorComponentTopItems(topItems);
    outcome.pseudoInputs = std::move(result);
  });
}

void GeometryJob::succeeded() {
  const std::shared_ptr<Outcome> outcome = std::move(outcome_);
  if (outcome->generation != generation_) {
    Q_EMIT cancelled();  // computed on data the session no longer has
    return;
  }
  run_ = outcome->run;
  if (outcome->focus) Q_EMIT focusReady(outcome->focus);
  if (outcome->drift) {
    lastDrift_ = outcome->drift;
    Q_EMIT driftReady(outcome->drift);
  }
  if (outcome->pseudoInputs) Q_EMIT pseudoInputsReady(outcome->pseudoInputs);
}

}  // namespace vaecf::ui
