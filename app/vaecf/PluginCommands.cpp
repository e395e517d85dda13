#include "PluginCommands.h"
#include "PluginScaffolds.h"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "plugin/PluginRegistry.h"
#include "plugin/PluginVersion.h"

namespace vaecf::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json pluginJson(const PluginRecord& plugin) {
  return {{"name", plugin.manifest.name},
          {"kind", plugin.manifest.kind},
          {"version", plugin.manifest.version},
          {"source", plugin.source},
          {"loaded", plugin.loaded},
          {"enabled", plugin.enabled},
          {"refusal", plugin.refusal},
          {"models", plugin.models},
          {"formats", plugin.formats},
          {"summary", plugin.manifest.summary}};
}

const char* stateOf(const PluginRecord& plugin) {
  if (!plugin.enabled) return "disabled";
  return plugin.loaded ? "loaded" : "refused";
}

void listPlugins(bool asJson) {
  const auto& plugins = PluginRegistry::instance().plugins();
  std::vector<std::string> path;
  for (const fs::path& folder : pluginSearchPath()) path.push_back(folder.string());
  if (asJson) {
    json list = json::array();
    for (const PluginRecord& plugin : plugins) list.push_back(pluginJson(plugin));
    fmt::print("{}\n", json{{"api", VAECF_PLUGIN_API_VERSION},
                            {"search_path", path},
                            {"settings", pluginSettingsFile().string()},
                            {"plugins", list}}
                           .dump());
    return;
  }
  fmt::print("Plugin API {}; shared-library plugins are searched in:\n", VAECF_PLUGIN_API_VERSION);
  for (const std::string& folder : path) fmt::print("  {}\n", folder);
  if (path.empty()) fmt::print("  nothing: VAECF_PLUGIN_PATH is unset, and a build tree has no plugin folders\n");
  fmt::print("Disabled plugins are listed in {} (vaecf plugin disable|enable NAME).\n",
             pluginSettingsFile().string());
  fmt::print("\n{:<12} {:<7} {:<9} {:<8} {}\n", "NAME", "KIND", "VERSION", "STATE", "PROVIDES / SOURCE");
  for (const PluginRecord& plugin : plugins) {
    std::string provides;
    for (const auto* names : {&plugin.models, &plugin.formats})
      for (const std::string& name : *names) provides += (provides.empty() ? "" : ", ") + name;
    fmt::print("{:<12} {:<7} {:<9} {:<8} {}\n", plugin.manifest.name, plugin.manifest.kind, plugin.manifest.version,
               stateOf(plugin), plugin.loaded ? provides : plugin.refusal);
    fmt::print("{:<39}{}\n", "", plugin.source);
  }
}

// Turns a listed plugin off or on from the next start, in the settings the window shares.
void setPluginEnabled(const std::string& name, bool enabled) {
  const auto& plugins = PluginRegistry::instance().plugins();
  const bool known = std::any_of(plugins.begin(), plugins.end(),
                                 [&](const PluginRecord& plugin) { return plugin.manifest.name == name; });
  if (!known) throw Error("no plugin named '" + name + "' (vaecf plugins lists them)");
  const fs::path file = pluginSettingsFile();
  std::set<std::string> disabled = readDisabledPlugins(file);
  if (enabled) disabled.erase(name);
  else disabled.insert(name);
  writeDisabledPlugins(file, disabled);
  fmt::print("{} is {} from the next start ({})\n", name, enabled ? "enabled" : "disabled", file.string());
}

void writeText(const fs::path& file, const std::string& text) {
  writeFileAtomically(file, [&](std::ostream& out) { out << text; });
}

void newPlugin(const std::string& name, const std::string& kind, const fs::path& parent) {
  // The name is a C++ namespace, a CMake target and a file name at once.
  if (!std::regex_match(name, std::regex("[a-z][a-z0-9_]{0,39}")))
    throw Error("plugin name " + quoteText(name) +
                ": use lower-case letters, digits and '_', starting with a letter (at most 40)");
  const std::vector<ScaffoldFile> files = pluginScaffold(name, kind);  // throws for an unknown kind
  const fs::path folder = parent / name;
  if (fs::exists(folder)) throw Error(folder.string() + " already exists; nothing was written");
  writeDirectoryAtomically(folder, [&](const fs::path& dir) {
    for (const ScaffoldFile& file : files) writeText(dir / file.name, file.text);
  });
  fmt::print("{}: a {} plugin to build with the SDK:\n  cmake -S {} -B {}/build && cmake --build {}/build && "
             "ctest --test-dir {}/build\n",
             folder.string(), kind, folder.string(), folder.string(), folder.string(), folder.string());
}

}  // namespace

void declarePluginCommands(CLI::App& app, std::vector<std::pair<CLI::App*, std::function<void()>>>& actions) {
  auto asJson = std::make_shared<bool>(false);
  CLI::App* plugins = app.add_subcommand("plugins", "list every plugin: built in or from the plugin path, or refused");
  plugins->add_flag("--json", *asJson, "print one JSON object");
  actions.emplace_back(plugins, [asJson] { listPlugins(*asJson); });

  struct NewPlugin {
    std::string name, kind = "model", dir = ".";
  };
  auto options = std::make_shared<NewPlugin>();
  CLI::App* plugin = app.add_subcommand("plugin", "work on plugins");
  plugin->require_subcommand(1);
  CLI::App* create = plugin->add_subcommand("new", "write a buildable plugin folder to start from, with its test");
  create->add_option("name", options->name, "the plugin's name, also its model's or format's")->required();
  create->add_option("--kind", options->kind, "what the plugin provides: a model or a dataset format")
      ->check(CLI::IsMember({"model", "format"}))
      ->capture_default_str();
  create->add_option("--dir", options->dir, "where the plugin's folder is made")->capture_default_str();
  actions.emplace_back(create, [options] { newPlugin(options->name, options->kind, options->dir); });
  for (const bool enable : {false, true}) {
    CLI::App* toggle = plugin->add_subcommand(enable ? "enable" : "disable",
                                              enable ? "load a disabled plugin again from the next start"
                                                     : "stop loading a plugin from the next start (its runs cannot "
                                                       "be opened meanwhile)");
    toggle->add_option("name", options->name, "the plugin's name, as vaecf plugins lists it")->required();
    actions.emplace_back(toggle, [options, enable] { setPluginEnabled(options->name, enable); });
  }
}

}  // namespace vaecf::cli
