#include "common/TaskContext.h"

#include "common/Error.h"

namespace vaecf {

void TaskContext::checkCancelled() const {
  if (cancelled()) throw Cancelled();
}

}  // namespace vaecf
