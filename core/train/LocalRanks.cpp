#include "train/LocalRanks.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <thread>

#include "common/ChildProcess.h"
#include "common/Error.h"

extern char** environ;

namespace fs = std::filesystem;

namespace vaecf {

int threadsPerRank(int threads, int workers) {
  const int available = threads > 0 ? threads : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  return std::max(1, available / std::max(1, workers));
}

LocalRanks::LocalRanks(int workers, const RankAddress& timeouts, Errors errors)
    : workers_(workers), address_(timeouts), errors_(errors) {
  std::string pattern = (fs::temp_directory_path() / "vaecf-ranks-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw Error("cannot create a rendezvous folder in " + fs::temp_directory_path().string() + ": " +
                std::strerror(errno));
  folder_ = pattern;
  address_.rank = 0;
  address_.worldSize = workers;
  address_.rendezvousFile = folder_ / "rendezvous";
}

void LocalRanks::start(const fs::path& program, const std::vector<std::string>& arguments, int threadsPerRank) {
  for (int rank = 1; rank < workers_; ++rank) {
    std::vector<std::string> childArguments{program.string(), "--threads", std::to_string(threadsPerRank)};
    childArguments.insert(childArguments.end(), arguments.begin(), arguments.end());
    for (const std::string& argument : {std::string("--rank"), std::to_string(rank), std::string("--world-size"),
                                        std::to_string(workers_), std::string("--rendezvous"),
                                        address_.rendezvousFile.string()})
      childArguments.push_back(argument);
    std::vector<char*> childArgv;
    for (std::string& argument : childArguments) childArgv.push_back(argument.data());
    childArgv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    if (errors_ == Errors::Logged)
      posix_spawn_file_actions_addopen(&files, STDERR_FILENO, errorLog(rank).c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                       0600);
    pid_t child = -1;
    const int failed = ::posix_spawn(&child, childArgv[0], &files, nullptr, childArgv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    if (failed != 0)
      throw Error("cannot start rank " + std::to_string(rank) + " (" + program.string() + "): " + std::strerror(failed));
    children_.push_back(child);
  }
}

LocalRanks::~LocalRanks() {
  // Ranks waiting to join a rank 0 that gave up would wait out their join timeout.
  if (!joined_)
    for (pid_t child : children_) ::kill(child, SIGTERM);
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

std::shared_ptr<RankGroup> LocalRanks::join(const std::function<void()>& whileWaiting) const {
  auto group = RankGroup::join(address_, [&] {
    const std::string exited = earlyExit();
    if (!exited.empty()) throw Error(exited);
    if (whileWaiting) whileWaiting();
  });
  joined_ = true;
  return group;
}

fs::path LocalRanks::errorLog(int rank) const { return folder_ / ("rank-" + std::to_string(rank) + ".log"); }

std::string LocalRanks::earlyExit() const {
  for (std::size_t i = 0; i < children_.size(); ++i) {
    int status = 0;
    if (::waitpid(children_[i], &status, WNOHANG) != children_[i]) continue;
    const int rank = static_cast<int>(i) + 1;
    const std::string said = errors_ == Errors::Logged ? lastLineOf(errorLog(rank)) : "its error is above";
    return "rank " + std::to_string(rank) + " exited with status " +
           std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status)) + " before joining" +
           (said.empty() ? "" : " (" + said + ")");
  }
  return {};
}

}  // namespace vaecf
