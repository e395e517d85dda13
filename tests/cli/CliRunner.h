#pragma once
// Runs the vaecf program for the command-line tests: exit status, stdout and stderr of one
// command.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "TestData.h"

namespace vaecf::test {

struct CliOutcome {
  int exitCode = -1;
  std::string out, err;
  // The last non-empty line of stderr.
  std::string lastError() const { return lastLine(err); }
  // The last non-empty line of stdout, which a --json command prints.
  nlohmann::json lastJson() const { return nlohmann::json::parse(lastLine(out)); }

 private:
  static std::string lastLine(const std::string& text) {
    std::istringstream lines(text);
    std::string line, last;
    while (std::getline(lines, line))
      if (!line.empty()) last = line;
    return last;
  }
};

inline std::string readBytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// `arguments` after "vaecf --threads 2", through the shell; stdin is /dev/null.
inline CliOutcome runVaecf(const std::string& arguments) {
  const std::filesystem::path errFile = freshTempDir("cli-stderr") / "err.txt";
  const std::string command =
      std::string(VAECF_CLI_PATH) + " --threads 2 " + arguments + " 2>" + errFile.string() + " </dev/null";
  CliOutcome outcome;
  FILE* pipe = ::popen(command.c_str(), "r");
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) outcome.out.append(buffer, n);
  const int status = ::pclose(pipe);
  outcome.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.err = readBytes(errFile);
  return outcome;
}

}  // namespace vaecf::test
