#pragma once
// How much memory this process may still take: the system's MemAvailable and, inside a
// container or a systemd slice, the headroom of its memory cgroup (v2 memory.max, v1
// memory.limit_in_bytes, each ancestor's limit too), whichever is smaller. A check that
// read /proc/meminfo alone passed inside a 2 GiB container and the kernel killed the
// process instead (issue 13). Torch-free.

#include <cstdint>
#include <filesystem>
#include <optional>

namespace vaecf {

struct AvailableMemory {
  std::uint64_t bytes = 0;
  bool containerLimit = false;  // the cgroup's limit, not the machine's memory, decided it
};

// nullopt where neither is known (not Linux). The roots are parameters for tests.
std::optional<AvailableMemory> availableMemory(const std::filesystem::path& proc = "/proc",
                                               const std::filesystem::path& cgroupRoot = "/sys/fs/cgroup");

}  // namespace vaecf
