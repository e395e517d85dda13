#include <gtest/gtest.h>

#include "TestData.h"
#include "common/AvailableMemory.h"

namespace fs = std::filesystem;

namespace vaecf {
namespace {

constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;

// A fake /proc and /sys/fs/cgroup.
class FakeSystem : public ::testing::Test {
 protected:
  void SetUp() override {
    root = test::freshTempDir("memory");
    proc = root / "proc";
    cgroup = root / "cgroup";
    test::writeText(proc / "meminfo", "MemTotal:       32000000 kB\nMemAvailable:   16777216 kB\n");  // 16 GiB
  }
  void file(const fs::path& path, std::uint64_t value) { test::writeText(path, std::to_string(value) + "\n"); }
  fs::path root, proc, cgroup;
};

TEST_F(FakeSystem, WithoutACgroupLimitTheMachineDecides) {
  test::writeText(proc / "self/cgroup", "0::/\n");
  test::writeText(cgroup / "memory.max", "max\n");
  const auto memory = availableMemory(proc, cgroup);
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->bytes, 16 * kGiB);
  EXPECT_FALSE(memory->containerLimit);
}

TEST_F(FakeSystem, CgroupV2LimitBindsWithPageCacheNotCounted) {
  test::writeText(proc / "self/cgroup", "0::/user.slice/run-1.scope\n");
  file(cgroup / "user.slice/run-1.scope/memory.max", 2 * kGiB);
  file(cgroup / "user.slice/run-1.scope/memory.current", kGiB);
  test::writeText(cgroup / "user.slice/run-1.scope/memory.stat", "anon 100\ninactive_file 536870912\nactive_file 5\n");
  const auto memory = availableMemory(proc, cgroup);
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->bytes, 2 * kGiB - (kGiB - kGiB / 2));  // 1.5 GiB
  EXPECT_TRUE(memory->containerLimit);
}

TEST_F(FakeSystem, CgroupV2AncestorLimitBindsItsChildren) {
  test::writeText(proc / "self/cgroup", "0::/outer/inner\n");
  file(cgroup / "outer/memory.max", 3 * kGiB);
  file(cgroup / "outer/memory.current", 2 * kGiB);
  test::writeText(cgroup / "outer/inner/memory.max", "max\n");
  const auto memory = availableMemory(proc, cgroup);
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->bytes, kGiB);
}

TEST_F(FakeSystem, CgroupV1LimitInsideAContainer) {
  // The container sees its own cgroup at the mount's root, not under the host's path.
  test::writeText(proc / "self/cgroup", "5:devices:/\n4:memory:/docker/abc\n0::/\n");
  file(cgroup / "memory/memory.limit_in_bytes", 2 * kGiB);
  file(cgroup / "memory/memory.usage_in_bytes", kGiB / 4);
  test::writeText(cgroup / "memory/memory.stat", "cache 0\ntotal_inactive_file 0\n");
  const auto memory = availableMemory(proc, cgroup);
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->bytes, 2 * kGiB - kGiB / 4);
  EXPECT_TRUE(memory->containerLimit);
}

TEST_F(FakeSystem, CgroupV1UnlimitedIsIgnored) {
  test::writeText(proc / "self/cgroup", "4:memory:/\n");
  file(cgroup / "memory/memory.limit_in_bytes", 9223372036854771712ULL);
  file(cgroup / "memory/memory.usage_in_bytes", kGiB);
  const auto memory = availableMemory(proc, cgroup);
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->bytes, 16 * kGiB);
  EXPECT_FALSE(memory->containerLimit);
}

TEST_F(FakeSystem, UsageAboveTheLimitLeavesNothing) {
  test::writeText(proc / "self/cgroup", "0::/\n");
  file(cgroup / "memory.max", kGiB);
  file(cgroup / "memory.current", 2 * kGiB);
  const auto memory = availableMemory(proc, cgroup);
  ASSERT_TRUE(memory);
  EXPECT_EQ(memory->bytes, 0U);
}

TEST_F(FakeSystem, NothingKnown) {
  EXPECT_FALSE(availableMemory(root / "no-proc", root / "no-cgroup"));
}

TEST(AvailableMemory, ThisMachineReportsSomething) {
  const auto memory = availableMemory();
  ASSERT_TRUE(memory);
  EXPECT_GT(memory->bytes, 0U);
}

}  // namespace
}  // namespace vaecf
