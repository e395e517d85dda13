#include <gtest/gtest.h>

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

}  // namespace
}  // namespace vaecf
