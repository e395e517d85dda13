#include "plugin/PluginManifest.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "common/Error.h"
#include "plugin/PluginVersion.h"

namespace vaecf {

namespace {

std::string stringField(const nlohmann::json& json, const char* name, const std::string& file,
                        bool required) {
  if (!json.contains(name)) {
    if (required) throw InputError(file, 0, std::string("has no \"") + name + "\"");
    return {};
  }
  if (!json.at(name).is_string()) throw InputError(file, 0, std::string("\"") + name + "\" must be a string");
  return json.at(name).get<std::string>();
}

}  // namespace

PluginManifest PluginManifest::fromJson(const nlohmann::json& json, const std::string& file) {
  if (!json.is_object()) throw InputError(file, 0, "is not a JSON object");
  PluginManifest manifest;
  manifest.name = stringField(json, "name", file, true);
  manifest.version = stringField(json, "version", file, true);
  manifest.compatVersion = stringField(json, "compatVersion", file, false);
  if (manifest.compatVersion.empty()) manifest.compatVersion = manifest.version;
  manifest.api = stringField(json, "api", file, true);
  manifest.kind = stringField(json, "kind", file, true);
  if (manifest.kind != "model" && manifest.kind != "format")
    throw InputError(file, 0, "\"kind\" must be \"model\" or \"format\", found " + quoteText(manifest.kind));
  manifest.summary = stringField(json, "summary", file, false);
  manifest.authors = stringField(json, "authors", file, false);
  manifest.licence = stringField(json, "licence", file, false);
  manifest.library = stringField(json, "library", file, false);
  manifest.lessons = stringField(json, "lessons", file, false);
  if (manifest.lessons.find('/') != std::string::npos || manifest.lessons == "..")
    throw InputError(file, 0, "\"lessons\" must be a folder beside plugin.json, found " + quoteText(manifest.lessons));
  return manifest;
}

PluginManifest readPluginManifest(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), 0, "cannot be read");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    // Not only parse_error: a number such as 1e400 throws out_of_range.
    throw InputError(file.string(), 0, std::string("is not valid JSON: ") + error.what());
  }
  return PluginManifest::fromJson(json, file.string());
}

std::string libraryRefusal(const PluginManifest& manifest) {
  if (manifest.api != VAECF_PLUGIN_API_VERSION)
    return "it was built for plugin API " + quoteText(manifest.api) + ", this program has " VAECF_PLUGIN_API_VERSION;
  if (manifest.library.empty()) return "its manifest names no \"library\"";
  // Only the file beside plugin.json: a path would let a manifest open any library.
  if (manifest.library.find('/') != std::string::npos || manifest.library == "." || manifest.library == "..")
    return "its \"library\" must be a file name beside plugin.json, found " + quoteText(manifest.library);
  return "";
}

}  // namespace vaecf
