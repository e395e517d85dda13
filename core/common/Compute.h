#pragma once

#include <string>

namespace vaecf {

// Intra-op threads of the tensor library. Its default was 1 on our 2-core machines
// (docs/building.md, LibTorch at run time), so every front end sets it from a user-visible option.
void setComputeThreads(int threads);  // <= 0: one per hardware thread
int computeThreads();
// Each worker's share of `threads` compute threads (<= 0: one per hardware thread) when
// `workers` train side by side on this machine; at least one.
int threadsEach(int threads, int workers);

// "cpu" or "cuda" for a device option of "auto", "cpu" or "cuda"; throws Error when cuda
// is asked for explicitly and is not available.
std::string resolveDevice(const std::string& requested);

}  // namespace vaecf
