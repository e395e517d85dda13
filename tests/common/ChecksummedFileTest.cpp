#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "TestData.h"
#include "common/ChecksummedFile.h"
#include "common/Error.h"

namespace fs = std::filesystem;

namespace vaecf {
namespace {

std::string bytesOf(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void writeBytes(const fs::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::string refusal(const fs::path& file) {
  try {
    readChecksummedFile(file);
    return "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), file.string());
    EXPECT_EQ(e.line(), 0U);
    return e.reason();
  }
}

// Reference values of libxxhash's XXH64 (seed 0).
TEST(ChecksummedFile, Xxh64MatchesTheReference) {
  EXPECT_EQ(xxh64(""), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(xxh64("abc"), 0x44BC2CF5AD770999ULL);
  EXPECT_EQ(xxh64("vaecf checkpoint"), 0x5974F0C83B64F13EULL);
  std::string long771;
  for (int r = 0; r < 3; ++r)
    for (int b = 0; b < 256; ++b) long771 += static_cast<char>(b);
  long771 += "xyz";
  EXPECT_EQ(xxh64(long771), 0xE921A1B45BD779F8ULL);
}

class ChecksummedFileDamage : public ::testing::Test {
 protected:
  void SetUp() override {
    file = test::freshTempDir("checksummed") / "weights.pt";
    for (int i = 0; i < 1000; ++i) payload += "payload line " + std::to_string(i) + "\n";
    payload += std::string("\0\x01\xff binary", 10);
    writeChecksummedFile(file, payload);
  }
  fs::path file;
  std::string payload;
};

TEST_F(ChecksummedFileDamage, RoundTrip) {
  EXPECT_EQ(readChecksummedFile(file), payload);
  EXPECT_EQ(fs::file_size(file), payload.size() + 24);
  EXPECT_EQ(std::distance(fs::directory_iterator(file.parent_path()), fs::directory_iterator()), 1);
}

TEST_F(ChecksummedFileDamage, EmptyPayloadRoundTrips) {
  writeChecksummedFile(file, "");
  EXPECT_EQ(readChecksummedFile(file), "");
}

TEST_F(ChecksummedFileDamage, Truncated) {
  writeBytes(file, bytesOf(file).substr(0, 5000));
  EXPECT_EQ(refusal(file),
            "no checksum footer at its end (5000 bytes): the file is truncated or damaged, or was not written by vaecf");
}

TEST_F(ChecksummedFileDamage, Empty) {
  writeBytes(file, "");
  EXPECT_EQ(refusal(file), "empty file (0 bytes): it was emptied, or its writing was cut short");
}

TEST_F(ChecksummedFileDamage, Garbage) {
  writeBytes(file, "PK\x03\x04 something else");
  EXPECT_EQ(refusal(file),
            "no checksum footer at its end (19 bytes): the file is truncated or damaged, or was not written by vaecf");
}

TEST_F(ChecksummedFileDamage, EveryFlippedBitIsNoticed) {
  const std::string original = bytesOf(file);
  for (std::size_t at : {std::size_t{0}, original.size() / 2, original.size() - 25, original.size() - 1}) {
    std::string bytes = original;
    bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
    writeBytes(file, bytes);
    EXPECT_NE(refusal(file), "accepted") << at;
  }
  std::string bytes = original;
  bytes[100] = static_cast<char>(bytes[100] ^ 0x40);
  writeBytes(file, bytes);
  EXPECT_EQ(refusal(file), "checksum mismatch: the file is damaged (its content changed after it was written)");
}

TEST_F(ChecksummedFileDamage, CutInsideThePayloadWithTheFooterKept) {
  const std::string original = bytesOf(file);
  writeBytes(file, original.substr(0, 100) + original.substr(original.size() - 24));
  EXPECT_EQ(refusal(file), "its footer promises " + std::to_string(payload.size()) +
                               " bytes of content but the file holds 100 bytes: the file is truncated or damaged");
}

TEST_F(ChecksummedFileDamage, MissingAndSpecialFiles) {
  EXPECT_EQ(refusal(file.parent_path() / "absent.pt"), "no such file");
  EXPECT_EQ(refusal(file.parent_path()), "a directory, not a file");
  const fs::path fifo = file.parent_path() / "pipe.pt";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(refusal(fifo), "a named pipe (FIFO), not a regular file: only regular files are read");
}

TEST(QuoteText, EscapesAndCuts) {
  EXPECT_EQ(quoteText("plain"), "'plain'");
  EXPECT_EQ(quoteText(std::string("a\0b\tc\r\n", 7)), "'a\\x00b\\tc\\r\\n'");
  EXPECT_EQ(quoteText("\xEF\xBB\xBFuid,sid"), "'\\uFEFFuid,sid'");
  EXPECT_EQ(quoteText("Am\xC3\xA9lie"), "'Am\xC3\xA9lie'");  // readable UTF-8 stays
  EXPECT_EQ(quoteText("\xC3("), "'\\xC3('");                  // invalid UTF-8 is escaped
  EXPECT_EQ(quoteText("\x1b[2J"), "'\\x1B[2J'");
  EXPECT_EQ(quoteText("it's"), "'it\\'s'");
  EXPECT_EQ(quoteText(std::string(100, 'x'), 5), "'xxxxx'... (100 bytes)");
}

}  // namespace
}  // namespace vaecf
