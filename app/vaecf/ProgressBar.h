#pragma once

#include "common/TaskContext.h"

namespace vaecf::cli {

// A progress line on stderr for long steps, redrawn at most ten times a second and only
// when stderr is a terminal (logs and pipes stay clean).
TaskContext progressBarContext();

}  // namespace vaecf::cli
