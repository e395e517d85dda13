// vaecf: the workbench's headless command line. Every command runs the same core the
// window uses; --json output is a contract scripts rely on (README.md).
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <iostream>
#include <stdexcept>
#include <string>

#include "CliDocs.h"
#include "Commands.h"
#include "common/Error.h"
#include "Plugins.h"
#include "plugin/PluginVersion.h"

int main(int argc, char** argv) {
  CLI::App app{"vaecf: train, evaluate and inspect VAE recommenders from the command line"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "vaecf " VAECF_VERSION);  // project(VERSION) in CMakeLists.txt
  vaecf::loadPlugins();  // the commands list the models the plugins provide
  if (const std::string& problem = vaecf::PluginRegistry::instance().settingsProblem(); !problem.empty())
    fmt::print(stderr, "vaecf: warning: {} (no plugin is disabled)\n", problem);
  vaecf::cli::Commands commands(app, argc, argv);
  // Hidden, for the build (packaging/CMakeLists.txt): man pages and shell completion from
  // the declarations above, so they never drift from --help.
  if (argc == 3 && (std::string(argv[1]) == "--generate-man" || std::string(argv[1]) == "--generate-completion")) {
    try {
      const std::string what = argv[2];
      if (std::string(argv[1]) == "--generate-man") vaecf::cli::writeManPages(app, VAECF_VERSION, what);
      else if (what == "bash") std::cout << vaecf::cli::bashCompletion(app);
      else if (what == "zsh") std::cout << vaecf::cli::zshCompletion(app);
      else throw std::runtime_error("--generate-completion takes bash or zsh");
      return 0;
    } catch (const std::exception& error) {
      fmt::print(stderr, "{}{}\n", vaecf::kProgramErrorPrefix, error.what());
      return 1;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error);
  }
  try {
    commands.run();
    return 0;
  } catch (const vaecf::Cancelled&) {
    std::fputs("vaecf: cancelled\n", stderr);
    return 130;
  } catch (const std::exception& error) {
    std::fflush(stdout);
    fmt::print(stderr, "{}{}\n", vaecf::kProgramErrorPrefix, error.what());
    return 1;
  }
}
