// Files a user may hand the importers by mistake or malice (issue 13): special files,
// link loops, control bytes, escape sequences; and the delimited layout detection.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <map>

#include "TestData.h"
#include "common/Error.h"
#include "data/Importers.h"
#include "delimited/DelimitedLayout.h"
#include "train/EventLog.h"
#include "train/RunFolder.h"

namespace fs = std::filesystem;

namespace vaecf {
namespace {

std::string refusal(const std::string& format, const fs::path& path,
                    const std::map<std::string, std::string>& options = {}) {
  try {
    importDataset(ImportOptions{format, path, options});
    return "accepted";
  } catch (const InputError& error) {
    return error.what();
  }
}

TEST(ImportRobustness, NamedPipeIsRefusedAtOnce) {
  const fs::path dir = test::freshTempDir("import-fifo");
  ASSERT_EQ(::mkfifo((dir / "u.data").c_str(), 0600), 0);
  ASSERT_EQ(::mkfifo((dir / "log.csv").c_str(), 0600), 0);
  const auto started = std::chrono::steady_clock::now();
  const std::string pipe = ": a named pipe (FIFO), not a regular file: only regular files are read";
  EXPECT_EQ(refusal("ml-100k", dir), (dir / "u.data").string() + pipe);
  EXPECT_EQ(refusal("delimited", dir / "log.csv"), (dir / "log.csv").string() + pipe);
  EXPECT_EQ(refusal("netflix", dir / "log.csv"), (dir / "log.csv").string() + pipe);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(ImportRobustness, DeviceIsRefused) {
  EXPECT_EQ(refusal("delimited", "/dev/zero"),
            "/dev/zero: a character device, not a regular file: only regular files are read");
}

TEST(ImportRobustness, SymbolicLinkLoopIsNamed) {
  const fs::path dir = test::freshTempDir("import-loop");
  fs::create_symlink("b", dir / "a");
  fs::create_symlink("a", dir / "b");
  const std::string loop = ": a symbolic link loop (too many levels of symbolic links)";
  EXPECT_EQ(refusal("ml-1m", dir / "a"), (dir / "a").string() + loop);
  EXPECT_EQ(refusal("delimited", dir / "a"), (dir / "a").string() + loop);
  fs::create_symlink("ratings.csv", dir / "ratings.csv");  // a link to itself inside a folder
  EXPECT_EQ(refusal("ml-latest", dir), (dir / "ratings.csv").string() + loop);
}

TEST(ImportRobustness, NulByteInAnIdIsRefused) {
  const fs::path file = test::writeText(test::freshTempDir("import-nul") / "log.csv",
                                        std::string("user,item,value\nu1,i1,5\nu\0" "1,i2,4\n", 33));
  EXPECT_EQ(refusal("delimited", file), file.string() + ":3: user id 'u\\x001' holds a control character");
}

TEST(ImportRobustness, OffendingTextIsEscapedAndCut) {
  const fs::path dir = test::freshTempDir("import-escape");
  const fs::path data = test::writeText(dir / "u.data", "1\t2\t3\t4\n\x1b[2J" + std::string(300, '7') + "\t2\t3\t4\n");
  EXPECT_EQ(refusal("ml-100k", dir),
            data.string() + ":2: non-numeric user id '\\x1B[2J" + std::string(56, '7') + "'... (304 bytes)");
}

TEST(RunFolderRobustness, NamedPipesAreRefusedAtOnce) {
  const fs::path run = test::freshTempDir("run-fifo");
  ASSERT_EQ(::mkfifo(runConfigPath(run).c_str(), 0600), 0);
  ASSERT_EQ(::mkfifo(runEventsPath(run).c_str(), 0600), 0);
  const std::string pipe = ": a named pipe (FIFO), not a regular file: only regular files are read";
  try {
    readRunConfig(run);
    FAIL();
  } catch (const InputError& error) {
    EXPECT_EQ(error.what(), runConfigPath(run).string() + pipe);
  }
  try {
    readRunEvents(run);
    FAIL();
  } catch (const InputError& error) {
    EXPECT_EQ(error.what(), runEventsPath(run).string() + pipe);
  }
}

// The shape of most public interaction logs: Last.fm's user_artists.dat.
const char* const kLastFm = "userID\tartistID\tweight\r\n2\t51\t13883\r\n2\t52\t11690\r\n3\t51\t4\r\n3\t60\t12\r\n";

TEST(DelimitedDetection, TabSeparatedWithAHeaderAndCrlf) {
  const fs::path file = test::writeText(test::freshTempDir("detect") / "user_artists.dat", kLastFm);
  const DetectedLayout layout = detectDelimitedLayout(file);
  EXPECT_EQ(layout.separator, '\t');
  EXPECT_TRUE(layout.header);
  EXPECT_EQ(layout.columns, 3U);
  EXPECT_EQ(layout.description, "tab-separated, 3 columns, a header line ('userID', 'artistID', 'weight')");
  EXPECT_EQ(refusal("delimited", file, {{"separator", "tab"}, {"header", "yes"}}), "accepted");
  EXPECT_EQ(refusal("delimited", file), "accepted");  // the same, detected
}

TEST(DelimitedDetection, TabSeparatedWithoutHeader) {
  const fs::path file = test::writeText(test::freshTempDir("detect") / "u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
  const DetectedLayout layout = detectDelimitedLayout(file);
  EXPECT_EQ(layout.separator, '\t');
  EXPECT_FALSE(layout.header);
  EXPECT_EQ(layout.description, "tab-separated, 4 columns, no header line (the first line holds '196', '242', '3', '881250949')");
}

TEST(DelimitedDetection, CommaSeparatedWithQuotedCommas) {
  const fs::path file = test::writeText(test::freshTempDir("detect") / "log.csv",
                                        "user,item,rating\n\"Smith, J\",\"A, B\",4\nbob,c,5\n");
  const DetectedLayout layout = detectDelimitedLayout(file);
  EXPECT_EQ(layout.separator, ',');
  EXPECT_TRUE(layout.header);
  EXPECT_EQ(layout.columns, 3U);
}

TEST(DelimitedDetection, SemicolonAndTextOnlyColumns) {
  const fs::path file = test::writeText(test::freshTempDir("detect") / "log.csv", "user;item\nalice;matrix\nbob;alien\n");
  const DetectedLayout layout = detectDelimitedLayout(file);
  EXPECT_EQ(layout.separator, ';');
  EXPECT_TRUE(layout.header);  // nothing numeric: a first line of names is taken as the header
  EXPECT_EQ(layout.columns, 2U);
}

TEST(DelimitedDetection, NoConsistentSeparator) {
  // CiteULike's users.dat: a count, then that many items.
  const fs::path file = test::writeText(test::freshTempDir("detect") / "users.dat", "3 1 2 3\n1 7\n2 4 5\n");
  try {
    detectDelimitedLayout(file);
    FAIL();
  } catch (const InputError& error) {
    EXPECT_EQ(error.what(), file.string() +
                                ": no separator (tab, comma, semicolon, '|' or space) gives the same number of columns "
                                "on its first 3 lines; give --separator");
  }
}

}  // namespace
}  // namespace vaecf
