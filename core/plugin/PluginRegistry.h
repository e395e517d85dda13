#pragma once
// Every plugin the program knows, built in or loaded from a shared library, and the model
// families and dataset formats they provide (docs/plugins.md). Filled once at start-up, before any thread
// reads it; afterwards read-only.

#include <deque>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "plugin/DatasetFormat.h"
#include "plugin/ModelFamily.h"
#include "plugin/PluginManifest.h"

namespace vaecf {

class PluginRegistrar;

// One plugin as `vaecf plugins` and the window's plugin manager list it.
struct PluginRecord {
  PluginManifest manifest;
  std::string source;   // "built in", or the plugin.json it came from
  bool loaded = false;  // false: disabled, or refused and `refusal` says why
  std::string refusal;
  std::vector<std::string> models;   // the model families it provides
  std::vector<std::string> formats;  // the dataset formats it provides
  bool enabled = true;              // false: the user turned it off (pluginSettingsFile); never run
};

class PluginRegistry {
 public:
  static PluginRegistry& instance();

  // The plugins the user turned off: add() lists them as disabled without running them.
  // Set before the first add().
  void setDisabled(std::set<std::string> names) { disabled_ = std::move(names); }
  bool isDisabled(const std::string& name) const { return disabled_.count(name) > 0; }
  // Why the settings could not be read (every plugin then loads); empty when they could.
  void setSettingsProblem(std::string problem) { settingsProblem_ = std::move(problem); }
  const std::string& settingsProblem() const { return settingsProblem_; }

  // Lists a disabled plugin as such. Otherwise runs `entry` against a staging registrar and keeps what it registered when every name
  // is new; otherwise (or when it throws) records the plugin as refused and keeps
  // nothing. Returns whether it was loaded.
  bool add(const PluginManifest& manifest, const std::string& source, const std::function<void(PluginRegistrar&)>& entry);
  void refuse(const PluginManifest& manifest, const std::string& source, const std::string& reason);

  const std::vector<PluginRecord>& plugins() const { return plugins_; }
  const std::deque<ModelFamily>& models() const { return models_; }
  const ModelFamily* findModel(const std::string& name) const;  // null when unknown
  const std::deque<DatasetFormat>& formats() const { return formats_; }
  const DatasetFormat* findFormat(const std::string& name) const;  // null when unknown

 private:
  std::set<std::string> disabled_;
  std::string settingsProblem_;
  std::vector<PluginRecord> plugins_;
  std::deque<ModelFamily> models_;  // a deque keeps references valid as plugins arrive
  std::deque<DatasetFormat> formats_;
};

// The user's plugin settings: $XDG_CONFIG_HOME/vaecf-workbench/plugins.json (~/.config
// when XDG_CONFIG_HOME is unset), {"disabled": [NAME, ...]}. `vaecf plugin disable|enable`
// and the window's plugin manager write it; the next start reads it.
std::filesystem::path pluginSettingsFile();
// An absent file disables nothing; a damaged one throws InputError naming it.
std::set<std::string> readDisabledPlugins(const std::filesystem::path& file);
// Atomically: a failed write leaves the previous settings whole.
void writeDisabledPlugins(const std::filesystem::path& file, const std::set<std::string>& names);

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
