#include "data/BundledData.h"

#include <cstdlib>

namespace fs = std::filesystem;

namespace vaecf {

namespace {
fs::path executableDir() {
  std::error_code error;
  const fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path() : self.parent_path();
}
}  // namespace

fs::path bundledDatasetPath() {
  if (const char* dir = std::getenv("VAECF_DATA_DIR")) return fs::path(dir) / "ml-latest-small";
  const fs::path installed = executableDir() / ".." / "share" / "vaecf-workbench" / "data" / "ml-latest-small";
  if (fs::exists(installed)) return installed;
  return VAECF_BUNDLED_DATA_DIR;
}

}  // namespace vaecf
