#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <utility>
#include <vector>

namespace vaecf::cli {

// `vaecf lesson list|check|figures`: the guided lessons without the window (docs/lessons.md).
// Registers the subcommands on `app` and their actions in `actions`.
void declareLessonCommands(CLI::App& app, std::vector<std::pair<CLI::App*, std::function<void()>>>& actions);

}  // namespace vaecf::cli
