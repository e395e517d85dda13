#pragma once
// Data-parallel training from the command line (docs/data-parallel.md): `--workers N` starts N
// ranks on this machine; `--rank R --world-size W --master HOST:PORT` joins ranks on
// several machines. Rank 0 keeps the run folder; the others follow it.

#include <CLI/CLI.hpp>
#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "train/DataParallel.h"

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
  // The address this process joins at; `--workers` uses the local rendezvous `file`.
  RankAddress address(const std::filesystem::path& file = {}) const;
  int workers() const { return workers_; }

 private:
  int workers_ = 1;
  int rank_ = 0;
  int worldSize_ = 1;
  std::string master_;
  std::string rendezvous_;
  int joinTimeout_ = 300;
  int timeout_ = 600;
};

// The other ranks of `--workers N` as child processes of this one: the same command line
// with --workers replaced by their rank and the local rendezvous. On destruction, ranks
// still running (after rank 0 failed) are stopped, and all are reaped.
class LocalRanks {
 public:
  LocalRanks(const RankOptions& options, int argc, char** argv, int threadsPerRank);
  ~LocalRanks();
  LocalRanks(const LocalRanks&) = delete;
  LocalRanks& operator=(const LocalRanks&) = delete;

  // Joins them as rank 0; throws Error naming a rank that exited before it joined.
  std::shared_ptr<RankGroup> join() const;

 private:
  std::string exitedRanks() const;

  RankOptions options_;
  std::filesystem::path folder_;  // holds the rendezvous file
  std::vector<pid_t> children_;
};

// The rank group of a `--rank R --world-size W --master HOST:PORT` process (null: alone).
std::shared_ptr<RankGroup> joinRemoteRanks(const RankOptions& options);

}  // namespace vaecf::cli
