#include "TestData.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <tuple>

#include "data/SyntheticData.h"

namespace fs = std::filesystem;

namespace vaecf::test {

namespace {
struct TempRoot {
  fs::path root = fs::temp_directory_path() / ("vaecf-tests-" + std::to_string(::getpid()));
  ~TempRoot() {
    std::error_code ignored;
    fs::remove_all(root, ignored);
  }
};
TempRoot& tempRoot() {
  static TempRoot instance;
  return instance;
}
}  // namespace

fs::path sharedData(const std::string& relative) {
  const fs::path path = fs::path(VAECF_SHARED_DATA_DIR) / relative;
  if (!fs::exists(path)) throw std::runtime_error("missing test data: " + path.string());
  return path;
}

fs::path bundledData() { return fs::path(VAECF_BUNDLED_DATA_DIR); }

std::string trainingDevice() {
  const char* device = std::getenv("VAECF_TEST_DEVICE");
  return device != nullptr && *device != '\0' ? device : "cpu";
}

fs::path freshTempDir(const std::string& tag) {
  static int counter = 0;
  const fs::path dir = tempRoot().root / (tag + "-" + std::to_string(++counter));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

fs::path writeText(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  return path;
}

std::shared_ptr<const Split> syntheticSplit(const SyntheticSplitOptions& options) {
  using Key = std::tuple<std::uint32_t, std::uint32_t, double, std::uint32_t, std::uint32_t>;
  static std::mutex guard;
  static std::map<Key, std::shared_ptr<const Split>> built;
  const std::lock_guard<std::mutex> lock(guard);
  auto& split = built[{options.users, options.items, options.meanActivity, options.heldoutUsers, options.communities}];
  if (!split) {
    SyntheticOptions synthetic;
    synthetic.users = options.users;
    synthetic.items = options.items;
    synthetic.communities = options.communities;
    synthetic.meanActivity = options.meanActivity;
    const SyntheticData data = generateSyntheticData(synthetic);
    ProtocolOptions protocol;
    protocol.heldoutUsers = options.heldoutUsers;
    split = std::make_shared<const Split>(strongGeneralizationSplit(data.log, binarize(data.log, protocol), protocol));
  }
  return split;
}

std::int64_t ratingTime(std::uint32_t user, std::uint32_t item, std::uint32_t items) {
  return 100 * static_cast<std::int64_t>((user + item) % items) + user;
}

InteractionLog ratingLog(std::uint32_t users, std::uint32_t items) {
  InteractionLog log;
  log.source = "hand-made";
  log.explicitValues = true;
  log.hasTimestamps = true;
  for (std::uint32_t u = 0; u < users; ++u) log.users.intern("u" + std::to_string(u));
  for (std::uint32_t i = 0; i < items; ++i) log.items.intern("i" + std::to_string(i));
  for (std::uint32_t i = items; i-- > 0;) {
    for (std::uint32_t u = users; u-- > 0;) {
      log.interactions.push_back({u, i, static_cast<float>(1 + (u + i) % 5), ratingTime(u, i, items)});
    }
  }
  return log;
}

}  // namespace vaecf::test
