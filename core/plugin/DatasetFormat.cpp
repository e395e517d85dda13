#include "plugin/DatasetFormat.h"

#include "common/Error.h"
#include "plugin/PluginRegistry.h"

namespace vaecf {

const std::deque<DatasetFormat>& formatCatalog() { return PluginRegistry::instance().formats(); }

std::string knownFormatNames() {
  std::string known;
  for (const DatasetFormat& format : formatCatalog()) known += (known.empty() ? "" : ", ") + format.name;
  return known.empty() ? "none (no plugin loaded)" : known;
}

const DatasetFormat& findFormat(const std::string& name) {
  if (const DatasetFormat* format = PluginRegistry::instance().findFormat(name)) return *format;
  throw Error("unknown dataset format '" + name + "'; known formats: " + knownFormatNames());
}

const DatasetFormat* detectFormat(const std::filesystem::path& path) {
  for (const bool generic : {false, true})
    for (const DatasetFormat& format : formatCatalog())
      if (format.generic == generic && format.readsPath && format.canRead && format.canRead(path)) return &format;
  return nullptr;
}

}  // namespace vaecf
