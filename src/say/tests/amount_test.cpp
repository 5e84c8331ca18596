// Amounts of money: units, then cents when there are any.
#include <gtest/gtest.h>

#include "say/say.h"
#include "spoken.h"

namespace plateau::say {
namespace {

using test::says;

struct Case {
  int64_t cents;
  Currency currency;
  const char* want;
};

void expect_amounts(Lang lang, std::initializer_list<Case> cases) {
  for (const Case& c : cases)
    EXPECT_TRUE(says(say_amount(c.cents, c.currency, lang), lang, c.want)) << c.cents;
}

TEST(SayAmount, French) {
  expect_amounts(Lang::Fr,
                 {{123450, Currency::MAD, "mille deux cent trente-quatre dirhams et cinquante centimes"},
                  {100, Currency::MAD, "un dirham"},
                  {5, Currency::MAD, "cinq centimes"},
                  {0, Currency::MAD, "zéro dirham"},
                  {200000, Currency::MAD, "deux mille dirhams"},
                  {101, Currency::MAD, "un dirham et un centime"},
                  {2150, Currency::EUR, "vingt et un euros et cinquante centimes"},
                  {100000000, Currency::EUR, "un million d'euros"},
                  {-250, Currency::MAD, "moins deux dirhams et cinquante centimes"}});
}

TEST(SayAmount, Spanish) {
  expect_amounts(Lang::Es,
                 {{123450, Currency::MAD, "mil doscientos treinta y cuatro dírhams con cincuenta céntimos"},
                  {2101, Currency::EUR, "veintiún euros con un céntimo"},
                  {100, Currency::EUR, "un euro"},
                  {99, Currency::EUR, "noventa y nueve céntimos"}});
}

TEST(SayAmount, English) {
  expect_amounts(Lang::En, {{123450, Currency::MAD,
                             "one thousand two hundred and thirty-four dirhams and fifty centimes"},
                            {101, Currency::EUR, "one euro and one cent"},
                            {250, Currency::EUR, "two euros and fifty cents"}});
}

TEST(SayAmount, Arabic) {
  expect_amounts(Lang::Ar, {{123450, Currency::MAD, "ألف ومئتان وأربعة وثلاثون درهما وخمسون سنتيما"},
                            {100, Currency::MAD, "درهم واحد"},
                            {200, Currency::MAD, "درهمان"},
                            {1500, Currency::MAD, "خمسة عشر درهما"},
                            {305, Currency::MAD, "ثلاثة دراهم وخمسة سنتيمات"},
                            {250, Currency::EUR, "يوروان وخمسون سنتا"},
                            {300, Currency::EUR, "ثلاثة يورو"}});
}

TEST(SayAmount, OutOfRangeIsAnError) {
  EXPECT_TRUE(say_amount(kMaxNumber * 100 + 99, Currency::MAD, Lang::Fr).ok());
  EXPECT_TRUE(say_amount(-(kMaxNumber * 100 + 99), Currency::MAD, Lang::Fr).ok());
  EXPECT_EQ(say_amount(kMaxNumber * 100 + 100, Currency::MAD, Lang::Fr).error().code, "say.range");
  EXPECT_EQ(say_amount(INT64_MIN, Currency::EUR, Lang::En).error().code, "say.range");
}

}  // namespace
}  // namespace plateau::say
