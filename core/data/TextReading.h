#pragma once
// The toolkit of the dataset readers (docs/plugins.md, "A dataset format"): text files
// read whole, lines and fields, ids, ratings and times parsed with messages that name the
// file, the line and the problem, progress and cancellation. Built-in format plugins and
// outside ones read with it, so every format reports bad input alike.

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/TaskContext.h"
#include "data/InteractionLog.h"

namespace vaecf::reading {

// ------------------------------------------------------------------------------------ text

bool isAscii(std::string_view text);
std::string latin1ToUtf8(std::string_view text);
// Well-formed UTF-8 as RFC 3629 defines it: no overlong forms, surrogates or code points
// past U+10FFFF.
bool isValidUtf8(std::string_view text);
std::string_view trimSpaces(std::string_view text);
bool hasPrefixAndSuffix(std::string_view text, std::string_view prefix, std::string_view suffix);
// Offending text for a message: escaped and cut short, so that a whole misread or binary
// line stays readable.
std::string excerpt(std::string_view text);

// Where a parser stands in a file, for its error messages.
struct Location {
  const std::string& file;
  std::size_t line;

  [[noreturn]] void fail(const std::string& reason) const;
};

// ---------------------------------------------------------------------------------- fields

inline constexpr std::size_t kAnyCount = std::numeric_limits<std::size_t>::max();

// Splits on every occurrence of `separator`, keeping empty fields.
void splitOn(std::string_view line, std::string_view separator, std::vector<std::string_view>& fields);
// Splits on runs of spaces and tabs.
void splitOnWhitespace(std::string_view line, std::vector<std::string_view>& fields);
// Fails unless min <= found <= max (kAnyCount: no upper bound).
void expectFieldCount(std::size_t found, std::size_t min, std::size_t max, std::string_view separator,
                      const Location& where);

// Splits one CSV record with RFC 4180 quoting: a quoted field may hold separators and
// doubled quotes. The views point into the line or into an internal buffer and stay valid
// until the next call.
class CsvSplitter {
 public:
  CsvSplitter(char separator, char quote) : separator_(separator), quote_(quote) {}

  const std::vector<std::string_view>& split(std::string_view line, const Location& where);

 private:
  // Adds the field whose opening quote is at `open`; returns the index just past it.
  std::size_t addQuotedField(std::string_view line, std::size_t open, const Location& where);

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

// A run of digits, as the MovieLens and Netflix files number users and items.
std::string_view numericId(std::string_view text, const char* what, const Location& where);

// The values a format allows: anything outside means a broken or misread file.
struct RatingScale {
  double min;
  double max;
};
inline constexpr RatingScale kStars{1, 5};
inline constexpr RatingScale kHalfStars{0.5, 5};
inline constexpr RatingScale kAnyFloat{std::numeric_limits<float>::lowest(), std::numeric_limits<float>::max()};

float parseRating(std::string_view text, const RatingScale& scale, const Location& where);
// Seconds since 1970.
std::int64_t parseTimestamp(std::string_view text, const Location& where);
// A YYYY-MM-DD date as seconds since the epoch, at midnight UTC.
std::int64_t parseDate(std::string_view text, const Location& where);

// ------------------------------------------------------------------------------- file text

struct TextFile {
  std::string path;  // as named in messages
  std::string text;
};

// Regular files only: a named pipe or a device is refused at once instead of blocking.
TextFile readTextFile(const std::filesystem::path& path);

// Walks the lines of a text, numbered from 1, without the CR of CRLF line ends, without
// blank lines and without a leading byte-order mark.
class LineCursor {
 public:
  explicit LineCursor(std::string_view text);

  std::optional<std::string_view> next();
  std::size_t number() const { return number_; }
  std::size_t offset() const { return std::min(pos_, text_.size()); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t number_ = 0;
};

// Consumes the first line, which must be `header`.
void expectHeader(LineCursor& lines, std::string_view header, const std::string& path);

// Reports bytes parsed over all the files of an import and checks for cancellation, every
// few MB so that neither costs time.
class ImportProgress {
 public:
  ImportProgress(const TaskContext& context, std::uint64_t totalBytes);

  void update(std::uint64_t offsetInFile) {
    if (done_ + offsetInFile >= nextReport_) step(done_ + offsetInFile);
  }
  void finishFile(std::uint64_t fileBytes);
  void finish() const;

 private:
  void step(std::uint64_t done);

  const TaskContext& context_;
  std::uint64_t total_;
  std::uint64_t done_ = 0;  // bytes of the files already finished
  std::uint64_t nextReport_ = 0;
};

void appendInteraction(InteractionLog& log, std::string_view user, std::string_view item, float value,
                       std::int64_t timestamp);

// Throws InputError naming log.source when the log holds no interaction.
void requireInteractions(const InteractionLog& log);

// Reads one ratings file with `parse(file, log, progress)`; throws InputError when it
// holds no interaction.
template <typename Parse>
InteractionLog importRatingsFile(const std::filesystem::path& path, bool explicitValues, const TaskContext& context,
                                 Parse parse) {
  const TextFile ratings = readTextFile(path);
  InteractionLog log;
  log.source = ratings.path;
  log.explicitValues = explicitValues;
  ImportProgress progress(context, ratings.text.size());
  parse(ratings, log, progress);
  progress.finish();
  requireInteractions(log);
  return log;
}

// --------------------------------------------------------------------------- locating files

// What `path` is, after symbolic links; not_found when nothing is there. Other failures
// (a symbolic link loop, no permission) throw InputError with the reason in words.
std::filesystem::file_type typeOf(const std::filesystem::path& path);
bool isDirectory(const std::filesystem::path& path);
// The ratings file that `path` names: the path itself, or `standardName` inside it when it
// is a folder.
std::filesystem::path locateRatingsFile(const std::filesystem::path& path, const std::string& standardName);
// A file without a standard name: `path` must be the file itself.
std::filesystem::path locateLogFile(const std::filesystem::path& path);
// `folder/name` when it is a regular file.
std::optional<std::filesystem::path> fileIn(const std::filesystem::path& folder, const std::string& name);
// The entries of `folder` named prefix*suffix other than folders, sorted by name.
std::vector<std::filesystem::path> filesNamed(const std::filesystem::path& folder, std::string_view prefix,
                                              std::string_view suffix);
std::uint64_t totalBytes(const std::vector<std::filesystem::path>& files);

// ------------------------------------------------------------------------------- catalogues

using Catalog = std::unordered_map<std::string, ItemInfo>;

void addCatalogEntry(Catalog& catalog, std::string_view id, ItemInfo info, const Location& where);
// "A|B|C" -> {A, B, C}; MovieLens' "(no genres listed)" -> {}.
std::vector<std::string> splitGenres(std::string_view text);

}  // namespace vaecf::reading
