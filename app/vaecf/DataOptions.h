#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "data/DataSource.h"

namespace vaecf::cli {

// The flags every data-reading command shares: a raw dataset with its protocol, or a
// canonical split folder. No dataset at all means the bundled ml-latest-small.
class DataOptions {
 public:
  void addTo(CLI::App& command, bool allowSplitFolder = true);
  DataSource dataSource() const;

 private:
  SyntheticOptions syntheticOptions() const;

  // The layout of a delimited log without --separator, detected and reported on stderr.
  void detectLayout(ImportOptions& raw) const;
  static bool given(const std::vector<CLI::Option*>& options);

  std::string format_ = "ml-latest";
  std::string path_;
  std::string positionalPath_;  // the dataset as a positional argument, same as --path
  bool header_ = false;         // --header: the first line is a header, whatever detection says
  // One per command the options were added to (every command has its own).
  std::vector<CLI::Option*> separatorOptions_, valueColumnOptions_;
  std::string splitDir_;
  std::string separator_ = ",";
  bool noHeader_ = false;
  std::size_t userColumn_ = 0, itemColumn_ = 1;
  long valueColumn_ = 2, timeColumn_ = -1;
  std::string encoding_ = "utf8";
  std::optional<double> threshold_;
  bool allPositive_ = false;
  std::uint32_t minUserPositives_ = 5;
  std::uint32_t heldoutUsers_ = 0;
  double heldoutFraction_ = 0.2;
  std::string heldoutOrder_ = "random";
  std::uint32_t seed_ = 98765;
  std::string preset_;
  std::optional<std::uint32_t> users_, items_;
  std::optional<double> interactions_;
  std::uint64_t dataSeed_ = 1;
};

}  // namespace vaecf::cli
