#pragma once
// A plugin's plugin.json (docs/plugins.md) and the checks made on it before a plugin's
// library is opened. Apart from the registry and dlopen, so that the fuzz target
// (tests/fuzz) runs exactly this reader without loading anything.

#include <filesystem>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace vaecf {

struct PluginManifest {
  std::string name;
  std::string version;
  std::string compatVersion;  // the oldest version of this plugin whose runs this one reads
  std::string api;            // the host plugin API it was built against (PluginVersion.h)
  std::string kind;           // "model" or "format"
  std::string summary;
  std::string authors;
  std::string licence;
  std::string library;  // shared-library plugins: the file beside plugin.json
  std::string lessons;  // optional: a folder of lesson files beside plugin.json (lessons/Lesson.h)

  // Throws InputError naming `file` and the missing or mistyped field.
  static PluginManifest fromJson(const nlohmann::json& json, const std::string& file);
};

// A shared-library plugin's plugin.json. Throws InputError naming `file` when it cannot be
// read, is not JSON or fails fromJson.
PluginManifest readPluginManifest(const std::filesystem::path& file);

// Why the library a manifest names must not be opened (built for another plugin API, no
// library named, or a path instead of a file beside plugin.json), or "" when it may be.
std::string libraryRefusal(const PluginManifest& manifest);

}  // namespace vaecf
