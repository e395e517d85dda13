#include "data/Importers.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "common/Error.h"
#include "common/InputFile.h"

namespace vaecf {

namespace fs = std::filesystem;

namespace {

struct NamedFormat {
  DatasetFormat format;
  const char* name;
};

constexpr std::array<NamedFormat, 8> kFormats{{
    {DatasetFormat::MovieLens100K, "ml-100k"},
    {DatasetFormat::MovieLens1M, "ml-1m"},
    {DatasetFormat::MovieLens20M, "ml-20m"},
    {DatasetFormat::MovieLensLatest, "ml-latest"},
    {DatasetFormat::Netflix, "netflix"},
    {DatasetFormat::CiteULike, "citeulike"},
    {DatasetFormat::Delimited, "delimited"},
    {DatasetFormat::Synthetic, "synthetic"},
}};

using Catalog = std::unordered_map<std::string, ItemInfo>;

constexpr std::size_t kAnyCount = std::numeric_limits<std::size_t>::max();
constexpr std::int64_t kSecondsPerDay = 86400;
constexpr std::int64_t kNoTimestamp = Interaction::kNoTimestamp;

// ------------------------------------------------------------------------------------ text

bool isAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::string latin1ToUtf8(std::string_view text) {
  std::string utf8;
  utf8.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      utf8 += c;
    } else {
      utf8 += static_cast<char>(0xC0 | (byte >> 6));
      utf8 += static_cast<char>(0x80 | (byte & 0x3F));
    }
  }
  return utf8;
}

