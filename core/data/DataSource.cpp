#include "data/DataSource.h"

#include <nlohmann/json.hpp>
#include <map>
#include <set>

#include "common/Error.h"
#include "common/JsonValues.h"
#include "data/CanonicalSplit.h"
#include "data/TemporalSplit.h"
#include "plugin/PluginRegistry.h"

namespace vaecf {

namespace {

// Configs written before formats were plugins kept a format's options as typed JSON in an
// object named after the format, an absent column as null.
std::map<std::string, std::string> legacyFormatOptions(const nlohmann::json& object) {
  std::map<std::string, std::string> options;
  for (const auto& [name, value] : object.items()) {
    if (value.is_null()) options[name] = "-1";
    else if (value.is_boolean()) options[name] = value.get<bool>() ? "yes" : "no";
    else if (value.is_string()) options[name] = value.get<std::string>();
    else options[name] = value.dump();
  }
  return options;
}

}  // namespace

std::string DataSource::describe() const {
  if (splitDir) return "split folder " + splitDir->string();
  if (!raw) return "no data";
  std::string text = raw->format;
  if (!raw->path.empty()) return text + " " + raw->path.string();
  // Data made, not read: the options that make it differ from the defaults.
  const DatasetFormat* format = PluginRegistry::instance().findFormat(raw->format);
  const ParamSet defaults(format != nullptr ? format->options : std::vector<ParamSpec>{});
  for (const auto& [name, value] : raw->options)
    if (!defaults.declares(name) || defaults.text(name) != value) text += " " + name + "=" + value;
  return text;
}

ProtocolOptions effectiveProtocol(const DataSource& source, const InteractionLog& log) {
  ProtocolOptions protocol = source.protocol;
  if (!source.thresholdGiven) protocol.positiveThreshold = defaultPositiveThreshold(log);
  return protocol;
}

DatasetStats datasetStats(const InteractionLog& log, const ProtocolOptions& protocol) {
  DatasetStats stats;
  stats.users = log.users.size();
  stats.items = log.items.size();
  stats.interactions = log.interactions.size();
  stats.explicitValues = log.explicitValues;
  stats.hasTimestamps = log.hasTimestamps;
  stats.threshold = protocol.positiveThreshold;
  stats.notes = valueNotes(log, protocol);
  const PositiveSets positives = binarize(log, protocol);
  stats.positiveUsers = positives.users.size();
  stats.positives = positives.positives;
  std::set<std::uint32_t> items;
  for (const auto& row : positives.items) items.insert(row.begin(), row.end());
  stats.positiveItems = items.size();
  return stats;
}

LoadedData loadData(const DataSource& source, const TaskContext& context) {
  LoadedData data;
  if (source.splitDir) {
    data.split = readCanonicalSplit(*source.splitDir);
    return data;
  }
  if (!source.raw) throw Error("no dataset given");
  InteractionLog log = importDataset(*source.raw, context);
  const ProtocolOptions protocol = effectiveProtocol(source, log);
  const PositiveSets positives = binarize(log, protocol);
  data.stats = datasetStats(log, protocol);
  data.split = strongGeneralizationSplit(log, positives, protocol, context);
  if (protocol.heldoutByTime) data.split = temporalSplit(data.split, log, protocol.heldoutFraction);
  data.log = std::move(log);
  return data;
}

nlohmann::json toJson(const DataSource& source) {
  nlohmann::json json;
  if (source.splitDir) json["split"] = source.splitDir->string();
  if (source.raw) {
    json["format"] = source.raw->format;
    json["path"] = source.raw->path.string();
    json["options"] = source.raw->options;
  }
  const ProtocolOptions& p = source.protocol;
  json["protocol"] = {{"positive_threshold", source.thresholdGiven && p.positiveThreshold ? nlohmann::json(*p.positiveThreshold)
                                                                                        : nlohmann::json()},
                      {"threshold_given", source.thresholdGiven},
                      {"min_user_positives", p.minUserPositives},
                      {"heldout_users", p.heldoutUsers},
                      {"heldout_fraction", p.heldoutFraction},
                      {"heldout_order", p.heldoutByTime ? "time" : "random"},
                      {"seed", p.seed}};
  return json;
}

DataSource dataSourceFromJson(const nlohmann::json& json) {
  DataSource source;
  if (json.contains("split")) source.splitDir = json.at("split").get<std::string>();
  if (json.contains("format")) {
    ImportOptions raw;
    raw.format = json.at("format").get<std::string>();
    raw.path = json.at("path").get<std::string>();
    if (json.contains("options")) {
      raw.options = json.at("options").get<std::map<std::string, std::string>>();
    } else if (json.contains(raw.format)) {
      raw.options = legacyFormatOptions(json.at(raw.format));
    }
    source.raw = raw;
  }
  const auto& p = json.at("protocol");
  source.thresholdGiven = p.at("threshold_given").get<bool>();
  if (!p.at("positive_threshold").is_null()) source.protocol.positiveThreshold = p.at("positive_threshold").get<double>();
  source.protocol.minUserPositives = jsonIntegerAt<std::uint32_t>(p, "min_user_positives");
  source.protocol.heldoutUsers = jsonIntegerAt<std::uint32_t>(p, "heldout_users");
  source.protocol.heldoutFraction = p.at("heldout_fraction").get<double>();
  // Configs written before the time order existed hold random splits.
  source.protocol.heldoutByTime = p.value("heldout_order", "random") == "time";
  source.protocol.seed = jsonIntegerAt<std::uint32_t>(p, "seed");
  return source;
}

nlohmann::json toJson(const DatasetStats& stats) {
  return {{"users", stats.users},
          {"items", stats.items},
          {"interactions", stats.interactions},
          {"positives", stats.positives},
          {"positive_users", stats.positiveUsers},
          {"positive_items", stats.positiveItems},
          {"explicit_values", stats.explicitValues},
          {"timestamps", stats.hasTimestamps},
          {"positive_threshold", stats.threshold ? nlohmann::json(*stats.threshold) : nlohmann::json()}};
}

}  // namespace vaecf
