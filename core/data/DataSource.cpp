#include "data/DataSource.h"

#include <nlohmann/json.hpp>
#include <set>

#include "common/Error.h"
#include "common/JsonValues.h"
#include "data/CanonicalSplit.h"
#include "data/TemporalSplit.h"

namespace vaecf {

std::string DataSource::describe() const {
  if (splitDir) return "split folder " + splitDir->string();
  if (raw && raw->format == DatasetFormat::Synthetic)
    return "synthetic " + std::to_string(raw->synthetic.users) + " users x " + std::to_string(raw->synthetic.items) +
           " items (seed " + std::to_string(raw->synthetic.seed) + ")";
  if (raw) return formatName(raw->format) + " " + raw->path.string();
  return "no data";
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
    const DelimitedOptions& d = source.raw->delimited;
    json["format"] = formatName(source.raw->format);
    json["path"] = source.raw->path.string();
    if (source.raw->format == DatasetFormat::Delimited)
      json["delimited"] = {{"separator", std::string(1, d.separator)},
                           {"header", d.header},
                           {"user_column", d.userColumn},
                           {"item_column", d.itemColumn},
                           {"value_column", d.valueColumn ? nlohmann::json(*d.valueColumn) : nlohmann::json()},
                           {"timestamp_column", d.timestampColumn ? nlohmann::json(*d.timestampColumn) : nlohmann::json()},
                           {"encoding", d.encoding == TextEncoding::Latin1 ? "latin1" : "utf8"}};
    if (source.raw->format == DatasetFormat::Synthetic) {
      const SyntheticOptions& s = source.raw->synthetic;
      json["synthetic"] = {{"users", s.users},
                           {"items", s.items},
                           {"communities", s.communities},
                           {"popularity_exponent", s.popularityExponent},
                           {"in_community_share", s.inCommunityShare},
                           {"mean_activity", s.meanActivity},
                           {"activity_spread", s.activitySpread},
                           {"min_activity", s.minActivity},
                           {"seed", s.seed}};
    }
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
    raw.format = parseFormatName(json.at("format").get<std::string>());
    raw.path = json.at("path").get<std::string>();
    if (json.contains("delimited")) {
      const auto& d = json.at("delimited");
      const std::string separator = d.at("separator").get<std::string>();
      if (separator.size() != 1) throw Error("'separator' must be one character, found " + quoteText(separator));
      raw.delimited.separator = separator[0];
      raw.delimited.header = d.at("header").get<bool>();
      raw.delimited.userColumn = jsonIntegerAt<std::size_t>(d, "user_column");
      raw.delimited.itemColumn = jsonIntegerAt<std::size_t>(d, "item_column");
      if (!d.at("value_column").is_null()) raw.delimited.valueColumn = jsonIntegerAt<std::size_t>(d, "value_column");
      else raw.delimited.valueColumn.reset();
      if (!d.at("timestamp_column").is_null()) raw.delimited.timestampColumn = jsonIntegerAt<std::size_t>(d, "timestamp_column");
      raw.delimited.encoding = d.at("encoding") == "latin1" ? TextEncoding::Latin1 : TextEncoding::Utf8;
    }
    if (json.contains("synthetic")) {
      const auto& s = json.at("synthetic");
      raw.synthetic.users = jsonIntegerAt<std::uint32_t>(s, "users");
      raw.synthetic.items = jsonIntegerAt<std::uint32_t>(s, "items");
      raw.synthetic.communities = jsonIntegerAt<std::uint32_t>(s, "communities");
      raw.synthetic.popularityExponent = s.at("popularity_exponent").get<double>();
      raw.synthetic.inCommunityShare = s.at("in_community_share").get<double>();
      raw.synthetic.meanActivity = s.at("mean_activity").get<double>();
      raw.synthetic.activitySpread = s.at("activity_spread").get<double>();
      raw.synthetic.minActivity = jsonIntegerAt<std::uint32_t>(s, "min_activity");
      raw.synthetic.seed = jsonIntegerAt<std::uint64_t>(s, "seed");
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
