#include "plugin/DatasetFormat.h"

#include "common/Error.h"
#include "plugin/PluginRegistry.h"

namespace vaecf {

const std::deque<DatasetFormat>& formatCatalog() { return PluginRegistry::instance().formats(); }

const DatasetFormat& findFormat(const std::string& name) {
  if (const DatasetFormat* format = PluginRegistry::instance().findFormat(name)) return *format;
  std::string known;
  for (const DatasetFormat& format : formatCatalog()) known += (known.empty() ? "" : ", ") + format.name;
  throw Error("unknown dataset format '" + name + "'; known formats: " +
              (known.empty() ? "none (no plugin loaded)" : known));
}

const DatasetFormat* detectFormat(const std::filesystem::path& path) {
  for (const bool generic : {false, true})
    for (const DatasetFormat& format : formatCatalog())
      if (format.generic == generic && format.readsPath && format.canRead && format.canRead(path)) return &format;
  return nullptr;
}

}  // namespace vaecf
