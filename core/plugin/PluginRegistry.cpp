#include "plugin/PluginRegistry.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/InputFile.h"
#include "data/BundledData.h"
#include "plugin/PluginApi.h"

namespace fs = std::filesystem;

namespace vaecf {

namespace {

const char* const kManifestFile = "plugin.json";

// Collects what an entry point registers; the registry keeps it only if all is well.
class StagingRegistrar : public PluginRegistrar {
 public:
  void addModel(ModelFamily model) override {
    if (model.name.empty()) throw Error("a model family has no name");
    if (model.iterative() == static_cast<bool>(model.fit))
      throw Error("model '" + model.name + "' must declare exactly one of a trainable model and a closed-form fit");
    if (model.fit && !model.load) throw Error("model '" + model.name + "' has a fit but no load");
    models.push_back(std::move(model));
  }

  void addFormat(DatasetFormat format) override {
    if (format.name.empty()) throw Error("a dataset format has no name");
    if (!format.read) throw Error("dataset format '" + format.name + "' has no reader");
    formats.push_back(std::move(format));
  }

  std::vector<ModelFamily> models;
  std::vector<DatasetFormat> formats;
};

}  // namespace

PluginRegistry& PluginRegistry::instance() {
  static PluginRegistry registry;
  return registry;
}

bool PluginRegistry::add(const PluginManifest& manifest, const std::string& source,
                         const std::function<void(PluginRegistrar&)>& entry) {
  if (isDisabled(manifest.name)) {
    plugins_.push_back(PluginRecord{manifest, source, false, {}, {}, {}, false});
    return false;
  }
  const bool nameTaken = std::any_of(plugins_.begin(), plugins_.end(), [&](const PluginRecord& plugin) {
    return plugin.loaded && plugin.manifest.name == manifest.name;
  });
  if (nameTaken) {
    refuse(manifest, source, "a plugin named '" + manifest.name + "' is already loaded");
    return false;
  }
  StagingRegistrar staged;
  try {
    entry(staged);
  } catch (const std::exception& error) {
    refuse(manifest, source, std::string("it threw while registering: ") + error.what());
    return false;
  } catch (...) {
    refuse(manifest, source, "it threw while registering");
    return false;
  }
  std::set<std::string> names;
  for (const ModelFamily& model : staged.models) {
    if (findModel(model.name) || !names.insert(model.name).second) {
      refuse(manifest, source, "it declares the model '" + model.name + "', which is already taken");
      return false;
    }
  }
  for (const DatasetFormat& format : staged.formats) {
    if (findFormat(format.name) || !names.insert("format " + format.name).second) {
      refuse(manifest, source, "it declares the dataset format '" + format.name + "', which is already taken");
      return false;
    }
  }
  PluginRecord record{manifest, source, true, {}, {}, {}, true};
  for (ModelFamily& model : staged.models) {
    record.models.push_back(model.name);
    models_.push_back(std::move(model));
  }
  for (DatasetFormat& format : staged.formats) {
    record.formats.push_back(format.name);
    formats_.push_back(std::move(format));
  }
  plugins_.push_back(std::move(record));
  return true;
}

void PluginRegistry::refuse(const PluginManifest& manifest, const std::string& source, const std::string& reason) {
  plugins_.push_back(PluginRecord{manifest, source, false, reason, {}, {}, true});
}

const ModelFamily* PluginRegistry::findModel(const std::string& name) const {
  const auto found =
      std::find_if(models_.begin(), models_.end(), [&](const ModelFamily& model) { return model.name == name; });
  return found == models_.end() ? nullptr : &*found;
}

const DatasetFormat* PluginRegistry::findFormat(const std::string& name) const {
  const auto found = std::find_if(formats_.begin(), formats_.end(),
                                  [&](const DatasetFormat& format) { return format.name == name; });
  return found == formats_.end() ? nullptr : &*found;
}

fs::path pluginSettingsFile() {
  // XDG Base Directory: an unset, empty or relative XDG_CONFIG_HOME means ~/.config.
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && fs::path(xdg).is_absolute()) return fs::path(xdg) / "vaecf-workbench" / "plugins.json";
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return {};
  return fs::path(home) / ".config" / "vaecf-workbench" / "plugins.json";
}

