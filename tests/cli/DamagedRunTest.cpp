// Damaged and incomplete run folders through the command line: every reader names the
// file and what is wrong with it in one line, exits non-zero, and never prints a C++
// backtrace (issue 13).
#include <gtest/gtest.h>

#include <fstream>

#include "CliRunner.h"
#include "TestData.h"

namespace fs = std::filesystem;

namespace vaecf {
namespace {

using Outcome = test::CliOutcome;
using test::readBytes;

void writeBytes(const fs::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << bytes;
}

Outcome vaecfCli(const std::string& arguments) { return test::runVaecf(arguments); }

std::string ml100k() { return " --format ml-100k --path " + test::sharedData("ml-100k").string() + " "; }

const char* const kNoFooter = ": the file is truncated or damaged, or was not written by vaecf";
const char* const kMismatch = ": checksum mismatch: the file is damaged (its content changed after it was written)";
const char* const kEmpty = ": empty file (0 bytes): it was emptied, or its writing was cut short";

// One small Mult-DAE run trained to its end; each test damages a copy.
class DamagedRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pristine = new fs::path(test::freshTempDir("damaged-pristine") / "multdae");
    const Outcome trained =
        vaecfCli("train --model multdae --set epochs=2 --set latent_every=0 --json" + ml100k() + "--out " + pristine->string());
    ASSERT_EQ(trained.exitCode, 0) << trained.err;
  }
  static void TearDownTestSuite() { delete pristine; }

  void SetUp() override {
    run = test::freshTempDir("damaged") / "multdae";
    fs::copy(*pristine, run, fs::copy_options::recursive);
  }
  fs::path file(const std::string& name) const { return run / name; }

  // The whole file cut to its first half, as a write killed midway leaves it on some
  // file systems.
  std::string truncate(const std::string& name) {
    const std::string bytes = readBytes(file(name));
    writeBytes(file(name), bytes.substr(0, bytes.size() / 2));
    return file(name).string() + ": no checksum footer at its end (" + std::to_string(bytes.size() / 2) + " bytes)" +
           kNoFooter;
  }
  std::string empty(const std::string& name) {
    writeBytes(file(name), "");
    return file(name).string() + kEmpty;
  }
  std::string garbage(const std::string& name) {
    writeBytes(file(name), "this is not a checkpoint at all\n");
    return file(name).string() + ": no checksum footer at its end (32 bytes)" + kNoFooter;
  }
  // One bit flipped in the middle, where the tensors are: the zip container alone does
  // not notice this.
  std::string bitFlip(const std::string& name) {
    std::string bytes = readBytes(file(name));
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x10);
    writeBytes(file(name), bytes);
    return file(name).string() + kMismatch;
  }
  // 8 bytes overwritten, the probe of the issue.
  std::string overwrite(const std::string& name) {
    std::string bytes = readBytes(file(name));
    bytes.replace(bytes.size() / 3, 8, "XXXXXXXX");
    writeBytes(file(name), bytes);
    return file(name).string() + kMismatch;
  }

  void expectRefused(const std::string& command, const std::string& message) {
    const Outcome outcome = vaecfCli(command + " --run " + run.string());
    EXPECT_EQ(outcome.exitCode, 1) << command << "\n" << outcome.err;
    EXPECT_EQ(outcome.lastError(), "vaecf: error: " + message) << command;
    EXPECT_EQ(outcome.err.find("frame #"), std::string::npos) << outcome.err;
  }

  static fs::path* pristine;
  fs::path run;
};
fs::path* DamagedRun::pristine = nullptr;

TEST_F(DamagedRun, TruncatedCheckpoint) { expectRefused("resume", truncate("checkpoint.pt")); }
TEST_F(DamagedRun, EmptyCheckpoint) { expectRefused("resume", empty("checkpoint.pt")); }
TEST_F(DamagedRun, GarbageCheckpoint) { expectRefused("resume", garbage("checkpoint.pt")); }
TEST_F(DamagedRun, BitFlippedCheckpoint) { expectRefused("resume", bitFlip("checkpoint.pt")); }
TEST_F(DamagedRun, OverwrittenCheckpoint) { expectRefused("resume", overwrite("checkpoint.pt")); }

