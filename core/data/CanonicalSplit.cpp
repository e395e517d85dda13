#include "data/CanonicalSplit.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/InputFile.h"

namespace fs = std::filesystem;

namespace vaecf {

namespace {

const char* const kRequiredFiles[] = {"unique_sid.txt", "train.csv", "validation_tr.csv",
                                      "validation_te.csv", "test_tr.csv", "test_te.csv"};

void writePairs(const fs::path& file, const CsrMatrix& matrix, std::int64_t firstUid) {
  writeFileAtomically(file, [&](std::ostream& out) {
    out << "uid,sid\n";
    for (std::int64_t row = 0; row < matrix.rows(); ++row)
      for (std::int64_t k = 0; k < matrix.rowSize(row); ++k)
        out << firstUid + row << ',' << matrix.rowColumns(row)[k] << '\n';
  });
}

void writeLines(const fs::path& file, const std::vector<std::string>& lines) {
  writeFileAtomically(file, [&](std::ostream& out) {
    for (const std::string& line : lines) out << line << '\n';
  });
}

// The file's text, a leading UTF-8 byte-order mark dropped (spreadsheet programs write one).
std::string readWhole(const fs::path& file) {
  std::string text = readWholeFile(file);
  std::string_view view(text);
  if (stripByteOrderMark(view)) text.erase(0, 3);
  return text;
}

// Calls `onLine(lineNumber, line)` for every non-empty line, CR stripped.
template <typename OnLine>
void forEachLine(const std::string& text, OnLine onLine) {
  std::size_t start = 0, number = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++number;
    if (!line.empty()) onLine(number, line);
    start = end + 1;
  }
}

// The non-empty lines of an id list (unique_sid.txt, unique_uid.txt); an id listed twice
// would make two columns or users indistinguishable.
std::vector<std::string> readIdLines(const fs::path& file) {
  std::vector<std::string> lines;
  std::unordered_map<std::string_view, std::size_t> lineOf;
  const std::string text = readWhole(file);
  forEachLine(text, [&](std::size_t number, std::string_view line) {
    const auto [earlier, fresh] = lineOf.emplace(line, number);
    if (!fresh)
      throw InputError(file.string(), number,
                       "the id " + quoteText(line) + " is listed twice (first on line " + std::to_string(earlier->second) + ")");
    lines.emplace_back(line);
  });
  return lines;
}

struct Pair {
  std::int64_t uid;
  std::int32_t sid;
  std::size_t line;
};

std::int64_t parseNonNegative(std::string_view text, const fs::path& file, std::size_t line, const char* what) {
  std::int64_t value = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error == std::errc::result_out_of_range)
    throw InputError(file.string(), line, std::string(what) + " " + quoteText(text) + " is too large");
  if (error != std::errc() || end != text.data() + text.size() || value < 0)
    throw InputError(file.string(), line, std::string(what) + " " + quoteText(text) + " is not a non-negative integer");
  return value;
}

// The pairs of a "uid,sid" file. `users`, when unique_uid.txt gave it, bounds the uids.
std::vector<Pair> readPairs(const fs::path& file, std::size_t items, std::optional<std::int64_t> users) {
  std::vector<Pair> pairs;
  bool sawHeader = false;
  forEachLine(readWhole(file), [&](std::size_t number, std::string_view line) {
    if (!sawHeader) {
      if (line != "uid,sid") throw InputError(file.string(), number, "expected the header 'uid,sid', found " + quoteText(line));
      sawHeader = true;
      return;
    }
    const std::size_t comma = line.find(',');
    if (comma == std::string_view::npos || line.find(',', comma + 1) != std::string_view::npos)
      throw InputError(file.string(), number, "expected two comma-separated fields 'uid,sid', found " + quoteText(line));
    const std::int64_t uid = parseNonNegative(line.substr(0, comma), file, number, "uid");
    const std::int64_t sid = parseNonNegative(line.substr(comma + 1), file, number, "sid");
    if (static_cast<std::size_t>(sid) >= items)
      throw InputError(file.string(), number, "sid " + std::to_string(sid) + " is outside unique_sid.txt (" +
                                                  std::to_string(items) + " items)");
    if (users && uid >= *users)
      throw InputError(file.string(), number, "uid " + std::to_string(uid) + " is outside unique_uid.txt (" +
                                                  std::to_string(*users) + " users)");
    pairs.push_back({uid, static_cast<std::int32_t>(sid), number});
  });
  if (!sawHeader) throw InputError(file.string(), 0, "empty file (expected the header 'uid,sid')");
  return pairs;
}

