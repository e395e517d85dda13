#pragma once
// What a lesson check states: an inequality between figures measured on runs, e.g.
// "active_units(beta-0) > 2 * active_units(beta-1)" (docs/lessons.md, "Figures"). Parsing
// and arithmetic only; lessons/LessonChecks.h measures the figures. No torch, no runs: the
// lesson reader and its fuzz target use it alone.

#include <functional>
#include <string>
#include <vector>

namespace vaecf::lessons {

// A figure a check may read, as `vaecf lesson figures` lists it.
struct FigureHelp {
  std::string signature;  // "drift(RUN, KEEP_RATE)"
  std::string meaning;
};
const std::vector<FigureHelp>& figureCatalog();

// Throws Error naming what is wrong with `expectation`: not "SUM OP SUM" with OP one of
// < <= > >=, a figure that does not exist, a wrong number of arguments, an argument of the
// wrong kind, or (with `runIds`) a run id not among them.
void validateExpectation(const std::string& expectation, const std::vector<std::string>* runIds);

// One figure of an expectation: its name and arguments (the run id first), as written.
struct FigureCall {
  std::string name;
  std::vector<std::string> arguments;
  std::string text;  // "active_units(beta-0)"
};

struct MeasuredFigure {
  std::string figure;  // FigureCall::text
  double value = 0.0;
};

struct ExpectationOutcome {
  double left = 0.0, right = 0.0;  // the two sides' values
  bool held = false;
  std::vector<MeasuredFigure> figures;  // in the order written
};

using FigureMeasure = std::function<double(const FigureCall&)>;

// Parses `expectation` and compares its sides, each figure's value from `measure` (which
// throws when it cannot measure one). Throws Error when the expectation does not parse.
ExpectationOutcome evaluateExpectation(const std::string& expectation, const FigureMeasure& measure);

}  // namespace vaecf::lessons
