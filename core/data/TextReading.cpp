#include "data/TextReading.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

#include "common/Error.h"
#include "common/InputFile.h"

namespace vaecf::reading {

namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

bool isDigit(char c) { return c >= '0' && c <= '9'; }

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

}  // namespace

// ------------------------------------------------------------------------------------ text

bool isAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

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

std::string excerpt(std::string_view text) { return quoteText(text); }

// ---------------------------------------------------------------------------------- fields

void Location::fail(const std::string& reason) const { throw InputError(file, line, reason); }

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
const std::vector<std::string_view>& CsvSplitter::split(std::string_view line, const Location& where) {
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

std::size_t CsvSplitter::addQuotedField(std::string_view line, std::size_t open, const Location& where) {
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


// ---------------------------------------------------------------------------------- values

std::string_view numericId(std::string_view text, const char* what, const Location& where) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), isDigit)) {
    where.fail(std::string("non-numeric ") + what + " " + excerpt(text));
  }
  return text;
}


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

TextFile readTextFile(const fs::path& path) { return TextFile{path.string(), readWholeFile(path)}; }

fs::file_type typeOf(const fs::path& path) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (status.type() == fs::file_type::not_found) return fs::file_type::not_found;
  if (error) requireRegularFile(path);  // throws the reason in words
  return status.type();
}

bool isDirectory(const fs::path& path) { return typeOf(path) == fs::file_type::directory; }

namespace {

// Spreadsheet exports start UTF-8 files with one; it is no part of the first field.
std::string_view withoutByteOrderMark(std::string_view text) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  return text.substr(0, kByteOrderMark.size()) == kByteOrderMark ? text.substr(kByteOrderMark.size()) : text;
}

}  // namespace

LineCursor::LineCursor(std::string_view text) : text_(withoutByteOrderMark(text)) {}

std::optional<std::string_view> LineCursor::next() {
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

void expectHeader(LineCursor& lines, std::string_view header, const std::string& path) {
  const std::optional<std::string_view> first = lines.next();
  if (first && *first != header) {
    throw InputError(path, lines.number(),
                     "expected the header " + excerpt(header) + ", found " + excerpt(*first));
  }
}

namespace {
constexpr std::uint64_t kReportEvery = std::uint64_t{4} << 20;
}  // namespace

ImportProgress::ImportProgress(const TaskContext& context, std::uint64_t totalBytes)
    : context_(context), total_(totalBytes) {
  step(0);
}

void ImportProgress::finishFile(std::uint64_t fileBytes) {
  done_ += fileBytes;
  update(0);
}

void ImportProgress::finish() const { context_.report("import", total_, total_); }

void ImportProgress::step(std::uint64_t done) {
  context_.checkCancelled();
  context_.report("import", done, total_);
  nextReport_ = done + kReportEvery;
}

void appendInteraction(InteractionLog& log, std::string_view user, std::string_view item, float value,
                       std::int64_t timestamp) {
  log.interactions.push_back({log.users.intern(user), log.items.intern(item), value, timestamp});
  if (timestamp != Interaction::kNoTimestamp) log.hasTimestamps = true;
}

void requireInteractions(const InteractionLog& log) {
  if (log.interactions.empty()) throw InputError(log.source, 0, "no interactions");
}

// --------------------------------------------------------------------------- locating files

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

}  // namespace vaecf::reading
