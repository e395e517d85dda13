#include "sweeps/SweepJob.h"

#include <mutex>
#include <optional>

namespace vaecf::ui {

// The newest index the worker reported and not yet delivered.
struct SweepJob::Latest {
  std::mutex mutex;
  std::optional<SweepIndex> index;
};

SweepJob::SweepJob(QObject* parent) : BackgroundJob(parent) {
  connect(this, &BackgroundJob::progressed, this, &SweepJob::deliverIndex);
  // A cancelled or failed sweep may have finished trials since the last tick.
  connect(this, &BackgroundJob::cancelled, this, &SweepJob::deliverIndex);
  connect(this, &BackgroundJob::failed, this, &SweepJob::deliverIndex);
}

bool SweepJob::start(SweepDefinition definition, std::filesystem::path sweepDir, SweepWorkers workers) {
  return launch([definition = std::move(definition), sweepDir = std::move(sweepDir), workers = std::move(workers)](
                    const TaskContext& context, const SweepProgress& progress) {
    return runSweep(definition, sweepDir, progress, context, workers);
  });
}

bool SweepJob::resume(std::filesystem::path sweepDir, SweepWorkers workers) {
  return launch([sweepDir = std::move(sweepDir), workers = std::move(workers)](const TaskContext& context,
                                                                              const SweepProgress& progress) {
    return resumeSweep(sweepDir, progress, context, workers);
  });
}

bool SweepJob::launch(std::function<SweepReport(const TaskContext&, const SweepProgress&)> sweep) {
  auto latest = std::make_shared<Latest>();
  auto report = std::make_shared<SweepReport>();
  const bool started = run([latest, report, sweep = std::move(sweep)](const TaskContext& context) {
    const SweepProgress progress = [&latest](const SweepIndex& index) {
      const std::lock_guard lock(latest->mutex);
      latest->index = index;
    };
    *report = sweep(context, progress);
  });
  if (started) {
    latest_ = std::move(latest);
    report_ = std::move(report);
  }
  return started;
}

void SweepJob::deliverIndex() {
  if (!latest_) return;
  std::optional<SweepIndex> index;
  {
    const std::lock_guard lock(latest_->mutex);
    index.swap(latest_->index);
  }
  if (index) Q_EMIT indexChanged(*index);
}

void SweepJob::succeeded() {
  Q_EMIT indexChanged(report_->index);
  Q_EMIT completed(*report_);
}

}  // namespace vaecf::ui
