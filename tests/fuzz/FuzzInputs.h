#pragma once
// What each fuzz target does with one input, shared by the libFuzzer harnesses
// (tests/fuzz/FuzzMain.cpp, one executable per target) and the GoogleTest replay of the
// inputs they once crashed on (tests/data/FuzzRegressionTest.cpp, inputs under
// tests/data/fuzz-regressions/TARGET/).
// Torch-free, so the harnesses link the parsers alone.
//
// Every function writes the input as the file(s) its parser reads into `dir` (an
// existing scratch directory it may empty), runs the parser and returns "" when the
// input was accepted or the vaecf::Error message with `dir` replaced by "DIR" when it was
// refused. Anything else (std::bad_alloc, std::length_error, a filesystem_error, a
// crash) escapes: that is what the fuzzers look for.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace vaecf::fuzz {

// Parts of an input that describes several files, separated by the byte 0x1E (ASCII
// record separator).
constexpr char kPartSeparator = '\x1e';
std::vector<std::string_view> splitParts(std::string_view data);

// A canonical split folder: parts are unique_sid.txt, train.csv, validation_tr.csv,
// validation_te.csv, test_tr.csv, test_te.csv and, when a seventh part is given,
// unique_uid.txt. Fewer parts leave the later files missing.
std::string readSplitFolder(std::string_view data, const std::filesystem::path& dir);

// Dataset formats (importDataset on the folder `dir`): the parts are the ratings file and
// the catalogue beside it, by their standard names.
std::string importMl100k(std::string_view data, const std::filesystem::path& dir);      // u.data, u.item
std::string importMl1m(std::string_view data, const std::filesystem::path& dir);        // ratings.dat, movies.dat
std::string importMlLatest(std::string_view data, const std::filesystem::path& dir);    // ratings.csv, movies.csv
std::string importNetflix(std::string_view data, const std::filesystem::path& dir);     // combined_data_1.txt, movie_titles.csv
std::string importCiteULike(std::string_view data, const std::filesystem::path& dir);   // users.dat
// A generic delimited log: the first byte chooses the options (separator, header, value
// and timestamp columns, encoding; see delimitedOptions in FuzzInputs.cpp; bit 7: the
// separator and header detected), the rest is the file.
std::string importDelimited(std::string_view data, const std::filesystem::path& dir);

// Run folder files: config.json and items.txt (readRunConfig, readRunItems), events.jsonl
// (readEventLog) and metrics.json (readRunMetrics, which the run table and the CLI use).
std::string readRunConfigFiles(std::string_view data, const std::filesystem::path& dir);
std::string readEventsFile(std::string_view data, const std::filesystem::path& dir);
std::string readMetricsFile(std::string_view data, const std::filesystem::path& dir);

// A checksummed weights file (readChecksummedFile: the footer check in front of the
// checkpoint and best-weights loader; only a verified payload reaches libtorch).
std::string readChecksummed(std::string_view data, const std::filesystem::path& dir);

// A shared-library plugin's plugin.json, read and checked as before its library is opened
// (readPluginManifest, libraryRefusal); nothing is loaded. A manifest whose library must
// not be opened returns libraryRefusal's reason.
std::string readPluginManifestFile(std::string_view data, const std::filesystem::path& dir);

// A saved workbench session (loadSessionFile, ui/session/SessionFile.h, which is Qt-free).
std::string readSessionFile(std::string_view data, const std::filesystem::path& dir);
// A lesson file (lessons/Lesson.h), with no model registered.
std::string readLessonFile(std::string_view data, const std::filesystem::path& dir);

// The names of the targets and their functions, for the replay test and the harnesses.
using Target = std::string (*)(std::string_view data, const std::filesystem::path& dir);
struct NamedTarget {
  const char* name;
  Target run;
};
const std::vector<NamedTarget>& targets();

// A fresh scratch directory for one process (under $TMPDIR, else /dev/shm or /tmp).
std::filesystem::path scratchDirectory(const std::string& tag);

}  // namespace vaecf::fuzz