// Well-formed UTF-8 as RFC 3629 defines it: no overlong forms, surrogates or code points
// past U+10FFFF.
bool isValidUtf8(std::string_view text) {
  const auto byteAt = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char lead = byteAt(i);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char secondMin = 0x80;
    unsigned char secondMax = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) secondMin = 0xA0;
      if (lead == 0xED) secondMax = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) secondMin = 0x90;
      if (lead == 0xF4) secondMax = 0x8F;
    } else {
      return false;
    }
    if (i + length > text.size() || byteAt(i + 1) < secondMin || byteAt(i + 1) > secondMax) return false;
    for (std::size_t k = 2; k < length; ++k) {
      if ((byteAt(i + k) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

std::string_view trimSpaces(std::string_view text) {
  const std::size_t first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(' ') - first + 1);
}

bool hasPrefixAndSuffix(std::string_view text, std::string_view prefix, std::string_view suffix) {
  return text.size() >= prefix.size() + suffix.size() && text.substr(0, prefix.size()) == prefix &&
         text.substr(text.size() - suffix.size()) == suffix;
}

// Offending text for a message: escaped and cut short (common/Error.h), so that a whole
// misread or binary line stays readable.
std::string excerpt(std::string_view text) { return quoteText(text); }

std::string separatorName(std::string_view separator) {
  if (separator == "\t") return "tabs";
  if (separator == " ") return "spaces";
  return "'" + std::string(separator) + "'";
}

std::string formatNumber(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// ---------------------------------------------------------------------------------- fields

// Where a parser stands in a file, for its error messages.
struct Location {
  const std::string& file;
  std::size_t line;

  [[noreturn]] void fail(const std::string& reason) const { throw InputError(file, line, reason); }
};

// Splits on every occurrence of `separator`, keeping empty fields.
void splitOn(std::string_view line, std::string_view separator, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t start = 0;
  for (std::size_t end = line.find(separator); end != std::string_view::npos;
       end = line.find(separator, start)) {
    fields.push_back(line.substr(start, end - start));
    start = end + separator.size();
  }
  fields.push_back(line.substr(start));
}

// Splits on runs of spaces and tabs.
void splitOnWhitespace(std::string_view line, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t start = line.find_first_not_of(" \t");
  while (start != std::string_view::npos) {
    const std::size_t end = std::min(line.find_first_of(" \t", start), line.size());
    fields.push_back(line.substr(start, end - start));
    start = line.find_first_not_of(" \t", end);
  }
}

void expectFieldCount(std::size_t found, std::size_t min, std::size_t max, std::string_view separator,
                      const Location& where) {
  if (found >= min && found <= max) return;
  std::string expected = std::to_string(min);
  if (max == kAnyCount) {
    expected = "at least " + expected;
  } else if (max != min) {
    expected += " or " + std::to_string(max);
  }
  where.fail("expected " + expected + " fields separated by " + separatorName(separator) + ", found " +
             std::to_string(found));
}

// Splits one CSV record with RFC 4180 quoting: a quoted field may hold separators and
// doubled quotes. The views point into the line or into an internal buffer and stay valid
// until the next call.
class CsvSplitter {
 public:
  CsvSplitter(char separator, char quote) : separator_(separator), quote_(quote) {}

  const std::vector<std::string_view>& split(std::string_view line, const Location& where) {
    if (line.find(quote_) == std::string_view::npos) {
      splitOn(line, std::string_view(&separator_, 1), fields_);
      return fields_;
    }
    fields_.clear();
    unquoted_.clear();
    unquoted_.reserve(line.size());  // never outgrown, so views into it stay valid
    std::size_t start = 0;
    for (;;) {
      std::size_t end = 0;
      if (start < line.size() && line[start] == quote_) {
        end = addQuotedField(line, start, where);
      } else {
        end = std::min(line.find(separator_, start), line.size());
        fields_.push_back(line.substr(start, end - start));
      }
      if (end == line.size()) return fields_;
      start = end + 1;
    }
  }

 private:
  // Adds the field whose opening quote is at `open`; returns the index just past it.
  std::size_t addQuotedField(std::string_view line, std::size_t open, const Location& where) {
    const std::size_t fieldStart = unquoted_.size();
    std::size_t pos = open + 1;
    for (;;) {
      const std::size_t close = line.find(quote_, pos);
      if (close == std::string_view::npos) {
        where.fail("unterminated quoted field (fields may not span lines)");
      }
      unquoted_.append(line.substr(pos, close - pos));
      const std::size_t after = close + 1;
      if (after < line.size() && line[after] == quote_) {
        unquoted_ += quote_;
        pos = after + 1;
        continue;
      }
      if (after < line.size() && line[after] != separator_) {
        where.fail("unexpected text after a closing quote: " + excerpt(line.substr(after)));
      }
      fields_.push_back(std::string_view(unquoted_).substr(fieldStart));
      return after;
    }
  }

  char separator_;
  char quote_;
  std::vector<std::string_view> fields_;
  std::string unquoted_;
};

// ---------------------------------------------------------------------------------- values

template <typename Number>
bool parseWhole(std::string_view text, Number& value) {
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  return result.ec == std::errc() && result.ptr == end;
}

std::string_view numericId(std::string_view text, const char* what, const Location& where) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), isDigit)) {
    where.fail(std::string("non-numeric ") + what + " " + excerpt(text));
  }
  return text;
}

// The values a format allows: anything outside means a broken or misread file.
struct RatingScale {
  double min;
  double max;
};
constexpr RatingScale kStars{1, 5};
constexpr RatingScale kHalfStars{0.5, 5};
constexpr RatingScale kAnyFloat{std::numeric_limits<float>::lowest(), std::numeric_limits<float>::max()};

float parseRating(std::string_view text, const RatingScale& scale, const Location& where) {
  double rating = 0;
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, rating);
  if (result.ec == std::errc::invalid_argument || result.ptr != end) {
    where.fail("non-numeric rating " + excerpt(text));
  }
  if (result.ec == std::errc::result_out_of_range || !std::isfinite(rating)) {
    where.fail("rating " + excerpt(text) + " is not a finite number");
  }
  if (rating < scale.min || rating > scale.max) {
    where.fail("rating " + excerpt(text) + " is outside " + formatNumber(scale.min) + " to " +
               formatNumber(scale.max));
  }
  return static_cast<float>(rating);
}

