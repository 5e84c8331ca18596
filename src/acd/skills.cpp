#include "acd/skills.h"

#include <algorithm>

namespace plateau::acd {

SkillId SkillCatalog::intern(std::string_view name) {
  if (auto id = find(name)) return *id;
  const auto id = static_cast<SkillId>(names_.size());
  names_.emplace_back(name);
  ids_.emplace(names_.back(), id);
  return id;
}

std::optional<SkillId> SkillCatalog::find(std::string_view name) const {
  auto it = ids_.find(std::string(name));
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

SkillLevels::SkillLevels(const std::map<std::string, int>& levels, SkillCatalog& catalog) {
  for (const auto& [name, level] : levels) {
    const SkillId id = catalog.intern(name);
    if (levels_.size() <= id) levels_.resize(id + 1, 0);
    levels_[id] = static_cast<uint8_t>(std::clamp(level, 0, kMaxSkillLevel));
  }
}

}  // namespace plateau::acd
