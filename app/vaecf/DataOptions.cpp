#include "DataOptions.h"

#include <fmt/core.h>

#include <algorithm>

#include "common/Error.h"
#include "data/BundledData.h"

namespace fs = std::filesystem;

namespace vaecf::cli {

namespace {

char parseSeparator(const std::string& text) {
  if (text == "\\t" || text == "tab") return '\t';
  if (text.size() != 1) throw Error("--separator takes one character (or 'tab'), got '" + text + "'");
  return text[0];
}

}  // namespace

void DataOptions::addTo(CLI::App& command, bool allowSplitFolder) {
  const std::string group = "Data";
  command.add_option("--format", format_, "dataset format")
      ->check(CLI::IsMember(formatNames()))
      ->capture_default_str()
      ->group(group);
  command.add_option("--path", path_, "dataset folder or ratings file (default: the bundled ml-latest-small)")
      ->group(group);
  command.add_option("dataset", positionalPath_, "the dataset folder or file, as --path")->group(group);
  if (allowSplitFolder)
    command.add_option("--split", splitDir_, "a canonical split folder instead of a raw dataset")
        ->check(CLI::ExistingDirectory)
        ->group(group);
  const std::string delimited = "Delimited files (--format delimited)";
  separatorOptions_.push_back(
      command.add_option("--separator", separator_, "field separator, one character or 'tab' (default: detected)")
          ->group(delimited));
  auto* header = command.add_flag("--header", header_, "the first line is a header (default: detected)")->group(delimited);
  command.add_flag("--no-header", noHeader_, "the file has no header line (default: detected)")
      ->excludes(header)
      ->group(delimited);
  command.add_option("--user-col", userColumn_, "0-based user column")->capture_default_str()->group(delimited);
  command.add_option("--item-col", itemColumn_, "0-based item column")->capture_default_str()->group(delimited);
  valueColumnOptions_.push_back(
      command.add_option("--value-col", valueColumn_, "0-based rating/value column, -1 for none")
          ->capture_default_str()
          ->group(delimited));
  command.add_option("--time-col", timeColumn_, "0-based timestamp column, -1 for none")
      ->capture_default_str()
      ->group(delimited);
  command.add_option("--encoding", encoding_, "text encoding")
      ->check(CLI::IsMember({"utf8", "latin1"}))
      ->capture_default_str()
      ->group(delimited);
  const std::string synthetic = "Synthetic data (--format synthetic)";
  command.add_option("--preset", preset_, "the shape of a public dataset")
      ->check(CLI::IsMember(syntheticPresetNames()))
      ->group(synthetic);
  command.add_option("--users", users_, "users to generate")->check(CLI::PositiveNumber)->group(synthetic);
  command.add_option("--items", items_, "items to generate")->check(CLI::PositiveNumber)->group(synthetic);
  command.add_option("--interactions", interactions_, "interactions to generate, about")
      ->check(CLI::PositiveNumber)
      ->group(synthetic);
  command.add_option("--data-seed", dataSeed_, "seed of the generator (--seed seeds the split)")
      ->capture_default_str()
      ->group(synthetic);
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

bool DataOptions::given(const std::vector<CLI::Option*>& options) {
  return std::any_of(options.begin(), options.end(), [](const CLI::Option* option) { return option->count() > 0; });
}

void DataOptions::detectLayout(ImportOptions& raw) const {
  const DetectedLayout layout = detectDelimitedLayout(raw.path, raw.delimited.quote);
  raw.delimited.separator = layout.separator;
  if (!header_ && !noHeader_) raw.delimited.header = layout.header;
  std::string note = "vaecf: " + raw.path.string() + ": detected " + layout.description;
  if (!given(valueColumnOptions_) && layout.columns <= 2) {
    raw.delimited.valueColumn.reset();
    note += "; no value column: every row is one interaction";
  } else if (raw.delimited.valueColumn) {
    note += "; column " + std::to_string(*raw.delimited.valueColumn) +
            " holds the values (ratings; play counts too: --min-rating sets which are positive)";
  }
  fmt::print(stderr, "{}. --separator, --header/--no-header and --value-col override.\n", note);
}

DataSource DataOptions::dataSource() const {
  DataSource source;
  if (!positionalPath_.empty() && !path_.empty() && positionalPath_ != path_)
    throw Error("give the dataset either as an argument or with --path, not both");
  const std::string dataset = positionalPath_.empty() ? path_ : positionalPath_;
  if (valueColumn_ < -1) throw Error("--value-col takes a 0-based column, or -1 for none; got " + std::to_string(valueColumn_));
  if (timeColumn_ < -1) throw Error("--time-col takes a 0-based column, or -1 for none; got " + std::to_string(timeColumn_));
  if (!splitDir_.empty()) {
    if (!dataset.empty()) throw Error("give either --split or --path, not both");
    source.splitDir = splitDir_;
    return source;
  }
  ImportOptions raw;
  raw.format = parseFormatName(format_);
  if (!readsPath(raw.format)) {
    raw.synthetic = syntheticOptions();
  } else {
    if (!preset_.empty() || users_ || items_ || interactions_)
      throw Error("--preset, --users, --items and --interactions need --format synthetic");
    raw.path = dataset.empty() ? bundledDatasetPath() : fs::path(dataset);
    if (dataset.empty() && raw.format != DatasetFormat::MovieLensLatest)
      throw Error("--format " + format_ + " needs --path (only ml-latest-small is bundled)");
  }
  raw.delimited.separator = parseSeparator(separator_);
  raw.delimited.header = !noHeader_;
  raw.delimited.userColumn = userColumn_;
  raw.delimited.itemColumn = itemColumn_;
  raw.delimited.valueColumn = valueColumn_ >= 0 ? std::optional<std::size_t>(valueColumn_) : std::nullopt;
  raw.delimited.timestampColumn = timeColumn_ >= 0 ? std::optional<std::size_t>(timeColumn_) : std::nullopt;
  raw.delimited.encoding = encoding_ == "latin1" ? TextEncoding::Latin1 : TextEncoding::Utf8;
  if (raw.format == DatasetFormat::Delimited && !given(separatorOptions_)) detectLayout(raw);
  source.raw = raw;

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

SyntheticOptions DataOptions::syntheticOptions() const {
  if (!path_.empty() || !positionalPath_.empty()) throw Error("--format synthetic reads no --path");
  SyntheticOptions options = preset_.empty() ? SyntheticOptions{} : syntheticPreset(preset_);
  if (users_) options.users = *users_;
  if (items_) options.items = *items_;
  if (interactions_) options.meanActivity = *interactions_ / options.users;
  options.seed = dataSeed_;
  return options;
}

}  // namespace vaecf::cli
