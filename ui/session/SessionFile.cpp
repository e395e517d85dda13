#include "session/SessionFile.h"

#include <algorithm>
#include <fstream>
#include <ostream>

#include <nlohmann/json.hpp>

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/InputFile.h"
#include "common/JsonValues.h"
#include "train/LocalRanks.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace vaecf::ui {

namespace {

json syntheticJson(const SyntheticOptions& options) {
  return {{"users", options.users},
          {"items", options.items},
          {"communities", options.communities},
          {"seed", options.seed}};
}

SyntheticOptions syntheticFromJson(const json& value) {
  SyntheticOptions options;
  options.users = jsonIntegerAt<std::uint32_t>(value, "users");
  options.items = jsonIntegerAt<std::uint32_t>(value, "items");
  options.communities = jsonIntegerAt<std::uint32_t>(value, "communities");
  options.seed = jsonIntegerAt<std::uint64_t>(value, "seed");
  return options;
}

// The protocol of a synthetic request, which toJson(DataSource) leaves out without a raw dataset.
json protocolJson(const ProtocolOptions& protocol) {
  return {{"min_user_positives", protocol.minUserPositives},
          {"heldout_users", protocol.heldoutUsers},
          {"heldout_fraction", protocol.heldoutFraction},
          {"seed", protocol.seed}};
}

ProtocolOptions protocolFromJson(const json& value) {
  ProtocolOptions protocol;
  protocol.minUserPositives = jsonIntegerAt<std::uint32_t>(value, "min_user_positives");
  protocol.heldoutUsers = jsonIntegerAt<std::uint32_t>(value, "heldout_users");
  protocol.heldoutFraction = value.at("heldout_fraction").get<double>();
  protocol.seed = jsonIntegerAt<std::uint32_t>(value, "seed");
  return protocol;
}

// A run the session names is a folder inside its runs folder, never a path out of it.
void checkRunName(const std::string& run, const std::string& field) {
  if (run.empty() || fs::path(run).has_parent_path() || run == "." || run == "..")
    throw Error("'" + field + "' names run folders inside the runs folder, not " + quoteText(run));
}

void checkColour(const std::string& colour) {
  const bool hex = colour.size() == 7 && colour[0] == '#' &&
                   colour.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
  if (!hex) throw Error("'run_colours' gives colours as #rrggbb, not " + quoteText(colour));
}

void checkGrouping(const std::string& grouping) {
  if (grouping != "none" && grouping != "dataset" && grouping != "model")
    throw Error("'run_grouping' is none, dataset or model, not " + quoteText(grouping));
}

void checkCentreView(const std::string& view) {
  if (std::find(kCentreViews.begin(), kCentreViews.end(), view) == kCentreViews.end())
    throw Error("'view' is curves, latent, lessons or sweeps, not " + quoteText(view));
}

void checkWorkers(int workers) {
  if (workers < 1 || workers > LocalRanks::kMostWorkers)
    throw Error("'workers' is 1 to " + std::to_string(LocalRanks::kMostWorkers) + ", not " + std::to_string(workers));
}

}  // namespace

void saveSessionFile(const SessionFile& session, const fs::path& file) {
  json document;
  if (session.data.synthetic) {
    document["synthetic"] = syntheticJson(*session.data.synthetic);
    document["protocol"] = protocolJson(session.data.source.protocol);
  } else {
    document["data"] = toJson(session.data.source);
  }
  document["model"] = session.model;
  // An array of pairs keeps the declaration order, which a JSON object would not.
  document["params"] = json::array();
  for (const auto& [name, value] : session.params) document["params"].push_back({name, value});
  document["cohort_edges"] = session.cohortEdges;
  document["runs_folder"] = session.runsFolder.string();
  document["selected_runs"] = session.selectedRuns;
  document["hidden_run_columns"] = session.hiddenRunColumns;
  document["view"] = session.centreView;
  document["focus_user"] = session.focusUser;
  document["run_colours"] = session.runColours;
  document["run_grouping"] = session.runGrouping;
  document["workers"] = session.workers;
  writeFileAtomically(file, [&document](std::ostream& out) { out << document.dump(2) << '\n'; });
}

SessionFile loadSessionFile(const fs::path& file) {
  requireRegularFileIfPresent(file);  // a named pipe would block the window
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), 0, "cannot open the session file");
  try {
    const json document = json::parse(in);
    SessionFile session;
    if (document.contains("synthetic")) {
      session.data.synthetic = syntheticFromJson(document.at("synthetic"));
      session.data.source.protocol = protocolFromJson(document.at("protocol"));
    } else {
      session.data.source = dataSourceFromJson(document.at("data"));
    }
    session.model = document.at("model").get<std::string>();
    const json& params = document.at("params");
    if (!params.is_array()) throw Error("'params' must be an array of [name, value] pairs");
    for (const json& pair : params) {
      if (!pair.is_array() || pair.size() != 2) throw Error("'params' must be an array of [name, value] pairs");
      session.params.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
    }
    session.cohortEdges = jsonIntegersAt<std::uint32_t>(document, "cohort_edges");
    session.runsFolder = document.at("runs_folder").get<std::string>();
    // What the window showed: absent from sessions saved before it was kept.
    session.selectedRuns = document.value("selected_runs", std::vector<std::string>{});
    for (const std::string& run : session.selectedRuns) checkRunName(run, "selected_runs");
    session.hiddenRunColumns = document.value("hidden_run_columns", std::vector<std::string>{});
    session.centreView = document.value("view", std::string("curves"));
    checkCentreView(session.centreView);
    session.focusUser = document.value("focus_user", std::string());
    session.runColours = document.value("run_colours", std::map<std::string, std::string>{});
    for (const auto& [run, colour] : session.runColours) {
      checkRunName(run, "run_colours");
      checkColour(colour);
    }
    session.runGrouping = document.value("run_grouping", std::string("none"));
    checkGrouping(session.runGrouping);
    session.workers = document.value("workers", 1);
    checkWorkers(session.workers);
    return session;
  } catch (const json::exception& error) {
    throw InputError(file.string(), 0, std::string("not a workbench session: ") + error.what());
  } catch (const InputError&) {
    throw;
  } catch (const Error& error) {  // a checked value (JsonValues.h, dataSourceFromJson) names no file
    throw InputError(file.string(), 0, std::string("not a workbench session: ") + error.what());
  }
}

}  // namespace vaecf::ui
