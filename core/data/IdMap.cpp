#include "data/IdMap.h"

namespace vaecf {

IdMap& IdMap::operator=(const IdMap& other) {
  if (this == &other) return *this;
  storage_.clear();
  byIndex_.clear();
  byExternal_.clear();
  for (const std::string* id : other.byIndex_) intern(*id);
  return *this;
}

std::uint32_t IdMap::intern(std::string_view externalId) {
  if (auto found = byExternal_.find(externalId); found != byExternal_.end()) return found->second;
  const auto index = static_cast<std::uint32_t>(byIndex_.size());
  const std::string& stored = storage_.emplace_back(externalId);
  byIndex_.push_back(&stored);
  byExternal_.emplace(std::string_view(stored), index);
  return index;
}

std::optional<std::uint32_t> IdMap::find(std::string_view externalId) const {
  if (auto found = byExternal_.find(externalId); found != byExternal_.end()) return found->second;
  return std::nullopt;
}

}  // namespace vaecf
