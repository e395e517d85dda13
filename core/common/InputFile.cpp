#include "common/InputFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <limits>
#include <cstring>

#include "common/Error.h"

namespace vaecf {

namespace {

std::string statError(int error) {
  switch (error) {
    case ENOENT: return "no such file";
    case ENOTDIR: return "no such file (a folder on its path is a file)";
    case ELOOP: return "a symbolic link loop (too many levels of symbolic links)";
    case EACCES: return "permission denied";
    case ENAMETOOLONG: return "the file name is too long";
    default: return std::string("cannot open: ") + std::strerror(error);
  }
}

// Empty for a regular file, else what the file is instead.
std::string notRegular(mode_t mode) {
  if (S_ISREG(mode)) return "";
  if (S_ISDIR(mode)) return "a directory, not a file";
  if (S_ISFIFO(mode)) return "a named pipe (FIFO), not a regular file: only regular files are read";
  if (S_ISCHR(mode)) return "a character device, not a regular file: only regular files are read";
  if (S_ISBLK(mode)) return "a block device, not a regular file: only regular files are read";
  if (S_ISSOCK(mode)) return "a socket, not a regular file: only regular files are read";
  return "not a regular file";
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

void requireRegularFile(const std::filesystem::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) throw InputError(file.string(), 0, statError(errno));
  if (const std::string what = notRegular(info.st_mode); !what.empty()) throw InputError(file.string(), 0, what);
}

void requireRegularFileIfPresent(const std::filesystem::path& file) {
  struct stat info {};
  if (::lstat(file.c_str(), &info) != 0 && errno == ENOENT) return;
  requireRegularFile(file);
}

void requireDirectory(const std::filesystem::path& directory) {
  struct stat info {};
  if (::stat(directory.c_str(), &info) != 0) {
    const int error = errno;
    throw InputError(directory.string(), 0, error == ENOENT ? "no such directory" : statError(error));
  }
  if (S_ISDIR(info.st_mode)) return;
  throw InputError(directory.string(), 0,
                   S_ISREG(info.st_mode) ? "a file, not a directory" : notRegular(info.st_mode) + ", not a directory");
}

namespace {

std::string readRegularFile(const std::filesystem::path& file, std::size_t maxBytes) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
  const Descriptor fd(::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  if (fd.get() < 0) {
    const int error = errno;
    struct stat info {};
    if (::stat(file.c_str(), &info) == 0) {
      if (const std::string what = notRegular(info.st_mode); !what.empty()) throw InputError(file.string(), 0, what);
    }
    throw InputError(file.string(), 0, statError(error));
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) throw InputError(file.string(), 0, statError(errno));
  if (const std::string what = notRegular(info.st_mode); !what.empty()) throw InputError(file.string(), 0, what);
  ::fcntl(fd.get(), F_SETFL, 0);  // back to blocking reads for a regular file

  std::string text;
  text.reserve(std::min(maxBytes, static_cast<std::size_t>(info.st_size)));
  char buffer[1 << 16];
  while (text.size() < maxBytes) {
    const ssize_t got = ::read(fd.get(), buffer, std::min(sizeof buffer, maxBytes - text.size()));
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      throw InputError(file.string(), 0, std::string("read failed: ") + std::strerror(errno));
    }
    text.append(buffer, static_cast<std::size_t>(got));
  }
  return text;
}

}  // namespace

std::string readWholeFile(const std::filesystem::path& file) {
  return readRegularFile(file, std::numeric_limits<std::size_t>::max());
}

std::string readFilePrefix(const std::filesystem::path& file, std::size_t maxBytes) {
  return readRegularFile(file, maxBytes);
}

bool stripByteOrderMark(std::string_view& text) {
  if (text.substr(0, 3) != "\xEF\xBB\xBF") return false;
  text.remove_prefix(3);
  return true;
}

}  // namespace vaecf
