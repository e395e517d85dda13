// The netflix plugin: the Netflix Prize ratings (docs/protocol.md, "Datasets"), from the
// Kaggle copy (combined_data_1..4.txt) or the original archive (training_set/mv_*.txt).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/Error.h"
#include "data/TextReading.h"
#include "plugin/PluginApi.h"

namespace vaecf {
namespace {

namespace fs = std::filesystem;
using namespace reading;

std::vector<fs::path> ratingsFilesIn(const fs::path& folder) {
  if (auto combined = filesNamed(folder, "combined_data_", ".txt"); !combined.empty()) return combined;
  if (auto perMovie = filesNamed(folder / "training_set", "mv_", ".txt"); !perMovie.empty()) return perMovie;
  return filesNamed(folder, "mv_", ".txt");
}

std::vector<fs::path> locateNetflixFiles(const fs::path& path) {
  if (!isDirectory(path)) {
    if (typeOf(path) != fs::file_type::not_found) return {path};
    throw InputError(path.string(), 0,
                     "file not found: looked for this file or a folder holding 'combined_data_*.txt' or "
                     "'training_set/mv_*.txt'");
  }
  if (auto files = ratingsFilesIn(path); !files.empty()) return files;
  throw InputError(path.string(), 0,
                   "file not found: looked for 'combined_data_*.txt', 'training_set/mv_*.txt' and 'mv_*.txt' "
                   "in this folder");
}

// movie_titles.csv (Kaggle) or movie_titles.txt (the archive, beside training_set/).
std::optional<fs::path> locateNetflixTitles(const fs::path& firstRatingsFile) {
  std::vector<fs::path> folders{firstRatingsFile.parent_path()};
  if (folders.front().filename() == "training_set") folders.push_back(folders.front().parent_path());
  for (const fs::path& folder : folders) {
    for (const char* name : {"movie_titles.csv", "movie_titles.txt"}) {
      if (auto titles = fileIn(folder, name)) return titles;
    }
  }
  return std::nullopt;
}

// movie_titles: MovieID,YearOfRelease,Title in Latin-1; the title is not quoted and may
// hold commas.
Catalog readNetflixTitles(const TextFile& file) {
  Catalog catalog;
  LineCursor lines(file.text);
  while (const auto raw = lines.next()) {
    const Location where{file.path, lines.number()};
    const std::string line = latin1ToUtf8(*raw);
    const std::size_t idEnd = line.find(',');
    const std::size_t titleStart = idEnd == std::string::npos ? idEnd : line.find(',', idEnd + 1);
    if (titleStart == std::string::npos) {
      where.fail("expected 'MovieID,YearOfRelease,Title', found " + excerpt(line));
    }
    addCatalogEntry(catalog, numericId(std::string_view(line).substr(0, idEnd), "movie id", where),
                    ItemInfo{line.substr(titleStart + 1), {}}, where);
  }
  return catalog;
}

// Blocks of a "MovieID:" line followed by "CustomerID,Rating,YYYY-MM-DD" lines.
void readNetflixRatings(const TextFile& file, InteractionLog& log, ImportProgress& progress) {
  LineCursor lines(file.text);
  std::optional<std::string_view> movie;
  std::vector<std::string_view> fields;
  while (const auto line = lines.next()) {
    progress.update(lines.offset());
    const Location where{file.path, lines.number()};
    if (line->back() == ':') {
      movie = numericId(line->substr(0, line->size() - 1), "movie id", where);
      continue;
    }
    if (!movie) where.fail("rating line before any 'MovieID:' line");
    splitOn(*line, ",", fields);
    expectFieldCount(fields.size(), 3, 3, ",", where);
    const std::string_view customer = numericId(fields[0], "customer id", where);
    const float rating = parseRating(fields[1], kStars, where);
    appendInteraction(log, customer, *movie, rating, parseDate(fields[2], where));
  }
}

InteractionLog importNetflix(const fs::path& path, const TaskContext& context) {
  const std::vector<fs::path> files = locateNetflixFiles(path);
  InteractionLog log;
  log.source = path.string();
  log.explicitValues = true;
  ImportProgress progress(context, totalBytes(files));
  for (const fs::path& file : files) {
    const TextFile ratings = readTextFile(file);
    readNetflixRatings(ratings, log, progress);
    progress.finishFile(ratings.text.size());
  }
  progress.finish();
  requireInteractions(log);
  if (const auto titles = locateNetflixTitles(files.front())) {
    log.catalog = readNetflixTitles(readTextFile(*titles));
  }
  return log;
}

void registerNetflix(PluginRegistrar& registrar) {
  DatasetFormat netflix;
  netflix.name = "netflix";
  netflix.summary = "Netflix Prize: combined_data_*.txt or training_set/mv_*.txt, with movie_titles";
  netflix.canRead = [](const fs::path& path) {
    try {
      return isDirectory(path) && !ratingsFilesIn(path).empty();
    } catch (const std::exception&) {
      return false;
    }
  };
  netflix.read = [](const fs::path& path, const ParamSet&, const TaskContext& context) {
    return importNetflix(path, context);
  };
  registrar.addFormat(std::move(netflix));
}

}  // namespace
}  // namespace vaecf

VAECF_PLUGIN(vaecf::registerNetflix)
