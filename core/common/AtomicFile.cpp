#include "common/AtomicFile.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
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

// Flushes `path` (a file or a directory) to the disk: the data of a file before it is
// renamed into place, so that a power loss never leaves an empty file under the new name,
// and a directory after the rename, so that the new name itself survives.
void syncToDisk(const fs::path& path, const fs::path& reportAs, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) {
    if (directory) return;  // a folder we may not open: its entries are flushed by the system in time
    throw InputError(reportAs.string(), 0, std::string("cannot reopen to flush it: ") + std::strerror(errno));
  }
  int result = 0;
  do {
    result = ::fsync(fd);
  } while (result != 0 && errno == EINTR);
  const int error = errno;
  ::close(fd);
  // A folder's flush is best effort: some file systems refuse fsync on folders (EINVAL),
  // and the file it names is complete either way.
  if (result != 0 && !directory)
    throw InputError(reportAs.string(), 0, std::string("flushing to disk failed (disk full?): ") + std::strerror(error));
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
      out.close();  // a failed close (a full disk) sets failbit too
      if (!out) throw InputError(target.string(), 0, "write failed (disk full?)");
    }
    syncToDisk(temp, target, false);
    fs::rename(temp, target);
    syncToDisk(parentOrCurrent(target), target, true);
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
    syncToDisk(temp, target, true);
    if (replacing) fs::rename(target, old);
    fs::rename(temp, target);
    syncToDisk(parentOrCurrent(target), target, true);
    if (replacing) fs::remove_all(old, ignored);
  } catch (...) {
    fs::remove_all(temp, ignored);
    throw;
  }
}

}  // namespace vaecf
