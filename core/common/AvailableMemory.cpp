#include "common/AvailableMemory.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace vaecf {

namespace {

// v1 reports "no limit" as a huge page-rounded number.
constexpr std::uint64_t kUnlimited = std::uint64_t{1} << 62;

// The number a cgroup file starts with; nullopt for "max", a missing or unreadable file.
std::optional<std::uint64_t> readNumber(const fs::path& file) {
  std::ifstream in(file);
  std::string text;
  if (!(in >> text) || text == "max") return std::nullopt;
  try {
    std::size_t used = 0;
    const unsigned long long value = std::stoull(text, &used);
    if (used != text.size()) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::uint64_t statValue(const fs::path& file, const std::string& key) {
  std::ifstream in(file);
  std::string name;
  std::uint64_t value = 0;
  while (in >> name >> value)
    if (name == key) return value;
  return 0;
}

// Limit minus usage, page cache that can be dropped (inactive files) not counted as used.
std::optional<std::uint64_t> headroom(const fs::path& dir, bool v2) {
  const std::optional<std::uint64_t> limit = readNumber(dir / (v2 ? "memory.max" : "memory.limit_in_bytes"));
  if (!limit || *limit >= kUnlimited) return std::nullopt;
  const std::uint64_t usage = readNumber(dir / (v2 ? "memory.current" : "memory.usage_in_bytes")).value_or(0);
  const std::uint64_t reclaimable =
      std::min(usage, statValue(dir / "memory.stat", v2 ? "inactive_file" : "total_inactive_file"));
  const std::uint64_t used = usage - reclaimable;
  return *limit > used ? *limit - used : 0;
}

// The smallest headroom of the cgroup at `path` below `root` and of its ancestors: a
// parent's limit binds its children too.
std::optional<std::uint64_t> smallestHeadroom(const fs::path& root, const fs::path& path, bool v2) {
  std::optional<std::uint64_t> smallest = headroom(root, v2);
  fs::path dir = root;
  for (const fs::path& part : path.relative_path()) {
    if (part.empty() || part == "." || part == "..") continue;
    dir /= part;
    if (const auto room = headroom(dir, v2)) smallest = smallest ? std::min(*smallest, *room) : *room;
  }
  return smallest;
}

std::optional<std::uint64_t> cgroupHeadroom(const fs::path& proc, const fs::path& cgroupRoot) {
  std::ifstream in(proc / "self/cgroup");
  std::optional<std::uint64_t> smallest;
  auto take = [&](std::optional<std::uint64_t> room) {
    if (room) smallest = smallest ? std::min(*smallest, *room) : *room;
  };
  for (std::string line; std::getline(in, line);) {
    // "hierarchy-id:controllers:path"
    const std::size_t first = line.find(':'), second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos) continue;
    const std::string controllers = line.substr(first + 1, second - first - 1);
    const fs::path path = line.substr(second + 1);
    if (line.compare(0, first, "0") == 0 && controllers.empty()) {
      take(smallestHeadroom(cgroupRoot, path, true));  // v2, or the v2 part of a hybrid layout
      continue;
    }
    std::istringstream names(controllers);
    for (std::string name; std::getline(names, name, ',');) {
      if (name != "memory") continue;
      // A container sees its own cgroup at the mount's root, under the host's path or not.
      take(smallestHeadroom(cgroupRoot / "memory", path, false));
    }
  }
  return smallest;
}

std::optional<std::uint64_t> memAvailable(const fs::path& proc) {
  std::ifstream meminfo(proc / "meminfo");
  std::string key, unit;
  std::uint64_t kib = 0;
  while (meminfo >> key >> kib >> unit)
    if (key == "MemAvailable:") return kib * 1024;
  return std::nullopt;
}

}  // namespace

std::optional<AvailableMemory> availableMemory(const fs::path& proc, const fs::path& cgroupRoot) {
  const std::optional<std::uint64_t> machine = memAvailable(proc);
  const std::optional<std::uint64_t> container = cgroupHeadroom(proc, cgroupRoot);
  if (!machine && !container) return std::nullopt;
  if (container && (!machine || *container < *machine)) return AvailableMemory{*container, true};
  return AvailableMemory{*machine, false};
}

}  // namespace vaecf
