#include "Plugins.h"

#include "common/Error.h"

namespace vaecf {

void loadPlugins() {
  PluginRegistry& registry = PluginRegistry::instance();
  try {
    registry.setDisabled(readDisabledPlugins(pluginSettingsFile()));
  } catch (const Error& error) {
    registry.setSettingsProblem(error.what());  // a damaged settings file must not stop the program
  }
  registerBuiltinPlugins(registry);
  loadExternalPlugins(registry, pluginSearchPath());
}

}  // namespace vaecf
