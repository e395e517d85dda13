#pragma once
// Data-parallel training from the command line (docs/data-parallel.md): `--workers N` starts N
// ranks on this machine; `--rank R --world-size W --master HOST:PORT` joins ranks on
// several machines. Rank 0 keeps the run folder; the others follow it.

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "train/DataParallel.h"
#include "train/LocalRanks.h"

namespace vaecf::cli {

class RankOptions {
 public:
  void addTo(CLI::App& command);
  // Whether this process trains alone.
  bool alone() const { return workers_ <= 1 && worldSize_ <= 1; }
  // Whether this process is a rank other than 0, which follows rank 0 and writes nothing.
  bool follows() const { return rank_ > 0; }
  // Compute threads of each rank when this machine runs `--workers` of them: its share of
  // `threads`; `threads` otherwise.
  int threadsPerRank(int threads) const;
  // The address a `--rank R` process joins at.
  RankAddress address() const;
  // Only the join and exchange timeouts, for ranks this process starts itself.
  RankAddress timeouts() const;
  int workers() const { return workers_; }
  // `--workers N`: ranks 1..N-1 started as children running this command line with their
  // rank in place of --workers (null when N is 1).
  std::unique_ptr<LocalRanks> startLocalRanks(int argc, char** argv, int threadsPerRank) const;

 private:
  int workers_ = 1;
  int rank_ = 0;
  int worldSize_ = 1;
  std::string master_;
  std::string rendezvous_;
  int joinTimeout_ = 300;
  int timeout_ = 600;
};

// The rank group of a `--rank R --world-size W --master HOST:PORT` process (null: alone).
std::shared_ptr<RankGroup> joinRemoteRanks(const RankOptions& options);

}  // namespace vaecf::cli