std::set<std::string> readDisabledPlugins(const fs::path& file) {
  std::error_code error;
  if (file.empty() || !fs::exists(file, error)) return {};
  requireRegularFileIfPresent(file);
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "cannot be read");
  try {
    const nlohmann::json json = nlohmann::json::parse(in);
    std::set<std::string> names;
    for (const auto& name : json.at("disabled")) names.insert(name.get<std::string>());
    return names;
  } catch (const nlohmann::json::exception& e) {
    throw InputError(file.string(), 0, std::string("not plugin settings ({\"disabled\": [names]}): ") + e.what());
  }
}

void writeDisabledPlugins(const fs::path& file, const std::set<std::string>& names) {
  if (file.empty()) throw Error("no folder for the plugin settings: set HOME or XDG_CONFIG_HOME");
  fs::create_directories(file.parent_path());
  const nlohmann::json json = {{"disabled", names}};
  writeFileAtomically(file, [&](std::ostream& out) { out << json.dump(2) << '\n'; });
}

std::vector<fs::path> pluginSearchPath() {
  std::vector<fs::path> folders;
  if (const char* path = std::getenv("VAECF_PLUGIN_PATH")) {
    std::istringstream entries(path);
    for (std::string entry; std::getline(entries, entry, ':');)
      if (!entry.empty()) folders.emplace_back(entry);
  }
  if (const fs::path user = userDataFolder(); !user.empty()) folders.push_back(user / "plugins");
  // PREFIX/share/vaecf-workbench -> PREFIX/lib/vaecf-workbench/plugins
  if (const fs::path share = installedShareFolder(); !share.empty())
    folders.push_back(share.parent_path().parent_path() / "lib" / "vaecf-workbench" / "plugins");
  return folders;
}

namespace {

// The manifest is checked before the library is opened, so that no code of a plugin built
// for another API ever runs (a static constructor would).
void loadPlugin(PluginRegistry& registry, const fs::path& manifestFile) {
  PluginManifest manifest;
  try {
    manifest = readPluginManifest(manifestFile);
  } catch (const Error& error) {
    manifest.name = manifestFile.parent_path().filename().string();
    registry.refuse(manifest, manifestFile.string(), error.what());
    return;
  }
  const std::string source = manifestFile.string();
  if (registry.isDisabled(manifest.name)) {
    registry.add(manifest, source, nullptr);  // listed as disabled; its library is never opened
    return;
  }
  if (const std::string refusal = libraryRefusal(manifest); !refusal.empty()) {
    registry.refuse(manifest, source, refusal);
    return;
  }
  const fs::path library = manifestFile.parent_path() / manifest.library;
  void* handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* reason = dlerror();
    registry.refuse(manifest, source, std::string("its library does not load: ") + (reason ? reason : "unknown"));
    return;
  }
  auto* entry = reinterpret_cast<PluginEntryPoint>(dlsym(handle, VAECF_PLUGIN_ENTRY_SYMBOL));
  if (entry == nullptr) {
    registry.refuse(manifest, source, library.string() + " has no entry point " VAECF_PLUGIN_ENTRY_SYMBOL);
    dlclose(handle);
    return;
  }
  // A loaded plugin's code stays mapped for the program's life: its models live in the
  // registry. A refused one registered nothing that outlives this call.
  if (!registry.add(manifest, source, entry)) dlclose(handle);
}

std::vector<fs::path> manifestsIn(const fs::path& folder) {
  std::error_code error;
  if (fs::is_regular_file(folder / kManifestFile, error)) return {folder / kManifestFile};
  std::vector<fs::path> manifests;
  if (!fs::is_directory(folder, error)) return manifests;
  for (const auto& entry : fs::directory_iterator(folder, fs::directory_options::skip_permission_denied, error))
    if (fs::is_regular_file(entry.path() / kManifestFile, error)) manifests.push_back(entry.path() / kManifestFile);
  std::sort(manifests.begin(), manifests.end());  // the same order on every machine
  return manifests;
}

}  // namespace

void loadExternalPlugins(PluginRegistry& registry, const std::vector<fs::path>& folders) {
  for (const fs::path& folder : folders)
    for (const fs::path& manifest : manifestsIn(folder)) loadPlugin(registry, manifest);
}

}  // namespace vaecf
