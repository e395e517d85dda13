#pragma once
// Every plugin the program knows, built in or loaded from a shared library, and the model
// families they provide (docs/plugins.md). Filled once at start-up, before any thread
// reads it; afterwards read-only.

#include <deque>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "plugin/ModelFamily.h"
#include "plugin/PluginManifest.h"

namespace vaecf {

class PluginRegistrar;

// One plugin as `vaecf plugins` and the window's plugin manager list it.
struct PluginRecord {
  PluginManifest manifest;
  std::string source;   // "built in", or the plugin.json it came from
  bool loaded = false;  // false: refused, and `refusal` says why
  std::string refusal;
  std::vector<std::string> models;  // the model families it provides
};

class PluginRegistry {
 public:
  static PluginRegistry& instance();

  // Runs `entry` against a staging registrar and keeps what it registered when every name
  // is new; otherwise (or when it throws) records the plugin as refused and keeps
  // nothing. Returns whether it was loaded.
  bool add(const PluginManifest& manifest, const std::string& source, const std::function<void(PluginRegistrar&)>& entry);
  void refuse(const PluginManifest& manifest, const std::string& source, const std::string& reason);

  const std::vector<PluginRecord>& plugins() const { return plugins_; }
  const std::deque<ModelFamily>& models() const { return models_; }
  const ModelFamily* findModel(const std::string& name) const;  // null when unknown

 private:
  std::vector<PluginRecord> plugins_;
  std::deque<ModelFamily> models_;  // a deque keeps references valid as plugins arrive
};

// Folders searched for shared-library plugins, in order: $VAECF_PLUGIN_PATH (colon-
// separated), the per-user folder ($XDG_DATA_HOME/vaecf-workbench/plugins) and the
// install prefix's lib/vaecf-workbench/plugins beside the running program.
std::vector<std::filesystem::path> pluginSearchPath();

// Loads every plugin found one folder below each of `folders` (FOLDER/NAME/plugin.json
// naming its library). A plugin whose manifest is unreadable or names another API, whose
// library does not load, lacks the entry point, throws while registering or declares a
// name already taken is refused with the reason; the others load regardless.
void loadExternalPlugins(PluginRegistry& registry, const std::vector<std::filesystem::path>& folders);

}  // namespace vaecf
