# Injected by packaging/gpu-check.sh when pip's libtorch does not configure as it is: its
# CMake config falls back to linking CUDA::nvToolsExt when it finds no NVTX3 headers of
# its own, and CUDA 12.9 and later ship NVTX3 as headers only. The toolkit's headers stand
# in for the library (docs/gpu.md).
find_package(CUDAToolkit QUIET)
if(CUDAToolkit_FOUND AND NOT TARGET CUDA::nvToolsExt)
  add_library(CUDA::nvToolsExt INTERFACE IMPORTED)
  target_include_directories(CUDA::nvToolsExt INTERFACE "${CUDAToolkit_INCLUDE_DIRS}")
endif()
