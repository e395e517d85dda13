#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <utility>
#include <vector>

namespace vaecf::cli {

// `vaecf plugins [--json]`: every plugin, built in or loaded from the plugin path, with its
// source, what it provides, and why it was refused if it was.
// `vaecf plugin new NAME [--kind model] [--dir DIR]`: a buildable plugin folder to start
// from (plugins/README.md). `vaecf plugin disable|enable NAME`: the user's plugin settings.
// Registers the subcommands on `app` and their actions.
void declarePluginCommands(CLI::App& app, std::vector<std::pair<CLI::App*, std::function<void()>>>& actions);

}  // namespace vaecf::cli