struct UidRange {
  std::int64_t first = std::numeric_limits<std::int64_t>::max();
  std::int64_t last = -1;
  bool empty() const { return last < 0; }
  // Users first..last; no overflow as both are non-negative.
  std::uint64_t span() const { return empty() ? 0 : static_cast<std::uint64_t>(last - first) + 1; }
  std::string text() const { return std::to_string(first) + ".." + std::to_string(last); }
  void cover(const std::vector<Pair>& pairs) {
    for (const Pair& pair : pairs) {
      first = std::min(first, pair.uid);
      last = std::max(last, pair.uid);
    }
  }
};

// Each row is one uid of the range, so the rows allocated must be justified by the
// content: without unique_uid.txt bounding the uids, a range may not span more users than
// the files hold rows (a few bytes naming uid 10^15 must not allocate 10^15 rows).
void checkSpan(const UidRange& range, std::size_t rows, bool bounded, const fs::path& file) {
  if (bounded || range.span() <= rows) return;
  throw InputError(file.string(), 0, "its uids " + range.text() + " span " + std::to_string(range.span()) +
                                         " users but it holds only " + std::to_string(rows) +
                                         " rows: uids must be consecutive numbers");
}

CsrMatrix toMatrix(const std::vector<Pair>& pairs, const UidRange& range, std::int64_t items) {
  std::vector<std::vector<std::int32_t>> rows(range.span());
  for (const Pair& pair : pairs) rows[static_cast<std::size_t>(pair.uid - range.first)].push_back(pair.sid);
  CsrMatrix matrix(items);
  for (const auto& row : rows) matrix.appendRow(row);
  return matrix;
}

// The line of the `occurrence`-th (0-based) pair (uid, sid) in `pairs`.
std::size_t lineOf(const std::vector<Pair>& pairs, std::int64_t uid, std::int32_t sid, int occurrence) {
  for (const Pair& pair : pairs)
    if (pair.uid == uid && pair.sid == sid && occurrence-- == 0) return pair.line;
  return 0;
}

// A user's items are a set: the protocol keeps each positive once.
void checkNoDuplicates(const CsrMatrix& matrix, std::int64_t firstUid, const std::vector<Pair>& pairs,
                       const fs::path& file) {
  std::vector<std::int64_t> seenInRow(static_cast<std::size_t>(matrix.cols()), -1);
  for (std::int64_t row = 0; row < matrix.rows(); ++row) {
    for (std::int64_t k = 0; k < matrix.rowSize(row); ++k) {
      const std::int32_t sid = matrix.rowColumns(row)[k];
      if (std::exchange(seenInRow[static_cast<std::size_t>(sid)], row) != row) continue;
      const std::int64_t uid = firstUid + row;
      throw InputError(file.string(), lineOf(pairs, uid, sid, 1),
                       "uid " + std::to_string(uid) + " lists sid " + std::to_string(sid) + " a second time (first on line " +
                           std::to_string(lineOf(pairs, uid, sid, 0)) + ")");
    }
  }
}

