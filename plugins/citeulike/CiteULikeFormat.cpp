// The citeulike plugin: CiteULike libraries (docs/protocol.md, "Datasets"), users.dat with
// one user's articles per line; implicit data, every interaction counts 1.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/InputFile.h"
#include "data/TextReading.h"
#include "plugin/PluginApi.h"

namespace vaecf {
namespace {

namespace fs = std::filesystem;
using namespace reading;

const char* const kLibrariesFile = "users.dat";

// Line u (0-based) is user u's library: "n item_1 ... item_n".
void readCiteULikeLibraries(const TextFile& file, InteractionLog& log, ImportProgress& progress) {
  LineCursor lines(file.text);
  std::vector<std::string_view> fields;
  while (const auto line = lines.next()) {
    progress.update(lines.offset());
    const Location where{file.path, lines.number()};
    splitOnWhitespace(*line, fields);
    std::size_t declared = 0;
    if (fields.empty() || !parseWhole(fields.front(), declared)) {
      where.fail("expected the number of items first, found " + excerpt(*line));
    }
    const std::size_t listed = fields.size() - 1;
    if (declared != listed) {
      where.fail("the line announces " + std::to_string(declared) + " items but lists " + std::to_string(listed));
    }
    const std::string user = std::to_string(lines.number() - 1);
    for (std::size_t i = 1; i < fields.size(); ++i) {
      appendInteraction(log, user, numericId(fields[i], "item id", where), 1.0F, Interaction::kNoTimestamp);
    }
  }
}

void registerCiteULike(PluginRegistrar& registrar) {
  DatasetFormat citeulike;
  citeulike.name = "citeulike";
  citeulike.summary = "CiteULike: users.dat, one library per line (implicit)";
  citeulike.canRead = [](const fs::path& path) {
    try {
      return typeOf(isDirectory(path) ? path / kLibrariesFile : path) == fs::file_type::regular &&
             (isDirectory(path) || path.filename() == kLibrariesFile);
    } catch (const std::exception&) {
      return false;
    }
  };
  citeulike.read = [](const fs::path& path, const ParamSet&, const TaskContext& context) {
    return importRatingsFile(locateRatingsFile(path, kLibrariesFile), false, context, readCiteULikeLibraries);
  };
  registrar.addFormat(std::move(citeulike));
}

}  // namespace
}  // namespace vaecf

VAECF_PLUGIN(vaecf::registerCiteULike)
