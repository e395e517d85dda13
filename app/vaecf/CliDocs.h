#pragma once
// Man pages and shell completion for `vaecf`, generated from the CLI11 declarations that
// also print --help, so the three never drift. The build runs the hidden
// `vaecf --generate-man DIR` and `vaecf --generate-completion bash|zsh` (main.cpp);
// packaging/CMakeLists.txt installs what they write.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>

namespace vaecf::cli {

// vaecf.1 for `app`, and NAME-SUB.1 for each subcommand at any depth (vaecf-train.1,
// vaecf-data-stats.1), written into `folder`. vaecf-train.1 also lists every model's
// options from the model catalogue that `vaecf train --model NAME --help` prints.
void writeManPages(const CLI::App& app, const std::string& version, const std::filesystem::path& folder);

// A bash completion script (subcommands, options, choices, model names, `--set` names,
// files and folders) and the zsh one, which runs the same through bashcompinit.
std::string bashCompletion(const CLI::App& app);
std::string zshCompletion(const CLI::App& app);

}  // namespace vaecf::cli
