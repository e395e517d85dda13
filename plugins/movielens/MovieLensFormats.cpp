// The movielens plugin: the MovieLens releases (docs/protocol.md, "Datasets"). Each reads
// its ratings file, found by its standard name in a dataset folder, and the catalogue of
// titles and genres beside it when present.
#include <array>
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

// The genre flags of u.item come in the order of u.genre.
constexpr std::array<const char*, 19> kMl100kGenres{
    "unknown",     "Action", "Adventure", "Animation", "Children's", "Comedy",  "Crime",
    "Documentary", "Drama",  "Fantasy",   "Film-Noir", "Horror",     "Musical", "Mystery",
    "Romance",     "Sci-Fi", "Thriller",  "War",       "Western"};

// u.item: id|title|release date|video release date|IMDb URL|19 genre flags, in Latin-1.
Catalog readMl100kItems(const TextFile& file) {
  constexpr std::size_t kFirstFlag = 5;
  constexpr std::size_t kFields = kFirstFlag + kMl100kGenres.size();
  Catalog catalog;
  LineCursor lines(file.text);
  std::vector<std::string_view> fields;
  while (const auto raw = lines.next()) {
    const Location where{file.path, lines.number()};
    const std::string line = latin1ToUtf8(*raw);
    splitOn(line, "|", fields);
    expectFieldCount(fields.size(), kFields, kFields, "|", where);
    ItemInfo info{std::string(fields[1]), {}};
    for (std::size_t genre = 0; genre < kMl100kGenres.size(); ++genre) {
      const std::string_view flag = fields[kFirstFlag + genre];
      if (flag != "0" && flag != "1") where.fail("genre flag " + excerpt(flag) + " is neither 0 nor 1");
      if (flag == "1") info.genres.emplace_back(kMl100kGenres[genre]);
    }
    addCatalogEntry(catalog, numericId(fields[0], "movie id", where), std::move(info), where);
  }
  return catalog;
}

// movies.dat: MovieID::Title::Genres, in Latin-1.
Catalog readMl1mMovies(const TextFile& file) {
  Catalog catalog;
  LineCursor lines(file.text);
  std::vector<std::string_view> fields;
  while (const auto raw = lines.next()) {
    const Location where{file.path, lines.number()};
    const std::string line = latin1ToUtf8(*raw);
    splitOn(line, "::", fields);
    expectFieldCount(fields.size(), 3, 3, "::", where);
    addCatalogEntry(catalog, numericId(fields[0], "movie id", where),
                    ItemInfo{std::string(fields[1]), splitGenres(fields[2])}, where);
  }
  return catalog;
}

// movies.csv: movieId,title,genres with a header, quoted titles, in UTF-8.
Catalog readMlCsvMovies(const TextFile& file) {
  Catalog catalog;
  LineCursor lines(file.text);
  expectHeader(lines, "movieId,title,genres", file.path);
  CsvSplitter splitter(',', '"');
  while (const auto line = lines.next()) {
    const Location where{file.path, lines.number()};
    if (!isValidUtf8(*line)) where.fail("the line is not valid UTF-8 text");
    const std::vector<std::string_view>& fields = splitter.split(*line, where);
    expectFieldCount(fields.size(), 3, 3, ",", where);
    addCatalogEntry(catalog, numericId(fields[0], "movie id", where),
                    ItemInfo{std::string(fields[1]), splitGenres(fields[2])}, where);
  }
  return catalog;
}

struct MovieLensLayout {
  const char* ratingsName;
  std::string_view separator;
  std::size_t minFields;  // user, movie, rating, then a timestamp that may be optional
  std::size_t maxFields;
  std::string_view header;  // the first line; empty when the file has none
  RatingScale scale;
  const char* catalogueName;
  Catalog (*readCatalogue)(const TextFile&);
};

const MovieLensLayout kMl100kLayout{"u.data", "\t", 4, 4, "", kStars, "u.item", readMl100kItems};
// The timestamp is optional: the shared ML-1M copy was rebuilt without it.
const MovieLensLayout kMl1mLayout{"ratings.dat", "::", 3, 4, "", kStars, "movies.dat", readMl1mMovies};
const MovieLensLayout kMlCsvLayout{
    "ratings.csv", ",", 4, 4, "userId,movieId,rating,timestamp", kHalfStars, "movies.csv", readMlCsvMovies};

