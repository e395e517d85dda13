#pragma once
// A saved workbench session: the data request, the model with its parameters, the cohort
// edges, the runs folder and what the window showed (the selected runs, the run table's
// hidden columns, the centre's tab, the focus user, the run colours the user chose), as
// JSON. Runs themselves live in their folders. The window saves one when it closes and
// opens it at the next start.

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "session/SessionData.h"

namespace vaecf::ui {

// The tabs of the window's centre, in their order, as a session file names them.
inline constexpr std::array<std::string_view, 4> kCentreViews{"curves", "latent", "lessons", "sweeps"};

struct SessionFile {
  DataRequest data;
  std::string model;
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<std::uint32_t> cohortEdges;
  std::filesystem::path runsFolder;
  std::vector<std::string> selectedRuns;  // folder names inside runsFolder
  std::vector<std::string> hiddenRunColumns;  // the run table's keys ("dataset", "param:lr")
  std::string centreView = "curves";      // one of kCentreViews
  std::string focusUser;                  // as typed in the focus panel
  std::map<std::string, std::string> runColours;  // run folder name -> "#rrggbb", as the user chose
  std::string runGrouping = "none";               // the run table's rows: "none", "dataset" or "model"
  int workers = 1;                                // local ranks of the next run (docs/data-parallel.md)
};

// Writes atomically; throws Error when the file cannot be written.
void saveSessionFile(const SessionFile& session, const std::filesystem::path& file);
// Throws InputError naming the file when it is missing or malformed.
SessionFile loadSessionFile(const std::filesystem::path& file);

}  // namespace vaecf::ui
