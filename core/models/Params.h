#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vaecf {

// One hyper-parameter, declared once: the CLI flags, the GUI form and the saved run
// config are all derived from these declarations.
struct ParamSpec {
  enum class Type { Int, Float, Bool, Choice, Text, FloatList };

  std::string name;
  Type type = Type::Float;
  std::string defaultValue;  // in the same text form --set accepts
  std::string help;
  std::optional<double> min, max;   // inclusive bounds for Int/Float (and FloatList entries)
  std::vector<std::string> choices;  // for Choice
  bool live = false;                 // may change while a run is in progress
  // Says how a run is computed (cores, device), not what: runs that differ only in such
  // parameters are the same experiment, up to rounding.
  bool computeOnly = false;
};

std::string typeName(ParamSpec::Type type);

// One builder per type: every parameter list (the models', the trainer's) is written with
// these. Bounds are inclusive; `live` parameters may change while a run is in progress.
ParamSpec integerParam(std::string name, std::string value, std::string help, std::optional<double> min,
                       std::optional<double> max = std::nullopt, bool live = false);
ParamSpec realParam(std::string name, std::string value, std::string help, std::optional<double> min,
                    std::optional<double> max = std::nullopt, bool live = false);
ParamSpec realListParam(std::string name, std::string value, std::string help, std::optional<double> min,
                        std::optional<double> max);
ParamSpec flagParam(std::string name, bool value, std::string help);
ParamSpec choiceParam(std::string name, std::string value, std::vector<std::string> choices, std::string help);
ParamSpec textParam(std::string name, std::string value, std::string help);
// The same declaration marked computeOnly.
ParamSpec computeOnly(ParamSpec spec);

// Values for a list of specs, every one validated against its declaration.
class ParamSet {
 public:
  explicit ParamSet(std::vector<ParamSpec> specs);

  // Applies "name=value"; throws Error naming the parameter and what is allowed.
  void assign(const std::string& assignment);
  void set(const std::string& name, const std::string& value);

  const std::vector<ParamSpec>& specs() const { return specs_; }
  const ParamSpec& spec(const std::string& name) const;
  bool declares(const std::string& name) const;
  const std::string& text(const std::string& name) const;
  long long integer(const std::string& name) const;
  double real(const std::string& name) const;
  bool flag(const std::string& name) const;
  std::vector<double> reals(const std::string& name) const;
  // Every parameter with its current value, in declaration order.
  std::vector<std::pair<std::string, std::string>> values() const;
  // True when `recorded` (a run's parameters, in any order) sets every parameter that is not
  // computeOnly as this set does.
  bool sameExperiment(std::vector<std::pair<std::string, std::string>> recorded) const;

 private:
  std::vector<ParamSpec> specs_;
  std::map<std::string, std::string> values_;
};

}  // namespace vaecf
