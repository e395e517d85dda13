#pragma once

#include <filesystem>
#include <memory>

#include "experiment/Sweep.h"
#include "session/BackgroundJob.h"

namespace vaecf::ui {

// A sweep (core runSweep or resumeSweep) on a worker thread, its trials in child processes
// (the workers). The worker leaves the index after each trial in a shared slot; the GUI
// thread picks it up on the job's progress ticks, so the worker never touches a QObject.
// Cancelling leaves the sweep folder resumable.
class SweepJob : public BackgroundJob {
  Q_OBJECT

 public:
  explicit SweepJob(QObject* parent = nullptr);

  // Each is ignored (false) while a sweep is running.
  bool start(SweepDefinition definition, std::filesystem::path sweepDir, SweepWorkers workers);
  bool resume(std::filesystem::path sweepDir, SweepWorkers workers);

 Q_SIGNALS:
  // On the GUI thread, after a trial ended: the index as it stands.
  void indexChanged(const vaecf::SweepIndex& index);
  void completed(const vaecf::SweepReport& report);

 private:
  struct Latest;

  bool launch(std::function<SweepReport(const TaskContext&, const SweepProgress&)> sweep);
  void deliverIndex();
  void succeeded() override;

  std::shared_ptr<Latest> latest_;
  std::shared_ptr<SweepReport> report_;
};

}  // namespace vaecf::ui
