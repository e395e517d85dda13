#include "RankOptions.h"

#include <algorithm>

#include "common/Compute.h"
#include "common/Error.h"

namespace fs = std::filesystem;

namespace vaecf::cli {

namespace {

// `argv` without the options `names` and their values (as "--name V" or "--name=V").
std::vector<std::string> withoutOptions(int argc, char** argv, const std::vector<std::string>& names) {
  std::vector<std::string> kept;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    const auto named = [&](const std::string& name) {
      return argument == name || argument.rfind(name + "=", 0) == 0;
    };
    if (std::none_of(names.begin(), names.end(), named)) {
      kept.push_back(argument);
    } else if (argument.find('=') == std::string::npos) {
      ++i;  // the value that follows
    }
  }
  return kept;
}

}  // namespace

void RankOptions::addTo(CLI::App& command) {
  auto* group = command.add_option_group("data-parallel training (docs/data-parallel.md)");
  group->add_option("--workers", workers_, "ranks to train with on this machine, each on a share of every batch")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  auto* rank = group->add_option("--rank", rank_, "this process's rank, with --world-size and --master")
                   ->check(CLI::NonNegativeNumber);
  auto* world = group->add_option("--world-size", worldSize_, "ranks in all, over every machine")
                    ->check(CLI::Range(1, 4096));
  auto* master = group->add_option("--master", master_, "HOST:PORT where rank 0 serves the rendezvous");
  rank->needs(world);
  world->needs(rank);
  // --rendezvous is how --workers tells its own children where to meet.
  auto* rendezvous = group->add_option("--rendezvous", rendezvous_)->group("");
  rank->excludes(group->get_option("--workers"));
  master->needs(rank);
  rendezvous->needs(rank);
  group->add_option("--join-timeout", joinTimeout_, "seconds to wait for every rank to join")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  group->add_option("--rank-timeout", timeout_, "seconds a gradient exchange may wait for a slow rank")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

int RankOptions::threadsPerRank(int threads) const { return threadsEach(threads, workers_); }

RankAddress RankOptions::timeouts() const {
  RankAddress address;
  address.joinTimeout = std::chrono::seconds(joinTimeout_);
  address.timeout = std::chrono::seconds(timeout_);
  return address;
}

RankAddress RankOptions::address() const {
  RankAddress address = timeouts();
  address.rank = rank_;
  address.worldSize = worldSize_;
  if (!rendezvous_.empty()) {
    address.rendezvousFile = rendezvous_;
  } else if (!master_.empty()) {
    parseMaster(master_, address);
  } else {
    throw Error("--rank needs --master HOST:PORT, where rank 0 serves the rendezvous");
  }
  return address;
}

std::unique_ptr<LocalRanks> RankOptions::startLocalRanks(int argc, char** argv, int threadsPerRank) const {
  if (workers_ <= 1) return {};
  auto ranks = std::make_unique<LocalRanks>(workers_, timeouts(), LocalRanks::Errors::Shared);
  // Each child gets its share of the threads in place of this process's --threads.
  ranks->start("/proc/self/exe", withoutOptions(argc, argv, {"--workers", "--threads"}), threadsPerRank);
  return ranks;
}

std::shared_ptr<RankGroup> joinRemoteRanks(const RankOptions& options) {
  if (options.alone()) return {};
  return RankGroup::join(options.address());
}

}  // namespace vaecf::cli
