// Replays the inputs the fuzz targets crashed on (tests/data/fuzz-regressions/TARGET/NAME)
// through the same code the harness runs (tests/fuzz/FuzzInputs.h): each must now be
// refused with exactly the message in NAME.expected (or "accepted").
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "../fuzz/FuzzInputs.h"
#include "TestData.h"

namespace fs = std::filesystem;

namespace vaecf {
namespace {

std::string readBytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// resources/data/ml-latest-small -> the source root.
fs::path regressionsDir() { return test::bundledData().parent_path().parent_path().parent_path() / "tests/data/fuzz-regressions"; }

TEST(FuzzRegressions, EveryKeptInputIsRefusedWithItsMessage) {
  ASSERT_TRUE(fs::is_directory(regressionsDir())) << regressionsDir();
  std::size_t replayed = 0;
  for (const auto& target : fuzz::targets()) {
    const fs::path inputs = regressionsDir() / target.name;
    if (!fs::is_directory(inputs)) continue;
    const fs::path scratch = test::freshTempDir(std::string("fuzz-") + target.name);
    for (const auto& entry : fs::directory_iterator(inputs)) {
      if (entry.path().extension() == ".expected") continue;
      fs::path expectedFile = entry.path();
      expectedFile += ".expected";
      ASSERT_TRUE(fs::exists(expectedFile)) << "no " << expectedFile;
      std::string expected = readBytes(expectedFile);
      while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r')) expected.pop_back();
      const std::string got = target.run(readBytes(entry.path()), scratch);
      EXPECT_EQ(got.empty() ? "accepted" : got, expected) << target.name << "/" << entry.path().filename().string();
      ++replayed;
    }
  }
  EXPECT_GE(replayed, 6u);
}

}  // namespace
}  // namespace vaecf
