#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace vaecf {

// Base of every error the core reports to a user.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A problem with an input file, located as precisely as known: "path:line: reason".
// line 0 means the problem concerns the file as a whole.
class InputError : public Error {
 public:
  InputError(std::string file, std::size_t line, std::string reason);

  const std::string& file() const { return file_; }
  std::size_t line() const { return line_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string file_;
  std::size_t line_;
  std::string reason_;
};

// `text` as an error message may show it: in single quotes, control bytes, invalid UTF-8
// and invisible characters (a byte-order mark, zero-width spaces) escaped as \xNN or
// \uNNNN, and cut after `maxChars` characters with the full length added, so a binary or
// 100 KB line never floods a terminal or hides behind escape sequences.
std::string quoteText(std::string_view text, std::size_t maxChars = 60);

// How the command-line program begins the line that reports its failure; whoever reads a
// child vaecf's errors back (errorReportedIn) strips it.
inline constexpr std::string_view kProgramErrorPrefix = "vaecf: error: ";

// Thrown when a long task notices that its cancel flag was raised.
class Cancelled : public Error {
 public:
  Cancelled() : Error("cancelled") {}
};

}  // namespace vaecf
