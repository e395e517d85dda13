#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "common/TaskContext.h"
#include "data/Importers.h"
#include "data/Protocol.h"

namespace vaecf {

// Where a run's data comes from: a raw dataset split by the protocol, or a canonical
// split folder. Saved in every run's config so a run can be re-opened and compared.
struct DataSource {
  std::optional<ImportOptions> raw;             // set for a raw dataset
  std::optional<std::filesystem::path> splitDir;  // set for a canonical split folder
  ProtocolOptions protocol;                     // used with `raw` only
  bool thresholdGiven = false;                  // false: the format's default threshold applies

  std::string describe() const;  // one line for logs and tables
};

// Statistics of a raw dataset before and after binarising (`vaecf data stats`).
struct DatasetStats {
  std::size_t users = 0, items = 0, interactions = 0;  // raw
  std::size_t positiveUsers = 0, positiveItems = 0, positives = 0;  // after binarising and the user filter
  bool explicitValues = false, hasTimestamps = false;
  std::optional<double> threshold;
  std::vector<std::string> notes;  // valueNotes: counts read as such, negative values
};

struct LoadedData {
  Split split;
  std::optional<InteractionLog> log;  // the raw log when loaded from a dataset (titles, histories)
  DatasetStats stats;                 // raw counts are zero for a split folder
};

// Imports or reads the data, binarises and splits it. Throws InputError on bad input.
LoadedData loadData(const DataSource& source, const TaskContext& context = {});
// Counts only (no split), for `vaecf data stats`.
DatasetStats datasetStats(const InteractionLog& log, const ProtocolOptions& protocol);
// The protocol with the format's default threshold filled in when none was given.
ProtocolOptions effectiveProtocol(const DataSource& source, const InteractionLog& log);

nlohmann::json toJson(const DataSource& source);
DataSource dataSourceFromJson(const nlohmann::json& json);
nlohmann::json toJson(const DatasetStats& stats);

}  // namespace vaecf
