#pragma once
// Opening files a user hands us: only regular files are read, so a named pipe, a device
// or a directory is refused at once with a sentence instead of hanging or reading as
// "empty", and a symbolic-link loop is named as such.

#include <filesystem>
#include <string>
#include <string_view>

namespace vaecf {

// Throws InputError(file, 0, reason) unless `file` (after symbolic links) is a regular
// file: "no such file", "a directory, not a file", "a named pipe (FIFO), not a regular
// file", "a symbolic link loop", "permission denied", ...
void requireRegularFile(const std::filesystem::path& file);

// The same, except that nothing at all at `file` passes (the caller reports a missing
// file in its own words).
void requireRegularFileIfPresent(const std::filesystem::path& file);

// Throws InputError(directory, 0, reason) unless `directory` (after symbolic links) is
// a directory: "no such directory", "a regular file, not a directory", "a symbolic link
// loop", ...
void requireDirectory(const std::filesystem::path& directory);

// The whole content of a regular file, read without ever blocking on a FIFO opened in
// between; throws InputError(file, 0, reason).
std::string readWholeFile(const std::filesystem::path& file);

// At most the first `maxBytes` bytes of a regular file (for sniffing its layout), with
// the same refusals as readWholeFile.
std::string readFilePrefix(const std::filesystem::path& file, std::size_t maxBytes);

// Drops a UTF-8 byte-order mark at the start of `text`; true when there was one.
bool stripByteOrderMark(std::string_view& text);

}  // namespace vaecf
