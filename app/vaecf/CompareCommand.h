#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <utility>
#include <vector>

namespace vaecf::cli {

// `vaecf compare RUN_A RUN_B`: paired t-test and bootstrap interval of the per-user
// differences between two runs tested on the same split (docs/comparison.md).
// Registers the subcommand on `app` and its action in `actions`.
void declareCompareCommand(CLI::App& app, std::vector<std::pair<CLI::App*, std::function<void()>>>& actions);

}  // namespace vaecf::cli
