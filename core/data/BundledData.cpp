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

fs::path installedShareFolder() {
  const fs::path bin = executableDir();
  if (bin.empty()) return {};
  const fs::path share = bin.parent_path() / "share" / "vaecf-workbench";
  std::error_code error;
  return fs::is_directory(share, error) ? share : fs::path();
}

fs::path bundledDatasetPath() {
  if (const char* dir = std::getenv("VAECF_DATA_DIR")) return fs::path(dir) / "ml-latest-small";
  const fs::path share = installedShareFolder();
  if (!share.empty() && fs::exists(share / "data" / "ml-latest-small")) return share / "data" / "ml-latest-small";
  return VAECF_BUNDLED_DATA_DIR;
}

fs::path bundledLessonsFolder() {
  const fs::path share = installedShareFolder();
  return share.empty() ? fs::path(VAECF_BUNDLED_LESSONS_DIR) : share / "lessons";
}

fs::path userDataFolder() {
  if (installedShareFolder().empty()) return {};
  // XDG Base Directory: an unset, empty or relative XDG_DATA_HOME means ~/.local/share.
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg != nullptr && fs::path(xdg).is_absolute()) return fs::path(xdg) / "vaecf-workbench";
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return {};
  return fs::path(home) / ".local" / "share" / "vaecf-workbench";
}

fs::path defaultRunsFolder() {
  const fs::path user = userDataFolder();
  return user.empty() ? fs::path("runs") : user / "runs";
}

}  // namespace vaecf
