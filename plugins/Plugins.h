#pragma once
// Start-up of the plugins (docs/plugins.md): what the CLI, the window and the tests call
// before anything reads the model catalogue.

#include "plugin/PluginRegistry.h"

namespace vaecf {

// Registers the plugins built into the program (generated: plugins/BuiltinPlugin.cmake).
void registerBuiltinPlugins(PluginRegistry& registry);

// The built-in plugins, then the shared-library plugins on pluginSearchPath(), but for
// those the user disabled (pluginSettingsFile). Refused plugins are recorded with their
// reason; none stops the program, nor does a damaged settings file
// (PluginRegistry::settingsProblem, and then nothing is disabled).
void loadPlugins();

}  // namespace vaecf
