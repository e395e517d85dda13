#pragma once
// Reading a dataset through its format plugin (plugin/DatasetFormat.h).

#include <filesystem>
#include <map>
#include <string>

#include "common/TaskContext.h"
#include "data/InteractionLog.h"
#include "models/Params.h"

namespace vaecf {

struct DatasetFormat;

// A dataset as a user names it: a format, the path it reads, and values for the format's
// options (the others keep their defaults).
struct ImportOptions {
  std::string format;
  // A dataset folder (the usual case: the reader finds its files by their standard names)
  // or the data file itself. Empty for a format that reads no path.
  std::filesystem::path path;
  std::map<std::string, std::string> options;
};

// The format's options with the given values, each checked against its declaration.
// Throws Error naming the option and what it allows.
ParamSet formatOptions(const DatasetFormat& format, const ImportOptions& import);

// Completes `import` before it is recorded in a run: the format detected from the path
// when none is named, every option's value, those left to detection settled from the data.
// Returns what was assumed, in words (empty when nothing). Throws InputError or Error.
std::string resolveImport(ImportOptions& import);

// Reads the dataset, with item titles and genres where the format has a catalogue file.
// Throws InputError naming the file, the line and the problem.
InteractionLog importDataset(const ImportOptions& import, const TaskContext& context = {});

}  // namespace vaecf
