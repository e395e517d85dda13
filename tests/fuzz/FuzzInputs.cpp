#include "FuzzInputs.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "common/ChecksummedFile.h"
#include "common/Error.h"
#include "data/CanonicalSplit.h"
#include "data/Importers.h"
#include "experiment/Experiment.h"
#include "lessons/Lesson.h"
#include "plugin/PluginApi.h"
#include "plugin/PluginManifest.h"
#include "plugin/PluginRegistry.h"
#include "session/SessionFile.h"
#include "train/EventLog.h"
#include "train/RunFolder.h"

namespace fs = std::filesystem;

namespace vaecf::fuzz {

namespace {

void writeFile(const fs::path& file, std::string_view content) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
}

void emptyDirectory(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator(dir)) fs::remove_all(entry.path());
}

// The message with every mention of the scratch directory replaced by "DIR".
std::string withDirAsDIR(std::string message, const fs::path& dir) {
  const std::string prefix = dir.string();
  for (std::size_t at = message.find(prefix); at != std::string::npos; at = message.find(prefix, at + 3))
    message.replace(at, prefix.size(), "DIR");
  return message;
}

template <class Parse>
std::string refusal(const fs::path& dir, Parse parse) {
  try {
    parse();
    return "";
  } catch (const Error& e) {
    return withDirAsDIR(e.what(), dir);
  }
}

}  // namespace

std::vector<std::string_view> splitParts(std::string_view data) {
  std::vector<std::string_view> parts;
  for (;;) {
    const std::size_t end = data.find(kPartSeparator);
    parts.push_back(data.substr(0, end));
    if (end == std::string_view::npos) return parts;
    data.remove_prefix(end + 1);
  }
}

std::string readSplitFolder(std::string_view data, const fs::path& dir) {
  static const char* const kFiles[] = {"unique_sid.txt",    "train.csv",   "validation_tr.csv", "validation_te.csv",
                                       "test_tr.csv",       "test_te.csv", "unique_uid.txt"};
  emptyDirectory(dir);
  const auto parts = splitParts(data);
  for (std::size_t i = 0; i < parts.size() && i < std::size(kFiles); ++i) writeFile(dir / kFiles[i], parts[i]);
  return refusal(dir, [&] { readCanonicalSplit(dir); });
}

// The dataset-format plugins, built in (tests/fuzz/CMakeLists.txt builds their sources
// under these entry points, as plugins/BuiltinPlugin.cmake does for the program).
extern "C" void vaecf_builtin_register_movielens(PluginRegistrar&);
extern "C" void vaecf_builtin_register_netflix(PluginRegistrar&);
extern "C" void vaecf_builtin_register_citeulike(PluginRegistrar&);
extern "C" void vaecf_builtin_register_delimited(PluginRegistrar&);

namespace {

// The formats are read through their plugins; a test program has registered them already.
void registerFormats() {
  PluginRegistry& registry = PluginRegistry::instance();
  if (!registry.formats().empty()) return;
  using Plugin = std::pair<const char*, PluginEntryPoint>;
  for (const auto& [name, entry] : {Plugin{"movielens", vaecf_builtin_register_movielens},
                                    Plugin{"netflix", vaecf_builtin_register_netflix},
                                    Plugin{"citeulike", vaecf_builtin_register_citeulike},
                                    Plugin{"delimited", vaecf_builtin_register_delimited}}) {
    PluginManifest manifest;
    manifest.name = name;
    manifest.kind = "format";
    registry.add(manifest, "built in", entry);
  }
}

// Writes the parts as the named files (fewer parts: fewer files) and imports the folder.
std::string importFiles(std::string_view data, const fs::path& dir, const std::string& format,
                        std::initializer_list<const char*> names) {
  emptyDirectory(dir);
  const auto parts = splitParts(data);
  std::size_t i = 0;
  for (const char* name : names) {
    if (i < parts.size()) writeFile(dir / name, parts[i]);
    ++i;
  }
  registerFormats();
  return refusal(dir, [&] { importDataset(ImportOptions{format, dir, {}}); });
}

// The delimited format's options that the selector byte chooses; bit 7 leaves the
// separator and header to detection.
std::map<std::string, std::string> delimitedOptions(unsigned char selector) {
  static const char* const kSeparators[] = {",", "tab", ";", " ", "|", ":", ",", "tab"};
  std::map<std::string, std::string> options;
  const bool detect = (selector & 0x80u) != 0;
  options["separator"] = detect ? "auto" : kSeparators[selector & 7u];
  options["header"] = detect ? "auto" : (selector & 8u) != 0 ? "yes" : "no";
  switch ((selector >> 4) & 3u) {
    case 0: options["value_column"] = "-1"; break;
    case 1: options["value_column"] = "2"; break;
    case 2: options["value_column"] = "2", options["timestamp_column"] = "3"; break;
    default: options["user_column"] = "1", options["item_column"] = "0", options["value_column"] = "5"; break;
  }
  options["encoding"] = (selector & 64u) != 0 ? "latin1" : "utf8";
  return options;
}

}  // namespace

