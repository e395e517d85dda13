#pragma once
// The other ranks of a data-parallel run on this machine, as child processes of rank 0
// (docs/data-parallel.md): `vaecf --threads T ARGUMENTS... --rank R --world-size N
// --rendezvous FILE` for R = 1..N-1. The CLI's `--workers N` gives its own command line
// as ARGUMENTS; the window gives `resume --run FOLDER` with the run's config.json there.
// Torch-free: the window includes it.

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/ChildProcess.h"
#include "train/DataParallel.h"

namespace vaecf {

class LocalRanks {
 public:
  // The most ranks the window offers on one machine.
  static constexpr int kMostWorkers = 16;

  // Where the ranks' errors go: this process's stderr (a terminal shows them as they come),
  // or a log per rank in the folder, whose last line names why a rank stopped early.
  enum class Errors { Shared, Logged };

  // Creates a private temporary folder for the rendezvous; starts nothing yet. Each rank
  // waits `timeouts.joinTimeout` for the others and `timeouts.timeout` for an exchange.
  LocalRanks(int workers, const RankAddress& timeouts, Errors errors);
  // Ranks that follow a finished or stopped rank 0 end by themselves; ranks still running
  // (rank 0 failed) are stopped, at once when they never joined. All are reaped, and the
  // folder is removed.
  ~LocalRanks();
  LocalRanks(const LocalRanks&) = delete;
  LocalRanks& operator=(const LocalRanks&) = delete;

  // Where the rendezvous file lives: rank 0 may leave files there for the others to read.
  const std::filesystem::path& folder() const { return folder_; }

  // Starts ranks 1..N-1 as `program` with `arguments`, each with `threadsPerRank` threads;
  // their output is dropped (it would repeat rank 0's).
  void start(const std::filesystem::path& program, const std::vector<std::string>& arguments, int threadsPerRank);
  // Joins them as rank 0; throws Error naming a rank that exited before it joined, with the
  // last line of its error log when errors are logged. `whileWaiting` runs between polls
  // and may throw to give up.
  std::shared_ptr<RankGroup> join(const std::function<void()>& whileWaiting = {});

 private:
  std::filesystem::path errorLog(int rank) const;
  // "rank R exited with status S before joining (why)" for the first rank that did, or "".
  std::string earlyExit();

  int workers_;
  RankAddress address_;
  Errors errors_;
  std::filesystem::path folder_;
  std::vector<std::unique_ptr<ChildProcess>> children_;
  std::atomic<bool> joined_{false};
};

}  // namespace vaecf