// eval, recommend and geometry read best.pt only: a damaged checkpoint does not stop them.
TEST_F(DamagedRun, EvalDoesNotNeedTheCheckpoint) {
  garbage("checkpoint.pt");
  const Outcome outcome = vaecfCli("eval --json --run " + run.string());
  EXPECT_EQ(outcome.exitCode, 0) << outcome.err;
}

TEST_F(DamagedRun, TruncatedBestWeights) {
  const std::string message = truncate("best.pt");
  expectRefused("resume", message);  // a finished run reloads its best weights to test them
  expectRefused("eval", message);
}
TEST_F(DamagedRun, EmptyBestWeights) {
  const std::string message = empty("best.pt");
  expectRefused("resume", message);
  expectRefused("recommend --user 1", message);
}
TEST_F(DamagedRun, GarbageBestWeights) {
  const std::string message = garbage("best.pt");
  expectRefused("eval", message);
  const Outcome outcome = vaecfCli("geometry " + run.string() + " --what drift --sample 50");
  EXPECT_EQ(outcome.exitCode, 1) << outcome.err;
  EXPECT_EQ(outcome.lastError(), "vaecf: error: " + message);
}
TEST_F(DamagedRun, BitFlippedBestWeights) {
  const std::string message = bitFlip("best.pt");
  expectRefused("resume", message);
  expectRefused("eval", message);
}
TEST_F(DamagedRun, OverwrittenBestWeights) { expectRefused("eval", overwrite("best.pt")); }

TEST_F(DamagedRun, MissingCheckpointIsNotAFreshStart) {
  fs::remove(file("checkpoint.pt"));
  expectRefused("resume", file("checkpoint.pt").string() +
                              ": missing, yet events.jsonl shows it was written (the run reached epoch 2): without it "
                              "the run would start again from epoch 1");
}

TEST_F(DamagedRun, DeletedEventLog) {
  fs::remove(file("events.jsonl"));
  expectRefused("resume", file("events.jsonl").string() +
                              ": missing, yet the run has a checkpoint: its history is lost, so it cannot be continued");
}

TEST_F(DamagedRun, EmptiedEventLog) {
  const std::uintmax_t size = fs::file_size(file("events.jsonl"));
  writeBytes(file("events.jsonl"), "");
  const Outcome outcome = vaecfCli("resume --run " + run.string());
  EXPECT_EQ(outcome.exitCode, 1);
  // The checkpoint was taken before the test evaluation was logged, so it names a size
  // below the whole log's.
  const std::string prefix = "vaecf: error: " + file("events.jsonl").string() +
                             ": holds 0 bytes, but the checkpoint of epoch 2 was taken after ";
  EXPECT_EQ(outcome.lastError().substr(0, prefix.size()), prefix) << outcome.err;
  EXPECT_NE(outcome.lastError().find(": the run's history was cut short or deleted"), std::string::npos);
  EXPECT_GT(size, 0U);
}

TEST_F(DamagedRun, CorruptEventLogIsReportedBeforeTraining) {
  std::string events = readBytes(file("events.jsonl"));
  events.insert(events.find('\n') + 1, "{\"type\": \"epoch\", garbage\n");
  writeBytes(file("events.jsonl"), events);
  const Outcome outcome = vaecfCli("resume --run " + run.string());
  EXPECT_EQ(outcome.exitCode, 1);
  const std::string prefix = "vaecf: error: " + file("events.jsonl").string() + ":2: not a training event: ";
  EXPECT_EQ(outcome.lastError().substr(0, prefix.size()), prefix) << outcome.err;
}

TEST_F(DamagedRun, StaleTemporaryFilesAreRemovedOnResume) {
  writeBytes(file(".checkpoint.pt.tmp-123456"), std::string(1000, 'x'));
  writeBytes(file(".best.pt.tmp-42"), "half");
  writeBytes(file(".notes.tmp-draft"), "kept: not a name AtomicFile writes");
  const Outcome outcome = vaecfCli("resume --json --run " + run.string());
  ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
  EXPECT_FALSE(fs::exists(file(".checkpoint.pt.tmp-123456")));
  EXPECT_FALSE(fs::exists(file(".best.pt.tmp-42")));
  EXPECT_TRUE(fs::exists(file(".notes.tmp-draft")));
}

}  // namespace
}  // namespace vaecf
