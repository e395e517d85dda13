#pragma once
// What a dataset-format plugin declares (docs/plugins.md, "A dataset format"): its name,
// its options, whether it recognises a path, and its reader. The CLI, the window and the
// run configs reach every format through this declaration, never by its name.

#include <deque>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "common/TaskContext.h"
#include "data/InteractionLog.h"
#include "models/Params.h"

namespace vaecf {

struct DatasetFormat {
  // Reads the dataset at `path` (a folder or a file; ignored when !readsPath). Throws
  // InputError naming the file, the line and the problem.
  using Reader =
      std::function<InteractionLog(const std::filesystem::path& path, const ParamSet& options, const TaskContext& context)>;
  // Whether `path` looks like this format's data; cheap, and never throws.
  using Detector = std::function<bool(const std::filesystem::path& path)>;
  // Settles the options left to detection ("auto") from the data itself and says, in
  // words, what it assumed (empty when nothing). Throws InputError when it cannot.
  using Resolver = std::function<std::string(const std::filesystem::path& path, ParamSet& options)>;

  std::string name;
  std::string summary;
  std::vector<ParamSpec> options;
  bool readsPath = true;  // false: the format makes its data (a generator) and reads no path
  Detector canRead;       // unset: never chosen by detection
  bool generic = false;   // reads any file of its kind (a delimited log): asked after the others
  Resolver resolve;       // unset: no option is left to detection
  Reader read;
};

// Every dataset format, in the order the plugins registered them.
const std::deque<DatasetFormat>& formatCatalog();
// Throws Error listing the known formats.
const DatasetFormat& findFormat(const std::string& name);
// "ml-latest, ml-100k, ...", or "none (no plugin loaded)", for messages.
std::string knownFormatNames();
// The first format in the catalogue that recognises `path`, a generic one only when no
// other does; null when none does.
const DatasetFormat* detectFormat(const std::filesystem::path& path);

}  // namespace vaecf
