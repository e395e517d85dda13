#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "data/InteractionLog.h"
#include "data/Protocol.h"

namespace vaecf::test {

// ../shared/data beside the repository; tests that need it fail loudly when it is absent.
std::filesystem::path sharedData(const std::string& relative);
// The bundled ml-latest-small folder.
std::filesystem::path bundledData();
// A fresh empty directory under the system temp dir, removed when the process exits.
std::filesystem::path freshTempDir(const std::string& tag);
// Where the tests train: "cpu", or VAECF_TEST_DEVICE's value (the gpu-labelled run sets
// "cuda"; docs/gpu.md).
std::string trainingDevice();

// Writes `text` to `path` (creating parents) and returns the path.
std::filesystem::path writeText(const std::filesystem::path& path, const std::string& text);

// The strong-generalisation split of synthetic data with 4 planted communities (seed 1):
// `users` users over `items` items, `heldoutUsers` held out for validation and as many for
// test. Built once per argument set and shared.
struct SyntheticSplitOptions {
  std::uint32_t users = 400;
  std::uint32_t items = 150;
  double meanActivity = 15.0;
  std::uint32_t heldoutUsers = 40;
  std::uint32_t communities = 4;
};
std::shared_ptr<const Split> syntheticSplit(const SyntheticSplitOptions& options = {});

// When user u rates item i in ratingLog: each user's items in a rotated order, so every
// item is rated early by some users and late by others.
std::int64_t ratingTime(std::uint32_t user, std::uint32_t item, std::uint32_t items);
// A log of `users` x `items` ratings of value 1 + (u + i) % 5 at ratingTime, written in
// reverse user and item order so file order is not time order.
InteractionLog ratingLog(std::uint32_t users, std::uint32_t items);

}  // namespace vaecf::test
