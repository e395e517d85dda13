#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vaecf {

// Two-way mapping between the ids a dataset uses (any text) and dense indices 0..n-1,
// assigned in order of first appearance.
class IdMap {
 public:
  IdMap() = default;
  IdMap(const IdMap& other) { *this = other; }
  IdMap& operator=(const IdMap& other);
  IdMap(IdMap&&) noexcept = default;
  IdMap& operator=(IdMap&&) noexcept = default;

  // Index of `externalId`, adding it when new.
  std::uint32_t intern(std::string_view externalId);
  std::optional<std::uint32_t> find(std::string_view externalId) const;
  const std::string& external(std::uint32_t index) const { return *byIndex_[index]; }
  std::size_t size() const { return byIndex_.size(); }

 private:
  std::deque<std::string> storage_;  // deque: views into it stay valid as it grows
  std::vector<const std::string*> byIndex_;
  std::unordered_map<std::string_view, std::uint32_t> byExternal_;
};

}  // namespace vaecf
