#pragma once
// Reading a run folder's files with every failure as "FILE: reason": a vaecf::Error
// without a file (the engine's "its weights do not fit the run's model") gets the file
// added, and a libtorch error is cut to its first line, without the C++ backtrace.
// Include in .cpp files only: it brings in c10's exception header.

#include <c10/util/Exception.h>

#include <filesystem>
#include <string>

#include "common/Error.h"

namespace vaecf {

template <class Read>
auto readingRunFile(const std::filesystem::path& file, Read read) -> decltype(read()) {
  try {
    return read();
  } catch (const InputError&) {
    throw;
  } catch (const Error& e) {
    throw InputError(file.string(), 0, e.what());
  } catch (const c10::Error& e) {
    const std::string reason = e.what_without_backtrace();
    throw InputError(file.string(), 0, "unreadable content: " + reason.substr(0, reason.find('\n')));
  }
}

}  // namespace vaecf