void readMovieLensRatings(const TextFile& file, const MovieLensLayout& layout, InteractionLog& log,
                          ImportProgress& progress) {
  LineCursor lines(file.text);
  if (!layout.header.empty()) expectHeader(lines, layout.header, file.path);
  std::vector<std::string_view> fields;
  while (const auto line = lines.next()) {
    progress.update(lines.offset());
    const Location where{file.path, lines.number()};
    splitOn(*line, layout.separator, fields);
    expectFieldCount(fields.size(), layout.minFields, layout.maxFields, layout.separator, where);
    const std::string_view user = numericId(fields[0], "user id", where);
    const std::string_view movie = numericId(fields[1], "movie id", where);
    const float rating = parseRating(fields[2], layout.scale, where);
    const std::int64_t timestamp = fields.size() > 3 ? parseTimestamp(fields[3], where) : Interaction::kNoTimestamp;
    appendInteraction(log, user, movie, rating, timestamp);
  }
}

InteractionLog importMovieLens(const fs::path& path, const MovieLensLayout& layout, const TaskContext& context) {
  const fs::path ratingsPath = locateRatingsFile(path, layout.ratingsName);
  InteractionLog log =
      importRatingsFile(ratingsPath, true, context,
                        [&layout](const TextFile& file, InteractionLog& into, ImportProgress& progress) {
                          readMovieLensRatings(file, layout, into, progress);
                        });
  if (const auto catalogue = fileIn(ratingsPath.parent_path(), layout.catalogueName)) {
    log.catalog = layout.readCatalogue(readTextFile(*catalogue));
  }
  return log;
}

// A folder holding the layout's ratings file, or that file itself, whose first line is a
// rating line (or the header) of the layout.
bool looksLike(const fs::path& path, const MovieLensLayout& layout) {
  try {
    const fs::path ratings = isDirectory(path) ? path / layout.ratingsName : path;
    if (ratings.filename() != layout.ratingsName || typeOf(ratings) != fs::file_type::regular) return false;
    const std::string start = readFilePrefix(ratings, 4096);
    LineCursor lines(start);
    const auto first = lines.next();
    if (!first) return false;
    if (!layout.header.empty()) return *first == layout.header;
    std::vector<std::string_view> fields;
    splitOn(*first, layout.separator, fields);
    return fields.size() >= layout.minFields && fields.size() <= layout.maxFields;
  } catch (const std::exception&) {
    return false;  // unreadable: not recognisably this format
  }
}

DatasetFormat movieLensFormat(std::string name, std::string summary, const MovieLensLayout& layout) {
  DatasetFormat format;
  format.name = std::move(name);
  format.summary = std::move(summary);
  format.canRead = [&layout](const fs::path& path) { return looksLike(path, layout); };
  format.read = [&layout](const fs::path& path, const ParamSet&, const TaskContext& context) {
    return importMovieLens(path, layout, context);
  };
  return format;
}

void registerMovieLens(PluginRegistrar& registrar) {
  // ml-latest first: the small release bundled with the program and ml-20m share a layout,
  // and detection names the first format that reads a path.
  registrar.addFormat(movieLensFormat("ml-latest", "MovieLens latest(-small): ratings.csv and movies.csv, half stars",
                                      kMlCsvLayout));
  registrar.addFormat(movieLensFormat("ml-100k", "MovieLens 100K: u.data and u.item", kMl100kLayout));
  registrar.addFormat(movieLensFormat("ml-1m", "MovieLens 1M: ratings.dat and movies.dat", kMl1mLayout));
  registrar.addFormat(movieLensFormat("ml-20m", "MovieLens 20M/25M: ratings.csv and movies.csv, half stars",
                                      kMlCsvLayout));
}

}  // namespace
}  // namespace vaecf

VAECF_PLUGIN(vaecf::registerMovieLens)
