// A real training killed with SIGKILL at four moments (during a batch, while the checkpoint,
// the best weights and a latent frame are being written), resumed after each kill, ends
// with the same numbers as the same run left alone, and leaves nothing damaged or stale
// (issue 13). The writes are caught with inotify the moment their temporary file appears.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "CliRunner.h"
#include "TestData.h"

extern char** environ;

namespace fs = std::filesystem;

namespace vaecf {
namespace {

// Big enough that a checkpoint takes a while to write (tens of MB with Adam's moments).
const std::vector<std::string> kTraining = {
    "train", "--model", "multvae",  "--format", "synthetic",      "--users", "1000",          "--items",
    "1500",  "--set",   "epochs=5", "--set",    "batch_size=100", "--set",   "latent_every=1"};

pid_t spawnVaecf(std::vector<std::string> arguments, const fs::path& log) {
  arguments.insert(arguments.begin(), {VAECF_CLI_PATH, "--threads", "1"});
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
  pid_t child = -1;
  const int failed = posix_spawn(&child, argv[0], &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  return failed == 0 ? child : -1;
}

// True when `child` was killed by us; false when it exited on its own first.
bool killAndReap(pid_t child) {
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

bool exited(pid_t child) {
  int status = 0;
  return ::waitpid(child, &status, WNOHANG) == child;
}

// Kills `child` the moment a file whose name starts with `prefix` is created in `folder`.
bool killWhenCreated(pid_t child, const fs::path& folder, const std::string& prefix) {
  const int watch = inotify_init1(IN_NONBLOCK);
  if (watch < 0 || inotify_add_watch(watch, folder.c_str(), IN_CREATE) < 0) return false;
  alignas(inotify_event) char buffer[8192];
  bool killed = false;
  for (;;) {
    pollfd ready{watch, POLLIN, 0};
    if (::poll(&ready, 1, 20) > 0) {
      const ssize_t length = ::read(watch, buffer, sizeof buffer);
      for (ssize_t at = 0; at < length;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
        if (event->len > 0 && std::string(event->name).rfind(prefix, 0) == 0) killed = true;
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
      if (killed) break;
    }
    if (exited(child)) break;
  }
  ::close(watch);
  return killed && killAndReap(child);
}

// Kills `child` in the batches after its first checkpoint.
bool killAfterFirstCheckpoint(pid_t child, const fs::path& checkpoint) {
  while (!fs::exists(checkpoint)) {
    if (exited(child)) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  return killAndReap(child);
}

bool temporaryFilesIn(const fs::path& folder) {
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.path().filename().string().find(".tmp-") != std::string::npos) return true;
  return false;
}

nlohmann::json testMetrics(const fs::path& run) {
  std::ifstream in(run / "metrics.json");
  return nlohmann::json::parse(in).at("test");
}

TEST(CrashSafety, ResumeAfterKillsAtEveryWriteEndsAsTheUninterruptedRun) {
  const fs::path folder = test::freshTempDir("crash-safety");
  const fs::path log = folder / "log.txt";
  const fs::path reference = folder / "reference";
  const fs::path killed = folder / "killed";

  auto withOut = [](const fs::path& run) {
    auto arguments = kTraining;
    arguments.insert(arguments.end(), {"--out", run.string()});
    return arguments;
  };
  auto resume = [&] { return spawnVaecf({"resume", "--run", killed.string()}, log); };

  const pid_t whole = spawnVaecf(withOut(reference), log);
  ASSERT_GT(whole, 0);
  int status = 0;
  ASSERT_EQ(::waitpid(whole, &status, 0), whole);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << test::readBytes(log);

  std::vector<std::string> kills;
  const pid_t first = spawnVaecf(withOut(killed), log);
  if (killAfterFirstCheckpoint(first, killed / "checkpoint.pt")) kills.push_back("batch");
  if (killWhenCreated(resume(), killed, ".checkpoint.pt.tmp-")) kills.push_back("checkpoint");
  if (killWhenCreated(resume(), killed, ".best.pt.tmp-")) kills.push_back("best");
  if (killWhenCreated(resume(), killed / "latent", ".epoch-")) kills.push_back("latent");
  // Every kill must have landed before the run's end, or the test proved less than it says.
  EXPECT_EQ(kills, (std::vector<std::string>{"batch", "checkpoint", "best", "latent"}));

  const test::CliOutcome finished = test::runVaecf("resume --run " + killed.string());
  ASSERT_EQ(finished.exitCode, 0) << finished.err;
  EXPECT_FALSE(temporaryFilesIn(killed)) << "a stale temporary file survived the resume";
  EXPECT_EQ(testMetrics(killed), testMetrics(reference));
  // Every file the run wrote and trusts still reads (checksums checked on load).
  const test::CliOutcome evaluated = test::runVaecf("eval --run " + killed.string() + " --json");
  const test::CliOutcome evaluatedReference = test::runVaecf("eval --run " + reference.string() + " --json");
  ASSERT_EQ(evaluated.exitCode, 0) << evaluated.err;
  ASSERT_EQ(evaluatedReference.exitCode, 0) << evaluatedReference.err;
  EXPECT_EQ(evaluated.lastJson().at("test"), evaluatedReference.lastJson().at("test"));
}

}  // namespace
}  // namespace vaecf
