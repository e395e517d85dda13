#include "DataOptions.h"

#include <fmt/core.h>

#include "common/Error.h"
#include "data/BundledData.h"
#include "data/SyntheticData.h"
#include "plugin/DatasetFormat.h"

namespace fs = std::filesystem;

namespace vaecf::cli {

namespace {

std::string number(double value) { return fmt::format("{}", value); }

}  // namespace

void DataOptions::addTo(CLI::App& command, bool allowSplitFolder) {
  const std::string group = "Data";
  command.add_option("--format", format_, "dataset format (default: detected from the dataset; `vaecf data formats`)")
      ->group(group);
  command.add_option("--path", path_, "dataset folder or file (default: the bundled ml-latest-small)")->group(group);
  command.add_option("dataset", positionalPath_, "the dataset folder or file, as --path")->group(group);
  if (allowSplitFolder)
    command.add_option("--split", splitDir_, "a canonical split folder instead of a raw dataset")
        ->check(CLI::ExistingDirectory)
        ->group(group);
  command.add_option("--data-option", dataOptions_, "NAME=VALUE: an option of the dataset format (repeatable)")
      ->allow_extra_args(false)  // one value each time, so the dataset may follow
      ->group(group);

  // Shorthands for the options of the formats that come with the program.
  const std::string shorthand = "Format options (shorthands for --data-option)";
  command.add_option("--separator", separator_, "delimited: field separator, one character or 'tab' (default: detected)")
      ->group(shorthand);
  auto* header = command.add_flag("--header", header_, "delimited: the first line is a header (default: detected)")
                     ->group(shorthand);
  command.add_flag("--no-header", noHeader_, "delimited: the file has no header line (default: detected)")
      ->excludes(header)
      ->group(shorthand);
  command.add_option("--user-col", userColumn_, "delimited: 0-based user column (default 0)")->group(shorthand);
  command.add_option("--item-col", itemColumn_, "delimited: 0-based item column (default 1)")->group(shorthand);
  command.add_option("--value-col", valueColumn_, "delimited: 0-based rating/value column, -1 for none (default 2)")
      ->group(shorthand);
  command.add_option("--time-col", timeColumn_, "delimited: 0-based timestamp column, -1 for none (default -1)")
      ->group(shorthand);
  command.add_option("--encoding", encoding_, "delimited: text encoding, utf8 or latin1")->group(shorthand);
  command.add_option("--preset", preset_, "synthetic: the shape of a public dataset")
      ->check(CLI::IsMember(syntheticPresetNames()))
      ->group(shorthand);
  command.add_option("--users", users_, "synthetic: users to generate")->group(shorthand);
  command.add_option("--items", items_, "synthetic: items to generate")->group(shorthand);
  command.add_option("--interactions", interactions_, "synthetic: interactions to generate, about")
      ->check(CLI::PositiveNumber)
      ->group(shorthand);
  command.add_option("--data-seed", dataSeed_, "synthetic: seed of the generator (--seed seeds the split)")
      ->group(shorthand);

  const std::string protocol = "Protocol (strong generalisation)";
  command.add_option("--min-rating", threshold_,
                     "an interaction is positive when its value is >= this (default: 4 for star ratings, "
                     "every interaction for implicit data)")
      ->group(protocol);
  command.add_flag("--all-positive", allPositive_, "every interaction is positive, whatever its value")
      ->group(protocol);
  command.add_option("--min-user-positives", minUserPositives_, "drop users with fewer positives")
      ->capture_default_str()
      ->group(protocol);
  command.add_option("--heldout-users", heldoutUsers_,
                     "users held out for validation and as many for test (0: 10% of users each)")
      ->capture_default_str()
      ->group(protocol);
  command.add_option("--heldout-fraction", heldoutFraction_, "share of a heldout user's positives that is scored")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str()
      ->group(protocol);
  command.add_option("--heldout-order", heldoutOrder_,
                     "which positives of a heldout user are scored: a random share, or the latest by time "
                     "(SVAE's protocol; needs timestamps)")
      ->check(CLI::IsMember({"random", "time"}))
      ->capture_default_str()
      ->group(protocol);
  command.add_option("--seed", seed_, "split seed (98765 reproduces the reference splits)")
      ->capture_default_str()
      ->group(protocol);
}

std::map<std::string, std::string> DataOptions::formatOptions() const {
  std::map<std::string, std::string> options;
  const auto give = [&options](const std::string& name, const std::string& value) { options[name] = value; };
  if (!separator_.empty()) give("separator", separator_);
  if (header_ || noHeader_) give("header", header_ ? "yes" : "no");
  if (userColumn_) give("user_column", std::to_string(*userColumn_));
  if (itemColumn_) give("item_column", std::to_string(*itemColumn_));
  if (valueColumn_) give("value_column", std::to_string(*valueColumn_));
  if (timeColumn_) give("timestamp_column", std::to_string(*timeColumn_));
  if (!encoding_.empty()) give("encoding", encoding_);
  // A preset is the generator's shape; --users and --items then change it, and
  // --interactions sets the activity that gives about that many.
  SyntheticOptions shape;
  if (!preset_.empty()) {
    shape = syntheticPreset(preset_);
    give("users", std::to_string(shape.users));
    give("items", std::to_string(shape.items));
    give("communities", std::to_string(shape.communities));
    give("mean_activity", number(shape.meanActivity));
  }
  if (users_) give("users", std::to_string(shape.users = *users_));
  if (items_) give("items", std::to_string(*items_));
  if (interactions_) give("mean_activity", number(*interactions_ / shape.users));
  if (dataSeed_) give("seed", std::to_string(*dataSeed_));
  for (const std::string& assignment : dataOptions_) {
    const std::size_t equals = assignment.find('=');
    if (equals == std::string::npos || equals == 0)
      throw Error("--data-option takes NAME=VALUE, got '" + assignment + "'");
    give(assignment.substr(0, equals), assignment.substr(equals + 1));
  }
  return options;
}

ImportOptions DataOptions::rawDataset() const {
  if (!positionalPath_.empty() && !path_.empty() && positionalPath_ != path_)
    throw Error("give the dataset either as an argument or with --path, not both");
  const std::string dataset = positionalPath_.empty() ? path_ : positionalPath_;
  ImportOptions raw;
  raw.format = format_;
  raw.options = formatOptions();
  if (!dataset.empty()) {
    raw.path = dataset;
  } else if (format_.empty() || findFormat(format_).readsPath) {
    raw.path = bundledDatasetPath();
    const DatasetFormat* bundled = detectFormat(raw.path);
    if (!format_.empty() && (bundled == nullptr || bundled->name != format_))
      throw Error("--format " + format_ + " needs --path (only ml-latest-small is bundled)");
  }
  const std::string assumed = resolveImport(raw);
  if (!assumed.empty() && !dataset.empty()) fmt::print(stderr, "vaecf: {}: {}.\n", raw.path.string(), assumed);
  return raw;
}

DataSource DataOptions::dataSource() const {
  DataSource source;
  if (!splitDir_.empty()) {
    if (!path_.empty() || !positionalPath_.empty()) throw Error("give either --split or --path, not both");
    source.splitDir = splitDir_;
    return source;
  }
  source.raw = rawDataset();
  if (allPositive_ && threshold_) throw Error("give either --min-rating or --all-positive, not both");
  source.thresholdGiven = allPositive_ || threshold_.has_value();
  source.protocol.positiveThreshold = threshold_;
  source.protocol.minUserPositives = minUserPositives_;
  source.protocol.heldoutUsers = heldoutUsers_;
  source.protocol.heldoutFraction = heldoutFraction_;
  source.protocol.heldoutByTime = heldoutOrder_ == "time";
  source.protocol.seed = seed_;
  return source;
}

}  // namespace vaecf::cli
