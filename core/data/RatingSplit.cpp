#include "data/RatingSplit.h"

#include <algorithm>
#include <numeric>
#include <random>

#include "common/Error.h"

namespace vaecf {

namespace {

constexpr std::uint32_t kUnseen = UINT32_MAX;

enum class Part : std::uint8_t { Train, Evaluation, LeftOut };

void requireTimestamps(const InteractionLog& log) {
  if (!log.hasTimestamps) throw Error(log.source + " has no timestamps: a time split needs them");
}

// Log row indices in time order (rows without a timestamp first, file order among ties),
// so training rows list their items in time order.
std::vector<std::size_t> rowsByTime(const InteractionLog& log) {
  std::vector<std::size_t> order(log.interactions.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return log.interactions[a].timestamp < log.interactions[b].timestamp;
  });
  return order;
}

// Dense indices in order of first use; kUnseen for everything never interned.
class Renumbering {
 public:
  explicit Renumbering(std::size_t size) : index_(size, kUnseen) {}

  std::uint32_t intern(std::uint32_t original) {
    if (index_[original] == kUnseen) {
      index_[original] = static_cast<std::uint32_t>(originals_.size());
      originals_.push_back(original);
    }
    return index_[original];
  }
  std::uint32_t find(std::uint32_t original) const { return index_[original]; }
  const std::vector<std::uint32_t>& originals() const { return originals_; }

 private:
  std::vector<std::uint32_t> index_;
  std::vector<std::uint32_t> originals_;
};

struct ValuedRows {
  std::vector<std::vector<std::int32_t>> columns;
  std::vector<std::vector<float>> values;

  void add(std::uint32_t row, std::uint32_t column, float value) {
    if (row >= columns.size()) {
      columns.resize(row + 1);
      values.resize(row + 1);
    }
    columns[row].push_back(static_cast<std::int32_t>(column));
    values[row].push_back(value);
  }

  CsrMatrix toCsr(std::size_t rows, std::size_t cols) const {
    CsrMatrix matrix(static_cast<std::int64_t>(cols));
    for (std::size_t row = 0; row < rows; ++row) {
      if (row < columns.size()) {
        matrix.appendRow(columns[row], values[row]);
      } else {
        matrix.appendRow({}, std::vector<float>{});
      }
    }
    return matrix;
  }
};

std::vector<std::string> externalIds(const IdMap& ids, const std::vector<std::uint32_t>& indices) {
  std::vector<std::string> external;
  external.reserve(indices.size());
  for (const std::uint32_t index : indices) external.push_back(ids.external(index));
  return external;
}

// Builds the split from the part of each log row; evaluation rows are halved by `coin`
// (one draw per kept rating, in time order).
RatingSplit assemble(const InteractionLog& log, const std::vector<Part>& parts, std::mt19937& coin) {
  const std::vector<std::size_t> order = rowsByTime(log);
  Renumbering users(log.users.size());
  Renumbering items(log.items.size());
  for (const std::size_t row : order) {
    if (parts[row] != Part::Train) continue;
    users.intern(log.interactions[row].user);
    items.intern(log.interactions[row].item);
  }
  // Rows follow the log's user order, so the split does not depend on rating times.
  std::vector<std::uint32_t> rowOrder = users.originals();
  std::sort(rowOrder.begin(), rowOrder.end());
  Renumbering rows(log.users.size());
  for (const std::uint32_t user : rowOrder) rows.intern(user);

  ValuedRows train, validation, test;
  RatingSplit split;
  for (const std::size_t index : order) {
    const Interaction& rating = log.interactions[index];
    const std::uint32_t row = rows.find(rating.user);
    const std::uint32_t column = items.find(rating.item);
    if (parts[index] == Part::Train) {
      train.add(row, column, rating.value);
    } else if (parts[index] == Part::Evaluation) {
      if (row == kUnseen || column == kUnseen) {
        ++split.droppedEvaluationRatings;
      } else {
        (coin() % 2 == 0 ? validation : test).add(row, column, rating.value);
      }
    }
  }
  split.userIds = externalIds(log.users, rows.originals());
  split.itemIds = externalIds(log.items, items.originals());
  const std::size_t rowCount = split.userIds.size();
  const std::size_t itemCount = split.itemIds.size();
  split.train = train.toCsr(rowCount, itemCount);
  split.validation = validation.toCsr(rowCount, itemCount);
  split.test = test.toCsr(rowCount, itemCount);
  return split;
}

}  // namespace

