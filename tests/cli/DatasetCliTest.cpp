// Dataset arguments of the command line (issue 13): the path as an argument, the layout
// of a delimited log detected and reported, bad column numbers and special files refused.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "CliRunner.h"
#include "TestData.h"

namespace fs = std::filesystem;

namespace vaecf {
namespace {

// Last.fm's user_artists.dat shape: tab-separated, a header, CRLF, play counts.
fs::path lastFmLog() {
  std::string text = "userID\tartistID\tweight\r\n";
  for (int user = 1; user <= 12; ++user)
    for (int artist = 1; artist <= 8; ++artist)
      text += std::to_string(user) + "\t" + std::to_string(50 + (user * artist) % 23) + "\t" +
              std::to_string(user * 100 + artist) + "\r\n";
  return test::writeText(test::freshTempDir("cli-lastfm") / "user_artists.dat", text);
}

TEST(DatasetCli, TabSeparatedLogImportsWithPathAloneAndSaysWhatItDetected) {
  const fs::path log = lastFmLog();
  const test::CliOutcome outcome = test::runVaecf("data stats --json --format delimited --path " + log.string());
  ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
  EXPECT_EQ(outcome.lastError(),
            "vaecf: " + log.string() +
                ": detected tab-separated, 3 columns, a header line ('userID', 'artistID', 'weight'); column 2 holds "
                "the values (ratings; play counts too: --min-rating sets which are positive). --separator, "
                "--header/--no-header and --value-col override.");
  const nlohmann::json stats = nlohmann::json::parse(outcome.out);
  EXPECT_EQ(stats.at("users"), 12);
}

TEST(DatasetCli, DatasetPathAsAnArgument) {
  const fs::path log = lastFmLog();
  const test::CliOutcome byArgument = test::runVaecf("data stats --json --format delimited " + log.string());
  const test::CliOutcome byOption = test::runVaecf("data stats --json --format delimited --path " + log.string());
  ASSERT_EQ(byArgument.exitCode, 0) << byArgument.err;
  EXPECT_EQ(byArgument.out, byOption.out);
  const test::CliOutcome both =
      test::runVaecf("data stats --format delimited --path " + log.string() + " " + log.parent_path().string());
  EXPECT_EQ(both.exitCode, 1);
  EXPECT_EQ(both.lastError(), "vaecf: error: give the dataset either as an argument or with --path, not both");
}

TEST(DatasetCli, GivenSeparatorIsNotSecondGuessed) {
  const fs::path log = lastFmLog();
  const test::CliOutcome outcome = test::runVaecf("data stats --format delimited --separator , --path " + log.string());
  EXPECT_EQ(outcome.exitCode, 1);
  EXPECT_EQ(outcome.err.find("detected"), std::string::npos) << outcome.err;
}

TEST(DatasetCli, NegativeColumnOtherThanMinusOneIsRefused) {
  const test::CliOutcome outcome =
      test::runVaecf("data stats --format delimited --value-col -2 --path " + lastFmLog().string());
  EXPECT_EQ(outcome.exitCode, 1);
  EXPECT_EQ(outcome.lastError(), "vaecf: error: --value-col takes a 0-based column, or -1 for none; got -2");
}

TEST(DatasetCli, NamedPipeIsRefusedAtOnce) {
  const fs::path fifo = test::freshTempDir("cli-fifo") / "ratings.csv";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto started = std::chrono::steady_clock::now();
  const test::CliOutcome outcome = test::runVaecf("data stats --format ml-latest --path " + fifo.string());
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
  EXPECT_EQ(outcome.exitCode, 1);
  EXPECT_EQ(outcome.lastError(),
            "vaecf: error: " + fifo.string() + ": a named pipe (FIFO), not a regular file: only regular files are read");
}

}  // namespace
}  // namespace vaecf
