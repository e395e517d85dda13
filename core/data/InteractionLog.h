#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "data/IdMap.h"

namespace vaecf {

// One row of a raw interaction log, with users and items as dense indices into the
// log's IdMaps. `value` is the rating (1 for implicit data); `timestamp` is
// kNoTimestamp when the source has none for this row.
struct Interaction {
  static constexpr std::int64_t kNoTimestamp = std::numeric_limits<std::int64_t>::min();

  std::uint32_t user = 0;
  std::uint32_t item = 0;
  float value = 1.0F;
  std::int64_t timestamp = kNoTimestamp;
};

// What a catalogue file tells about an item (u.item, movies.dat, movies.csv).
struct ItemInfo {
  std::string title;
  std::vector<std::string> genres;
};

// A dataset as read from disk, before binarisation: every row in file order.
struct InteractionLog {
  std::string source;  // the path named in messages
  IdMap users;
  IdMap items;
  std::vector<Interaction> interactions;
  bool explicitValues = false;  // false for implicit data (citeulike, logs without a value column)
  bool hasTimestamps = false;   // true when at least one row carries a timestamp
  // Titles and genres keyed by external item id; items without an entry have none.
  std::unordered_map<std::string, ItemInfo> catalog;
};

}  // namespace vaecf
