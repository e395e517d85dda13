#include "data/Importers.h"

#include "common/Error.h"
#include "plugin/DatasetFormat.h"

namespace vaecf {

namespace {

const DatasetFormat& formatFor(ImportOptions& import) {
  if (!import.format.empty()) return findFormat(import.format);
  const DatasetFormat* detected = detectFormat(import.path);
  if (detected == nullptr)
    throw InputError(import.path.string(), 0,
                     "no dataset format recognises it; name one (" + knownFormatNames() + ")");
  import.format = detected->name;
  return *detected;
}

}  // namespace

ParamSet formatOptions(const DatasetFormat& format, const ImportOptions& import) {
  ParamSet options(format.options);
  for (const auto& [name, value] : import.options) {
    if (!options.declares(name))
      throw Error("the dataset format '" + format.name + "' has no option '" + name + "'");
    try {
      options.set(name, value);
    } catch (const Error& error) {
      throw Error("dataset format '" + format.name + "': " + error.what());
    }
  }
  return options;
}

std::string resolveImport(ImportOptions& import) {
  const bool detected = import.format.empty();
  const DatasetFormat& format = formatFor(import);
  if (!format.readsPath && !import.path.empty())
    throw Error("the dataset format '" + format.name + "' makes its data and reads no path");
  ParamSet options = formatOptions(format, import);
  std::string note = detected ? "read as " + format.name + " (" + format.summary + ")" : "";
  if (format.resolve) {
    const std::string assumed = format.resolve(import.path, options);
    if (!assumed.empty()) note += (note.empty() ? "" : "; ") + assumed;
  }
  import.options.clear();
  for (const auto& [name, value] : options.values()) import.options[name] = value;
  return note;
}

InteractionLog importDataset(const ImportOptions& import, const TaskContext& context) {
  ImportOptions resolved = import;
  resolveImport(resolved);
  const DatasetFormat& format = findFormat(resolved.format);
  return format.read(resolved.path, formatOptions(format, resolved), context);
}

}  // namespace vaecf
