#include "PluginCommands.h"

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
    std::string models;
    for (const std::string& model : plugin.models) models += (models.empty() ? "" : ", ") + model;
    fmt::print("{:<12} {:<7} {:<9} {:<8} {}\n", plugin.manifest.name, plugin.manifest.kind, plugin.manifest.version,
               stateOf(plugin), plugin.loaded ? models : plugin.refusal);
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

// ---- vaecf plugin new: a popularity baseline to grow from, with its build and test ----

const char* const kScaffoldCMake = R"(# The @NAME@ plugin of the VAE-CF Workbench, built from the workbench's SDK:
#   cmake -S . -B build -DCMAKE_PREFIX_PATH=/usr (or where the SDK is installed)
#   cmake --build build && ctest --test-dir build
# then copy build/@NAME@ into ~/.local/share/vaecf-workbench/plugins/ (or point
# VAECF_PLUGIN_PATH at build/) and `vaecf plugins` lists it.
cmake_minimum_required(VERSION 3.24)
project(vaecf-@NAME@ LANGUAGES CXX)

find_package(VaecfPlugin REQUIRED)
vaecf_add_plugin(@NAME@ SOURCES @NAME@.cpp)

# The plugin trains, evaluates and recommends through the workbench's own CLI.
enable_testing()
find_program(VAECF_PROGRAM vaecf REQUIRED)
set(run ${CMAKE_CURRENT_BINARY_DIR}/test-run)
add_test(NAME @NAME@.trains COMMAND ${CMAKE_COMMAND} -E env VAECF_PLUGIN_PATH=${CMAKE_CURRENT_BINARY_DIR}
         ${VAECF_PROGRAM} train --model @NAME@ --json --out ${run})
add_test(NAME @NAME@.evaluates COMMAND ${CMAKE_COMMAND} -E env VAECF_PLUGIN_PATH=${CMAKE_CURRENT_BINARY_DIR}
         ${VAECF_PROGRAM} eval --run ${run} --json)
set_tests_properties(@NAME@.trains PROPERTIES PASS_REGULAR_EXPRESSION "\"ndcg@100\"" FIXTURES_SETUP run)
set_tests_properties(@NAME@.evaluates PROPERTIES PASS_REGULAR_EXPRESSION "\"ndcg@100\"" FIXTURES_REQUIRED run)
)";

const char* const kScaffoldManifest = R"({
  "name": "@NAME@",
  "version": "0.1.0",
  "compatVersion": "0.1.0",
  "kind": "model",
  "summary": "Item popularity: every user gets the items most users have",
  "authors": "",
  "licence": ""
}
)";

const char* const kScaffoldSource = R"(// The @NAME@ model plugin: item popularity, the baseline every recommender must beat. A
// closed-form model family (docs/plugins.md of the workbench explains every field); replace
// the fit, the scores and the parameters with your model's.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "plugin/PluginApi.h"

namespace @NAME@ {
namespace {

namespace fs = std::filesystem;

const char* const kModelFile = "@NAME@.txt";

// Scores every item by how many training users have it, raised to `exponent` (which
// changes the scores, not the order).
class Popularity final : public vaecf::Recommender {
 public:
  explicit Popularity(std::vector<double> scores) : scores_(std::move(scores)) {}

  std::int64_t items() const override { return static_cast<std::int64_t>(scores_.size()); }

  void score(const vaecf::CsrMatrix&, std::int64_t begin, std::int64_t end, float* out) const override {
    for (std::int64_t row = begin; row < end; ++row)
      std::transform(scores_.begin(), scores_.end(), out + (row - begin) * items(),
                     [](double score) { return static_cast<float>(score); });
  }

  const std::vector<double>& scores() const { return scores_; }

 private:
  std::vector<double> scores_;
};

std::unique_ptr<Popularity> load(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw vaecf::InputError(file.string(), 0, "cannot be read");
  std::vector<double> scores;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    try {
      std::size_t used = 0;
      scores.push_back(std::stod(line, &used));
      if (used != line.size()) throw std::invalid_argument(line);
    } catch (const std::exception&) {
      throw vaecf::InputError(file.string(), number, "is not a number: " + vaecf::quoteText(line));
    }
  }
  return std::make_unique<Popularity>(std::move(scores));
}

vaecf::ClosedFormFit fit(const vaecf::ParamSet& params, const vaecf::Split& split, const vaecf::EvaluationOptions&,
                         const fs::path& runFolder, const vaecf::TaskContext&) {
  std::vector<double> counts(static_cast<std::size_t>(split.train.cols()), 0.0);
  for (const std::int32_t item : split.train.columns()) counts[static_cast<std::size_t>(item)] += 1.0;
  for (double& count : counts) count = std::pow(count, params.real("exponent"));
  vaecf::writeFileAtomically(runFolder / kModelFile, [&](std::ostream& out) {
    out.precision(17);
    for (const double count : counts) out << count << '\n';
  });
  vaecf::ClosedFormFit fitted;
  fitted.model = std::make_unique<Popularity>(std::move(counts));
  return fitted;
}

void registerModels(vaecf::PluginRegistrar& registrar) {
  vaecf::ModelFamily family;
  family.name = "@NAME@";
  family.summary = "Item popularity: every user gets the items most users have";
  family.params = {vaecf::realParam("exponent", "1", "Power of each item's user count in its score", 0.0, 10.0)};
  family.fit = fit;
  family.load = [](const fs::path& runFolder, const vaecf::ParamSet&) -> std::unique_ptr<vaecf::Recommender> {
    return load(runFolder / kModelFile);
  };
  registrar.addModel(std::move(family));
}

}  // namespace
}  // namespace @NAME@

VAECF_PLUGIN(@NAME@::registerModels)
)";

std::string filledIn(std::string text, const std::string& name) {
  for (std::size_t at; (at = text.find("@NAME@")) != std::string::npos;) text.replace(at, 6, name);
  return text;
}

void writeText(const fs::path& file, const std::string& text) {
  writeFileAtomically(file, [&](std::ostream& out) { out << text; });
}

void newPlugin(const std::string& name, const std::string& kind, const fs::path& parent) {
  // The name is a C++ namespace, a CMake target and a file name at once.
  if (!std::regex_match(name, std::regex("[a-z][a-z0-9_]{0,39}")))
    throw Error("plugin name " + quoteText(name) +
                ": use lower-case letters, digits and '_', starting with a letter (at most 40)");
  if (kind != "model")
    throw Error("--kind " + kind + ": dataset formats are still built into the core; only model plugins exist yet");
  const fs::path folder = parent / name;
  if (fs::exists(folder)) throw Error(folder.string() + " already exists; nothing was written");
  writeDirectoryAtomically(folder, [&](const fs::path& dir) {
    writeText(dir / "CMakeLists.txt", filledIn(kScaffoldCMake, name));
    writeText(dir / "plugin.json", filledIn(kScaffoldManifest, name));
    writeText(dir / (name + ".cpp"), filledIn(kScaffoldSource, name));
  });
  fmt::print("{}: a model plugin to build with the SDK:\n  cmake -S {} -B {}/build && cmake --build {}/build && "
             "ctest --test-dir {}/build\n",
             folder.string(), folder.string(), folder.string(), folder.string(), folder.string());
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
  CLI::App* create = plugin->add_subcommand("new", "write a buildable model plugin folder to start from");
  create->add_option("name", options->name, "the plugin's name, also its model's")->required();
  create->add_option("--kind", options->kind, "what the plugin provides")->capture_default_str();
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
