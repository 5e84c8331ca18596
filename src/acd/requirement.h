// requirement.h — a contact's skill requirement: an expression over skills and
// levels, e.g. `lang_fr >= 3 and (billing >= 2 or vip)`.
//
// Grammar (keywords lower-case, skills [A-Za-z_][A-Za-z0-9_]*, levels 0..100):
//   expr    := and ("or" and)*
//   and     := unary ("and" unary)*
//   unary   := "not" unary | "(" expr ")" | skill [op level]
//   op      := ">=" | ">" | "<=" | "<" | "==" | "!="
// A bare skill means `skill >= 1`; a skill the agent lacks has level 0. The
// empty text is the requirement every agent meets.
//
// Compiled once into postfix code evaluated without allocation. Pure; the
// catalogue passed to compile() is the caller's (acd::Engine, app thread).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "acd/skills.h"
#include "common/result.h"

namespace plateau::acd {

class Requirement {
 public:
  // The requirement every agent meets.
  Requirement() = default;

  bool always() const { return code_.empty(); }
  bool matches(const SkillLevels& levels) const;
  // For the best_skill strategy: the sum of the agent's levels in the skills
  // the expression names (each skill counted once).
  int score(const SkillLevels& levels) const;
  // Normalised text: tokens separated by one space; equal texts, equal meaning.
  const std::string& text() const { return text_; }

 private:
  friend Result<Requirement> compile_requirement(std::string_view, SkillCatalog&);
  static constexpr int kMaxDepth = 64;
  enum class Op : uint8_t { Ge, Gt, Le, Lt, Eq, Ne, And, Or, Not };
  struct Instr {
    Op op;
    SkillId skill = 0;
    uint8_t level = 0;
  };
  std::vector<Instr> code_;
  std::vector<SkillId> skills_;  // distinct skills named
  std::string text_;
};

// Errors: "acd.requirement" with the column and what was expected, e.g.
// `column 9: expected a level (0-100) after ">=" in "lang_fr >= x"`.
Result<Requirement> compile_requirement(std::string_view text, SkillCatalog& catalog);

// Syntax check only (for provisioning), with the same messages.
Status check_requirement(std::string_view text);

// `a and b` on texts (either may be empty).
std::string conjunction(std::string_view a, std::string_view b);

}  // namespace plateau::acd
