#include "common/AtomicFile.h"

#include <fstream>
#include <random>
#include <string>

#include "common/Error.h"

namespace fs = std::filesystem;

namespace vaecf {

namespace {

fs::path siblingWithSuffix(const fs::path& target, const std::string& tag) {
  std::random_device entropy;
  return target.parent_path() /
         ("." + target.filename().string() + "." + tag + "-" + std::to_string(entropy()));
}

fs::path parentOrCurrent(const fs::path& p) {
  return p.parent_path().empty() ? fs::path(".") : p.parent_path();
}

}  // namespace

void writeFileAtomically(const fs::path& target, const std::function<void(std::ostream&)>& write) {
  fs::create_directories(parentOrCurrent(target));
  const fs::path temp = siblingWithSuffix(target, "tmp");
  try {
    {
      std::ofstream out(temp, std::ios::binary | std::ios::trunc);
      if (!out) throw InputError(target.string(), 0, "cannot open for writing");
      write(out);
      out.flush();
      if (!out) throw InputError(target.string(), 0, "write failed (disk full?)");
    }
    fs::rename(temp, target);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw;
  }
}

void writeDirectoryAtomically(const fs::path& target,
                              const std::function<void(const fs::path&)>& populate) {
  fs::create_directories(parentOrCurrent(target));
  const fs::path temp = siblingWithSuffix(target, "tmp");
  const fs::path old = siblingWithSuffix(target, "old");
  std::error_code ignored;
  try {
    fs::create_directory(temp);
    populate(temp);
    const bool replacing = fs::exists(target);
    if (replacing) fs::rename(target, old);
    fs::rename(temp, target);
    if (replacing) fs::remove_all(old, ignored);
  } catch (...) {
    fs::remove_all(temp, ignored);
    throw;
  }
}

}  // namespace vaecf
