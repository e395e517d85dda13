#include "Plugins.h"

namespace vaecf {

void loadPlugins() {
  PluginRegistry& registry = PluginRegistry::instance();
  registerBuiltinPlugins(registry);
  loadExternalPlugins(registry, pluginSearchPath());
}

}  // namespace vaecf
