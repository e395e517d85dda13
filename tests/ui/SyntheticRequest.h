#pragma once
// The synthetic dataset the window tests train on: 400 users over 150 items in 4
// communities, 40 held out for validation and 40 for test; trains in seconds.

#include "session/SessionData.h"

namespace vaecf::ui::test {

inline DataRequest smallSynthetic() {
  DataRequest request = syntheticDataRequest(400, 150, 3);
  request.synthetic->communities = 4;
  request.synthetic->meanActivity = 15;
  request.source.protocol.heldoutUsers = 40;
  return request;
}

}  // namespace vaecf::ui::test
