#include "common/Error.h"

#include <cstdint>

namespace vaecf {

namespace {
std::string locate(const std::string& file, std::size_t line, const std::string& reason) {
  std::string where = file;
  if (line > 0) where += ":" + std::to_string(line);
  return where + ": " + reason;
}
}  // namespace

InputError::InputError(std::string file, std::size_t line, std::string reason)
    : Error(locate(file, line, reason)), file_(std::move(file)), line_(line), reason_(std::move(reason)) {}

}  // namespace vaecf

namespace vaecf {

namespace {

// The length of the valid UTF-8 sequence at text[i], or 0 when there is none.
std::size_t utf8Length(std::string_view text, std::size_t i, std::uint32_t& codePoint) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  std::uint32_t minimum = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, codePoint = lead & 0x1Fu, minimum = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, codePoint = lead & 0x0Fu, minimum = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, codePoint = lead & 0x07u, minimum = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0u) != 0x80u) return 0;
    codePoint = (codePoint << 6) | (byte(i + k) & 0x3Fu);
  }
  if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) return 0;
  return length;
}

// Code points a terminal shows as nothing or as a control: C1 controls, zero-width and
// directional marks, line separators, the byte-order mark.
bool invisible(std::uint32_t codePoint) {
  return (codePoint >= 0x80 && codePoint <= 0x9F) || codePoint == 0xAD || (codePoint >= 0x200B && codePoint <= 0x200F) ||
         (codePoint >= 0x2028 && codePoint <= 0x202E) || (codePoint >= 0x2060 && codePoint <= 0x206F) ||
         codePoint == 0xFEFF;
}

std::string hex(std::uint32_t value, int digits) {
  static const char kDigits[] = "0123456789ABCDEF";
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int d = digits - 1; d >= 0; --d, value >>= 4) out[static_cast<std::size_t>(d)] = kDigits[value & 0xFu];
  return out;
}

}  // namespace

std::string quoteText(std::string_view text, std::size_t maxChars) {
  std::string out = "'";
  std::size_t shown = 0, i = 0;
  while (i < text.size() && shown < maxChars) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::uint32_t codePoint = 0;
    if (c >= 0x20 && c < 0x7F) {
      if (c == '\\' || c == '\'') out += '\\';
      out += static_cast<char>(c);
      ++i;
    } else if (c == '\t') {
      out += "\\t", ++i;
    } else if (c == '\n') {
      out += "\\n", ++i;
    } else if (c == '\r') {
      out += "\\r", ++i;
    } else if (const std::size_t length = c >= 0x80 ? utf8Length(text, i, codePoint) : 0; length > 0) {
      if (invisible(codePoint)) {
        out += "\\u" + hex(codePoint, 4);
      } else {
        out.append(text.substr(i, length));
      }
      i += length;
    } else {
      out += "\\x" + hex(c, 2), ++i;
    }
    ++shown;
  }
  out += '\'';
  if (i < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

}  // namespace vaecf
