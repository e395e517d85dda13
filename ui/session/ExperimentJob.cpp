#include "session/ExperimentJob.h"

#include <fstream>
#include <iterator>

#include "common/Error.h"
#include "experiment/Experiment.h"
#include "train/EventLog.h"
#include "train/RunFolder.h"

namespace vaecf::ui {

namespace {
constexpr int kEventPollMs = 250;
}

ExperimentJob::ExperimentJob(QObject* parent) : BackgroundJob(parent) {
  eventPoll_.setInterval(kEventPollMs);
  connect(&eventPoll_, &QTimer::timeout, this, &ExperimentJob::readNewEvents);
  // Connected before any user of the job: the last events reach it before the outcome.
  connect(this, &BackgroundJob::cancelled, this, &ExperimentJob::finishReading);
  connect(this, &BackgroundJob::failed, this, &ExperimentJob::finishReading);
}

void ExperimentJob::start(std::string model, ParamSet params, DataSource source, std::shared_ptr<const Split> split,
                          std::shared_ptr<const InteractionLog> log, EvaluationOptions evaluation,
                          std::filesystem::path runFolder) {
  auto seconds = std::make_shared<double>(0.0);
  const bool started = run([seconds, model = std::move(model), params = std::move(params), source = std::move(source),
                            split = std::move(split), log = std::move(log), evaluation = std::move(evaluation),
                            folder = runFolder](const TaskContext& context) {
    // runExperiment takes the split and log by value inside LoadedData: the worker trains on copies.
    const LoadedData data{*split, log ? std::optional<InteractionLog>(*log) : std::nullopt, {}};
    *seconds = runExperiment(model, params, source, data, evaluation, folder, context).seconds;
  });
  if (!started) return;
  seconds_ = std::move(seconds);
  runFolder_ = QString::fromStdString(runFolder.string());
  eventsFile_ = runEventsPath(runFolder);
  eventBytesRead_ = 0;
  eventLinesRead_ = 0;
  eventPoll_.start();
}

void ExperimentJob::succeeded() {
  finishReading();
  Q_EMIT completed(runFolder_, *seconds_);
}

void ExperimentJob::finishReading() {
  readNewEvents();
  eventPoll_.stop();
}

// Only whole lines count: the writer appends one line at a time, so a partial one is
// read again, complete, at the next poll.
void ExperimentJob::readNewEvents() {
  if (!eventPoll_.isActive()) return;
  std::ifstream in(eventsFile_, std::ios::binary);
  if (!in) return;  // the run has not written its first event yet (EASE never does)
  in.seekg(static_cast<std::streamoff>(eventBytesRead_));
  const std::string fresh{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const std::size_t end = fresh.rfind('\n');
  if (end == std::string::npos) return;
  std::vector<TrainingEvent> events;
  for (std::size_t begin = 0; begin <= end;) {
    const std::size_t newline = fresh.find('\n', begin);
    ++eventLinesRead_;
    try {
      events.push_back(eventFromJsonLine(fresh.substr(begin, newline - begin)));
    } catch (const Error& error) {
      eventPoll_.stop();
      if (!events.empty()) Q_EMIT eventsRead(events);
      Q_EMIT eventsUnreadable(QStringLiteral("%1, line %2: %3")
                                  .arg(QString::fromStdString(eventsFile_.string()))
                                  .arg(eventLinesRead_)
                                  .arg(QString::fromStdString(error.what())));
      return;
    }
    begin = newline + 1;
  }
  eventBytesRead_ += end + 1;
  Q_EMIT eventsRead(events);
}

}  // namespace vaecf::ui
