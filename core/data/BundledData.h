#pragma once

#include <filesystem>

namespace vaecf {

// The bundled ml-latest-small folder, the default dataset of the CLI and the window:
// $VAECF_DATA_DIR/ml-latest-small, the installed share folder beside the executable, or
// the source tree this was built from.
std::filesystem::path bundledDatasetPath();

}  // namespace vaecf
