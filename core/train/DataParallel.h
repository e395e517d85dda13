#pragma once
// Data-parallel training on torch.distributed (c10d): how a process joins the ranks of a
// run. Torch-free, for the CLI and the window; the collectives themselves are internal to
// core/train (train/RankCollectives.h). docs/data-parallel.md has the design.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "common/Error.h"

namespace vaecf {

// Where the ranks meet. Ranks on one machine share a rendezvous file (c10d's FileStore);
// ranks on several machines meet at rank 0's host and port (c10d's TCPStore, served by
// rank 0).
struct RankAddress {
  int rank = 0;
  int worldSize = 1;
  std::filesystem::path rendezvousFile;  // set: FileStore, loopback only
  std::string host;                      // else: the TCPStore's host and port
  std::uint16_t port = 29500;
  // How long a rank waits for the others to join.
  std::chrono::seconds joinTimeout{300};
  // How long a gradient exchange may wait for a slow rank; a rank that died is noticed at
  // once, as its connections close.
  std::chrono::seconds timeout{600};
};

// "HOST:PORT" into address.host and address.port; throws Error naming the text.
void parseMaster(const std::string& text, RankAddress& address);

// A collective failed: another rank died or the network broke. Training stops on every rank.
class RankLost : public Error {
 public:
  using Error::Error;
};

class RankGroup {
 public:
  // Blocks until all address.worldSize ranks have joined; throws Error when they do not
  // within the join timeout, or when this build has no c10d with Gloo. `whileWaiting` runs
  // every few milliseconds until then and may throw to give up (a local rank that died).
  static std::shared_ptr<RankGroup> join(const RankAddress& address,
                                         const std::function<void()>& whileWaiting = {});
  ~RankGroup();
  RankGroup(const RankGroup&) = delete;
  RankGroup& operator=(const RankGroup&) = delete;

  int rank() const;
  int worldSize() const;
  // Rank 0 alone writes the run folder and decides when training stops.
  bool leads() const { return rank() == 0; }

  class Collectives;  // the torch side
  Collectives& collectives() const { return *collectives_; }

 private:
  explicit RankGroup(std::unique_ptr<Collectives> collectives);
  std::unique_ptr<Collectives> collectives_;
};

}  // namespace vaecf
