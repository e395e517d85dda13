#pragma once
// `vaecf bench --scale`: the whole pipeline on synthetic data with the shape of ML-20M at
// several fractions of its users (docs/scale.md), each size in a process of its own so
// that one size's heap does not inflate the next one's peak memory.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace vaecf::cli {

struct ScaleBenchOptions {
  bool enabled = false;
  std::vector<double> fractions{0.125, 0.25, 0.5, 1.0};  // of ML-20M's users, hence interactions
  std::string model;  // the model of the one training epoch; empty: the first that trains data-parallel
};

// Adds --scale, --fractions and --scale-model to the bench command.
void addScaleBenchOptions(CLI::App& bench, ScaleBenchOptions& options);

// Runs every size and prints a table, or one JSON object with `json`. `assignments` are
// the model's options as name=value; `machine` names the machine in the report.
void runScaleBench(const ScaleBenchOptions& options, const std::vector<std::string>& assignments,
                   const std::string& machine, bool json);

}  // namespace vaecf::cli