void readHeldoutPair(const fs::path& directory, const std::string& stem, std::int64_t items,
                     std::optional<std::int64_t> users, const UidRange& trainRange, CsrMatrix& foldIn,
                     CsrMatrix& heldout, UidRange& range) {
  const fs::path trFile = directory / (stem + "_tr.csv"), teFile = directory / (stem + "_te.csv");
  const std::vector<Pair> tr = readPairs(trFile, items, users), te = readPairs(teFile, items, users);
  range.cover(tr);
  range.cover(te);
  if (!range.empty() && !trainRange.empty() && range.first <= trainRange.last && trainRange.first <= range.last)
    throw InputError(trFile.string(), 0, "its uids " + range.text() + " overlap the training uids " + trainRange.text());
  checkSpan(range, tr.size() + te.size(), users.has_value(), trFile);
  foldIn = toMatrix(tr, range, items);
  heldout = toMatrix(te, range, items);
  checkNoDuplicates(foldIn, range.first, tr, trFile);
  checkNoDuplicates(heldout, range.first, te, teFile);
  std::vector<std::int64_t> foldInRow(static_cast<std::size_t>(items), -1);
  for (std::int64_t row = 0; row < heldout.rows(); ++row) {
    const std::int64_t uid = range.first + row;
    if (heldout.rowSize(row) > 0 && foldIn.rowSize(row) == 0)
      throw InputError(teFile.string(), 0, "uid " + std::to_string(uid) + " has heldout items but no fold-in items in " +
                                               trFile.filename().string());
    for (std::int64_t k = 0; k < foldIn.rowSize(row); ++k) foldInRow[static_cast<std::size_t>(foldIn.rowColumns(row)[k])] = row;
    // The heldout items are drawn from the user's positives apart from the fold-in ones:
    // one in both parts means shifted or mixed-up ids.
    for (std::int64_t k = 0; k < heldout.rowSize(row); ++k) {
      const std::int32_t sid = heldout.rowColumns(row)[k];
      if (foldInRow[static_cast<std::size_t>(sid)] == row)
        throw InputError(teFile.string(), lineOf(te, uid, sid, 0),
                         "uid " + std::to_string(uid) + " has sid " + std::to_string(sid) + " among both its fold-in (" +
                             trFile.filename().string() + " line " + std::to_string(lineOf(tr, uid, sid, 0)) +
                             ") and its heldout items: are the item ids of one file shifted?");
    }
  }
}

// External user ids from unique_uid.txt when it covers the rows, else the uids as text.
std::vector<std::string> userIds(const std::vector<std::string>& uniqueUid, std::int64_t firstUid, std::int64_t rows) {
  std::vector<std::string> ids;
  for (std::int64_t row = 0; row < rows; ++row) {
    const std::int64_t uid = firstUid + row;
    ids.push_back(uid < static_cast<std::int64_t>(uniqueUid.size()) ? uniqueUid[uid] : std::to_string(uid));
  }
  return ids;
}

}  // namespace

void writeCanonicalSplit(const Split& split, const fs::path& directory) {
  writeDirectoryAtomically(directory, [&](const fs::path& dir) {
    writeLines(dir / "unique_sid.txt", split.itemIds);
    std::vector<std::string> uids = split.trainUserIds;
    uids.insert(uids.end(), split.validationUserIds.begin(), split.validationUserIds.end());
    uids.insert(uids.end(), split.testUserIds.begin(), split.testUserIds.end());
    writeLines(dir / "unique_uid.txt", uids);
    const std::int64_t validationStart = split.train.rows();
    const std::int64_t testStart = validationStart + split.validationFoldIn.rows();
    writePairs(dir / "train.csv", split.train, 0);
    writePairs(dir / "validation_tr.csv", split.validationFoldIn, validationStart);
    writePairs(dir / "validation_te.csv", split.validationHeldout, validationStart);
    writePairs(dir / "test_tr.csv", split.testFoldIn, testStart);
    writePairs(dir / "test_te.csv", split.testHeldout, testStart);
  });
}

