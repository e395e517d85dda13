#include "models/Params.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <iomanip>
#include <sstream>

#include "common/Error.h"

namespace vaecf {

namespace {

std::string trimmed(const std::string& text) {
  const auto isSpace = [](unsigned char c) { return std::isspace(c) != 0; };
  const auto first = std::find_if_not(text.begin(), text.end(), isSpace);
  const auto last = std::find_if_not(text.rbegin(), std::make_reverse_iterator(first), isSpace).base();
  return std::string(first, last);
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string joined(const std::vector<std::string>& words) {
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

// Shortest faithful text for a bound in a message: "1", "0.5", "1e-08".
std::string formatNumber(double value) {
  std::ostringstream out;
  out << std::setprecision(12) << value;
  return out.str();
}

Error invalidValue(const ParamSpec& spec, const std::string& value, const std::string& allowed) {
  return Error("parameter '" + spec.name + "': '" + value + "' is not valid; " + allowed);
}

// std::from_chars, unlike strtod and stoll, ignores the C locale (Qt sets it from the
// environment, where a decimal comma would otherwise change the accepted syntax).
template <typename Number>
bool parseWhole(const std::string& text, Number& number) {
  const char* first = text.data();
  const char* last = first + text.size();
  const auto [end, status] = std::from_chars(first, last, number);
  return first != last && status == std::errc() && end == last;
}

std::string rangeText(const ParamSpec& spec) {
  if (spec.min && spec.max) return "allowed: " + formatNumber(*spec.min) + " to " + formatNumber(*spec.max);
  if (spec.min) return "allowed: at least " + formatNumber(*spec.min);
  if (spec.max) return "allowed: at most " + formatNumber(*spec.max);
  return "allowed: any number";
}

void checkRange(const ParamSpec& spec, const std::string& value, double number) {
  if ((spec.min && number < *spec.min) || (spec.max && number > *spec.max)) {
    throw Error("parameter '" + spec.name + "' = " + value + " is out of range; " + rangeText(spec));
  }
}

long long parseInteger(const ParamSpec& spec, const std::string& value) {
  long long number = 0;
  if (!parseWhole(value, number)) throw invalidValue(spec, value, "expected a whole number");
  checkRange(spec, value, static_cast<double>(number));
  return number;
}

double parseReal(const ParamSpec& spec, const std::string& value) {
  double number = 0.0;
  if (!parseWhole(value, number) || !std::isfinite(number))
    throw invalidValue(spec, value, "expected a number");
  checkRange(spec, value, number);
  return number;
}

bool parseFlag(const ParamSpec& spec, const std::string& value) {
  const std::string word = lowercase(value);
  if (word == "true" || word == "1" || word == "yes" || word == "on") return true;
  if (word == "false" || word == "0" || word == "no" || word == "off") return false;
  throw invalidValue(spec, value, "expected true/false, 1/0, yes/no or on/off");
}

// A blank list is valid and empty: it marks an optional list as unused (e.g. no grid).
std::vector<double> parseRealList(const ParamSpec& spec, const std::string& value) {
  std::vector<double> numbers;
  if (trimmed(value).empty()) return numbers;
  const auto malformed = [&] {
    return invalidValue(spec, value, "expected comma-separated numbers such as 100,200,500");
  };
  // getline drops a trailing empty entry, so "10," would otherwise pass as "10".
  if (value.back() == ',') throw malformed();
  std::istringstream entries(value);
  for (std::string entry; std::getline(entries, entry, ',');) {
    double number = 0.0;
    entry = trimmed(entry);
    if (!parseWhole(entry, number) || !std::isfinite(number)) throw malformed();
    checkRange(spec, entry, number);
    numbers.push_back(number);
  }
  return numbers;
}

// Validates `value` against `spec` and returns the text to store: booleans are stored as
// true/false so saved configurations read the same whichever spelling was typed.
std::string validated(const ParamSpec& spec, const std::string& value) {
  switch (spec.type) {
    case ParamSpec::Type::Int:
      parseInteger(spec, value);
      return value;
    case ParamSpec::Type::Float:
      parseReal(spec, value);
      return value;
    case ParamSpec::Type::Bool:
      return parseFlag(spec, value) ? "true" : "false";
    case ParamSpec::Type::Choice:
      if (std::find(spec.choices.begin(), spec.choices.end(), value) == spec.choices.end()) {
        throw invalidValue(spec, value, "choose one of " + joined(spec.choices));
      }
      return value;
    case ParamSpec::Type::Text:
      return value;
    case ParamSpec::Type::FloatList:
      parseRealList(spec, value);
      return value;
  }
  return value;
}

void checkDeclaration(const ParamSpec& spec) {
  if (spec.name.empty()) throw Error("a parameter is declared without a name");
  if (spec.min && spec.max && *spec.min > *spec.max) {
    throw Error("parameter '" + spec.name + "' declares a minimum " + formatNumber(*spec.min) +
                " above its maximum " + formatNumber(*spec.max));
  }
  if (spec.type == ParamSpec::Type::Choice && spec.choices.empty()) {
    throw Error("parameter '" + spec.name + "' is a choice without choices");
  }
}

void requireType(const ParamSpec& spec, std::initializer_list<ParamSpec::Type> allowed,
                 const std::string& wanted) {
  if (std::find(allowed.begin(), allowed.end(), spec.type) == allowed.end()) {
    throw Error("parameter '" + spec.name + "' has type " + typeName(spec.type) + ", not " + wanted);
  }
}

}  // namespace

namespace {

ParamSpec declared(std::string name, ParamSpec::Type type, std::string value, std::string help,
                   std::optional<double> min = std::nullopt, std::optional<double> max = std::nullopt,
                   bool live = false) {
  return {std::move(name), type, std::move(value), std::move(help), min, max, {}, live};
}

}  // namespace

ParamSpec integerParam(std::string name, std::string value, std::string help, std::optional<double> min,
                       std::optional<double> max, bool live) {
  return declared(std::move(name), ParamSpec::Type::Int, std::move(value), std::move(help), min, max, live);
}

ParamSpec realParam(std::string name, std::string value, std::string help, std::optional<double> min,
                    std::optional<double> max, bool live) {
  return declared(std::move(name), ParamSpec::Type::Float, std::move(value), std::move(help), min, max, live);
}

ParamSpec realListParam(std::string name, std::string value, std::string help, std::optional<double> min,
                        std::optional<double> max) {
  return declared(std::move(name), ParamSpec::Type::FloatList, std::move(value), std::move(help), min, max);
}

ParamSpec flagParam(std::string name, bool value, std::string help) {
  return declared(std::move(name), ParamSpec::Type::Bool, value ? "true" : "false", std::move(help));
}

ParamSpec choiceParam(std::string name, std::string value, std::vector<std::string> choices, std::string help) {
  ParamSpec spec = declared(std::move(name), ParamSpec::Type::Choice, std::move(value), std::move(help));
  spec.choices = std::move(choices);
  return spec;
}

ParamSpec textParam(std::string name, std::string value, std::string help) {
  return declared(std::move(name), ParamSpec::Type::Text, std::move(value), std::move(help));
}

ParamSpec computeOnly(ParamSpec spec) {
  spec.computeOnly = true;
  return spec;
}

std::string typeName(ParamSpec::Type type) {
  switch (type) {
    case ParamSpec::Type::Int:
      return "int";
    case ParamSpec::Type::Float:
      return "float";
    case ParamSpec::Type::Bool:
      return "bool";
    case ParamSpec::Type::Choice:
      return "choice";
    case ParamSpec::Type::Text:
      return "text";
    case ParamSpec::Type::FloatList:
      return "float list";
  }
  return "unknown";
}

ParamSet::ParamSet(std::vector<ParamSpec> specs) : specs_(std::move(specs)) {
  for (const ParamSpec& spec : specs_) {
    checkDeclaration(spec);
    if (values_.count(spec.name) > 0) throw Error("parameter '" + spec.name + "' is declared twice");
    try {
      values_[spec.name] = validated(spec, spec.defaultValue);
    } catch (const Error& error) {
      throw Error(std::string("invalid default: ") + error.what());
    }
  }
}

void ParamSet::assign(const std::string& assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string::npos) {
    throw Error("expected name=value, got '" + assignment + "'");
  }
  set(trimmed(assignment.substr(0, equals)), trimmed(assignment.substr(equals + 1)));
}

void ParamSet::set(const std::string& name, const std::string& value) {
  values_[name] = validated(spec(name), value);
}

bool ParamSet::declares(const std::string& name) const {
  return std::any_of(specs_.begin(), specs_.end(), [&](const ParamSpec& spec) { return spec.name == name; });
}

const ParamSpec& ParamSet::spec(const std::string& name) const {
  const auto found =
      std::find_if(specs_.begin(), specs_.end(), [&](const ParamSpec& spec) { return spec.name == name; });
  if (found == specs_.end()) {
    std::vector<std::string> known;
    for (const ParamSpec& spec : specs_) known.push_back(spec.name);
    throw Error("unknown parameter '" + name + "'; known parameters: " + joined(known));
  }
  return *found;
}

const std::string& ParamSet::text(const std::string& name) const {
  spec(name);
  return values_.at(name);
}

long long ParamSet::integer(const std::string& name) const {
  const ParamSpec& declared = spec(name);
  requireType(declared, {ParamSpec::Type::Int}, "int");
  return parseInteger(declared, values_.at(name));
}

double ParamSet::real(const std::string& name) const {
  const ParamSpec& declared = spec(name);
  requireType(declared, {ParamSpec::Type::Float, ParamSpec::Type::Int}, "a number");
  return parseReal(declared, values_.at(name));
}

bool ParamSet::flag(const std::string& name) const {
  const ParamSpec& declared = spec(name);
  requireType(declared, {ParamSpec::Type::Bool}, "bool");
  return parseFlag(declared, values_.at(name));
}

std::vector<double> ParamSet::reals(const std::string& name) const {
  const ParamSpec& declared = spec(name);
  requireType(declared, {ParamSpec::Type::FloatList}, "float list");
  return parseRealList(declared, values_.at(name));
}

std::vector<std::pair<std::string, std::string>> ParamSet::values() const {
  std::vector<std::pair<std::string, std::string>> result;
  for (const ParamSpec& spec : specs_) result.emplace_back(spec.name, values_.at(spec.name));
  return result;
}

bool ParamSet::sameExperiment(std::vector<std::pair<std::string, std::string>> recorded) const {
  auto experiment = values();
  for (auto* params : {&recorded, &experiment}) {
    params->erase(std::remove_if(params->begin(), params->end(),
                                 [&](const auto& param) { return declares(param.first) && spec(param.first).computeOnly; }),
                  params->end());
    std::sort(params->begin(), params->end());
  }
  return recorded == experiment;
}

}  // namespace vaecf
