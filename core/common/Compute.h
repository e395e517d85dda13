#pragma once

namespace vaecf {

// Intra-op threads of the tensor library. Its default was 1 on our 2-core machines
// (BUILD-NOTES.md), so every front end sets it from a user-visible option.
void setComputeThreads(int threads);  // <= 0: one per hardware thread
int computeThreads();

}  // namespace vaecf
