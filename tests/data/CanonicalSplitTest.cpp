#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "TestData.h"
#include "common/Error.h"
#include "data/CanonicalSplit.h"
#include "data/Protocol.h"
#include "data/SyntheticData.h"

namespace fs = std::filesystem;

namespace vaecf {
namespace {

Split syntheticSplit() { return *test::syntheticSplit({300, 120, 30.0, 30, 8}); }

void expectSameMatrix(const CsrMatrix& a, const CsrMatrix& b) {
  EXPECT_EQ(a.rows(), b.rows());
  EXPECT_EQ(a.cols(), b.cols());
  EXPECT_EQ(a.rowStart(), b.rowStart());
  EXPECT_EQ(a.columns(), b.columns());
}

TEST(CanonicalSplit, RoundTripKeepsEveryRowAndId) {
  const Split split = syntheticSplit();
  const fs::path dir = test::freshTempDir("canonical") / "split";
  writeCanonicalSplit(split, dir);
  const Split back = readCanonicalSplit(dir);
  EXPECT_EQ(back.itemIds, split.itemIds);
  EXPECT_EQ(back.trainUserIds, split.trainUserIds);
  EXPECT_EQ(back.testUserIds, split.testUserIds);
  expectSameMatrix(back.train, split.train);
  expectSameMatrix(back.validationFoldIn, split.validationFoldIn);
  expectSameMatrix(back.validationHeldout, split.validationHeldout);
  expectSameMatrix(back.testFoldIn, split.testFoldIn);
  expectSameMatrix(back.testHeldout, split.testHeldout);
}

TEST(CanonicalSplit, HeldoutRowsAreRebasedToTheSmallestUidOfThePair) {
  const fs::path dir = test::freshTempDir("canonical-rebase");
  test::writeText(dir / "unique_sid.txt", "50\n60\n70\n");
  test::writeText(dir / "train.csv", "uid,sid\r\n0,0\r\n0,1\r\n1,2\r\n");  // CRLF is fine
  test::writeText(dir / "validation_tr.csv", "uid,sid\n3,0\n4,1\n");
  test::writeText(dir / "validation_te.csv", "uid,sid\n4,2\n");
  test::writeText(dir / "test_tr.csv", "uid,sid\n7,1\n");
  test::writeText(dir / "test_te.csv", "uid,sid\n7,0\n");
  const Split split = readCanonicalSplit(dir);
  EXPECT_EQ(split.train.rows(), 2);
  ASSERT_EQ(split.validationFoldIn.rows(), 2);  // uids 3..4
  EXPECT_EQ(split.validationHeldout.rowSize(0), 0);
  EXPECT_EQ(split.validationHeldout.rowColumns(1)[0], 2);
  EXPECT_EQ(split.testFoldIn.rows(), 1);
  EXPECT_EQ(split.validationUserIds, (std::vector<std::string>{"3", "4"}));  // no unique_uid.txt
}

class CanonicalSplitErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = test::freshTempDir("canonical-bad");
    writeCanonicalSplit(syntheticSplit(), dir);
  }
  // Expects reading to fail with an InputError on `file`, at `line`, mentioning `reason`.
  void expectError(const std::string& file, std::size_t line, const std::string& reason) {
    try {
      readCanonicalSplit(dir);
      FAIL() << "expected an error about " << reason;
    } catch (const InputError& error) {
      EXPECT_EQ(fs::path(error.file()).filename(), file) << error.what();
      EXPECT_EQ(error.line(), line) << error.what();
      EXPECT_NE(std::string(error.what()).find(reason), std::string::npos) << error.what();
    }
  }
  fs::path dir;
};

TEST_F(CanonicalSplitErrors, MissingFile) {
  fs::remove(dir / "validation_te.csv");
  expectError("validation_te.csv", 0, "missing");
}

TEST_F(CanonicalSplitErrors, WrongHeader) {
  test::writeText(dir / "test_tr.csv", "user,item\n1,2\n");
  expectError("test_tr.csv", 1, "header 'uid,sid'");
}

TEST_F(CanonicalSplitErrors, WrongSeparator) {
  test::writeText(dir / "train.csv", "uid,sid\n0,1\n1;2\n");
  expectError("train.csv", 3, "two comma-separated fields");
}

TEST_F(CanonicalSplitErrors, NonNumericId) {
  test::writeText(dir / "train.csv", "uid,sid\n0,1\nx7,2\n");
  expectError("train.csv", 3, "'x7' is not a non-negative integer");
}

TEST_F(CanonicalSplitErrors, SidOutsideTheVocabulary) {
  test::writeText(dir / "train.csv", "uid,sid\n0,1\n1,120000\n");
  expectError("train.csv", 3, "outside unique_sid.txt");
}

