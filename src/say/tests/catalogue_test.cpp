// The fragment catalogue is exactly what the functions return: every fragment
// any of them returns is in its language's table, and every entry of a table
// is returned by something.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <unordered_set>

#include "say/say.h"

namespace plateau::say {
namespace {

// Every fragment name returned for `lang` over a sweep of all the inputs that
// make a difference.
std::unordered_set<std::string> everything_said(Lang lang) {
  std::unordered_set<std::string> seen;
  auto add = [&](const Result<Fragments>& r) {
    ASSERT_TRUE(r.ok()) << r.error().message;
    seen.insert(r->begin(), r->end());
  };
  for (int64_t n = 0; n <= 100'000; ++n) add(say_number(n, lang, Gender::Masculine));
  // Gender only changes the last three digits.
  for (int64_t n = 0; n <= 2000; ++n) add(say_number(n, lang, Gender::Feminine));
  // Beyond 100 000: every mix of interesting millions, thousands and units.
  const int parts[] = {0, 1, 2, 3, 10, 11, 12, 20, 21, 71, 80, 81, 91, 99, 100, 101, 102, 200, 201, 280, 999};
  for (int m : parts)
    for (int t : parts)
      for (int r : parts) {
        const int64_t n = int64_t(m) * 1'000'000 + t * 1000 + r;
        add(say_number(n, lang, Gender::Masculine));
        add(say_number(-n, lang, Gender::Feminine));
      }
  // Counted: what decides the noun's form (the last two digits, round numbers).
  const int few[] = {0, 1, 2, 3, 11, 80, 100, 101, 102, 200};
  for (int m : few)
    for (int t : few)
      for (int r : few)
        for (Noun noun : kNouns) add(say_count(int64_t(m) * 1'000'000 + t * 1000 + r, noun, lang));
  add(say_number(kMaxNumber, lang));
  for (Noun noun : kNouns)
    for (int64_t n = 0; n <= 2000; ++n) add(say_count(n, noun, lang));
  for (Currency c : {Currency::MAD, Currency::EUR})
    for (int64_t cents : {0, 1, 2, 5, 11, 50, 99, 100, 101, 200, 250, 1100, 123450, 100000000, -250})
      add(say_amount(cents, c, lang));
  for (int m = 1; m <= 12; ++m)
    for (int d = 1; d <= 31; ++d)
      if (auto r = say_date(2026, m, d, lang); r.ok()) add(r);
  for (int y = 1; y <= 9999; ++y) add(say_date(y, 1, 1, lang));
  for (int h = 0; h < 24; ++h)
    for (int m = 0; m < 60; ++m) add(say_time(h, m, lang));
  for (int64_t s = 0; s <= 36'000; s += 15) add(say_duration_s(s, lang));
  add(say_digits("0123456789", lang));
  return seen;
}

bool file_name_safe(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

TEST(Catalogue, NamesAreFileNameSafeUniqueAndHaveText) {
  for (Lang lang : kLanguages) {
    std::map<std::string_view, int> count;
    for (const Fragment& f : fragments(lang)) {
      EXPECT_TRUE(file_name_safe(f.name)) << lang_code(lang) << " \"" << f.name << "\"";
      EXPECT_EQ(++count[f.name], 1) << lang_code(lang) << " " << f.name << " twice";
      EXPECT_FALSE(f.text.empty()) << lang_code(lang) << " " << f.name;
      EXPECT_EQ(find_fragment(lang, f.name), &f);
    }
    EXPECT_EQ(find_fragment(lang, "no_such_fragment"), nullptr);
  }
}

class CatalogueOf : public testing::TestWithParam<Lang> {};

TEST_P(CatalogueOf, HoldsEveryFragmentReturnedAndNoOther) {
  const Lang lang = GetParam();
  const std::unordered_set<std::string> said = everything_said(lang);
  for (const std::string& name : said)
    EXPECT_NE(find_fragment(lang, name), nullptr)
        << lang_code(lang) << ": " << name << " is not in the catalogue";
  for (const Fragment& f : fragments(lang))
    EXPECT_TRUE(said.count(std::string(f.name))) << lang_code(lang) << ": " << f.name << " is never said";
}

INSTANTIATE_TEST_SUITE_P(Languages, CatalogueOf, testing::ValuesIn(kLanguages),
                         [](const testing::TestParamInfo<Lang>& info) {
                           return std::string(lang_code(info.param));
                         });

// espeak-ng -v ar reads unvowelled text by guesswork: every Arabic word of the
// catalogue carries its short vowels (at least one haraka a word).
TEST(Catalogue, ArabicIsVowelled) {
  for (const Fragment& f : fragments(Lang::Ar)) {
    size_t start = 0;
    const std::string_view text = f.text;
    while (start < text.size()) {
      size_t end = text.find(' ', start);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view word = text.substr(start, end - start);
      bool vowelled = false;
      for (size_t i = 0; i + 1 < word.size(); ++i)
        vowelled |= static_cast<unsigned char>(word[i]) == 0xD9 &&
                    static_cast<unsigned char>(word[i + 1]) >= 0x8B &&
                    static_cast<unsigned char>(word[i + 1]) <= 0x92;
      EXPECT_TRUE(vowelled) << f.name << ": \"" << word << "\"";
      start = end + 1;
    }
  }
}

std::string speech(Lang lang, std::string_view text) { return speech_text(lang, Fragment{"x", text}); }

TEST(SpeechText, ArabicIsSaidInPause) {
  EXPECT_EQ(speech(Lang::Ar, "دَقِيقَةٌ"), "دَقِيقَه");
  EXPECT_EQ(speech(Lang::Ar, "دَقِيقَةً"), "دَقِيقَه");
  EXPECT_EQ(speech(Lang::Ar, "أَلْفًا"), "أَلْفَا");
  EXPECT_EQ(speech(Lang::Ar, "أَلْفاً"), "أَلْفَا");
  EXPECT_EQ(speech(Lang::Ar, "عِشْرُونَ"), "عِشْرُون");
  EXPECT_EQ(speech(Lang::Ar, "مِئَتَا"), "مِئَتَا");
  EXPECT_EQ(speech(Lang::Ar, "إِحْدَى عَشْرَةَ"), "إِحْدَى عَشْرَه");  // only the last word pauses
  EXPECT_EQ(speech(Lang::Ar, "أَحَدَ عَشَرَ"), "أَحَدَ عَشَر");
  EXPECT_EQ(speech(Lang::Fr, "vingt"), "vingt");
}

TEST(SpeechText, ShaddaComesBeforeTheVowel) {
  EXPECT_EQ(speech(Lang::Ar, "سِت\u064f\u0651ونَ"), "سِت\u0651\u064fون");
  EXPECT_EQ(speech(Lang::Ar, "سِت\u064c\u0651"), "سِت\u0651");  // in pause: the shadda stays
}

TEST(SpeechText, AnEspeakSpellingWins) {
  EXPECT_EQ(speech_text(Lang::Ar, Fragment{"x", "مَلَايِينَ", "مَلَايـِين"}), "مَلَايـِين");
  const Fragment* f = find_fragment(Lang::Ar, "n_1000000_p");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(speech_text(Lang::Ar, *f), f->espeak);
}

}  // namespace
}  // namespace plateau::say
