#pragma once

#include <QString>

#include <memory>

#include "runs/RunHistory.h"

namespace vaecf::ui {

// One run as the chart panels show it: the live run or a saved one overlaid on it.
struct RunView {
  QString label;
  std::shared_ptr<const RunHistory> history;
};

}  // namespace vaecf::ui