std::string importMl100k(std::string_view data, const fs::path& dir) {
  return importFiles(data, dir, "ml-100k", {"u.data", "u.item"});
}
std::string importMl1m(std::string_view data, const fs::path& dir) {
  return importFiles(data, dir, "ml-1m", {"ratings.dat", "movies.dat"});
}
std::string importMlLatest(std::string_view data, const fs::path& dir) {
  return importFiles(data, dir, "ml-latest", {"ratings.csv", "movies.csv"});
}
std::string importNetflix(std::string_view data, const fs::path& dir) {
  return importFiles(data, dir, "netflix", {"combined_data_1.txt", "movie_titles.csv"});
}
std::string importCiteULike(std::string_view data, const fs::path& dir) {
  return importFiles(data, dir, "citeulike", {"users.dat"});
}

std::string importDelimited(std::string_view data, const fs::path& dir) {
  emptyDirectory(dir);
  if (data.empty()) return "empty input";
  const ImportOptions options{"delimited", dir / "log.txt", delimitedOptions(static_cast<unsigned char>(data.front()))};
  writeFile(options.path, data.substr(1));
  registerFormats();
  return refusal(dir, [&] { importDataset(options); });
}

std::string readRunConfigFiles(std::string_view data, const fs::path& dir) {
  emptyDirectory(dir);
  const auto parts = splitParts(data);
  writeFile(runConfigPath(dir), parts[0]);
  if (parts.size() > 1) writeFile(runItemsPath(dir), parts[1]);
  return refusal(dir, [&] {
    readRunConfig(dir);
    readRunItems(dir);
  });
}

std::string readEventsFile(std::string_view data, const fs::path& dir) {
  emptyDirectory(dir);
  writeFile(runEventsPath(dir), data);
  return refusal(dir, [&] { readRunEvents(dir); });
}

std::string readMetricsFile(std::string_view data, const fs::path& dir) {
  emptyDirectory(dir);
  writeFile(runMetricsPath(dir), data);
  return refusal(dir, [&] { readRunMetrics(dir); });
}

std::string readChecksummed(std::string_view data, const fs::path& dir) {
  emptyDirectory(dir);
  writeFile(dir / "best.pt", data);
  return refusal(dir, [&] { readChecksummedFile(dir / "best.pt"); });
}

std::string readPluginManifestFile(std::string_view data, const fs::path& dir) {
  emptyDirectory(dir);
  writeFile(dir / "plugin.json", data);
  std::string libraryRefused;
  const std::string refused =
      refusal(dir, [&] { libraryRefused = libraryRefusal(readPluginManifest(dir / "plugin.json")); });
  return refused.empty() ? libraryRefused : refused;
}

std::string readSessionFile(std::string_view data, const fs::path& dir) {
  emptyDirectory(dir);
  writeFile(dir / "session.json", data);
  return refusal(dir, [&] { ui::loadSessionFile(dir / "session.json"); });
}

// Only format plugins are registered here (models need LibTorch), so a run section stops
// at its model; the front matter, steps and checks before it are read in full.
std::string readLessonFile(std::string_view data, const fs::path& dir) {
  emptyDirectory(dir);
  writeFile(dir / "fuzz.lesson", data);
  return refusal(dir, [&] { lessons::readLesson(dir / "fuzz.lesson"); });
}

const std::vector<NamedTarget>& targets() {
  static const std::vector<NamedTarget> all{
      {"split", &readSplitFolder},         {"ml-100k", &importMl100k},       {"ml-1m", &importMl1m},
      {"ml-latest", &importMlLatest},      {"netflix", &importNetflix},      {"citeulike", &importCiteULike},
      {"delimited", &importDelimited},     {"run-config", &readRunConfigFiles}, {"events", &readEventsFile},
      {"metrics", &readMetricsFile},       {"checksummed", &readChecksummed},
      {"plugin-manifest", &readPluginManifestFile}, {"session", &readSessionFile},
      {"lesson", &readLessonFile},
  };
  return all;
}

fs::path scratchDirectory(const std::string& tag) {
  fs::path base;
  if (const char* tmp = std::getenv("TMPDIR"); tmp != nullptr && *tmp != '\0') {
    base = tmp;
  } else {
    std::error_code ignored;
    base = fs::is_directory("/dev/shm", ignored) ? fs::path("/dev/shm") : fs::temp_directory_path();
  }
  const fs::path dir = base / ("vaecf-fuzz-" + tag + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace vaecf::fuzz
