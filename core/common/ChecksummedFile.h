#pragma once
// Files the program writes and later trusts, produced whole in memory first (checkpoint.pt
// and best.pt): the payload followed by a 24-byte footer,
//
//   "VAECFSUM" | payload length (uint64, little-endian) | XXH64 of the payload (uint64, LE)
//
// written atomically (AtomicFile.h: a temporary file, fsync, rename, fsync of the folder).
// Reading verifies the footer, so a truncated, emptied, overwritten or bit-flipped file
// is reported in a sentence instead of reaching the payload's own parser. Torch-free.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace vaecf {

// XXH64 (seed 0) of `data`, the footer's checksum; exposed for tests.
std::uint64_t xxh64(std::string_view data);

void writeChecksummedFile(const std::filesystem::path& target, std::string_view payload);

// The payload of a file written by writeChecksummedFile. Throws InputError(file, 0,
// reason) for a missing, special, empty, truncated, extended or damaged file.
std::string readChecksummedFile(const std::filesystem::path& file);

}  // namespace vaecf
