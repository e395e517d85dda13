#include "runs/RunStore.h"

#include <QFileInfo>

#include <algorithm>

#include "common/Error.h"
#include "experiment/Experiment.h"
#include "train/EventLog.h"

namespace fs = std::filesystem;

namespace vaecf::ui {

namespace {

QDateTime newestChange(const fs::path& folder) {
  QDateTime newest;
  for (const fs::path& file : {runConfigPath(folder), runEventsPath(folder)}) {
    const QFileInfo info(QString::fromStdString(file.string()));
    if (info.exists() && (!newest.isValid() || info.lastModified() > newest)) newest = info.lastModified();
  }
  return newest;
}

// A run without events (EASE) is summarised from metrics.json, written once it is complete.
void summarizeFromMetrics(const fs::path& runFolder, RunSummary& summary) {
  try {
    const ExperimentResult metrics = readRunMetrics(runFolder);
    summary.result.validation = metrics.validation;
    summary.result.test = metrics.test;
    summary.result.seconds = metrics.seconds;
    if (metrics.bestEpoch) summary.result.bestEpoch = *metrics.bestEpoch;
    summary.state = TrainerState::Finished;
  } catch (const Error& error) {
    summary.problem = error.what();
  }
}

}  // namespace

namespace {

std::optional<double> metricOf(const std::optional<EvaluationReport>& report, const std::string& metric) {
  if (!report) return std::nullopt;
  const auto found = report->metrics.find(metric);
  if (found == report->metrics.end()) return std::nullopt;
  return found->second.mean;
}

}  // namespace

std::optional<double> RunSummary::bestMetric(const std::string& metric) const {
  return metricOf(result.validation, metric);
}

std::optional<double> RunSummary::testMetric(const std::string& metric) const { return metricOf(result.test, metric); }

std::string RunSummary::finalParam(const std::string& name) const {
  for (auto change = liveChanges.rbegin(); change != liveChanges.rend(); ++change)
    if (change->name == name) return change->value;
  for (const auto& [key, value] : config.params)
    if (key == name) return value;
  return {};
}

RunSummary RunStore::summarize(const fs::path& runFolder) {
  RunSummary summary;
  summary.folder = runFolder;
  summary.config = readRunConfig(runFolder);
  summary.modified = newestChange(runFolder);
  if (!fs::exists(runEventsPath(runFolder))) {
    if (fs::exists(runMetricsPath(runFolder))) summarizeFromMetrics(runFolder, summary);
    return summary;
  }
  try {
    const std::vector<TrainingEvent> events = readRunEvents(runFolder);
    summary.result = summarizeRun(events);
    for (const auto& event : events) {
      if (const auto* change = std::get_if<StateChange>(&event.payload)) summary.state = change->state;
      if (const auto* change = std::get_if<ParameterChange>(&event.payload))
        summary.liveChanges.push_back({event.step, change->name, change->value});
    }
  } catch (const Error& error) {
    summary.problem = error.what();
  }
  return summary;
}

std::shared_ptr<RunHistory> RunStore::loadHistory(const fs::path& runFolder) {
  auto history = std::make_shared<RunHistory>();
  if (fs::exists(runEventsPath(runFolder))) history->applyAll(readRunEvents(runFolder));
  return history;
}

std::vector<RunSummary> RunStore::list() const {
  std::vector<RunSummary> runs;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(folder_, error)) {
    if (!entry.is_directory() || !fs::exists(runConfigPath(entry.path()))) continue;
    try {
      runs.push_back(summarize(entry.path()));
    } catch (const Error&) {
      // A config still being renamed into place or foreign files: not a run (yet).
    }
  }
  std::sort(runs.begin(), runs.end(), [](const RunSummary& a, const RunSummary& b) { return a.modified > b.modified; });
  return runs;
}

QString runDisplayName(const fs::path& runFolder) {
  const QString id = QString::fromStdString(runFolder.filename().string());
  QString model;
  try {
    model = QString::fromStdString(readRunConfig(runFolder).model);
  } catch (const Error&) {
    return id;
  }
  if (!id.startsWith(model)) return model + QLatin1Char(' ') + id;
  QString shortId = id.mid(model.size());
  if (shortId.startsWith(QLatin1Char('-'))) shortId.remove(0, 1);
  return shortId.isEmpty() ? model : model + QLatin1Char(' ') + shortId;
}

}  // namespace vaecf::ui
