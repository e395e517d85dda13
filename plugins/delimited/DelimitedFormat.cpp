// The delimited plugin: any interaction log with one interaction per line and its fields
// split by one character (docs/protocol.md, "Datasets"): Last.fm, Book-Crossing, Jester,
// a spreadsheet export. The separator and the header line are detected unless given.
#include <algorithm>
#include <charconv>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/Error.h"
#include "common/InputFile.h"
#include "data/TextReading.h"
#include "delimited/DelimitedLayout.h"
#include "plugin/PluginApi.h"

namespace vaecf {

namespace fs = std::filesystem;
using namespace reading;

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

namespace {

const char kQuote = '"';
const char* const kAuto = "auto";
// The value column when none is given: the third, as in user,item,rating logs.
const char* const kDefaultValueColumn = "2";

enum class TextEncoding { Utf8, Latin1 };

// The options as the reader uses them, once detection has settled them.
struct DelimitedLayout {
  char separator = ',';
  bool header = true;
  std::size_t userColumn = 0;
  std::size_t itemColumn = 1;
  std::optional<std::size_t> valueColumn;
  std::optional<std::size_t> timestampColumn;
  TextEncoding encoding = TextEncoding::Utf8;
};

std::vector<ParamSpec> delimitedOptions() {
  return {
      textParam("separator", kAuto, "the field separator: one character, 'tab', or 'auto' (detected from the first lines)"),
      choiceParam("header", kAuto, {kAuto, "yes", "no"},
                  "whether the first line names the columns; 'auto' detects it with the separator (and means "
                  "'yes' when the separator is given)"),
      integerParam("user_column", "0", "0-based column of the user ids", 0.0),
      integerParam("item_column", "1", "0-based column of the item ids", 0.0),
      integerParam("value_column", kDefaultValueColumn,
                   "0-based column of the values (ratings, play counts), -1 for none (every row counts 1); a "
                   "detected two-column file has none",
                   -1.0),
      integerParam("timestamp_column", "-1", "0-based column of the timestamps (seconds since 1970), -1 for none", -1.0),
      choiceParam("encoding", "utf8", {"utf8", "latin1"}, "the text encoding of the ids"),
  };
}

char separatorOf(const std::string& text) {
  if (text == "tab" || text == "\\t") return '\t';
  if (text.size() != 1) throw Error("the separator must be one character, 'tab' or 'auto', not " + quoteText(text));
  return text[0];
}

std::optional<std::size_t> optionalColumn(long long column) {
  return column >= 0 ? std::optional<std::size_t>(static_cast<std::size_t>(column)) : std::nullopt;
}

DelimitedLayout layoutOf(const ParamSet& options) {
  DelimitedLayout layout;
  layout.separator = separatorOf(options.text("separator"));
  layout.header = options.text("header") != "no";
  layout.userColumn = static_cast<std::size_t>(options.integer("user_column"));
  layout.itemColumn = static_cast<std::size_t>(options.integer("item_column"));
  layout.valueColumn = optionalColumn(options.integer("value_column"));
  layout.timestampColumn = optionalColumn(options.integer("timestamp_column"));
  layout.encoding = options.text("encoding") == "latin1" ? TextEncoding::Latin1 : TextEncoding::Utf8;
  if (layout.separator == '\n' || layout.separator == '\r') throw Error("the separator cannot be a line break");
  if (layout.separator == kQuote) throw Error("the separator and the quote character must differ");
  if (layout.userColumn == layout.itemColumn) throw Error("the user and item columns must differ");
  return layout;
}

// The separator and header left to detection, settled from the file.
std::string resolveDelimited(const fs::path& path, ParamSet& options) {
  if (options.text("separator") != kAuto) {
    if (options.text("header") == kAuto) options.set("header", "yes");
    return {};
  }
  const DetectedLayout detected = detectDelimitedLayout(path, kQuote);
  options.set("separator", detected.separator == '\t' ? "tab" : std::string(1, detected.separator));
  if (options.text("header") == kAuto) options.set("header", detected.header ? "yes" : "no");
  std::string note = "detected " + detected.description;
  if (detected.columns <= 2 && options.text("value_column") == kDefaultValueColumn) {
    options.set("value_column", "-1");
    note += "; no value column: every row is one interaction";
  } else if (const long long column = options.integer("value_column"); column >= 0) {
    note += "; column " + std::to_string(column) +
            " holds the values (ratings; play counts too: --min-rating sets which are positive)";
  }
  return note + "; the options given override what is detected";
}

std::size_t requiredFields(const DelimitedLayout& layout) {
  std::size_t lastColumn = std::max(layout.userColumn, layout.itemColumn);
  if (layout.valueColumn) lastColumn = std::max(lastColumn, *layout.valueColumn);
  if (layout.timestampColumn) lastColumn = std::max(lastColumn, *layout.timestampColumn);
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

void readDelimitedLog(const TextFile& file, const DelimitedLayout& layout, InteractionLog& log,
                      ImportProgress& progress) {
  LineCursor lines(file.text);
  if (layout.header) lines.next();
  CsvSplitter splitter(layout.separator, kQuote);
  const std::string_view separator(&layout.separator, 1);
  const std::size_t needed = requiredFields(layout);
  std::string userBuffer;
  std::string itemBuffer;
  while (const auto line = lines.next()) {
    progress.update(lines.offset());
    const Location where{file.path, lines.number()};
    const std::vector<std::string_view>& fields = splitter.split(*line, where);
    expectFieldCount(fields.size(), needed, kAnyCount, separator, where);
    const std::string_view user = textId(fields[layout.userColumn], "user id", layout.encoding, userBuffer, where);
    const std::string_view item = textId(fields[layout.itemColumn], "item id", layout.encoding, itemBuffer, where);
    const float value =
        layout.valueColumn ? parseRating(trimSpaces(fields[*layout.valueColumn]), kAnyFloat, where) : 1.0F;
    const std::int64_t timestamp = layout.timestampColumn
                                       ? parseTimestamp(trimSpaces(fields[*layout.timestampColumn]), where)
                                       : Interaction::kNoTimestamp;
    appendInteraction(log, user, item, value, timestamp);
  }
}

InteractionLog importDelimited(const fs::path& path, const ParamSet& options, const TaskContext& context) {
  const DelimitedLayout layout = layoutOf(options);
  return importRatingsFile(locateLogFile(path), layout.valueColumn.has_value(), context,
                           [&layout](const TextFile& file, InteractionLog& log, ImportProgress& progress) {
                             readDelimitedLog(file, layout, log, progress);
                           });
}

void registerDelimited(PluginRegistrar& registrar) {
  DatasetFormat delimited;
  delimited.name = "delimited";
  delimited.summary = "any delimited log (CSV, TSV, ...): user, item, value and time columns";
  delimited.options = delimitedOptions();
  // Any file whose lines split alike, once no format with standard names claims it.
  delimited.generic = true;
  delimited.canRead = [](const fs::path& path) {
    try {
      detectDelimitedLayout(path, kQuote);
      return true;
    } catch (const std::exception&) {
      return false;
    }
  };
  delimited.resolve = resolveDelimited;
  delimited.read = importDelimited;
  registrar.addFormat(std::move(delimited));
}

}  // namespace
}  // namespace vaecf

VAECF_PLUGIN(vaecf::registerDelimited)
