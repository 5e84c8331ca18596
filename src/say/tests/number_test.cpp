// Cardinal numbers, digit strings and language codes, per language.
#include <gtest/gtest.h>

#include "say/say.h"
#include "spoken.h"

namespace plateau::say {
namespace {

using test::says;

struct Case {
  int64_t n;
  const char* want;
};

void expect_numbers(Lang lang, Gender gender, std::initializer_list<Case> cases) {
  for (const Case& c : cases) EXPECT_TRUE(says(say_number(c.n, lang, gender), lang, c.want)) << c.n;
}

TEST(SayNumber, French) {
  expect_numbers(Lang::Fr, Gender::Masculine,
                 {{0, "zéro"},
                  {1, "un"},
                  {16, "seize"},
                  {17, "dix-sept"},
                  {20, "vingt"},
                  {21, "vingt et un"},
                  {22, "vingt-deux"},
                  {31, "trente et un"},
                  {61, "soixante et un"},
                  {70, "soixante-dix"},
                  {71, "soixante et onze"},
                  {72, "soixante-douze"},
                  {77, "soixante-dix-sept"},
                  {80, "quatre-vingts"},
                  {81, "quatre-vingt-un"},
                  {89, "quatre-vingt-neuf"},
                  {90, "quatre-vingt-dix"},
                  {91, "quatre-vingt-onze"},
                  {99, "quatre-vingt-dix-neuf"},
                  {100, "cent"},
                  {101, "cent un"},
                  {180, "cent quatre-vingts"},
                  {200, "deux cents"},
                  {201, "deux cent un"},
                  {280, "deux cent quatre-vingts"},
                  {1000, "mille"},
                  {1001, "mille un"},
                  {1234, "mille deux cent trente-quatre"},
                  {2000, "deux mille"},
                  {2026, "deux mille vingt-six"},
                  {21000, "vingt et un mille"},
                  {80000, "quatre-vingt mille"},
                  {200000, "deux cent mille"},
                  {201000, "deux cent un mille"},
                  {1000000, "un million"},
                  {1000001, "un million un"},
                  {2000000, "deux millions"},
                  {80000000, "quatre-vingts millions"},
                  {200000000, "deux cents millions"},
                  {999999999,
                   "neuf cent quatre-vingt-dix-neuf millions neuf cent quatre-vingt-dix-neuf mille "
                   "neuf cent quatre-vingt-dix-neuf"},
                  {-5, "moins cinq"}});
}

TEST(SayNumber, FrenchFeminine) {
  expect_numbers(Lang::Fr, Gender::Feminine,
                 {{1, "une"},
                  {2, "deux"},
                  {21, "vingt et une"},
                  {31, "trente et une"},
                  {71, "soixante et onze"},
                  {81, "quatre-vingt-une"},
                  {101, "cent une"},
                  {1001, "mille une"},
                  {21000, "vingt et un mille"}});
}

TEST(SayNumber, Spanish) {
  expect_numbers(Lang::Es, Gender::Masculine,
                 {{0, "cero"},
                  {1, "uno"},
                  {15, "quince"},
                  {16, "dieciséis"},
                  {20, "veinte"},
                  {21, "veintiuno"},
                  {22, "veintidós"},
                  {23, "veintitrés"},
                  {26, "veintiséis"},
                  {29, "veintinueve"},
                  {30, "treinta"},
                  {31, "treinta y uno"},
                  {45, "cuarenta y cinco"},
                  {100, "cien"},
                  {101, "ciento uno"},
                  {110, "ciento diez"},
                  {200, "doscientos"},
                  {500, "quinientos"},
                  {700, "setecientos"},
                  {900, "novecientos"},
                  {999, "novecientos noventa y nueve"},
                  {1000, "mil"},
                  {1001, "mil uno"},
                  {2000, "dos mil"},
                  {2026, "dos mil veintiséis"},
                  {21000, "veintiún mil"},
                  {31000, "treinta y un mil"},
                  {100000, "cien mil"},
                  {101000, "ciento un mil"},
                  {1000000, "un millón"},
                  {2000000, "dos millones"},
                  {21000000, "veintiún millones"},
                  {1234567, "un millón doscientos treinta y cuatro mil quinientos sesenta y siete"},
                  {-3, "menos tres"}});
}

TEST(SayNumber, SpanishFeminine) {
  expect_numbers(Lang::Es, Gender::Feminine,
                 {{1, "una"},
                  {21, "veintiuna"},
                  {31, "treinta y una"},
                  {100, "cien"},
                  {101, "ciento una"},
                  {200, "doscientas"},
                  {500, "quinientas"},
                  {900, "novecientas"},
                  {21000, "veintiún mil"},
                  {200000, "doscientas mil"},
                  {2000000, "dos millones"},
                  {200000000, "doscientos millones"}});
}

TEST(SayNumber, English) {
  expect_numbers(Lang::En, Gender::Masculine,
                 {{0, "zero"},
                  {13, "thirteen"},
                  {21, "twenty-one"},
                  {99, "ninety-nine"},
                  {100, "one hundred"},
                  {101, "one hundred and one"},
                  {110, "one hundred and ten"},
                  {1000, "one thousand"},
                  {1005, "one thousand and five"},
                  {1100, "one thousand one hundred"},
                  {1234, "one thousand two hundred and thirty-four"},
                  {2026, "two thousand and twenty-six"},
                  {100000, "one hundred thousand"},
                  {1000000, "one million"},
                  {1000020, "one million and twenty"},
                  {2500000, "two million five hundred thousand"},
                  {-7, "minus seven"}});
}

TEST(SayNumber, Arabic) {
  expect_numbers(Lang::Ar, Gender::Masculine,
                 {{0, "صفر"},
                  {1, "واحد"},
                  {2, "اثنان"},
                  {3, "ثلاثة"},
                  {10, "عشرة"},
                  {11, "أحد عشر"},
                  {12, "اثنا عشر"},
                  {13, "ثلاثة عشر"},
                  {19, "تسعة عشر"},
                  {20, "عشرون"},
                  {21, "واحد وعشرون"},
                  {22, "اثنان وعشرون"},
                  {25, "خمسة وعشرون"},
                  {99, "تسعة وتسعون"},
                  {100, "مئة"},
                  {101, "مئة وواحد"},
                  {150, "مئة وخمسون"},
                  {200, "مئتان"},
                  {300, "ثلاثمئة"},
                  {900, "تسعمئة"},
                  {999, "تسعمئة وتسعة وتسعون"},
                  {1000, "ألف"},
                  {1001, "ألف وواحد"},
                  {1234, "ألف ومئتان وأربعة وثلاثون"},
                  {2000, "ألفان"},
                  {2500, "ألفان وخمسمئة"},
                  {3000, "ثلاثة آلاف"},
                  {10000, "عشرة آلاف"},
                  {11000, "أحد عشر ألفا"},
                  {12000, "اثنا عشر ألفا"},
                  {21000, "واحد وعشرون ألفا"},
                  {100000, "مئة ألف"},
                  {101000, "مئة ألف وألف"},
                  {102000, "مئة ألف وألفان"},
                  {103000, "مئة وثلاثة آلاف"},
                  {200000, "مئتا ألف"},
                  {300000, "ثلاثمئة ألف"},
                  {1000000, "مليون"},
                  {2000000, "مليونان"},
                  {3000000, "ثلاثة ملايين"},
                  {11000000, "أحد عشر مليونا"},
                  {2003004, "مليونان وثلاثة آلاف وأربعة"},
                  {-4, "سالب أربعة"}});
}

TEST(SayNumber, ArabicFeminine) {
  expect_numbers(Lang::Ar, Gender::Feminine,
                 {{1, "واحدة"},
                  {2, "اثنتان"},
                  {3, "ثلاث"},
                  {8, "ثماني"},
                  {10, "عشر"},
                  {11, "إحدى عشرة"},
                  {12, "اثنتا عشرة"},
                  {13, "ثلاث عشرة"},
                  {18, "ثماني عشرة"},
                  {21, "إحدى وعشرون"},
                  {22, "اثنتان وعشرون"},
                  {23, "ثلاث وعشرون"},
                  {3003, "ثلاثة آلاف وثلاث"}});
}

TEST(SayNumber, OutOfRangeIsAnError) {
  for (Lang lang : kLanguages) {
    EXPECT_TRUE(say_number(kMaxNumber, lang).ok());
    EXPECT_TRUE(say_number(-kMaxNumber, lang).ok());
    auto r = say_number(kMaxNumber + 1, lang);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "say.range");
    EXPECT_EQ(say_number(-kMaxNumber - 1, lang).error().code, "say.range");
    EXPECT_EQ(say_number(INT64_MIN, lang).error().code, "say.range");
  }
}

TEST(SayDigits, DigitByDigit) {
  EXPECT_TRUE(says(say_digits("0612", Lang::Fr), Lang::Fr, "zéro six un deux"));
  EXPECT_TRUE(says(say_digits("05 22-3.7", Lang::Ar), Lang::Ar, "صفر خمسة اثنان اثنان ثلاثة سبعة"));
  EXPECT_TRUE(says(say_digits("21", Lang::Es), Lang::Es, "dos uno"));
  EXPECT_TRUE(says(say_digits("900", Lang::En), Lang::En, "nine zero zero"));
  EXPECT_EQ(say_digits("+212", Lang::Fr).error().code, "say.bad_digits");
  EXPECT_EQ(say_digits("12a", Lang::Fr).error().code, "say.bad_digits");
  EXPECT_EQ(say_digits("", Lang::Fr).error().code, "say.bad_digits");
  EXPECT_EQ(say_digits(" - ", Lang::Fr).error().code, "say.bad_digits");
}

TEST(Lang, ParsesCodesWithOrWithoutRegion) {
  EXPECT_EQ(parse_lang("fr"), Lang::Fr);
  EXPECT_EQ(parse_lang("FR"), Lang::Fr);
  EXPECT_EQ(parse_lang("fr-MA"), Lang::Fr);
  EXPECT_EQ(parse_lang("ar_MA"), Lang::Ar);
  EXPECT_EQ(parse_lang("es"), Lang::Es);
  EXPECT_EQ(parse_lang("en-GB"), Lang::En);
  EXPECT_EQ(parse_lang("de"), std::nullopt);
  EXPECT_EQ(parse_lang(""), std::nullopt);
  EXPECT_EQ(parse_lang("f"), std::nullopt);
  EXPECT_EQ(parse_lang("fra"), std::nullopt);
  for (Lang lang : kLanguages) EXPECT_EQ(parse_lang(lang_code(lang)), lang);
}

}  // namespace
}  // namespace plateau::say