std::int64_t parseTimestamp(std::string_view text, const Location& where) {
  std::int64_t seconds = 0;
  if (!parseWhole(text, seconds)) {
    where.fail("non-numeric timestamp " + excerpt(text) + " (expected seconds since 1970)");
  }
  return seconds;
}

bool isLeapYear(unsigned year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned daysInMonth(unsigned year, unsigned month) {
  constexpr std::array<unsigned, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

// Days from 1970-01-01 to a Gregorian date (H. Hinnant's days_from_civil).
std::int64_t daysSinceEpoch(unsigned year, unsigned month, unsigned day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yearOfEra = y - era * 400;
  const std::int64_t dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

// A YYYY-MM-DD date as seconds since the epoch, at midnight UTC.
std::int64_t parseDate(std::string_view text, const Location& where) {
  unsigned year = 0;
  unsigned month = 0;
  unsigned day = 0;
  const bool valid = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                     parseWhole(text.substr(0, 4), year) && parseWhole(text.substr(5, 2), month) &&
                     parseWhole(text.substr(8, 2), day) && month >= 1 && month <= 12 && day >= 1 &&
                     day <= daysInMonth(year, month);
  if (!valid) where.fail("invalid date " + excerpt(text) + ", expected YYYY-MM-DD");
  return daysSinceEpoch(year, month, day) * kSecondsPerDay;
}

// ------------------------------------------------------------------------------- file text

struct TextFile {
  std::string path;  // as named in messages
  std::string text;
};

// Regular files only: a named pipe or a device is refused at once instead of blocking.
TextFile readTextFile(const fs::path& path) { return TextFile{path.string(), readWholeFile(path)}; }

// What `path` is, after symbolic links; not_found when nothing is there. Other failures
// (a symbolic link loop, no permission) are reported in a sentence.
fs::file_type typeOf(const fs::path& path) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) return fs::file_type::not_found;
  if (error) requireRegularFile(path);  // throws the reason in words
  return status.type();
}

bool isDirectory(const fs::path& path) { return typeOf(path) == fs::file_type::directory; }

// Walks the lines of a text, numbered from 1, without the CR of CRLF line ends and
// without blank lines.
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(withoutByteOrderMark(text)) {}

  std::optional<std::string_view> next() {
    while (pos_ < text_.size()) {
      const std::size_t end = std::min(text_.find('\n', pos_), text_.size());
      std::string_view line = text_.substr(pos_, end - pos_);
      pos_ = end + 1;
      ++number_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty()) return line;
    }
    return std::nullopt;
  }

  std::size_t number() const { return number_; }
  std::size_t offset() const { return std::min(pos_, text_.size()); }

 private:
  // Spreadsheet exports start UTF-8 files with one; it is no part of the first field.
  static std::string_view withoutByteOrderMark(std::string_view text) {
    constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
    return text.substr(0, kByteOrderMark.size()) == kByteOrderMark ? text.substr(kByteOrderMark.size())
                                                                   : text;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t number_ = 0;
};

// Consumes the first line, which must be `header`.
void expectHeader(LineCursor& lines, std::string_view header, const std::string& path) {
  const std::optional<std::string_view> first = lines.next();
  if (first && *first != header) {
    throw InputError(path, lines.number(),
                     "expected the header " + excerpt(header) + ", found " + excerpt(*first));
  }
}

// Reports bytes parsed over all the ratings files of an import and checks for
// cancellation, every few MB so that neither costs time.
class ImportProgress {
 public:
  ImportProgress(const TaskContext& context, std::uint64_t totalBytes)
      : context_(context), total_(totalBytes) {
    step(0);
  }

