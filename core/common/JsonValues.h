#pragma once
// Checked integers out of a JSON document. nlohmann's get<std::int64_t>() and friends cast
// whatever number is there: a float such as 1.8e20, or an integer outside the target
// type, is undefined behaviour (UBSan found it fuzzing events.jsonl, issue 13). These
// throw vaecf::Error naming the key instead. Include in .cpp files that parse JSON.

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <vector>

#include "common/Error.h"

namespace vaecf {

template <class Integer>
Integer jsonInteger(const nlohmann::json& value, const std::string& key) {
  static_assert(std::is_integral_v<Integer>);
  using Limits = std::numeric_limits<Integer>;
  if (value.is_number_unsigned()) {
    const auto number = value.get<std::uint64_t>();
    if (number <= static_cast<std::uint64_t>(Limits::max())) return static_cast<Integer>(number);
  } else if (value.is_number_integer()) {
    const auto number = value.get<std::int64_t>();
    const bool fits = number < 0 ? Limits::is_signed && number >= static_cast<std::int64_t>(Limits::min())
                                 : static_cast<std::uint64_t>(number) <= static_cast<std::uint64_t>(Limits::max());
    if (fits) return static_cast<Integer>(number);
  }
  throw Error("'" + key + "' must be an integer from " + std::to_string(Limits::min()) + " to " +
              std::to_string(Limits::max()) + ", found " + quoteText(value.dump(), 40));
}

// `object[key]` as an integer; `fallback` when the key is absent.
template <class Integer>
Integer jsonInteger(const nlohmann::json& object, const std::string& key, Integer fallback) {
  const auto found = object.find(key);
  return found == object.end() ? fallback : jsonInteger<Integer>(*found, key);
}

template <class Integer>
Integer jsonIntegerAt(const nlohmann::json& object, const std::string& key) {
  return jsonInteger<Integer>(object.at(key), key);
}

// `object[key]`, an array of integers.
template <class Integer>
std::vector<Integer> jsonIntegersAt(const nlohmann::json& object, const std::string& key) {
  const nlohmann::json& array = object.at(key);
  // nlohmann iterates a lone number as a one-element array; a file must say [n].
  if (!array.is_array()) throw Error("'" + key + "' must be an array, found " + quoteText(array.dump(), 40));
  std::vector<Integer> integers;
  for (const nlohmann::json& value : array) integers.push_back(jsonInteger<Integer>(value, key));
  return integers;
}

}  // namespace vaecf
