# The targets find_package would give, made from the copies packaging/vendor-deps.sh puts
# in .vendor/: nlohmann_json, CLI11 and fmt (header-only) and GoogleTest from source.
set(VAECF_VENDOR_DIR "${PROJECT_SOURCE_DIR}/.vendor")
if(NOT EXISTS "${VAECF_VENDOR_DIR}/include/nlohmann/json.hpp")
  message(FATAL_ERROR "${VAECF_VENDOR_DIR} is missing or incomplete: run packaging/vendor-deps.sh first")
endif()

add_library(vaecf_vendored_headers INTERFACE)
target_include_directories(vaecf_vendored_headers SYSTEM INTERFACE "${VAECF_VENDOR_DIR}/include")
add_library(nlohmann_json::nlohmann_json ALIAS vaecf_vendored_headers)
add_library(CLI11::CLI11 ALIAS vaecf_vendored_headers)

add_library(vaecf_vendored_fmt INTERFACE)
target_compile_definitions(vaecf_vendored_fmt INTERFACE FMT_HEADER_ONLY=1)
target_link_libraries(vaecf_vendored_fmt INTERFACE vaecf_vendored_headers)
add_library(fmt::fmt ALIAS vaecf_vendored_fmt)

if(VAECF_BUILD_TESTS)
  set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
  set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
  add_subdirectory("${VAECF_VENDOR_DIR}/googletest" "${CMAKE_BINARY_DIR}/googletest" EXCLUDE_FROM_ALL)
  # The tests pass std::string across GoogleTest's interface: same C++ ABI as libtorch's.
  separate_arguments(vaecf_torch_flags UNIX_COMMAND "${TORCH_CXX_FLAGS}")
  foreach(target gtest gtest_main)
    target_compile_options(${target} PRIVATE ${vaecf_torch_flags})
  endforeach()
endif()