TEST_F(CanonicalSplitErrors, HeldoutWithoutFoldIn) {
  test::writeText(dir / "test_tr.csv", "uid,sid\n290,1\n");
  test::writeText(dir / "test_te.csv", "uid,sid\n290,2\n291,3\n");
  expectError("test_te.csv", 0, "heldout items but no fold-in items");
}

TEST_F(CanonicalSplitErrors, HeldoutUidsOverlapTraining) {
  test::writeText(dir / "validation_tr.csv", "uid,sid\n5,1\n");
  test::writeText(dir / "validation_te.csv", "uid,sid\n5,2\n");
  expectError("validation_tr.csv", 0, "overlap the training uids");
}

TEST_F(CanonicalSplitErrors, EmptyFile) {
  test::writeText(dir / "unique_sid.txt", "");
  expectError("unique_sid.txt", 0, "no items");
}


// A six-user folder whose every message below is known exactly.
class SmallSplitFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = test::freshTempDir("canonical-small");
    test::writeText(dir / "unique_sid.txt", "10\n20\n30\n40\n");
    test::writeText(dir / "unique_uid.txt", "u0\nu1\nu2\nu3\nu4\nu5\n");
    test::writeText(dir / "train.csv", "uid,sid\n0,0\n0,1\n1,1\n1,2\n2,3\n");
    test::writeText(dir / "validation_tr.csv", "uid,sid\n3,0\n3,1\n4,2\n");
    test::writeText(dir / "validation_te.csv", "uid,sid\n3,2\n4,3\n");
    test::writeText(dir / "test_tr.csv", "uid,sid\n5,0\n5,3\n");
    test::writeText(dir / "test_te.csv", "uid,sid\n5,1\n");
  }
  std::string path(const std::string& name) const { return (dir / name).string(); }
  // Reading must fail with exactly `message`.
  void expectMessage(const std::string& message) {
    try {
      readCanonicalSplit(dir);
      FAIL() << "expected: " << message;
    } catch (const InputError& error) {
      EXPECT_EQ(error.what(), message);
    }
  }
  fs::path dir;
};

TEST_F(SmallSplitFolder, ReadsAsWritten) {
  const Split split = readCanonicalSplit(dir);
  EXPECT_EQ(split.trainUserIds, (std::vector<std::string>{"u0", "u1", "u2"}));
  EXPECT_EQ(split.validationUserIds, (std::vector<std::string>{"u3", "u4"}));
  EXPECT_EQ(split.testUserIds, (std::vector<std::string>{"u5"}));
  EXPECT_EQ(split.train.nonZeros(), 5);
}

// Found by the fuzzer (tests/data/fuzz-regressions/split): one row naming uid 10^12 made
// the reader allocate a row per uid in between, 24 TB.
TEST_F(SmallSplitFolder, HugeUidWithoutUniqueUidIsRefusedBeforeAllocating) {
  fs::remove(dir / "unique_uid.txt");
  test::writeText(dir / "train.csv", "uid,sid\n0,0\n1000000000000,1\n");
  expectMessage(path("train.csv") +
                ": its uids 0..1000000000000 span 1000000000001 users but it holds only 2 rows: uids must be "
                "consecutive numbers");
}

TEST_F(SmallSplitFolder, UidAtTheInt64LimitDoesNotOverflow) {
  fs::remove(dir / "unique_uid.txt");
  test::writeText(dir / "train.csv", "uid,sid\n0,0\n9223372036854775807,1\n");
  expectMessage(path("train.csv") +
                ": its uids 0..9223372036854775807 span 9223372036854775808 users but it holds only 2 rows: uids must "
                "be consecutive numbers");
}

TEST_F(SmallSplitFolder, UidBeyondInt64IsTooLarge) {
  test::writeText(dir / "train.csv", "uid,sid\n0,0\n99999999999999999999,1\n");
  expectMessage(path("train.csv") + ":3: uid '99999999999999999999' is too large");
}

TEST_F(SmallSplitFolder, HugeHeldoutUidIsRefusedBeforeAllocating) {
  fs::remove(dir / "unique_uid.txt");
  test::writeText(dir / "validation_te.csv", "uid,sid\n3,2\n4000000000000000,3\n");
  expectMessage(path("validation_tr.csv") +
                ": its uids 3..4000000000000000 span 3999999999999998 users but it holds only 5 rows: uids must be "
                "consecutive numbers");
}

TEST_F(SmallSplitFolder, UidOutsideUniqueUid) {
  test::writeText(dir / "test_te.csv", "uid,sid\n5,1\n6,2\n");
  expectMessage(path("test_te.csv") + ":3: uid 6 is outside unique_uid.txt (6 users)");
}

