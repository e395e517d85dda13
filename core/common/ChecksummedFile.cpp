#include "common/ChecksummedFile.h"

#include <array>
#include <cstring>
#include <ostream>

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/InputFile.h"

namespace vaecf {

namespace {

constexpr std::string_view kMagic = "VAECFSUM";
constexpr std::size_t kFooterSize = 24;

constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;
constexpr std::uint64_t kPrime3 = 0x165667B19E3779F9ULL;
constexpr std::uint64_t kPrime4 = 0x85EBCA77C2B2AE63ULL;
constexpr std::uint64_t kPrime5 = 0x27D4EB2F165667C5ULL;

std::uint64_t rotl(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// Little-endian reads, whatever the host.
std::uint64_t read64(const unsigned char* p) {
  std::uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | p[i];
  return value;
}
std::uint32_t read32(const unsigned char* p) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | p[i];
  return value;
}
void write64(unsigned char* p, std::uint64_t value) {
  for (int i = 0; i < 8; ++i, value >>= 8) p[i] = static_cast<unsigned char>(value & 0xFFu);
}

std::uint64_t round(std::uint64_t acc, std::uint64_t input) { return rotl(acc + input * kPrime2, 31) * kPrime1; }
std::uint64_t mergeRound(std::uint64_t acc, std::uint64_t value) { return (acc ^ round(0, value)) * kPrime1 + kPrime4; }

std::array<unsigned char, kFooterSize> footerOf(std::string_view payload) {
  std::array<unsigned char, kFooterSize> footer{};
  std::memcpy(footer.data(), kMagic.data(), kMagic.size());
  write64(footer.data() + 8, payload.size());
  write64(footer.data() + 16, xxh64(payload));
  return footer;
}

std::string bytes(std::uint64_t count) { return std::to_string(count) + (count == 1 ? " byte" : " bytes"); }

}  // namespace

std::uint64_t xxh64(std::string_view data) {
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const unsigned char* const end = p + data.size();
  std::uint64_t h = 0;
  if (data.size() >= 32) {
    std::uint64_t v1 = kPrime1 + kPrime2, v2 = kPrime2, v3 = 0, v4 = 0 - kPrime1;
    for (const unsigned char* limit = end - 32; p <= limit; p += 32) {
      v1 = round(v1, read64(p));
      v2 = round(v2, read64(p + 8));
      v3 = round(v3, read64(p + 16));
      v4 = round(v4, read64(p + 24));
    }
    h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
    h = mergeRound(mergeRound(mergeRound(mergeRound(h, v1), v2), v3), v4);
  } else {
    h = kPrime5;
  }
  h += data.size();
  for (; p + 8 <= end; p += 8) h = rotl(h ^ round(0, read64(p)), 27) * kPrime1 + kPrime4;
  if (p + 4 <= end) {
    h = rotl(h ^ (static_cast<std::uint64_t>(read32(p)) * kPrime1), 23) * kPrime2 + kPrime3;
    p += 4;
  }
  for (; p < end; ++p) h = rotl(h ^ (*p * kPrime5), 11) * kPrime1;
  h ^= h >> 33;
  h *= kPrime2;
  h ^= h >> 29;
  h *= kPrime3;
  h ^= h >> 32;
  return h;
}

void writeChecksummedFile(const std::filesystem::path& target, std::string_view payload) {
  const auto footer = footerOf(payload);
  writeFileAtomically(target, [&](std::ostream& out) {
    out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
    out.write(reinterpret_cast<const char*>(footer.data()), static_cast<std::streamsize>(footer.size()));
  });
}

std::string readChecksummedFile(const std::filesystem::path& file) {
  std::string text = readWholeFile(file);
  const std::string where = file.string();
  if (text.empty()) throw InputError(where, 0, "empty file (0 bytes): it was emptied, or its writing was cut short");
  const auto* footer = reinterpret_cast<const unsigned char*>(text.data() + text.size() - std::min(text.size(), kFooterSize));
  if (text.size() < kFooterSize || std::string_view(reinterpret_cast<const char*>(footer), kMagic.size()) != kMagic)
    throw InputError(where, 0, "no checksum footer at its end (" + bytes(text.size()) +
                                   "): the file is truncated or damaged, or was not written by vaecf");
  const std::uint64_t length = read64(footer + 8), checksum = read64(footer + 16);
  const std::uint64_t actual = text.size() - kFooterSize;
  if (length != actual)
    throw InputError(where, 0, "its footer promises " + bytes(length) + " of content but the file holds " +
                                   bytes(actual) + ": the file is truncated or damaged");
  text.resize(actual);
  if (xxh64(text) != checksum)
    throw InputError(where, 0, "checksum mismatch: the file is damaged (its content changed after it was written)");
  return text;
}

}  // namespace vaecf
