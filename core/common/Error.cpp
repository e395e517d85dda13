#include "common/Error.h"

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