TEST_F(SmallSplitFolder, TrainShorterThanUniqueUidSays) {
  test::writeText(dir / "train.csv", "uid,sid\n0,0\n0,1\n1,1\n1,2\n");  // uid 2's row cut off
  expectMessage(path("unique_uid.txt") +
                ": it lists 6 users but the split files hold uids train.csv 0..1, validation 3..4, test 5..5 (5 "
                "users): a file is cut short, or unique_uid.txt belongs to another split");
}

TEST_F(SmallSplitFolder, GapInTrainingUids) {
  fs::remove(dir / "unique_uid.txt");
  test::writeText(dir / "train.csv", "uid,sid\n0,0\n0,1\n0,2\n2,3\n");
  expectMessage(path("train.csv") + ": uid 1 has no rows, yet its uids run 0..2: training uids must be consecutive numbers");
}

TEST_F(SmallSplitFolder, HeldoutSidOutOfRange) {
  test::writeText(dir / "validation_te.csv", "uid,sid\n3,2\n4,4\n");
  expectMessage(path("validation_te.csv") + ":3: sid 4 is outside unique_sid.txt (4 items)");
}

TEST_F(SmallSplitFolder, ShiftedHeldoutSidsMeetTheFoldIn) {
  test::writeText(dir / "validation_te.csv", "uid,sid\n3,1\n4,3\n");  // 3,2 shifted down by one
  expectMessage(path("validation_te.csv") +
                ":2: uid 3 has sid 1 among both its fold-in (validation_tr.csv line 3) and its heldout items: are the "
                "item ids of one file shifted?");
}

TEST_F(SmallSplitFolder, DuplicatePair) {
  test::writeText(dir / "train.csv", "uid,sid\n0,0\n0,1\n1,1\n1,2\n0,1\n2,3\n");
  expectMessage(path("train.csv") + ":6: uid 0 lists sid 1 a second time (first on line 3)");
}

TEST_F(SmallSplitFolder, DuplicateItemId) {
  test::writeText(dir / "unique_sid.txt", "10\n20\n10\n40\n");
  expectMessage(path("unique_sid.txt") + ":3: the id '10' is listed twice (first on line 1)");
}

TEST_F(SmallSplitFolder, ByteOrderMarksAreDropped) {
  test::writeText(dir / "unique_sid.txt", "\xEF\xBB\xBF" "10\n20\n30\n40\n");
  test::writeText(dir / "train.csv", "\xEF\xBB\xBFuid,sid\n0,0\n0,1\n1,1\n1,2\n2,3\n");
  const Split split = readCanonicalSplit(dir);
  EXPECT_EQ(split.itemIds.front(), "10");
}

TEST_F(SmallSplitFolder, OffendingTextIsEscapedAndCut) {
  test::writeText(dir / "train.csv", "uid,sid\n0,0\n\x1b[31m" + std::string(500, 'x') + ",1\n");
  expectMessage(path("train.csv") +
                ":3: uid '\\x1B[31m" + std::string(55, 'x') + "'... (505 bytes) is not a "
                "non-negative integer");
}

TEST_F(SmallSplitFolder, NulByteInAnId) {
  test::writeText(dir / "train.csv", std::string("uid,sid\n0,0\n1\0", 14) + "2,1\n");
  expectMessage(path("train.csv") + ":3: uid '1\\x002' is not a non-negative integer");
}

TEST_F(SmallSplitFolder, DirectoryNamedLikeAFile) {
  fs::remove(dir / "train.csv");
  fs::create_directory(dir / "train.csv");
  expectMessage(path("train.csv") + ": a directory, not a file");
}

TEST_F(SmallSplitFolder, NamedPipeIsRefusedAtOnce) {
  fs::remove(dir / "train.csv");
  ASSERT_EQ(::mkfifo((dir / "train.csv").c_str(), 0600), 0);
  expectMessage(path("train.csv") + ": a named pipe (FIFO), not a regular file: only regular files are read");
}

TEST_F(SmallSplitFolder, SymbolicLinkLoop) {
  fs::remove(dir / "train.csv");
  fs::create_symlink("loop-b", dir / "train.csv");
  fs::create_symlink("train.csv", dir / "loop-b");
  expectMessage(path("train.csv") + ": a symbolic link loop (too many levels of symbolic links)");
}

TEST_F(SmallSplitFolder, FolderIsAFile) {
  const fs::path file = dir / "unique_sid.txt";
  try {
    readCanonicalSplit(file);
    FAIL();
  } catch (const InputError& error) {
    EXPECT_EQ(error.what(), file.string() + ": not a split folder (a file, not a directory)");
  }
}

}  // namespace
}  // namespace vaecf
