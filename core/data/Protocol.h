#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/TaskContext.h"
#include "data/CsrMatrix.h"
#include "data/InteractionLog.h"

namespace vaecf {

// How raw interactions become the binary positives of the ranking task, and how users
// are held out (strong generalisation, docs/models.md section 1).
struct ProtocolOptions {
  // An interaction is positive when value >= threshold; unset = every interaction counts.
  std::optional<double> positiveThreshold;
  std::uint32_t minUserPositives = 5;
  // Heldout users for validation and, as many again, for test; 0 = 10% of users each.
  std::uint32_t heldoutUsers = 0;
  double heldoutFraction = 0.2;  // share of a heldout user's positives that are scored
  // Score each heldout user's latest positives instead of a random share (docs/models.md 1.7,
  // data/TemporalSplit.h): SVAE's protocol, so other models can be compared with it.
  bool heldoutByTime = false;
  std::uint32_t seed = 98765;
};

// The threshold the papers use for a format: rating > 3.5 for star ratings, none for
// implicit data and for counts (plays, clicks: see valueNotes).
std::optional<double> defaultPositiveThreshold(const InteractionLog& log);

// What a user should be told about the log's values under `options`: that they were read
// as counts, that some are negative. One sentence each; empty when nothing is unusual.
std::vector<std::string> valueNotes(const InteractionLog& log, const ProtocolOptions& options);

// Positives per user after binarising, collapsing duplicate pairs and the user filter:
// users in ascending order of their external id (numeric ids compare as numbers), each
// user's items in file order of first occurrence.
struct PositiveSets {
  std::vector<std::uint32_t> users;               // indices into log.users
  std::vector<std::vector<std::uint32_t>> items;  // indices into log.items, per user
  std::uint64_t positives = 0;
};

PositiveSets binarize(const InteractionLog& log, const ProtocolOptions& options);

// A strong-generalisation split in the canonical layout: items renumbered 0..I-1 in
// order of first appearance among training users; users numbered train, validation,
// test. Heldout users' rows come as a fold-in part (model input) and a heldout part
// (scored only); both matrices share row order.
struct Split {
  std::vector<std::string> itemIds;  // external id of each item column
  std::vector<std::string> trainUserIds, validationUserIds, testUserIds;
  CsrMatrix train;
  CsrMatrix validationFoldIn, validationHeldout;
  CsrMatrix testFoldIn, testHeldout;

  std::int64_t items() const { return static_cast<std::int64_t>(itemIds.size()); }
};

// Splits exactly as the Mult-VAE preprocessing does with NumPy's legacy generator
// (docs/models.md 1.3-1.6): the same seed gives the same split as the reference notebook.
// Where a user's rows are in a split: their training row, or a heldout user's fold-in
// part (what a model reads) beside their heldout part.
struct UserRows {
  const CsrMatrix* input = nullptr;
  const CsrMatrix* heldout = nullptr;  // null for a training user
  std::int64_t row = 0;
};

// Training users first (in a rating split they are also heldout users); nullopt when the
// split does not hold the user.
std::optional<UserRows> findUser(const Split& split, const std::string& userId);

Split strongGeneralizationSplit(const InteractionLog& log, const PositiveSets& positives,
                                const ProtocolOptions& options, const TaskContext& context = {});

}  // namespace vaecf