  void update(std::uint64_t offsetInFile) {
    if (done_ + offsetInFile >= nextReport_) step(done_ + offsetInFile);
  }
  void finishFile(std::uint64_t fileBytes) {
    done_ += fileBytes;
    update(0);
  }
  void finish() const { context_.report("import", total_, total_); }

 private:
  static constexpr std::uint64_t kReportEvery = std::uint64_t{4} << 20;

  void step(std::uint64_t done) {
    context_.checkCancelled();
    context_.report("import", done, total_);
    nextReport_ = done + kReportEvery;
  }

  const TaskContext& context_;
  std::uint64_t total_;
  std::uint64_t done_ = 0;  // bytes of the files already finished
  std::uint64_t nextReport_ = 0;
};

void append(InteractionLog& log, std::string_view user, std::string_view item, float value,
            std::int64_t timestamp) {
  log.interactions.push_back({log.users.intern(user), log.items.intern(item), value, timestamp});
  if (timestamp != kNoTimestamp) log.hasTimestamps = true;
}

// --------------------------------------------------------------------------- locating files

// The ratings file that `path` names: the path itself, or `standardName` inside it when it
// is a folder.
fs::path locateRatingsFile(const fs::path& path, const std::string& standardName) {
  if (isDirectory(path)) {
    fs::path inside = path / standardName;
    if (typeOf(inside) != fs::file_type::not_found) return inside;  // readTextFile refuses a non-file
    throw InputError(path.string(), 0, "file not found: looked for '" + standardName + "' in this folder");
  }
  if (typeOf(path) != fs::file_type::not_found) return path;
  throw InputError(path.string(), 0,
                   "file not found: looked for this file or a folder holding '" + standardName + "'");
}

// A generic log has no standard name, so `path` must be the file itself.
fs::path locateLogFile(const fs::path& path) {
  if (isDirectory(path)) {
    throw InputError(path.string(), 0, "this is a folder; name the interaction file");
  }
  if (typeOf(path) == fs::file_type::not_found) throw InputError(path.string(), 0, "file not found");
  return path;
}

std::optional<fs::path> fileIn(const fs::path& folder, const std::string& name) {
  const fs::path candidate = folder / name;
  std::error_code unreadable;  // a broken link or a loop: as if there were no catalogue
  if (fs::is_regular_file(candidate, unreadable)) return candidate;
  return std::nullopt;
}

// The entries of `folder` named prefix*suffix other than folders, sorted by name; a
// special file among them is refused by readTextFile with its reason.
std::vector<fs::path> filesNamed(const fs::path& folder, std::string_view prefix, std::string_view suffix) {
  std::vector<fs::path> files;
  std::error_code absent;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, absent)) {
    std::error_code unreadable;
    if (hasPrefixAndSuffix(entry.path().filename().string(), prefix, suffix) && !entry.is_directory(unreadable)) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The Kaggle copy of the Netflix Prize holds combined_data_1..4.txt; the original archive
// holds training_set/mv_0000001.txt and so on, one file per movie.
std::vector<fs::path> locateNetflixFiles(const fs::path& path) {
  if (!isDirectory(path)) {
    if (typeOf(path) != fs::file_type::not_found) return {path};
    throw InputError(path.string(), 0,
                     "file not found: looked for this file or a folder holding 'combined_data_*.txt' or "
                     "'training_set/mv_*.txt'");
  }
  if (auto combined = filesNamed(path, "combined_data_", ".txt"); !combined.empty()) return combined;
  if (auto perMovie = filesNamed(path / "training_set", "mv_", ".txt"); !perMovie.empty()) return perMovie;
  if (auto perMovie = filesNamed(path, "mv_", ".txt"); !perMovie.empty()) return perMovie;
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

std::uint64_t totalBytes(const std::vector<fs::path>& files) {
  std::uint64_t total = 0;
  for (const fs::path& file : files) {
    std::error_code unreadable;  // readTextFile reports it
    const std::uintmax_t size = fs::file_size(file, unreadable);
    if (!unreadable) total += size;
  }
  return total;
}

// ------------------------------------------------------------------------------- catalogues

void addCatalogEntry(Catalog& catalog, std::string_view id, ItemInfo info, const Location& where) {
  if (!catalog.emplace(std::string(id), std::move(info)).second) {
    where.fail("movie " + std::string(id) + " is listed twice");
  }
}

std::vector<std::string> splitGenres(std::string_view text) {
  constexpr std::string_view kNoGenres = "(no genres listed)";
  std::vector<std::string> genres;
  if (text.empty() || text == kNoGenres) return genres;
  std::vector<std::string_view> names;
  splitOn(text, "|", names);
  genres.assign(names.begin(), names.end());
  return genres;
}

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

// ---------------------------------------------------------------------------------- ratings

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
    const std::int64_t timestamp = fields.size() > 3 ? parseTimestamp(fields[3], where) : kNoTimestamp;
    append(log, user, movie, rating, timestamp);
  }
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
    append(log, customer, *movie, rating, parseDate(fields[2], where));
  }
}

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
      where.fail("the line announces " + std::to_string(declared) + " items but lists " +
                 std::to_string(listed));
    }
    const std::string user = std::to_string(lines.number() - 1);
    for (std::size_t i = 1; i < fields.size(); ++i) {
      append(log, user, numericId(fields[i], "item id", where), 1.0F, kNoTimestamp);
    }
  }
}