Split readCanonicalSplit(const fs::path& directory) {
  try {
    requireDirectory(directory);
  } catch (const InputError& e) {
    throw InputError(e.file(), 0, "not a split folder (" + e.reason() + ")");
  }
  for (const char* name : kRequiredFiles) {
    const fs::path file = directory / name;
    std::error_code ignored;
    if (fs::symlink_status(file, ignored).type() == fs::file_type::not_found)
      throw InputError(file.string(), 0,
                       "missing: a split folder needs unique_sid.txt, train.csv, validation_tr.csv, "
                       "validation_te.csv, test_tr.csv and test_te.csv");
    requireRegularFile(file);
  }

  Split split;
  split.itemIds = readIdLines(directory / "unique_sid.txt");
  if (split.itemIds.empty()) throw InputError((directory / "unique_sid.txt").string(), 0, "empty file: no items");
  if (split.itemIds.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw InputError((directory / "unique_sid.txt").string(), 0, "more items than a column index can hold");
  const std::int64_t items = split.items();

  // unique_uid.txt, when present, numbers every user: uids are then bounded by it, and
  // the three parts must cover it exactly.
  const fs::path uidFile = directory / "unique_uid.txt";
  std::error_code ignored;
  const bool haveUids = fs::symlink_status(uidFile, ignored).type() != fs::file_type::not_found;
  const std::vector<std::string> uniqueUid = haveUids ? readIdLines(uidFile) : std::vector<std::string>{};
  const std::optional<std::int64_t> users =
      haveUids ? std::optional<std::int64_t>(static_cast<std::int64_t>(uniqueUid.size())) : std::nullopt;

  const fs::path trainFile = directory / "train.csv";
  const std::vector<Pair> train = readPairs(trainFile, items, users);
  UidRange trainRange;
  trainRange.cover(train);
  if (trainRange.empty()) throw InputError(trainFile.string(), 0, "no training rows");
  checkSpan(trainRange, train.size(), users.has_value(), trainFile);
  split.train = toMatrix(train, trainRange, items);
  // Every training user has positives, so a uid without rows is a gap in the numbering.
  for (std::int64_t row = 0; row < split.train.rows(); ++row)
    if (split.train.rowSize(row) == 0)
      throw InputError(trainFile.string(), 0, "uid " + std::to_string(trainRange.first + row) +
                                                  " has no rows, yet its uids run " + trainRange.text() +
                                                  ": training uids must be consecutive numbers");
  checkNoDuplicates(split.train, trainRange.first, train, trainFile);

  UidRange validationRange, testRange;
  readHeldoutPair(directory, "validation", items, users, trainRange, split.validationFoldIn, split.validationHeldout,
                  validationRange);
  readHeldoutPair(directory, "test", items, users, trainRange, split.testFoldIn, split.testHeldout, testRange);
  if (!validationRange.empty() && !testRange.empty() && validationRange.first <= testRange.last &&
      testRange.first <= validationRange.last)
    throw InputError((directory / "test_tr.csv").string(), 0,
                     "its uids " + testRange.text() + " overlap the validation uids " + validationRange.text());

  if (users) {
    // In range and disjoint: the parts cover unique_uid.txt exactly when their spans add up.
    const std::uint64_t covered = trainRange.span() + validationRange.span() + testRange.span();
    if (covered != static_cast<std::uint64_t>(*users)) {
      std::string parts = "train.csv " + trainRange.text();
      if (!validationRange.empty()) parts += ", validation " + validationRange.text();
      if (!testRange.empty()) parts += ", test " + testRange.text();
      throw InputError(uidFile.string(), 0,
                       "it lists " + std::to_string(*users) + " users but the split files hold uids " + parts + " (" +
                           std::to_string(covered) +
                           " users): a file is cut short, or unique_uid.txt belongs to another split");
    }
  }

  split.trainUserIds = userIds(uniqueUid, trainRange.first, split.train.rows());
  split.validationUserIds = userIds(uniqueUid, validationRange.first, split.validationFoldIn.rows());
  split.testUserIds = userIds(uniqueUid, testRange.first, split.testFoldIn.rows());
  return split;
}

}  // namespace vaecf
