// vaecf: the workbench's headless command line. Every command runs the same core the
// window uses; --json output is a contract scripts rely on (README.md).
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <cstdio>
#include <iostream>

#include "Commands.h"
#include "common/Error.h"

int main(int argc, char** argv) {
  CLI::App app{"vaecf: train, evaluate and inspect VAE recommenders from the command line"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "vaecf 0.1.0");
  vaecf::cli::Commands commands(app, argc, argv);
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
    fmt::print(stderr, "vaecf: error: {}\n", error.what());
    return 1;
  }
}
