#include "PluginScaffolds.h"

#include "common/Error.h"

namespace vaecf::cli {
namespace {

// Every scaffold's CMakeLists.txt: the plugin built from the SDK, then its tests.
const char* const kCMakeHead = R"(# The @NAME@ plugin of the VAE-CF Workbench, built from the workbench's SDK:
#   cmake -S . -B build -DCMAKE_PREFIX_PATH=/usr (or where the SDK is installed)
#   cmake --build build && ctest --test-dir build
# then copy build/@NAME@ into ~/.local/share/vaecf-workbench/plugins/ (or point
# VAECF_PLUGIN_PATH at build/) and `vaecf plugins` lists it.
cmake_minimum_required(VERSION 3.24)
project(vaecf-@NAME@ LANGUAGES CXX)

find_package(VaecfPlugin REQUIRED)
vaecf_add_plugin(@NAME@ SOURCES @NAME@.cpp)
)";

// ------------------------------------------------ a model: item popularity, the baseline to beat

const char* const kModelTests = R"(
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

const char* const kModelManifest = R"({
  "name": "@NAME@",
  "version": "0.1.0",
  "compatVersion": "0.1.0",
  "kind": "model",
  "summary": "Item popularity: every user gets the items most users have",
  "authors": "",
  "licence": ""
}
)";

const char* const kModelSource = R"(// The @NAME@ model plugin: item popularity, the baseline every recommender must beat. A
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

// ----------------------------------------- a dataset format: edge lists, one "user item" a line

const char* const kFormatTests = R"(
# The format reads its sample through the workbench's own CLI, named and detected.
enable_testing()
find_program(VAECF_PROGRAM vaecf REQUIRED)
set(sample ${CMAKE_CURRENT_SOURCE_DIR}/sample.edges)
add_test(NAME @NAME@.reads COMMAND ${CMAKE_COMMAND} -E env VAECF_PLUGIN_PATH=${CMAKE_CURRENT_BINARY_DIR}
         ${VAECF_PROGRAM} data stats --format @NAME@ --json ${sample})
add_test(NAME @NAME@.detected COMMAND ${CMAKE_COMMAND} -E env VAECF_PLUGIN_PATH=${CMAKE_CURRENT_BINARY_DIR}
         ${VAECF_PROGRAM} data stats --json ${sample})
set_tests_properties(@NAME@.reads @NAME@.detected PROPERTIES PASS_REGULAR_EXPRESSION "\"interactions\":7,")
)";

const char* const kFormatManifest = R"({
  "name": "@NAME@",
  "version": "0.1.0",
  "compatVersion": "0.1.0",
  "kind": "format",
  "summary": "Edge lists: one 'user item' pair a line, '#' comments",
  "authors": "",
  "licence": ""
}
)";

const char* const kFormatSample = R"(# user item
alice matrix
alice alien
bob matrix
bob heat
carol alien
carol heat
carol matrix
)";

const char* const kFormatSource = R"(// The @NAME@ dataset-format plugin: edge lists (SNAP and many crawls), one "user item"
// pair a line, '#' lines comments, every pair one implicit interaction. The reader's
// toolkit (data/TextReading.h) names the file and the line of every problem; replace the
// parsing, the detection and the options with your format's (docs/plugins.md of the
// workbench explains every field).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "data/TextReading.h"
#include "plugin/PluginApi.h"

namespace @NAME@ {
namespace {

namespace fs = std::filesystem;
using namespace vaecf::reading;

const char* const kExtension = ".edges";

void readEdges(const TextFile& file, vaecf::InteractionLog& log, ImportProgress& progress) {
  LineCursor lines(file.text);
  std::vector<std::string_view> fields;
  while (const auto line = lines.next()) {
    progress.update(lines.offset());
    if (line->front() == '#') continue;
    const Location where{file.path, lines.number()};
    splitOnWhitespace(*line, fields);
    expectFieldCount(fields.size(), 2, 2, " ", where);
    appendInteraction(log, fields[0], fields[1], 1.0F, vaecf::Interaction::kNoTimestamp);
  }
}

void registerFormats(vaecf::PluginRegistrar& registrar) {
  vaecf::DatasetFormat format;
  format.name = "@NAME@";
  format.summary = "Edge lists: one 'user item' pair a line, '#' comments";
  // Recognised by its extension; a format with a standard file name would look for it.
  format.canRead = [](const fs::path& path) { return path.extension() == kExtension; };
  format.read = [](const fs::path& path, const vaecf::ParamSet&, const vaecf::TaskContext& context) {
    return importRatingsFile(locateLogFile(path), false, context, readEdges);
  };
  registrar.addFormat(std::move(format));
}

}  // namespace
}  // namespace @NAME@

VAECF_PLUGIN(@NAME@::registerFormats)
)";

std::string filledIn(std::string text, const std::string& name) {
  for (std::size_t at; (at = text.find("@NAME@")) != std::string::npos;) text.replace(at, 6, name);
  return text;
}

}  // namespace

std::vector<ScaffoldFile> pluginScaffold(const std::string& name, const std::string& kind) {
  if (kind == "model")
    return {{"CMakeLists.txt", filledIn(std::string(kCMakeHead) + kModelTests, name)},
            {"plugin.json", filledIn(kModelManifest, name)},
            {name + ".cpp", filledIn(kModelSource, name)}};
  if (kind == "format")
    return {{"CMakeLists.txt", filledIn(std::string(kCMakeHead) + kFormatTests, name)},
            {"plugin.json", filledIn(kFormatManifest, name)},
            {name + ".cpp", filledIn(kFormatSource, name)},
            {"sample.edges", kFormatSample}};
  throw Error("--kind " + kind + ": a plugin provides a model or a format");
}

}  // namespace vaecf::cli
