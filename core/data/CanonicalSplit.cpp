#include "data/CanonicalSplit.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <limits>
#include <sstream>

#include "common/AtomicFile.h"
#include "common/Error.h"

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

std::string readWhole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(file.string(), 0, "cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
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

std::vector<std::string> readLines(const fs::path& file) {
  std::vector<std::string> lines;
  forEachLine(readWhole(file), [&](std::size_t, std::string_view line) { lines.emplace_back(line); });
  return lines;
}

struct Pair {
  std::int64_t uid;
  std::int32_t sid;
};

std::int64_t parseNonNegative(std::string_view text, const fs::path& file, std::size_t line, const char* what) {
  std::int64_t value = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0)
    throw InputError(file.string(), line, std::string(what) + " '" + std::string(text) + "' is not a non-negative integer");
  return value;
}

std::vector<Pair> readPairs(const fs::path& file, std::size_t items) {
  std::vector<Pair> pairs;
  bool sawHeader = false;
  forEachLine(readWhole(file), [&](std::size_t number, std::string_view line) {
    if (!sawHeader) {
      if (line != "uid,sid") throw InputError(file.string(), number, "expected the header 'uid,sid', found '" + std::string(line) + "'");
      sawHeader = true;
      return;
    }
    const std::size_t comma = line.find(',');
    if (comma == std::string_view::npos || line.find(',', comma + 1) != std::string_view::npos)
      throw InputError(file.string(), number, "expected two comma-separated fields 'uid,sid', found '" + std::string(line) + "'");
    const std::int64_t uid = parseNonNegative(line.substr(0, comma), file, number, "uid");
    const std::int64_t sid = parseNonNegative(line.substr(comma + 1), file, number, "sid");
    if (static_cast<std::size_t>(sid) >= items)
      throw InputError(file.string(), number, "sid " + std::to_string(sid) + " is outside unique_sid.txt (" +
                                                  std::to_string(items) + " items)");
    pairs.push_back({uid, static_cast<std::int32_t>(sid)});
  });
  if (!sawHeader) throw InputError(file.string(), 0, "empty file (expected the header 'uid,sid')");
  return pairs;
}

struct UidRange {
  std::int64_t first = std::numeric_limits<std::int64_t>::max();
  std::int64_t last = -1;
  bool empty() const { return last < 0; }
  void cover(const std::vector<Pair>& pairs) {
    for (const Pair& pair : pairs) {
      first = std::min(first, pair.uid);
      last = std::max(last, pair.uid);
    }
  }
};

CsrMatrix toMatrix(const std::vector<Pair>& pairs, const UidRange& range, std::int64_t items) {
  std::vector<std::vector<std::int32_t>> rows(range.empty() ? 0 : range.last - range.first + 1);
  for (const Pair& pair : pairs) rows[pair.uid - range.first].push_back(pair.sid);
  CsrMatrix matrix(items);
  for (const auto& row : rows) matrix.appendRow(row);
  return matrix;
}

void readHeldoutPair(const fs::path& directory, const std::string& stem, std::int64_t items, const UidRange& trainRange,
                     CsrMatrix& foldIn, CsrMatrix& heldout, UidRange& range) {
  const fs::path trFile = directory / (stem + "_tr.csv"), teFile = directory / (stem + "_te.csv");
  const std::vector<Pair> tr = readPairs(trFile, items), te = readPairs(teFile, items);
  range.cover(tr);
  range.cover(te);
  if (!range.empty() && !trainRange.empty() && range.first <= trainRange.last && trainRange.first <= range.last)
    throw InputError(trFile.string(), 0, "its uids " + std::to_string(range.first) + ".." + std::to_string(range.last) +
                                             " overlap the training uids " + std::to_string(trainRange.first) + ".." +
                                             std::to_string(trainRange.last));
  foldIn = toMatrix(tr, range, items);
  heldout = toMatrix(te, range, items);
  for (std::int64_t row = 0; row < heldout.rows(); ++row)
    if (heldout.rowSize(row) > 0 && foldIn.rowSize(row) == 0)
      throw InputError(teFile.string(), 0, "uid " + std::to_string(range.first + row) +
                                               " has heldout items but no fold-in items in " + trFile.filename().string());
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
  if (!fs::is_directory(directory)) throw InputError(directory.string(), 0, "not a split folder (no such directory)");
  for (const char* name : kRequiredFiles)
    if (!fs::exists(directory / name))
      throw InputError((directory / name).string(), 0,
                       "missing: a split folder needs unique_sid.txt, train.csv, validation_tr.csv, "
                       "validation_te.csv, test_tr.csv and test_te.csv");

  Split split;
  split.itemIds = readLines(directory / "unique_sid.txt");
  if (split.itemIds.empty()) throw InputError((directory / "unique_sid.txt").string(), 0, "empty file: no items");
  const std::int64_t items = split.items();

  const std::vector<Pair> train = readPairs(directory / "train.csv", items);
  UidRange trainRange;
  trainRange.cover(train);
  if (trainRange.empty()) throw InputError((directory / "train.csv").string(), 0, "no training rows");
  split.train = toMatrix(train, trainRange, items);

  UidRange validationRange, testRange;
  readHeldoutPair(directory, "validation", items, trainRange, split.validationFoldIn, split.validationHeldout, validationRange);
  readHeldoutPair(directory, "test", items, trainRange, split.testFoldIn, split.testHeldout, testRange);
  if (!validationRange.empty() && !testRange.empty() && validationRange.first <= testRange.last &&
      testRange.first <= validationRange.last)
    throw InputError((directory / "test_tr.csv").string(), 0, "its uids overlap the validation uids");

  const fs::path uidFile = directory / "unique_uid.txt";
  const std::vector<std::string> uniqueUid = fs::exists(uidFile) ? readLines(uidFile) : std::vector<std::string>{};
  split.trainUserIds = userIds(uniqueUid, trainRange.first, split.train.rows());
  split.validationUserIds = userIds(uniqueUid, validationRange.first, split.validationFoldIn.rows());
  split.testUserIds = userIds(uniqueUid, testRange.first, split.testFoldIn.rows());
  return split;
}

}  // namespace vaecf
