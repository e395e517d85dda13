#pragma once

#include <CLI/CLI.hpp>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "data/DataSource.h"

namespace vaecf::cli {

// The flags every data-reading command shares: a raw dataset with its format's options and
// the protocol, or a canonical split folder. No dataset at all means the bundled
// ml-latest-small.
class DataOptions {
 public:
  void addTo(CLI::App& command, bool allowSplitFolder = true);
  DataSource dataSource() const;

 private:
  // The format options given, by --data-option and by the shorthand flags.
  std::map<std::string, std::string> formatOptions() const;
  ImportOptions rawDataset() const;

  std::string format_;  // empty: detected from the dataset
  std::string path_;
  std::string positionalPath_;  // the dataset as a positional argument, same as --path
  std::string splitDir_;
  std::vector<std::string> dataOptions_;  // NAME=VALUE
  std::string separator_, encoding_, preset_;
  bool header_ = false, noHeader_ = false;
  std::optional<long long> userColumn_, itemColumn_, valueColumn_, timeColumn_;
  std::optional<std::uint32_t> users_, items_;
  std::optional<double> interactions_;
  std::optional<std::uint64_t> dataSeed_;
  std::optional<double> threshold_;
  bool allPositive_ = false;
  std::uint32_t minUserPositives_ = 5;
  std::uint32_t heldoutUsers_ = 0;
  double heldoutFraction_ = 0.2;
  std::string heldoutOrder_ = "random";
  std::uint32_t seed_ = 98765;
};

}  // namespace vaecf::cli
