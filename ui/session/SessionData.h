#pragma once
// The data a workbench session trains on: what the user asked for, the split the core
// made from it, and what the panels show about it.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/TaskContext.h"
#include "data/BundledData.h"
#include "data/DataSource.h"
#include "data/InteractionLog.h"
#include "data/SyntheticData.h"

namespace vaecf::ui {

// A dataset or split folder the core reads, or synthetic data with planted communities.
struct DataRequest {
  DataSource source;  // its protocol applies to synthetic data too
  std::optional<SyntheticOptions> synthetic;

  std::string describe() const;
};

struct SessionData {
  DataRequest request;
  // What run configs record. Synthetic data is written once as a canonical split folder
  // so that its runs can be reopened like any other.
  DataSource recordedSource;
  std::shared_ptr<const Split> split;
  // The raw interactions with their values and times, from which SVAE and DeepRec build
  // their own splits; null for a split folder. Synthetic data has one too: implicit
  // values, timestamps = position in each user's history. Its catalog moves to `catalog`.
  std::shared_ptr<const InteractionLog> log;
  std::unordered_map<std::string, ItemInfo> catalog;  // titles by item id, when the format has them
  DatasetStats stats;
  // Positives of every user in the split (train, validation, test): what cohorts bucket.
  std::vector<std::uint32_t> userActivity;
};

// Imports or generates, binarises and splits, on the calling thread. Throws Error
// (InputError for bad files, Cancelled when the context's flag is raised).
SessionData loadSessionData(const DataRequest& request, const std::filesystem::path& syntheticSplitsFolder,
                            const TaskContext& context = {});

DataRequest bundledDataRequest();
// A small synthetic dataset that trains in seconds.
DataRequest syntheticDataRequest(std::uint32_t users = 2000, std::uint32_t items = 500, std::uint64_t seed = 1);

}  // namespace vaecf::ui
