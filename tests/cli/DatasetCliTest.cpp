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
  EXPECT_NE(outcome.err.find("vaecf: " + log.string() +
                             ": detected tab-separated, 3 columns, a header line ('userID', 'artistID', 'weight'); "
                             "column 2 holds the values (ratings; play counts too: --min-rating sets which are "
                             "positive); the options given override what is detected.\n"),
            std::string::npos)
      << outcome.err;
  const nlohmann::json stats = nlohmann::json::parse(outcome.out);
  EXPECT_EQ(stats.at("users"), 12);
}

// Play counts are not star ratings: by default any play is a positive, and the user is told.
TEST(DatasetCli, PlayCountsDefaultToEveryInteractionAndTheUserIsTold) {
  const fs::path log = lastFmLog();
  const test::CliOutcome outcome = test::runVaecf("data stats --json --format delimited " + log.string());
  ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
  EXPECT_EQ(outcome.lastError(), "vaecf: delimited " + log.string() +
                                     ": the values look like counts (whole numbers up to 1208), not star ratings: "
                                     "every interaction is positive; --min-rating N keeps those counted at least N "
                                     "times");
  const nlohmann::json stats = nlohmann::json::parse(outcome.out);
  EXPECT_TRUE(stats.at("positive_threshold").is_null());
  EXPECT_EQ(stats.at("positives"), stats.at("interactions"));

  const test::CliOutcome given =
      test::runVaecf("data stats --json --format delimited --min-rating 500 " + log.string());
  ASSERT_EQ(given.exitCode, 0) << given.err;
  EXPECT_EQ(given.err.find("look like counts"), std::string::npos) << given.err;
  EXPECT_EQ(nlohmann::json::parse(given.out).at("positive_threshold"), 500);
}

// Negative values are legitimate on some scales (Jester's -10..10) but never silently.
TEST(DatasetCli, NegativeValuesAreReported) {
  const fs::path log = test::writeText(test::freshTempDir("cli-negative") / "ratings.csv",
                                       "user,item,rating\n1,10,4.5\n1,11,-2.5\n2,10,-0.5\n2,12,5\n");
  const test::CliOutcome outcome = test::runVaecf("data stats --format delimited " + log.string());
  ASSERT_EQ(outcome.exitCode, 0) << outcome.err;
  EXPECT_EQ(outcome.lastError(),
            "vaecf: delimited " + log.string() + ": 2 values are negative (lowest -2.5): never positive under value >= 4");
  const test::CliOutcome all = test::runVaecf("data stats --format delimited --all-positive " + log.string());
  ASSERT_EQ(all.exitCode, 0) << all.err;
  EXPECT_EQ(all.lastError(), "vaecf: delimited " + log.string() +
                                 ": 2 values are negative (lowest -2.5): positive all the same, as every interaction "
                                 "is; --min-rating sets a threshold");
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
  EXPECT_EQ(outcome.lastError(), "vaecf: error: dataset format 'delimited': parameter 'value_column' = -2 is out of "
                                 "range; allowed: at least -1");
}

// Formats are plugins: each is listed with its options, detected when not named, and its
// options are set by name like a model's parameters.
TEST(DatasetCli, FormatsAreListedDetectedAndTakeOptionsByName) {
  const test::CliOutcome formats = test::runVaecf("data formats");
  ASSERT_EQ(formats.exitCode, 0) << formats.err;
  for (const char* expected : {"ml-100k", "citeulike", "synthetic", "value_column", "mean_activity"})
    EXPECT_NE(formats.out.find(expected), std::string::npos) << expected << "\n" << formats.out;

  const std::string ml100k = test::sharedData("ml-100k").string();
  const test::CliOutcome named = test::runVaecf("data stats --json --format ml-100k " + ml100k);
  const test::CliOutcome detected = test::runVaecf("data stats --json " + ml100k);
  ASSERT_EQ(detected.exitCode, 0) << detected.err;
  EXPECT_EQ(detected.out, named.out);
  EXPECT_NE(detected.err.find("vaecf: " + ml100k + ": read as ml-100k (MovieLens 100K"), std::string::npos)
      << detected.err;

  const fs::path log = lastFmLog();
  const test::CliOutcome shorthand = test::runVaecf("data stats --json --value-col -1 " + log.string());
  const test::CliOutcome byName = test::runVaecf("data stats --json --data-option value_column=-1 " + log.string());
  ASSERT_EQ(byName.exitCode, 0) << byName.err;
  EXPECT_EQ(byName.out, shorthand.out);
  EXPECT_FALSE(nlohmann::json::parse(byName.out).at("explicit_values").get<bool>());

  const test::CliOutcome foreign = test::runVaecf("data stats --format ml-100k --separator , " + ml100k);
  EXPECT_EQ(foreign.lastError(), "vaecf: error: the dataset format 'ml-100k' has no option 'separator'");
  const test::CliOutcome noPath = test::runVaecf("data stats --format ml-1m");
  EXPECT_EQ(noPath.lastError(), "vaecf: error: --format ml-1m needs --path (only ml-latest-small is bundled)");
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
