#include "common/ChildProcess.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <thread>
#include <utility>

#include "common/Error.h"

extern char** environ;

namespace vaecf {

namespace {

void redirect(posix_spawn_file_actions_t& files, int stream, const std::filesystem::path& file) {
  posix_spawn_file_actions_addopen(&files, stream, file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, ChildOutput output) : output_(std::move(output)) {
  std::vector<std::string> arguments = argv;
  std::vector<char*> pointers;
  for (std::string& argument : arguments) pointers.push_back(argument.data());
  pointers.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  if (!output_.output.empty()) redirect(files, STDOUT_FILENO, output_.output);
  if (!output_.errors.empty() && output_.errors == output_.output) {
    posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
  } else if (!output_.errors.empty()) {
    redirect(files, STDERR_FILENO, output_.errors);
  }
  const int failed = ::posix_spawn(&pid_, pointers[0], &files, nullptr, pointers.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (failed != 0) throw Error("cannot start " + argv.front() + ": " + std::strerror(failed));
}

ChildProcess::~ChildProcess() { stop(std::chrono::milliseconds(0)); }

void ChildProcess::stop(std::chrono::milliseconds grace) {
  if (awaitExit(grace)) return;
  ::kill(pid_, SIGTERM);
  if (awaitExit(std::chrono::seconds(2))) return;
  ::kill(pid_, SIGKILL);
  while (!finished()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

bool ChildProcess::awaitExit(std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!finished()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

bool ChildProcess::finished() {
  if (reaped_) return true;
  rusage usage{};
  reaped_ = ::wait4(pid_, &status_, WNOHANG, &usage) == pid_;
  if (reaped_) peakBytes_ = static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // ru_maxrss is in KiB
  return reaped_;
}

bool ChildProcess::succeeded() const { return reaped_ && WIFEXITED(status_) && WEXITSTATUS(status_) == 0; }

std::string ChildProcess::howItEnded() const {
  if (!reaped_) return "is still running";
  if (WIFEXITED(status_)) return "exited with status " + std::to_string(WEXITSTATUS(status_));
  if (WIFSIGNALED(status_)) return "was killed by signal " + std::to_string(WTERMSIG(status_));
  return "ended";
}

std::string errorReportedIn(const std::filesystem::path& log) {
  std::ifstream in(log);
  std::string last;
  for (std::string line; std::getline(in, line);)
    if (line.find_first_not_of(" \t\r") != std::string::npos) last = line;
  return last.rfind(kProgramErrorPrefix, 0) == 0 ? last.substr(kProgramErrorPrefix.size()) : last;
}

}  // namespace vaecf
