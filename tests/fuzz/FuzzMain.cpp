// The libFuzzer entry point of one target of FuzzInputs.h, chosen at compile time by
// VAECF_FUZZ_TARGET (tests/fuzz/CMakeLists.txt builds one executable per target).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "FuzzInputs.h"

#ifndef VAECF_FUZZ_TARGET
#error "define VAECF_FUZZ_TARGET as the name of a target in FuzzInputs.cpp"
#endif

namespace {

struct Scratch {
  std::filesystem::path dir = vaecf::fuzz::scratchDirectory(VAECF_FUZZ_TARGET);
  ~Scratch() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

vaecf::fuzz::Target findTarget() {
  for (const auto& target : vaecf::fuzz::targets())
    if (std::string(target.name) == VAECF_FUZZ_TARGET) return target.run;
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Scratch scratch;
  static const vaecf::fuzz::Target run = findTarget();
  const std::string refusal = run(std::string_view(reinterpret_cast<const char*>(data), size), scratch.dir);
  // VAECF_FUZZ_PRINT=1 shows what each input came to (for checking seeds and crashes).
  static const bool print = std::getenv("VAECF_FUZZ_PRINT") != nullptr;
  if (print) std::fprintf(stderr, "%s\n", refusal.empty() ? "accepted" : refusal.c_str());
  return 0;
}
