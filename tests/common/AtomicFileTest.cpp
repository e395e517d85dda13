#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "TestData.h"
#include "common/AtomicFile.h"
#include "common/Error.h"

namespace fs = std::filesystem;

namespace vaecf {
namespace {

std::string contents(const fs::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t entries(const fs::path& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(AtomicFile, WritesAndReplaces) {
  const fs::path file = test::freshTempDir("atomic") / "nested" / "out.txt";
  writeFileAtomically(file, [](std::ostream& out) { out << "first"; });
  writeFileAtomically(file, [](std::ostream& out) { out << "second"; });
  EXPECT_EQ(contents(file), "second");
  EXPECT_EQ(entries(file.parent_path()), 1U);  // no temporary file left behind
}

TEST(AtomicFile, FailedWriteKeepsTheOldFile) {
  const fs::path file = test::freshTempDir("atomic-fail") / "out.txt";
  writeFileAtomically(file, [](std::ostream& out) { out << "kept"; });
  EXPECT_THROW(writeFileAtomically(file,
                                   [](std::ostream& out) {
                                     out << "half";
                                     throw Error("disk on fire");
                                   }),
               Error);
  EXPECT_EQ(contents(file), "kept");
  EXPECT_EQ(entries(file.parent_path()), 1U);
}

TEST(AtomicFile, FailedDirectoryKeepsTheOldDirectory) {
  const fs::path dir = test::freshTempDir("atomic-dir") / "split";
  writeDirectoryAtomically(dir, [](const fs::path& d) { writeFileAtomically(d / "a", [](std::ostream& o) { o << 1; }); });
  EXPECT_THROW(writeDirectoryAtomically(dir,
                                        [](const fs::path& d) {
                                          writeFileAtomically(d / "b", [](std::ostream& o) { o << 2; });
                                          throw Error("interrupted");
                                        }),
               Error);
  EXPECT_EQ(contents(dir / "a"), "1");
  EXPECT_FALSE(fs::exists(dir / "b"));
  EXPECT_EQ(entries(dir.parent_path()), 1U);

  writeDirectoryAtomically(dir, [](const fs::path& d) { writeFileAtomically(d / "b", [](std::ostream& o) { o << 2; }); });
  EXPECT_FALSE(fs::exists(dir / "a"));  // replaced whole
  EXPECT_EQ(contents(dir / "b"), "2");
}

}  // namespace
}  // namespace vaecf
