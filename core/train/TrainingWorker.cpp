#include "train/TrainingWorker.h"

#include <algorithm>
#include <utility>

#include "common/Error.h"
#include "geometry/LatentModel.h"
#include "geometry/LatentTrail.h"
#include "train/RunFileErrors.h"

namespace fs = std::filesystem;

namespace vaecf {

namespace {

// Per-batch scalars leave the worker at most about ten times a second.
constexpr std::chrono::milliseconds kScalarInterval{100};

// The latent sample's seed is fixed, not the training seed: every run on a split then maps
// the same users, so runs that differ in seed (or anything else) compare user by user.
constexpr std::uint64_t kLatentSampleSeed = 1;

// The run's evaluation with a ranking selection metric added when it is not listed.
EvaluationOptions evaluationOptions(EvaluationOptions options, const std::string& selection) {
  if (lowerIsBetter(selection)) return options;  // RMSE: rating evaluation reports it always
  const bool listed = std::any_of(options.metrics.begin(), options.metrics.end(),
                                  [&](const MetricSpec& metric) { return metric.name() == selection; });
  if (!listed) options.metrics.push_back(parseMetric(selection));
  return options;
}

geometry::LatentTrailHeader latentTrailHeader(const std::string& model,
                                              const geometry::LatentSample& sample) {
  geometry::LatentTrailHeader header{model, sample.userIds, sample.splits, {}};
  for (std::int64_t row = 0; row < sample.size(); ++row)
    header.interactions.push_back(static_cast<std::uint32_t>(sample.rows.rowSize(row)));
  return header;
}

}  // namespace

ActiveClock::ActiveClock(double startSeconds) : banked_(startSeconds), runningSince_(Clock::now()) {}

double ActiveClock::seconds() const {
  if (!runningSince_) return banked_;
  return banked_ + std::chrono::duration<double>(Clock::now() - *runningSince_).count();
}

void ActiveClock::pause() {
  if (!runningSince_) return;
  banked_ = seconds();
  runningSince_.reset();
}

void ActiveClock::resume() {
  if (!runningSince_) runningSince_ = Clock::now();
}

TrainingWorker::TrainingWorker(const TrainingSetup& setup, std::int64_t generation, TrainerState initial,
                               CommandQueue& commands, Publish publish)
    : setup_(setup),
      settings_(trainerSettings(setup.params)),
      generation_(generation),
      commands_(commands),
      publish_(std::move(publish)),
      gate_(commands, initial,
            CommandGate::Listener{
                [this](TrainerState state) { onStateChange(state); },
                [this](const std::string& name, const std::string& value) { onParameter(name, value); }}) {}

void TrainingWorker::run() noexcept {
  try {
    prepare();
    gate_.announceInitialState();
    if (trainRemainingEpochs()) {
      finish();
    } else {
      end(TrainerState::Stopped, lastCheckpointText());
    }
  } catch (const NonFiniteLoss& e) {
    end(TrainerState::Failed, std::string(e.what()) + "; " + lastCheckpointText());
  } catch (const RankLost& e) {
    end(TrainerState::Failed, std::string(e.what()) + "; " + lastCheckpointText());
  } catch (const Cancelled&) {
    end(TrainerState::Stopped, lastCheckpointText());
  } catch (const std::exception& e) {
    end(TrainerState::Failed, e.what());
  }
}

void TrainingWorker::prepare() {
  engine_ = std::make_unique<TrainingEngine>(setup_.model, setup_.params, setup_.split->items(), setup_.ranks);
  const fs::path checkpoint = runCheckpointPath(setup_.runFolder);
  if (fs::exists(checkpoint)) {
    progress_ = readingRunFile(checkpoint, [&] { return engine_->loadCheckpoint(checkpoint); });
    savedEpoch_ = progress_.epochsDone;
  }
  engine_->shareState(progress_);
  epoch_ = progress_.epochsDone;
  const fs::path events = runEventsPath(setup_.runFolder);
  // The checkpoint continues the curve the log holds up to it: a shorter log lost events.
  std::error_code noLog;
  const std::uintmax_t logSize = fs::file_size(events, noLog);
  if (progress_.eventLogSize > 0 && (noLog || logSize < progress_.eventLogSize)) {
    throw InputError(events.string(), 0,
                     (noLog ? std::string("missing") : "holds " + std::to_string(logSize) + " bytes") +
                         ", but the checkpoint of epoch " + std::to_string(savedEpoch_) + " was taken after " +
                         std::to_string(progress_.eventLogSize) + ": the run's history was cut short or deleted");
  }
  log_.emplace(events, progress_.eventLogSize);
  clock_ = ActiveClock(progress_.elapsedSeconds);
  if (savedEpoch_ > 0) {
    emit(Note{NoteLevel::Info, "resumed",
              "resumed from the checkpoint of epoch " + std::to_string(savedEpoch_)});
  }
  if (!hasValidation()) {
    emit(Note{NoteLevel::Warning, "no_validation_users",
              "the split has no validation users: the last epoch's weights are kept"});
  }
  prepareLatentTrail();
}

bool TrainingWorker::trainRemainingEpochs() {
  while (progress_.epochsDone < settings_.epochs && !patienceExhausted()) {
    const std::int64_t epoch = progress_.epochsDone + 1;
    const double started = clock_.seconds();
    const bool completed = engine_->trainEpoch(
        setup_.split->train, epoch,
        [&] {
          return engine_->acrossPause([&] {
            if (!gate_.beforeBatch()) return false;
            epoch_ = epoch;  // events sent while paused between epochs still belong to the last one
            return true;
          });
        },
        [&](const BatchRecord& record) { recordBatch(record); });
    if (!completed) return false;
    completeEpoch(epoch, clock_.seconds() - started);
    engine_->acrossPause([&] {
      gate_.afterEpoch();
      return true;
    });
  }
  return true;
}

void TrainingWorker::completeEpoch(std::int64_t epoch, double seconds) {
  progress_.epochsDone = epoch;
  emit(EpochSummary{std::exchange(epochScalars_, {}), seconds});
  const bool lastEpoch = epoch == settings_.epochs;
  if (hasValidation() && (epoch % settings_.evalEvery == 0 || lastEpoch)) validate(epoch);
  if (latentFrameDue(epoch)) recordLatentFrame(epoch);
  if (epoch % settings_.checkpointEvery == 0 || lastEpoch || patienceExhausted()) saveCheckpoint();
}

void TrainingWorker::validate(std::int64_t epoch) {
  TaskContext context;
  context.cancelFlag = commands_.stopFlag();
  EvaluationReport report = engine_->evaluate(setup_.split->validationFoldIn, setup_.split->validationHeldout,
                                              evaluationOptions(setup_.evaluation, settings_.selectionMetric), context);
  const double metric = report.metrics.at(settings_.selectionMetric).mean;
  const bool improved =
      lowerIsBetter(settings_.selectionMetric) ? metric < progress_.bestMetric : metric > progress_.bestMetric;
  const bool best = progress_.bestEpoch == 0 || improved;
  if (best) {
    progress_.bestMetric = metric;
    progress_.bestEpoch = epoch;
    engine_->saveWeights(runBestModelPath(setup_.runFolder));
  }
  emit(Evaluation{EvaluatedSplit::Validation, best, std::move(report)});
}

void TrainingWorker::saveCheckpoint() {
  progress_.elapsedSeconds = clock_.seconds();
  progress_.eventLogSize = log_->fileSize();
  engine_->saveCheckpoint(runCheckpointPath(setup_.runFolder), progress_);
  savedEpoch_ = progress_.epochsDone;
}

// Latent maps are drawn for the autoencoder family, whose posteriors, anchors and prior
// components LatentModel reads; a resumed run keeps its sample and continues the alignment
// from the newest frame its checkpoint had reached.
void TrainingWorker::prepareLatentTrail() {
  if (settings_.latentEvery == 0 || !setup_.model.capabilities.latentMaps) return;
  try {
    const fs::path& folder = setup_.runFolder;
    const auto header = geometry::LatentTrail::readHeader(folder);
    LatentTrailState trail{
        header ? geometry::latentSampleOf(*setup_.split, header->userIds)
               : geometry::drawLatentSample(*setup_.split, static_cast<std::size_t>(settings_.latentSample),
                                            kLatentSampleSeed),
        std::nullopt};
    if (!header) {
      geometry::LatentTrail::writeHeader(folder, latentTrailHeader(setup_.model.name, trail.sample));
    }
    geometry::LatentTrail::removeFramesAfter(folder, savedEpoch_);
    const auto epochs = geometry::LatentTrail::frameEpochs(folder);
    if (!epochs.empty()) trail.previousBasis = geometry::LatentTrail::readFrame(folder, epochs.back()).basis;
    latentTrail_ = std::move(trail);
  } catch (const std::exception& e) {
    stopLatentTrail(std::string("the latent maps cannot be prepared: ") + e.what());
  }
}

bool TrainingWorker::latentFrameDue(std::int64_t epoch) const {
  return latentTrail_ &&
         (epoch % settings_.latentEvery == 0 || epoch == settings_.epochs || patienceExhausted());
}

void TrainingWorker::recordLatentFrame(std::int64_t epoch) {
  TaskContext context;
  context.cancelFlag = commands_.stopFlag();
  try {
    std::optional<geometry::LatentFrame> frame;
    engine_->inspectModel([&](const std::shared_ptr<vae::AutoencoderModel>& model) {
      const geometry::LatentModel latent(setup_.model.name, model);
      const auto& previous = latentTrail_->previousBasis;
      frame = geometry::recordLatentFrame(latent, latentTrail_->sample, epoch,
                                          previous ? &*previous : nullptr, context);
    });
    geometry::LatentTrail::writeFrame(setup_.runFolder, *frame);
    latentTrail_->previousBasis = std::move(frame->basis);
  } catch (const Cancelled&) {
    throw;
  } catch (const std::exception& e) {
    stopLatentTrail("the latent map of epoch " + std::to_string(epoch) + " failed: " + e.what());
  }
}

// A failed frame never stops training; the trail stops instead, as the causes (a 1-D
// latent space, a full disk, a damaged frame file) would fail every later frame too.
void TrainingWorker::stopLatentTrail(const std::string& reason) {
  latentTrail_.reset();
  emit(Note{NoteLevel::Warning, "latent_frame_failed",
            reason + "; no further latent frames are recorded"});
}

void TrainingWorker::finish() {
  if (patienceExhausted()) {
    emit(Note{NoteLevel::Info, "early_stop",
              "no improvement of validation " + settings_.selectionMetric + " for " +
                  std::to_string(epochsWithoutImprovement()) + " epochs: stopped after epoch " +
                  std::to_string(progress_.epochsDone) + ", best epoch " +
                  std::to_string(progress_.bestEpoch)});
  }
  // The test split is evaluated once, with the weights model selection kept (docs/models.md 2.4).
  const fs::path best = runBestModelPath(setup_.runFolder);
  if (progress_.bestEpoch > 0) {
    readingRunFile(best, [&] { engine_->loadWeights(best); });
  } else {
    engine_->saveWeights(best);
  }
  const Split& split = *setup_.split;
  if (split.testFoldIn.rows() > 0 && split.testHeldout.nonZeros() > 0) {
    TaskContext context;
    context.cancelFlag = commands_.stopFlag();
    emit(Evaluation{EvaluatedSplit::Test, false,
                    engine_->evaluate(split.testFoldIn, split.testHeldout,
                                      evaluationOptions(setup_.evaluation, settings_.selectionMetric), context)});
  }
  end(TrainerState::Finished, "");
}

void TrainingWorker::end(TrainerState state, const std::string& message) {
  clock_.pause();
  if (engine_) engine_->releaseRanks();
  try {
    flushScalars();
    emit(StateChange{state, message});
  } catch (const std::exception&) {
    // The log refused the event; the consumer must still learn how the run ended.
    try {
      publish_(TrainingEvent{generation_, epoch_, engine_ ? engine_->step() : 0, clock_.seconds(),
                             StateChange{state, message}});
    } catch (const std::exception&) {
      // Out of memory while reporting: nothing is left to tell anyone with.
    }
  }
}

void TrainingWorker::recordBatch(const BatchRecord& record) {
  for (const auto& [name, value] : record.scalars) {
    pendingScalars_[name].add(value);
    epochScalars_[name].add(value);
  }
  gate_.afterBatch();
  if (std::chrono::steady_clock::now() - lastFlush_ >= kScalarInterval) flushScalars();
}

void TrainingWorker::flushScalars() {
  if (pendingScalars_.empty()) return;
  emit(ScalarSummary{std::exchange(pendingScalars_, {})});
  lastFlush_ = std::chrono::steady_clock::now();
}

void TrainingWorker::onStateChange(TrainerState state) {
  if (state == TrainerState::Paused) {
    clock_.pause();
    flushScalars();  // so a single stepped batch shows at once
  } else {
    clock_.resume();
  }
  emit(StateChange{state, ""});
}

void TrainingWorker::onParameter(const std::string& name, const std::string& value) {
  try {
    engine_->setParameter(name, value);
    emit(ParameterChange{name, value});
  } catch (const Error& e) {
    emit(Note{NoteLevel::Warning, "parameter_rejected", e.what()});
  }
}

void TrainingWorker::emit(Payload payload) {
  const TrainingEvent event{generation_, epoch_, engine_ ? engine_->step() : 0, clock_.seconds(),
                            std::move(payload)};
  if (log_) log_->append(event);
  publish_(event);
}

bool TrainingWorker::hasValidation() const {
  return setup_.split->validationFoldIn.rows() > 0 && setup_.split->validationHeldout.nonZeros() > 0;
}

std::int64_t TrainingWorker::epochsWithoutImprovement() const {
  // Held at 0 through the warm-up, as in the VampPrior code (docs/models.md 3.4).
  const std::int64_t since = std::max(progress_.bestEpoch, settings_.patienceWarmup);
  return std::max<std::int64_t>(0, progress_.epochsDone - since);
}

bool TrainingWorker::patienceExhausted() const {
  return settings_.patience > 0 && hasValidation() && epochsWithoutImprovement() >= settings_.patience;
}

std::string TrainingWorker::lastCheckpointText() const {
  return savedEpoch_ > 0 ? "the last checkpoint is from epoch " + std::to_string(savedEpoch_)
                         : "no checkpoint had been written yet";
}

}  // namespace vaecf
