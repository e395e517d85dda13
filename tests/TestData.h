#pragma once

#include <filesystem>
#include <string>

namespace vaecf::test {

// ../shared/data beside the repository; tests that need it fail loudly when it is absent.
std::filesystem::path sharedData(const std::string& relative);
// The bundled ml-latest-small folder.
std::filesystem::path bundledData();
// A fresh empty directory under the system temp dir, removed when the process exits.
std::filesystem::path freshTempDir(const std::string& tag);
// Writes `text` to `path` (creating parents) and returns the path.
std::filesystem::path writeText(const std::filesystem::path& path, const std::string& text);

}  // namespace vaecf::test
