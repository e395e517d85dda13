// Data-parallel training on torch.distributed with Gloo over localhost (issue 16): two ranks,
// each on half of every batch, train the model one process trains; a rank that dies stops
// the others with the last checkpoint intact, and the run resumes.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cli/CliRunner.h"
#include "ProcessTree.h"
#include "TestData.h"
#include "train/DataParallel.h"
#include "train/RunFolder.h"
#include "train/Training.h"

extern char** environ;

namespace fs = std::filesystem;

namespace vaecf {
namespace {

// 400 users of which 80 are held out: 320 training users. A batch of 53 leaves a last batch
// of 2 rows (one per rank), 35 one of 5 (2 and 3), and 29 one of a single row, which rank 1
// trains at weight zero.
const std::string kData = "--format synthetic --users 400 --items 300 --heldout-users 40";

std::string trainCommand(const std::string& model, const std::string& settings, const fs::path& out, int workers) {
  return "train --model " + model + " " + kData + " --set epochs=3 --set dropout=0 " + settings + " --out " +
         out.string() + " --workers " + std::to_string(workers) + " --json";
}

// Random binary rows over `items` columns: what both runs' models are asked to score.
CsrMatrix probeRows(std::int64_t items) {
  std::mt19937 draw(7);
  CsrMatrix rows(items);
  for (int row = 0; row < 30; ++row) {
    std::vector<std::int32_t> columns;
    for (std::int32_t item = 0; item < items; ++item)
      if (draw() % 10 == 0) columns.push_back(item);
    rows.appendRow(columns);
  }
  return rows;
}

std::vector<float> scoresOf(const fs::path& run, const CsrMatrix& rows) {
  const auto model = loadTrainedModel(run);
  std::vector<float> scores(static_cast<std::size_t>(rows.rows() * rows.cols()));
  model->score(rows, 0, rows.rows(), scores.data());
  return scores;
}

struct Equivalence {
  std::string model;
  std::string settings;
};

class TwoRanks : public ::testing::TestWithParam<Equivalence> {};

// With dropout off the ranks draw the latent sample's noise (and PIA's mask on dense rows)
// for the whole batch and keep their rows of it, so the only difference left is the order
// of float sums.
TEST_P(TwoRanks, TrainTheModelOneProcessTrains) {
  const Equivalence& c = GetParam();
  const fs::path dir = test::freshTempDir("data-parallel");
  const test::CliOutcome one = test::runVaecf(trainCommand(c.model, c.settings, dir / "one", 1));
  ASSERT_EQ(one.exitCode, 0) << one.err;
  const test::CliOutcome two = test::runVaecf(trainCommand(c.model, c.settings, dir / "two", 2));
  ASSERT_EQ(two.exitCode, 0) << two.err;

  const CsrMatrix rows = probeRows(static_cast<std::int64_t>(readRunItems(dir / "one").size()));
  const std::vector<float> expected = scoresOf(dir / "one", rows), actual = scoresOf(dir / "two", rows);
  ASSERT_EQ(expected.size(), actual.size());
  double largest = 0.0;
  for (std::size_t i = 0; i < expected.size(); ++i)
    largest = std::max(largest, static_cast<double>(std::abs(expected[i] - actual[i])));
  EXPECT_LT(largest, 1e-3) << "scores of the 1-rank and 2-rank models differ";
  // Model selection saw the same validation numbers.
  EXPECT_NEAR(one.lastJson()["validation"]["ndcg@100"].get<double>(),
              two.lastJson()["validation"]["ndcg@100"].get<double>(), 1e-5);
  EXPECT_EQ(one.lastJson()["best_epoch"], two.lastJson()["best_epoch"]);
}

INSTANTIATE_TEST_SUITE_P(
    DataParallel, TwoRanks,
    ::testing::Values(Equivalence{"multvae", "--set batch_size=53"},
                      Equivalence{"multvae", "--set batch_size=35 --set pia=true --set mask_rate=0.8 --set sparse_input=false"},
                      Equivalence{"recvae", "--set batch_size=29"},
                      Equivalence{"vamp", "--set batch_size=53"},
                      Equivalence{"hvamp", "--set batch_size=53 --set sparse_input=false"}),
    [](const ::testing::TestParamInfo<Equivalence>& info) { return "case" + std::to_string(info.index); });

pid_t spawnVaecf(const std::string& arguments, const fs::path& log) {
  std::vector<std::string> words{VAECF_CLI_PATH, "--threads", "2"};
  std::istringstream split(arguments);
  for (std::string word; split >> word;) words.push_back(word);
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
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

// The exit status of `child`, or -1 when it is still running after `seconds`.
int exitWithin(pid_t child, int seconds) {
  for (int waited = 0; waited < seconds * 20; ++waited) {
    int status = 0;
    if (::waitpid(child, &status, WNOHANG) == child) return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  return -1;
}

bool waitForFile(const fs::path& file, int seconds) {
  for (int waited = 0; waited < seconds * 20 && !fs::exists(file); ++waited)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  return fs::exists(file);
}

const std::string kLongRun =
    "train --model multvae --format synthetic --users 3000 --items 2000 --set epochs=12 --set batch_size=100 "
    "--set latent_every=0 --workers 2 --out ";

TEST(DataParallel, ARankThatDiesStopsRankZeroAndTheRunResumes) {
  const fs::path dir = test::freshTempDir("rank-failure");
  const fs::path run = dir / "run";
  // The rendezvous folder a killed leader cannot remove goes in the test's own folder.
  const char* tmpdir = std::getenv("TMPDIR");
  const std::string previousTmpdir = tmpdir != nullptr ? tmpdir : "";
  ::setenv("TMPDIR", dir.c_str(), 1);
  const pid_t leader = spawnVaecf(kLongRun + run.string(), dir / "leader.log");
  if (tmpdir != nullptr) {
    ::setenv("TMPDIR", previousTmpdir.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  ASSERT_GT(leader, 0);
  ASSERT_TRUE(waitForFile(runCheckpointPath(run), 240)) << test::readBytes(dir / "leader.log");
  const std::vector<pid_t> ranks = test::childrenOf(leader);
  ASSERT_EQ(ranks.size(), 1U);
  ::kill(ranks.front(), SIGKILL);

  EXPECT_NE(exitWithin(leader, 120), 0);
  const std::string log = test::readBytes(dir / "leader.log");
  EXPECT_NE(log.find("rank 0 of 2"), std::string::npos) << log;
  EXPECT_NE(log.find("the last checkpoint is from epoch"), std::string::npos) << log;

  const test::CliOutcome resumed = test::runVaecf("resume --run " + run.string() + " --workers 2 --json");
  ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
  EXPECT_EQ(resumed.lastJson()["details"]["epochs"], 12);
}

TEST(DataParallel, TheOtherRanksEndWhenRankZeroDies) {
  // Orphaned ranks become this process's children, so that their exit can be awaited.
  ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
  const fs::path dir = test::freshTempDir("leader-failure");
  const fs::path run = dir / "run";
  // The rendezvous folder a killed leader cannot remove goes in the test's own folder.
  const char* tmpdir = std::getenv("TMPDIR");
  const std::string previousTmpdir = tmpdir != nullptr ? tmpdir : "";
  ::setenv("TMPDIR", dir.c_str(), 1);
  const pid_t leader = spawnVaecf(kLongRun + run.string(), dir / "leader.log");
  if (tmpdir != nullptr) {
    ::setenv("TMPDIR", previousTmpdir.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  ASSERT_GT(leader, 0);
  ASSERT_TRUE(waitForFile(runCheckpointPath(run), 240)) << test::readBytes(dir / "leader.log");
  const std::vector<pid_t> ranks = test::childrenOf(leader);
  ASSERT_EQ(ranks.size(), 1U);
  ::kill(leader, SIGKILL);
  ::waitpid(leader, nullptr, 0);
  EXPECT_NE(exitWithin(ranks.front(), 120), -1) << "rank 1 still runs after rank 0 died";
  EXPECT_NE(test::readBytes(dir / "leader.log").find("rank 1 of 2"), std::string::npos);
  ::prctl(PR_SET_CHILD_SUBREAPER, 0);
}

TEST(DataParallel, ModelsThatCannotShareABatchAreRefused) {
  const test::CliOutcome ease = test::runVaecf("train --model ease --workers 2");
  EXPECT_NE(ease.exitCode, 0);
  EXPECT_NE(ease.lastError().find("ease is fitted in closed form"), std::string::npos) << ease.err;
  const test::CliOutcome deeprec = test::runVaecf("train --model deeprec --workers 2");
  EXPECT_NE(deeprec.exitCode, 0);
  EXPECT_NE(deeprec.lastError().find("deeprec does not train data-parallel"), std::string::npos) << deeprec.err;
}

TEST(DataParallel, MasterAddressesAreChecked) {
  RankAddress address;
  parseMaster("10.0.0.7:29511", address);
  EXPECT_EQ(address.host, "10.0.0.7");
  EXPECT_EQ(address.port, 29511);
  for (const char* bad : {"10.0.0.7", ":29500", "host:0", "host:70000", "host:29x"})
    EXPECT_THROW(parseMaster(bad, address), Error) << bad;
  RankAddress outside;
  outside.rank = 2;
  outside.worldSize = 2;
  EXPECT_THROW(RankGroup::join(outside), Error);
}

}  // namespace
}  // namespace vaecf
