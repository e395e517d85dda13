#pragma once

#include <QColor>
#include <QString>

#include <memory>

#include "runs/RunHistory.h"

namespace vaecf::ui {

// One run as the chart panels show it: the live run or a saved one overlaid on it.
struct RunView {
  QString label;  // as the legends show it, translated
  QString id;     // the run folder's name, or "live" before the live run has one: exported files key on it
  std::shared_ptr<const RunHistory> history;
  QColor colour{};  // the run's colour in every chart: RunColours::paint (charts/RunColours.h) sets it
};

}  // namespace vaecf::ui
