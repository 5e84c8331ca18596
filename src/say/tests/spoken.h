// spoken.h — test helper: fragments back to the words they say, so that
// expectations read like speech ("vingt et une minutes", "إحدى عشرة دقيقة").
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "say/say.h"

namespace plateau::say::test {

// The fragments' texts joined by spaces, with hyphens as spaces, Arabic
// diacritics removed and Arabic "و" joined to the next word. An unknown
// fragment shows as "<?name>"; an error as "error <code>".
std::string spoken(const Result<Fragments>& fragments, Lang lang);

// The expectation in the same form: hyphens as spaces.
std::string words(std::string_view text);

// Whether `got` says `want`: EXPECT_TRUE(says(say_number(21, Lang::Fr), Lang::Fr, "vingt et un")).
testing::AssertionResult says(const Result<Fragments>& got, Lang lang, std::string_view want);

}  // namespace plateau::say::test
