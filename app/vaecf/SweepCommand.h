#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <utility>
#include <vector>

#include "DataOptions.h"

namespace vaecf::cli {

// `vaecf sweep --model NAME --grid name=v1,v2 | --range name=lo:hi[:log] ...`: a grid or
// seeded random search over the model's declared options, each trial a run folder in the
// sweep folder, the winner chosen on validation and, with --seeds N, repeated over
// training seeds; `vaecf sweep --resume DIR` continues a killed sweep (docs/sweeps.md).
// Registers the subcommand on `app`, reading its data options into `data`.
void declareSweepCommand(CLI::App& app, std::vector<std::pair<CLI::App*, std::function<void()>>>& actions,
                         DataOptions& data);

}  // namespace vaecf::cli
