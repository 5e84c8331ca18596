#include "core/announcement.h"

#include <gtest/gtest.h>

#include "say/say.h"

namespace plateau::core {
namespace {

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : " ") + x;
  return s;
}

TEST(Announcement, PositionAndWaitInTheCallersLanguage) {
  // 21st, about 4 minutes, callback offered; every fragment exists in the language.
  for (const char* lang : {"fr", "ar", "es", "en"}) {
    auto p = announcement(21, 4 * 60'000 + 10'000, lang, true);
    ASSERT_GE(p.size(), 4u) << lang;
    EXPECT_EQ(p.front(), "position_is") << lang;
    EXPECT_EQ(p.back(), "callback_offer") << lang;
    const auto l = *say::parse_lang(lang);
    for (size_t i = 1; i + 1 < p.size(); ++i) {
      if (p[i] == "wait_is") continue;
      EXPECT_NE(say::find_fragment(l, p[i]), nullptr) << lang << ": " << p[i];
    }
  }
  auto fr = announcement(21, 4 * 60'000, "fr", false);
  EXPECT_EQ(join(fr), "position_is " + join(say::say_number(21, say::Lang::Fr).value()) + " wait_is " +
                          join(say::say_duration_s(240, say::Lang::Fr).value()));
  EXPECT_EQ(join(announcement(1, -1, "es", false)), "position_is " + join(say::say_number(1, say::Lang::Es).value()) +
                                                         " wait_unknown");
}

}  // namespace
}  // namespace plateau::core