void checkDelimitedOptions(const DelimitedOptions& options) {
  if (options.separator == '\n' || options.separator == '\r') {
    throw Error("the separator cannot be a line break");
  }
  if (options.separator == options.quote) throw Error("the separator and the quote character must differ");
  if (options.userColumn == options.itemColumn) throw Error("the user and item columns must differ");
}

std::size_t requiredFields(const DelimitedOptions& options) {
  std::size_t lastColumn = std::max(options.userColumn, options.itemColumn);
  if (options.valueColumn) lastColumn = std::max(lastColumn, *options.valueColumn);
  if (options.timestampColumn) lastColumn = std::max(lastColumn, *options.timestampColumn);
  return lastColumn + 1;
}

// An id of a generic log as UTF-8, without surrounding spaces (hand-written logs often put
// one after the separator). A Latin-1 id is converted into `buffer`.
std::string_view textId(std::string_view field, const char* what, TextEncoding encoding, std::string& buffer,
                        const Location& where) {
  const std::string_view id = trimSpaces(field);
  if (id.empty()) where.fail(std::string("empty ") + what);
  // A NUL or another control byte would make an id that prints like another one.
  if (std::any_of(id.begin(), id.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
    where.fail(std::string(what) + " " + excerpt(id) + " holds a control character");
  if (isAscii(id)) return id;
  if (encoding == TextEncoding::Latin1) {
    buffer = latin1ToUtf8(id);
    return buffer;
  }
  if (!isValidUtf8(id)) {
    where.fail(std::string(what) + " " + excerpt(id) + " is not valid UTF-8 (is the file Latin-1?)");
  }
  return id;
}

void readDelimitedLog(const TextFile& file, const DelimitedOptions& options, InteractionLog& log,
                      ImportProgress& progress) {
  LineCursor lines(file.text);
  if (options.header) lines.next();
  CsvSplitter splitter(options.separator, options.quote);
  const std::string_view separator(&options.separator, 1);
  const std::size_t needed = requiredFields(options);
  std::string userBuffer;
  std::string itemBuffer;
  while (const auto line = lines.next()) {
    progress.update(lines.offset());
    const Location where{file.path, lines.number()};
    const std::vector<std::string_view>& fields = splitter.split(*line, where);
    expectFieldCount(fields.size(), needed, kAnyCount, separator, where);
    const std::string_view user =
        textId(fields[options.userColumn], "user id", options.encoding, userBuffer, where);
    const std::string_view item =
        textId(fields[options.itemColumn], "item id", options.encoding, itemBuffer, where);
    const float value =
        options.valueColumn ? parseRating(trimSpaces(fields[*options.valueColumn]), kAnyFloat, where) : 1.0F;
    const std::int64_t timestamp = options.timestampColumn
                                       ? parseTimestamp(trimSpaces(fields[*options.timestampColumn]), where)
                                       : kNoTimestamp;
    append(log, user, item, value, timestamp);
  }
}

// ---------------------------------------------------------------------------------- imports

// Reads one ratings file with `parse(file, log, progress)`.
template <typename Parse>
InteractionLog importRatingsFile(const fs::path& path, bool explicitValues, const TaskContext& context,
                                 Parse parse) {
  const TextFile ratings = readTextFile(path);
  InteractionLog log;
  log.source = ratings.path;
  log.explicitValues = explicitValues;
  ImportProgress progress(context, ratings.text.size());
  parse(ratings, log, progress);
  progress.finish();
  if (log.interactions.empty()) throw InputError(log.source, 0, "no interactions");
  return log;
}

InteractionLog importMovieLens(const fs::path& path, const MovieLensLayout& layout,
                               const TaskContext& context) {
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
  if (log.interactions.empty()) throw InputError(log.source, 0, "no interactions");
  if (const auto titles = locateNetflixTitles(files.front())) {
    log.catalog = readNetflixTitles(readTextFile(*titles));
  }
  return log;
}

InteractionLog importCiteULike(const fs::path& path, const TaskContext& context) {
  return importRatingsFile(locateRatingsFile(path, "users.dat"), false, context, readCiteULikeLibraries);
}

InteractionLog importDelimited(const fs::path& path, const DelimitedOptions& options,
                               const TaskContext& context) {
  checkDelimitedOptions(options);
  return importRatingsFile(locateLogFile(path), options.valueColumn.has_value(), context,
                           [&options](const TextFile& file, InteractionLog& log, ImportProgress& progress) {
                             readDelimitedLog(file, options, log, progress);
                           });
}

}  // namespace

DetectedLayout detectDelimitedLayout(const fs::path& file, char quote) {
  constexpr std::size_t kSampleBytes = 64 * 1024;
  constexpr std::size_t kSampleLines = 50;
  const fs::path path = locateLogFile(file);
  const std::string pathText = path.string();
  const std::string text = readFilePrefix(path, kSampleBytes);
  const bool cut = text.size() == kSampleBytes;
  std::vector<std::string_view> lines;
  LineCursor cursor(text);
  while (const auto line = cursor.next()) {
    if (cut && cursor.offset() >= text.size()) break;  // the last line may be cut short
    lines.push_back(*line);
    if (lines.size() == kSampleLines) break;
  }
  if (lines.empty()) throw InputError(path.string(), 0, "no lines to tell the separator from");

  const auto isNumber = [](std::string_view field) {
    field = trimSpaces(field);
    double value = 0;
    const auto result = std::from_chars(field.data(), field.data() + field.size(), value);
    return !field.empty() && result.ec == std::errc() && result.ptr == field.data() + field.size();
  };
  struct Candidate {
    char separator;
    const char* name;
  };
  static constexpr Candidate kCandidates[] = {{'\t', "tab"}, {',', "comma"}, {';', "semicolon"}, {'|', "'|'"}, {' ', "space"}};
  for (const Candidate& candidate : kCandidates) {
    if (candidate.separator == quote) continue;
    CsvSplitter splitter(candidate.separator, quote);
    std::vector<std::vector<std::string>> rows;
    try {
      for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& fields = splitter.split(lines[i], Location{pathText, i + 1});
        rows.emplace_back(fields.begin(), fields.end());
      }
    } catch (const InputError&) {
      continue;  // quoting that does not fit this separator
    }
    // The data lines (all but the first, unless there is only one) agree on a count.
    const std::size_t firstData = rows.size() > 1 ? 1 : 0;
    std::unordered_map<std::size_t, std::size_t> counts;
    for (std::size_t i = firstData; i < rows.size(); ++i) ++counts[rows[i].size()];
    const auto mode = std::max_element(counts.begin(), counts.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    const std::size_t columns = mode->first, agreeing = mode->second, data = rows.size() - firstData;
    if (columns < 2 || agreeing * 10 < data * 9 || rows.front().size() != columns) continue;

    DetectedLayout layout;
    layout.separator = candidate.separator;
    layout.columns = columns;
    // A header names columns that hold numbers below it.
    bool numericColumn = false, textAboveNumbers = false;
    for (std::size_t column = 0; column < columns && rows.size() > 1; ++column) {
      std::size_t numbers = 0, rowsWithColumn = 0;
      for (std::size_t i = 1; i < rows.size(); ++i) {
        if (column >= rows[i].size()) continue;
        ++rowsWithColumn;
        numbers += isNumber(rows[i][column]) ? 1 : 0;
      }
      if (rowsWithColumn == 0 || numbers * 10 < rowsWithColumn * 9) continue;
      numericColumn = true;
      textAboveNumbers = textAboveNumbers || !isNumber(rows[0][column]);
    }
    std::string first;
    for (const std::string& field : rows.front()) first += (first.empty() ? "" : ", ") + quoteText(field, 30);
    if (numericColumn) {
      layout.header = textAboveNumbers;
    } else {
      // Nothing numeric to tell by: a first line of column names is the usual case.
      layout.header = std::none_of(rows.front().begin(), rows.front().end(), isNumber);
    }
    layout.description = std::string(candidate.name) + "-separated, " + std::to_string(columns) + " columns, " +
                         (layout.header ? "a header line (" + first + ")" : "no header line (the first line holds " + first + ")");
    return layout;
  }
  throw InputError(path.string(), 0,
                   "no separator (tab, comma, semicolon, '|' or space) gives the same number of columns on its first " +
                       std::to_string(lines.size()) + " lines; give --separator");
}

std::string formatName(DatasetFormat format) {
  for (const NamedFormat& named : kFormats) {
    if (named.format == format) return named.name;
  }
  throw Error("unknown dataset format");
}

DatasetFormat parseFormatName(const std::string& name) {
  for (const NamedFormat& named : kFormats) {
    if (name == named.name) return named.format;
  }
  std::string choices;
  for (const std::string& valid : formatNames()) choices += (choices.empty() ? "" : ", ") + valid;
  throw Error("unknown dataset format '" + name + "' (choose one of " + choices + ")");
}

bool readsPath(DatasetFormat format) { return format != DatasetFormat::Synthetic; }

std::vector<std::string> formatNames() {
  std::vector<std::string> names;
  for (const NamedFormat& named : kFormats) names.emplace_back(named.name);
  return names;
}

InteractionLog importDataset(const ImportOptions& options, const TaskContext& context) {
  switch (options.format) {
    case DatasetFormat::MovieLens100K:
      return importMovieLens(options.path, kMl100kLayout, context);
    case DatasetFormat::MovieLens1M:
      return importMovieLens(options.path, kMl1mLayout, context);
    case DatasetFormat::MovieLens20M:
    case DatasetFormat::MovieLensLatest:
      return importMovieLens(options.path, kMlCsvLayout, context);
    case DatasetFormat::Netflix:
      return importNetflix(options.path, context);
    case DatasetFormat::CiteULike:
      return importCiteULike(options.path, context);
    case DatasetFormat::Delimited:
      return importDelimited(options.path, options.delimited, context);
    case DatasetFormat::Synthetic:
      return generateSyntheticData(options.synthetic).log;
  }
  throw Error("unknown dataset format");
}

}  // namespace vaecf
