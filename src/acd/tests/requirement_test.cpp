#include "acd/requirement.h"

#include <gtest/gtest.h>

namespace plateau::acd {
namespace {

struct Case {
  const char* expr;
  std::map<std::string, int> skills;
  bool want;
};

TEST(Requirement, EvaluatesOverLevels) {
  const Case cases[] = {
      {"", {}, true},
      {"lang_fr >= 3", {{"lang_fr", 3}}, true},
      {"lang_fr >= 3", {{"lang_fr", 2}}, false},
      {"lang_fr > 3", {{"lang_fr", 3}}, false},
      {"lang_fr <= 3", {}, true},
      {"lang_fr < 1", {{"lang_fr", 1}}, false},
      {"lang_fr == 0", {}, true},
      {"lang_fr != 5", {{"lang_fr", 5}}, false},
      {"vip", {{"vip", 1}}, true},
      {"vip", {}, false},
      {"lang_fr >= 3 and billing >= 2", {{"lang_fr", 4}, {"billing", 2}}, true},
      {"lang_fr >= 3 and billing >= 2", {{"lang_fr", 4}, {"billing", 1}}, false},
      {"lang_fr >= 3 or lang_es >= 3", {{"lang_es", 3}}, true},
      {"not lang_ar", {{"lang_ar", 2}}, false},
      {"not lang_ar", {}, true},
      // and binds tighter than or
      {"a or b and c", {{"a", 1}}, true},
      {"(a or b) and c", {{"a", 1}}, false},
      {"not (a and b) or c", {{"a", 1}, {"b", 1}}, false},
      {"not not a", {{"a", 1}}, true},
  };
  for (const auto& c : cases) {
    SkillCatalog cat;
    auto r = compile_requirement(c.expr, cat);
    ASSERT_TRUE(r) << c.expr << ": " << r.error().message;
    EXPECT_EQ(r.value().matches(SkillLevels(c.skills, cat)), c.want) << c.expr;
  }
}

TEST(Requirement, ErrorsNameTheColumnAndWhatWasExpected) {
  const std::pair<const char*, const char*> cases[] = {
      {"lang_fr >= x", "column 12: expected a level (0-100) after \">=\", found \"x\""},
      {"lang_fr >= 101", "column 12: expected a level (0-100)"},
      {"lang_fr = 3", "column 9: unexpected \"=\""},
      {"and a", "column 1: expected a skill name"},
      {"(a or b", "column 8: expected \")\", found the end"},
      {"a b", "column 3: expected \"and\", \"or\" or the end, found \"b\""},
      {"a >= 3 and", "column 11: expected a skill name, \"not\" or \"(\", found the end"},
      {"lang-fr", "column 5: unexpected \"-\""},
  };
  for (const auto& [expr, want] : cases) {
    Status st = check_requirement(expr);
    ASSERT_FALSE(st) << expr;
    EXPECT_EQ(st.error().code, "acd.requirement");
    EXPECT_NE(st.error().message.find(want), std::string::npos) << st.error().message;
  }
  std::string left = "a";
  for (int i = 0; i < 70; ++i) left = "(" + left + " or a)";
  EXPECT_TRUE(check_requirement(left));  // evaluated with a stack of two
  std::string wide = "a";
  for (int i = 0; i < 70; ++i) wide = "a and (" + wide + ")";
  EXPECT_FALSE(check_requirement(wide));
}

TEST(Requirement, NormalisedTextAndScore) {
  SkillCatalog cat;
  auto a = compile_requirement("lang_fr>=3   and(billing>=2)", cat);
  auto b = compile_requirement("lang_fr >= 3 and ( billing >= 2 )", cat);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a.value().text(), b.value().text());
  EXPECT_EQ(a.value().score(SkillLevels({{"lang_fr", 5}, {"billing", 2}, {"other", 9}}, cat)), 7);
  EXPECT_EQ(conjunction("", "x"), "x");
  EXPECT_EQ(conjunction("x", ""), "x");
  EXPECT_EQ(conjunction("a or b", "c"), "(a or b) and (c)");
}

}  // namespace
}  // namespace plateau::acd
