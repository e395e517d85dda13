// What a plugin.json must say before the library it names is opened.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/Error.h"
#include "plugin/PluginManifest.h"
#include "plugin/PluginVersion.h"

namespace vaecf {
namespace {

PluginManifest manifestNaming(const std::string& library) {
  return PluginManifest::fromJson({{"name", "knn"},
                                   {"version", "1.0.0"},
                                   {"api", VAECF_PLUGIN_API_VERSION},
                                   {"kind", "model"},
                                   {"library", library}},
                                  "knn/plugin.json");
}

TEST(PluginManifest, LibraryBesidePluginJsonMayBeOpened) {
  const PluginManifest manifest = manifestNaming("libknn.so");
  EXPECT_EQ(manifest.compatVersion, "1.0.0");  // defaults to the version
  EXPECT_EQ(libraryRefusal(manifest), "");
}

TEST(PluginManifest, LibraryElsewhereIsRefused) {
  for (const std::string library : {"/usr/lib/libc.so.6", "../other/libknn.so", "sub/libknn.so", ".."})
    EXPECT_EQ(libraryRefusal(manifestNaming(library)),
              "its \"library\" must be a file name beside plugin.json, found '" + library + "'")
        << library;
}

TEST(PluginManifest, LessonsAreAFolderBesidePluginJson) {
  nlohmann::json json{{"name", "knn"}, {"version", "1.0.0"}, {"api", VAECF_PLUGIN_API_VERSION},
                      {"kind", "model"}, {"library", "libknn.so"}};
  EXPECT_EQ(PluginManifest::fromJson(json, "knn/plugin.json").lessons, "");
  json["lessons"] = "lessons";
  EXPECT_EQ(PluginManifest::fromJson(json, "knn/plugin.json").lessons, "lessons");
  for (const std::string folder : {"../lessons", "/usr/share", ".."}) {
    json["lessons"] = folder;
    try {
      PluginManifest::fromJson(json, "knn/plugin.json");
      ADD_FAILURE() << folder << " was accepted";
    } catch (const InputError& error) {
      EXPECT_EQ(error.reason(), "\"lessons\" must be a folder beside plugin.json, found '" + folder + "'");
    }
  }
}

TEST(PluginManifest, OtherApiOrNoLibraryIsRefused) {
  PluginManifest manifest = manifestNaming("libknn.so");
  manifest.api = "0.0";
  EXPECT_EQ(libraryRefusal(manifest),
            std::string("it was built for plugin API '0.0', this program has ") + VAECF_PLUGIN_API_VERSION);
  EXPECT_EQ(libraryRefusal(manifestNaming("")), "its manifest names no \"library\"");
}

TEST(PluginManifest, MissingFieldNamesTheFile) {
  try {
    PluginManifest::fromJson({{"name", "knn"}}, "knn/plugin.json");
    FAIL() << "a manifest without a version was accepted";
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), "knn/plugin.json");
    EXPECT_NE(error.reason().find("version"), std::string::npos) << error.reason();
  }
}

}  // namespace
}  // namespace vaecf
