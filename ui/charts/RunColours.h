#pragma once
// One colour per run in every chart of the window. A run is given a colour of a
// qualitative palette when first drawn (its id's hash picks where to start, so a run tends
// to get the same colour from one start to the next) and keeps it while the window is
// open; the user may choose another (the main window's session file keeps it). What a
// run draws several of (loss terms, cohorts) is told apart by dash; beside other runs in
// the run's colour, alone on a chart also by hue, since its colour tells nothing apart there.

#include <QColor>
#include <QPen>
#include <QString>

#include <map>
#include <vector>

#include "runs/RunView.h"

namespace vaecf::ui {

class RunColours {
 public:
  // Sets the colour of each run (by its id): a run keeps the colour it has; a run drawn for
  // the first time gets a palette colour that no other of `runs` has while one is left.
  void paint(std::vector<RunView>& runs);
  void choose(const QString& id, const QColor& colour);
  // The colours the user chose, by run id.
  const std::map<QString, QColor>& chosen() const { return chosen_; }

 private:
  std::map<QString, QColor> chosen_;
  std::map<QString, QColor> given_;
};

// The pen of a run's line `index` among its lines: 0, its main line, solid in the run's
// colour; the others dashed, in the run's colour when other runs share the chart (`alone`
// false), else each in a palette hue of its own other than the run's.
QPen runPen(const QColor& colour, int index, qreal width, bool alone);

}  // namespace vaecf::ui
