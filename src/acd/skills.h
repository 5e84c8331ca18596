// skills.h — skill names interned into small ids, and an agent's levels.
//
// A SkillCatalog only grows: an id, once given, keeps its name for the life of
// the process, so compiled requirements stay valid across configuration swaps.
// Thread: owned by one acd::Engine (app thread); not shared.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace plateau::acd {

using SkillId = uint16_t;
inline constexpr int kMaxSkillLevel = 100;

class SkillCatalog {
 public:
  SkillId intern(std::string_view name);
  std::optional<SkillId> find(std::string_view name) const;
  const std::string& name(SkillId id) const { return names_[id]; }
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, SkillId> ids_;
};

// Levels indexed by SkillId; a skill the agent lacks has level 0.
class SkillLevels {
 public:
  SkillLevels() = default;
  SkillLevels(const std::map<std::string, int>& levels, SkillCatalog& catalog);
  int level(SkillId id) const { return id < levels_.size() ? levels_[id] : 0; }
  bool operator==(const SkillLevels&) const = default;

 private:
  std::vector<uint8_t> levels_;
};

}  // namespace plateau::acd
