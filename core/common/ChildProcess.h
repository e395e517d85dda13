#pragma once
// A program run as a child of this process, its standard output and error written to a
// log file, polled so that the caller can report progress and cancel. Torch-free.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace vaecf {

// Where a child's standard output and error go: each to a file (created or truncated; the
// same file for both interleaves them in one log), "/dev/null" to drop it, or, left empty,
// where this process's own go.
struct ChildOutput {
  std::filesystem::path output;
  std::filesystem::path errors;

  static ChildOutput log(const std::filesystem::path& file) { return {file, file}; }
};

class ChildProcess {
 public:
  // Starts argv[0] with the arguments; stdin is /dev/null. Throws Error naming the program
  // when it cannot start.
  ChildProcess(const std::vector<std::string>& argv, ChildOutput output);
  // A child still running is stopped at once (stop(0)).
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Gives a running child `grace` to end by itself, then asks it to (SIGTERM), kills it
  // (SIGKILL) two seconds later, and reaps it.
  void stop(std::chrono::milliseconds grace);
  // Whether it has exited; reaps it then, without waiting otherwise.
  bool finished();
  bool succeeded() const;          // exited with status 0 (after finished())
  std::string howItEnded() const;  // "exited with status 3", "was killed by signal 9"
  std::uint64_t peakBytes() const { return peakBytes_; }  // its peak resident memory (after finished())
  const ChildOutput& output() const { return output_; }

 private:
  // Waits up to `limit` for the child to exit; true when it has.
  bool awaitExit(std::chrono::milliseconds limit);

  pid_t pid_ = -1;
  int status_ = 0;
  bool reaped_ = false;
  std::uint64_t peakBytes_ = 0;
  ChildOutput output_;
};

// What a child vaecf said last in its errors `log`: the last line that is not blank, less
// the program's kProgramErrorPrefix; "" when there is none.
std::string errorReportedIn(const std::filesystem::path& log);

}  // namespace vaecf