std::int64_t timestampCut(const InteractionLog& log, double trainFraction) {
  requireTimestamps(log);
  std::vector<std::int64_t> times;
  for (const Interaction& rating : log.interactions) {
    if (rating.timestamp != Interaction::kNoTimestamp) times.push_back(rating.timestamp);
  }
  const auto position = static_cast<std::size_t>(trainFraction * static_cast<double>(times.size()));
  if (position >= times.size()) return times.empty() ? 0 : *std::max_element(times.begin(), times.end()) + 1;
  std::nth_element(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(position), times.end());
  return times[position];
}

RatingSplit timeRatingSplit(const InteractionLog& log, std::int64_t cut, std::uint32_t seed) {
  requireTimestamps(log);
  std::vector<Part> parts(log.interactions.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::int64_t time = log.interactions[i].timestamp;
    parts[i] = time == Interaction::kNoTimestamp ? Part::LeftOut : time < cut ? Part::Train : Part::Evaluation;
  }
  std::mt19937 coin(seed);
  return assemble(log, parts, coin);
}

RatingSplit randomRatingSplit(const InteractionLog& log, double trainFraction, std::uint32_t seed) {
  std::mt19937 random(seed);
  // Raw engine output against a threshold: distributions differ between standard libraries.
  const auto threshold = static_cast<std::uint64_t>(trainFraction * 4294967296.0);
  std::vector<Part> parts(log.interactions.size());
  for (Part& part : parts) part = random() < threshold ? Part::Train : Part::Evaluation;
  return assemble(log, parts, random);
}

namespace {

std::vector<float> rowValues(const CsrMatrix& matrix, std::int64_t row) {
  std::vector<float> values(static_cast<std::size_t>(matrix.rowSize(row)));
  for (std::int64_t k = 0; k < matrix.rowSize(row); ++k) values[static_cast<std::size_t>(k)] = matrix.value(row, k);
  return values;
}

std::vector<std::int32_t> rowColumns(const CsrMatrix& matrix, std::int64_t row) {
  return {matrix.rowColumns(row), matrix.rowColumns(row) + matrix.rowSize(row)};
}

// The users with ratings in `period`: their ids, training rows and `period` rows.
void heldoutUsers(const RatingSplit& split, const CsrMatrix& period, std::vector<std::string>& userIds,
                  CsrMatrix& foldIn, CsrMatrix& heldout) {
  foldIn = CsrMatrix(split.train.cols());
  heldout = CsrMatrix(split.train.cols());
  for (std::int64_t row = 0; row < period.rows(); ++row) {
    if (period.rowSize(row) == 0) continue;
    userIds.push_back(split.userIds[static_cast<std::size_t>(row)]);
    foldIn.appendRow(rowColumns(split.train, row), rowValues(split.train, row));
    heldout.appendRow(rowColumns(period, row), rowValues(period, row));
  }
}

}  // namespace

Split trainingSplitOf(const RatingSplit& split) {
  Split result;
  result.itemIds = split.itemIds;
  result.trainUserIds = split.userIds;
  result.train = split.train;
  heldoutUsers(split, split.validation, result.validationUserIds, result.validationFoldIn, result.validationHeldout);
  heldoutUsers(split, split.test, result.testUserIds, result.testFoldIn, result.testHeldout);
  return result;
}

}  // namespace vaecf
