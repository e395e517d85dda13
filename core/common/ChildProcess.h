#pragma once
// A program run as a child of this process, its standard output and error written to a
// log file, polled so that the caller can report progress and cancel. Torch-free.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace vaecf {

class ChildProcess {
 public:
  // Starts argv[0] with the arguments; stdin is /dev/null. Throws Error naming the program
  // when it cannot start.
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& log);
  // A child still running is asked to stop (SIGTERM, SIGKILL two seconds later) and reaped.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Whether it has exited; reaps it then, without waiting otherwise.
  bool finished();
  bool succeeded() const;          // exited with status 0 (after finished())
  std::string howItEnded() const;  // "exited with status 3", "was killed by signal 9"
  std::uint64_t peakBytes() const { return peakBytes_; }  // its peak resident memory (after finished())
  const std::filesystem::path& log() const { return log_; }

 private:
  pid_t pid_ = -1;
  int status_ = 0;
  bool reaped_ = false;
  std::uint64_t peakBytes_ = 0;
  std::filesystem::path log_;
};

// The last line of a text file that is not blank; "" when there is none.
std::string lastLineOf(const std::filesystem::path& file);

}  // namespace vaecf
