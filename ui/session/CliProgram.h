#pragma once

#include <filesystem>

namespace vaecf::ui {

// The `vaecf` command-line program installed beside this one. The window trains in processes
// of it where a run must not share this process: data-parallel ranks, a lesson step's runs
// side by side.
std::filesystem::path cliProgram();

}  // namespace vaecf::ui
