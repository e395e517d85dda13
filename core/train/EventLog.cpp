#include "train/EventLog.h"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <utility>

#include "common/Error.h"
#include "common/InputFile.h"
#include "common/JsonValues.h"
#include "train/RunFolder.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace vaecf {

namespace {

template <class... Handlers>
struct Overloaded : Handlers... {
  using Handlers::operator()...;
};
template <class... Handlers>
Overloaded(Handlers...) -> Overloaded<Handlers...>;

// JSON has no NaN or infinity; such values travel as null.
json number(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }
double number(const json& value) {
  return value.is_null() ? std::numeric_limits<double>::quiet_NaN() : value.get<double>();
}

json scalarsToJson(const ScalarMap& scalars) {
  json out = json::object();
  for (const auto& [name, stats] : scalars) {
    out[name] = {{"last", number(stats.last)},
                 {"mean", number(stats.mean)},
                 {"min", number(stats.min)},
                 {"max", number(stats.max)},
                 {"count", stats.count}};
  }
  return out;
}

ScalarMap scalarsFromJson(const json& in) {
  ScalarMap scalars;
  for (const auto& [name, stats] : in.items()) {
    scalars[name] = ScalarStats{number(stats.at("last")), number(stats.at("mean")), number(stats.at("min")),
                                number(stats.at("max")), jsonIntegerAt<std::int64_t>(stats, "count")};
  }
  return scalars;
}

json metricsToJson(const std::map<std::string, MetricSummary>& metrics) {
  json out = json::object();
  for (const auto& [name, summary] : metrics) {
    out[name] = {{"mean", number(summary.mean)}, {"standard_error", number(summary.standardError)}};
  }
  return out;
}

std::map<std::string, MetricSummary> metricsFromJson(const json& in) {
  std::map<std::string, MetricSummary> metrics;
  for (const auto& [name, summary] : in.items()) {
    metrics[name] = MetricSummary{number(summary.at("mean")), number(summary.at("standard_error"))};
  }
  return metrics;
}

json reportToJson(const EvaluationReport& report) {
  json cohorts = json::array();
  for (const auto& cohort : report.cohorts) {
    cohorts.push_back({{"label", cohort.label},
                       {"lower", cohort.lower},
                       {"upper", cohort.upper},
                       {"users", cohort.users},
                       {"metrics", metricsToJson(cohort.metrics)}});
  }
  return {{"users", report.users},
          {"users_without_heldout", report.usersWithoutHeldout},
          {"metrics", metricsToJson(report.metrics)},
          {"cohorts", std::move(cohorts)}};
}

EvaluationReport reportFromJson(const json& in) {
  EvaluationReport report;
  report.users = jsonIntegerAt<std::size_t>(in, "users");
  report.usersWithoutHeldout = jsonIntegerAt<std::size_t>(in, "users_without_heldout");
  report.metrics = metricsFromJson(in.at("metrics"));
  for (const auto& cohort : in.at("cohorts")) {
    report.cohorts.push_back(
        CohortResult{cohort.at("label").get<std::string>(), jsonIntegerAt<std::uint32_t>(cohort, "lower"),
                     jsonIntegerAt<std::uint32_t>(cohort, "upper"), jsonIntegerAt<std::size_t>(cohort, "users"),
                     metricsFromJson(cohort.at("metrics"))});
  }
  return report;
}

std::string_view splitName(EvaluatedSplit split) {
  return split == EvaluatedSplit::Validation ? "validation" : "test";
}

EvaluatedSplit parseSplitName(const std::string& name) {
  if (name == "validation") return EvaluatedSplit::Validation;
  if (name == "test") return EvaluatedSplit::Test;
  throw Error("unknown evaluated split '" + name + "'");
}

std::string_view levelName(NoteLevel level) { return level == NoteLevel::Info ? "info" : "warning"; }

NoteLevel parseLevelName(const std::string& name) {
  if (name == "info") return NoteLevel::Info;
  if (name == "warning") return NoteLevel::Warning;
  throw Error("unknown note level '" + name + "'");
}

json payloadToJson(const TrainingEvent& event) {
  return std::visit(
      Overloaded{
          [](const StateChange& change) -> json {
            return {{"type", "state"}, {"state", stateName(change.state)}, {"message", change.message}};
          },
          [](const ScalarSummary& summary) -> json {
            return {{"type", "scalars"}, {"scalars", scalarsToJson(summary.scalars)}};
          },
          [](const EpochSummary& summary) -> json {
            return {
                {"type", "epoch"}, {"seconds", summary.seconds}, {"scalars", scalarsToJson(summary.scalars)}};
          },
          [](const Evaluation& evaluation) -> json {
            return {{"type", "evaluation"},
                    {"split", splitName(evaluation.split)},
                    {"best", evaluation.best},
                    {"report", reportToJson(evaluation.report)}};
          },
          [](const ParameterChange& change) -> json {
            return {{"type", "parameter"}, {"name", change.name}, {"value", change.value}};
          },
          [](const Note& note) -> json {
            return {
                {"type", "note"}, {"level", levelName(note.level)}, {"code", note.code}, {"text", note.text}};
          },
      },
      event.payload);
}

decltype(TrainingEvent::payload) payloadFromJson(const json& in) {
  const auto type = in.at("type").get<std::string>();
  if (type == "state") {
    return StateChange{parseStateName(in.at("state").get<std::string>()),
                       in.at("message").get<std::string>()};
  }
  if (type == "scalars") return ScalarSummary{scalarsFromJson(in.at("scalars"))};
  if (type == "epoch") return EpochSummary{scalarsFromJson(in.at("scalars")), in.at("seconds").get<double>()};
  if (type == "evaluation") {
    return Evaluation{parseSplitName(in.at("split").get<std::string>()), in.at("best").get<bool>(),
                      reportFromJson(in.at("report"))};
  }
  if (type == "parameter")
    return ParameterChange{in.at("name").get<std::string>(), in.at("value").get<std::string>()};
  if (type == "note") {
    return Note{parseLevelName(in.at("level").get<std::string>()), in.at("code").get<std::string>(),
                in.at("text").get<std::string>()};
  }
  throw Error("unknown event type '" + type + "'");
}

}  // namespace

