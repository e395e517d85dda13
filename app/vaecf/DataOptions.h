#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "data/DataSource.h"

namespace vaecf::cli {

// The flags every data-reading command shares: a raw dataset with its protocol, or a
// canonical split folder. No dataset at all means the bundled ml-latest-small.
class DataOptions {
 public:
  void addTo(CLI::App& command, bool allowSplitFolder = true);
  DataSource dataSource() const;

 private:
  std::string format_ = "ml-latest";
  std::string path_;
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
};

}  // namespace vaecf::cli
