#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/TaskContext.h"
#include "eval/PairedComparison.h"

namespace vaecf {

// Two saved runs compared user by user on their shared test users (docs/comparison.md).
struct RunComparisonOptions {
  // Metric names ("ndcg@100"); empty: the headline metrics, or the squared rating error
  // for rating models.
  std::vector<std::string> metrics;
  BootstrapOptions bootstrap;
};

struct RunComparison {
  std::string runA, runB;      // the folders as given
  std::string modelA, modelB;
  std::string data;            // run A's data source, described
  std::size_t testUsers = 0;   // scored test users, the n of every overall test
  std::vector<MetricComparison> metrics;
};

// Rebuilds each run's training split from its data source, refuses (Error naming both
// folders and what differs) unless the items, the test users and their fold-in and heldout
// items are the same, scores both best models on the test users and tests each metric
// overall and in run A's cohorts.
RunComparison compareRuns(const std::filesystem::path& runA, const std::filesystem::path& runB,
                          const RunComparisonOptions& options, const TaskContext& context = {});

}  // namespace vaecf