std::string eventToJsonLine(const TrainingEvent& event) {
  json line = payloadToJson(event);
  line["generation"] = event.generation;
  line["epoch"] = event.epoch;
  line["step"] = event.step;
  line["time"] = event.elapsedSeconds;
  return line.dump();
}

TrainingEvent eventFromJsonLine(const std::string& line) {
  try {
    const json in = json::parse(line);
    return TrainingEvent{jsonIntegerAt<std::int64_t>(in, "generation"), jsonIntegerAt<std::int64_t>(in, "epoch"),
                         jsonIntegerAt<std::int64_t>(in, "step"), in.at("time").get<double>(), payloadFromJson(in)};
  } catch (const json::exception& e) {
    throw Error(std::string("not a training event: ") + e.what());
  } catch (const Error& e) {
    throw Error(std::string("not a training event: ") + e.what());
  }
}

std::vector<TrainingEvent> readEventLog(const fs::path& file) {
  requireRegularFileIfPresent(file);  // a named pipe would block the reader
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "cannot open the event log");
  std::vector<TrainingEvent> events;
  std::string line;
  std::size_t lineNumber = 0;
  // getline() sets eof on a last line without its newline: that line is still being written.
  while (std::getline(in, line) && !in.eof()) {
    ++lineNumber;
    try {
      events.push_back(eventFromJsonLine(line));
    } catch (const Error& e) {
      throw InputError(file.string(), lineNumber, e.what());
    }
  }
  return events;
}

std::vector<TrainingEvent> readRunEvents(const fs::path& runFolder) {
  return readEventLog(runEventsPath(runFolder));
}

EventLogWriter::EventLogWriter(const fs::path& file, std::uint64_t keepBytes) : file_(file) {
  fs::create_directories(file.parent_path());
  if (!fs::exists(file)) std::ofstream(file, std::ios::binary);
  fs::resize_file(file, std::min<std::uint64_t>(keepBytes, fs::file_size(file)));
  size_ = fs::file_size(file);
  out_.open(file, std::ios::binary | std::ios::app);
  if (!out_) throw InputError(file.string(), 0, "cannot open the event log for writing");
}

void EventLogWriter::append(const TrainingEvent& event) {
  const std::string line = eventToJsonLine(event) + '\n';
  out_.write(line.data(), static_cast<std::streamsize>(line.size()));
  out_.flush();
  if (!out_) throw InputError(file_.string(), 0, "cannot append to the event log (disk full?)");
  size_ += line.size();
}

}  // namespace vaecf
