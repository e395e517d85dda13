#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>

namespace vaecf {

// Writes `target` through a temporary file in the same directory that is renamed into
// place only after `write` returned and the stream flushed without error. A failure
// leaves any earlier `target` untouched and removes the temporary file.
void writeFileAtomically(const std::filesystem::path& target,
                         const std::function<void(std::ostream&)>& write);

// Fills a fresh directory through `populate(tempDir)` and then moves it to `target`,
// replacing an earlier directory of that name only once the new one is complete.
void writeDirectoryAtomically(const std::filesystem::path& target,
                              const std::function<void(const std::filesystem::path&)>& populate);

}  // namespace vaecf
