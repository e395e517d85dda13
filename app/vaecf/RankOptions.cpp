#include "RankOptions.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/Error.h"

extern char** environ;

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

int RankOptions::threadsPerRank(int threads) const { return std::max(1, threads / std::max(1, workers_)); }

RankAddress RankOptions::address(const fs::path& file) const {
  RankAddress address;
  address.rank = rank_;
  address.worldSize = workers_ > 1 ? workers_ : worldSize_;
  address.joinTimeout = std::chrono::seconds(joinTimeout_);
  address.timeout = std::chrono::seconds(timeout_);
  if (!file.empty()) {
    address.rendezvousFile = file;
  } else if (!rendezvous_.empty()) {
    address.rendezvousFile = rendezvous_;
  } else if (!master_.empty()) {
    parseMaster(master_, address);
  } else {
    throw Error("--rank needs --master HOST:PORT, where rank 0 serves the rendezvous");
  }
  return address;
}

LocalRanks::LocalRanks(const RankOptions& options, int argc, char** argv, int threadsPerRank)
    : options_(options) {
  std::string pattern = (fs::temp_directory_path() / "vaecf-ranks-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw Error("cannot create a rendezvous folder in " + fs::temp_directory_path().string() + ": " +
                std::strerror(errno));
  folder_ = pattern;
  // Each child gets its share of the threads in place of this process's --threads.
  const std::vector<std::string> kept = withoutOptions(argc, argv, {"--workers", "--threads"});
  for (int rank = 1; rank < options.workers(); ++rank) {
    std::vector<std::string> arguments{"/proc/self/exe", "--threads", std::to_string(threadsPerRank)};
    for (const std::string& argument : kept) arguments.push_back(argument);
    for (const std::string& argument :
         {std::string("--rank"), std::to_string(rank), std::string("--world-size"), std::to_string(options.workers()),
          std::string("--rendezvous"), (folder_ / "rendezvous").string()})
      arguments.push_back(argument);
    std::vector<char*> childArgv;
    for (std::string& argument : arguments) childArgv.push_back(argument.data());
    childArgv.push_back(nullptr);
    // Their errors reach this terminal; their output would repeat rank 0's.
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t child = -1;
    const int failed = ::posix_spawn(&child, childArgv[0], &files, nullptr, childArgv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    if (failed != 0) throw Error(std::string("cannot start rank ") + std::to_string(rank) + ": " + std::strerror(failed));
    children_.push_back(child);
  }
}

LocalRanks::~LocalRanks() {
  // Ranks that follow a finished or stopped rank 0 end by themselves; after a failure they
  // may wait for a rank 0 that will not come back.
  for (pid_t child : children_) {
    int status = 0;
    for (int waited = 0; ::waitpid(child, &status, WNOHANG) == 0; ++waited) {
      if (waited == 100) ::kill(child, SIGTERM);
      if (waited == 200) {
        ::kill(child, SIGKILL);
        ::waitpid(child, &status, 0);
        break;
      }
      ::usleep(20000);
    }
  }
  std::error_code ignored;
  fs::remove_all(folder_, ignored);
}

std::shared_ptr<RankGroup> LocalRanks::join() const {
  return RankGroup::join(options_.address(folder_ / "rendezvous"), [this] {
    const std::string exited = exitedRanks();
    if (!exited.empty()) throw Error(exited + " before joining (its error is above)");
  });
}

std::string LocalRanks::exitedRanks() const {
  for (std::size_t i = 0; i < children_.size(); ++i) {
    int status = 0;
    if (::waitpid(children_[i], &status, WNOHANG) == children_[i])
      return "rank " + std::to_string(i + 1) + " exited with status " +
             std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
  }
  return {};
}

std::shared_ptr<RankGroup> joinRemoteRanks(const RankOptions& options) {
  if (options.alone()) return {};
  return RankGroup::join(options.address());
}

}  // namespace vaecf::cli
