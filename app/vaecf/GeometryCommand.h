#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <utility>
#include <vector>

namespace vaecf::cli {

// `vaecf geometry RUN_DIR`: the latent-geometry figures of a saved run (projection,
// gradient transfer, neighbourhood drift, decoded pseudo-inputs) as JSON or CSV.
// Registers the subcommand on `app` and its action in `actions`.
void declareGeometryCommand(CLI::App& app, std::vector<std::pair<CLI::App*, std::function<void()>>>& actions);

}  // namespace vaecf::cli
