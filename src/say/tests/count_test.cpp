// Counted nouns: the number agreeing with the noun, and the noun's form.
#include <gtest/gtest.h>

#include "say/say.h"
#include "spoken.h"

namespace plateau::say {
namespace {

using test::says;

struct Case {
  int64_t n;
  Noun noun;
  const char* want;
};

void expect_counts(Lang lang, std::initializer_list<Case> cases) {
  for (const Case& c : cases) EXPECT_TRUE(says(say_count(c.n, c.noun, lang), lang, c.want)) << c.n;
}

TEST(SayCount, French) {
  expect_counts(Lang::Fr, {{0, Noun::Minute, "zéro minute"},
                           {1, Noun::Minute, "une minute"},
                           {2, Noun::Minute, "deux minutes"},
                           {21, Noun::Minute, "vingt et une minutes"},
                           {81, Noun::Hour, "quatre-vingt-une heures"},
                           {1, Noun::Hour, "une heure"},
                           {1, Noun::Second, "une seconde"},
                           {1, Noun::Euro, "un euro"},
                           {21, Noun::Euro, "vingt et un euros"},
                           {80, Noun::Day, "quatre-vingts jours"},
                           {200, Noun::Dirham, "deux cents dirhams"},
                           {1001, Noun::Minute, "mille une minutes"},
                           {1000000, Noun::Euro, "un million d'euros"},
                           {2000000, Noun::Dirham, "deux millions de dirhams"},
                           {3000000, Noun::Hour, "trois millions d'heures"},
                           {1000001, Noun::Euro, "un million un euros"},
                           {2, Noun::Cent, "deux centimes"}});
}

TEST(SayCount, Spanish) {
  expect_counts(Lang::Es, {{0, Noun::Minute, "cero minutos"},
                           {1, Noun::Minute, "un minuto"},
                           {21, Noun::Minute, "veintiún minutos"},
                           {31, Noun::Minute, "treinta y un minutos"},
                           {1, Noun::Hour, "una hora"},
                           {21, Noun::Hour, "veintiuna horas"},
                           {31, Noun::Hour, "treinta y una horas"},
                           {200, Noun::Hour, "doscientas horas"},
                           {500, Noun::Hour, "quinientas horas"},
                           {200, Noun::Minute, "doscientos minutos"},
                           {100, Noun::Euro, "cien euros"},
                           {101, Noun::Euro, "ciento un euros"},
                           {1, Noun::Day, "un día"},
                           {21000, Noun::Hour, "veintiún mil horas"},
                           {200000, Noun::Hour, "doscientas mil horas"},
                           {1000000, Noun::Euro, "un millón de euros"},
                           {2000000, Noun::Hour, "dos millones de horas"},
                           {2, Noun::Dirham, "dos dírhams"}});
}

TEST(SayCount, English) {
  expect_counts(Lang::En, {{0, Noun::Second, "zero seconds"},
                           {1, Noun::Minute, "one minute"},
                           {2, Noun::Minute, "two minutes"},
                           {21, Noun::Hour, "twenty-one hours"},
                           {1, Noun::Cent, "one cent"},
                           {101, Noun::Day, "one hundred and one days"},
                           {1000000, Noun::Euro, "one million euros"}});
}

TEST(SayCount, ArabicFeminineNoun) {
  expect_counts(Lang::Ar, {{0, Noun::Minute, "صفر دقيقة"},
                           {1, Noun::Minute, "دقيقة واحدة"},
                           {2, Noun::Minute, "دقيقتان"},
                           {3, Noun::Minute, "ثلاث دقائق"},
                           {8, Noun::Minute, "ثماني دقائق"},
                           {10, Noun::Minute, "عشر دقائق"},
                           {11, Noun::Minute, "إحدى عشرة دقيقة"},
                           {12, Noun::Minute, "اثنتا عشرة دقيقة"},
                           {15, Noun::Minute, "خمس عشرة دقيقة"},
                           {21, Noun::Minute, "إحدى وعشرون دقيقة"},
                           {22, Noun::Minute, "اثنتان وعشرون دقيقة"},
                           {99, Noun::Minute, "تسع وتسعون دقيقة"},
                           {100, Noun::Minute, "مئة دقيقة"},
                           {101, Noun::Minute, "مئة دقيقة ودقيقة"},
                           {102, Noun::Minute, "مئة دقيقة ودقيقتان"},
                           {103, Noun::Minute, "مئة وثلاث دقائق"},
                           {111, Noun::Minute, "مئة وإحدى عشرة دقيقة"},
                           {200, Noun::Minute, "مئتا دقيقة"},
                           {201, Noun::Minute, "مئتا دقيقة ودقيقة"},
                           {1000, Noun::Minute, "ألف دقيقة"},
                           {1200, Noun::Minute, "ألف ومئتا دقيقة"},
                           {2000, Noun::Minute, "ألفا دقيقة"},
                           {3000, Noun::Minute, "ثلاثة آلاف دقيقة"},
                           {11000, Noun::Minute, "أحد عشر ألف دقيقة"},
                           {1000000, Noun::Minute, "مليون دقيقة"},
                           {2000000, Noun::Minute, "مليونا دقيقة"},
                           {1, Noun::Hour, "ساعة واحدة"},
                           {2, Noun::Hour, "ساعتان"},
                           {3, Noun::Hour, "ثلاث ساعات"},
                           {5, Noun::Second, "خمس ثوان"}});
}

TEST(SayCount, ArabicMasculineNoun) {
  expect_counts(Lang::Ar, {{1, Noun::Day, "يوم واحد"},
                           {2, Noun::Day, "يومان"},
                           {3, Noun::Day, "ثلاثة أيام"},
                           {10, Noun::Day, "عشرة أيام"},
                           {11, Noun::Day, "أحد عشر يوما"},
                           {12, Noun::Day, "اثنا عشر يوما"},
                           {13, Noun::Day, "ثلاثة عشر يوما"},
                           {21, Noun::Day, "واحد وعشرون يوما"},
                           {100, Noun::Day, "مئة يوم"},
                           {1, Noun::Dirham, "درهم واحد"},
                           {2, Noun::Dirham, "درهمان"},
                           {5, Noun::Dirham, "خمسة دراهم"},
                           {50, Noun::Dirham, "خمسون درهما"},
                           {1234, Noun::Dirham, "ألف ومئتان وأربعة وثلاثون درهما"},
                           {2, Noun::Euro, "يوروان"},
                           {3, Noun::Euro, "ثلاثة يورو"}});
}

TEST(SayCount, OutOfRangeIsAnError) {
  EXPECT_TRUE(say_count(kMaxNumber, Noun::Minute, Lang::Ar).ok());
  EXPECT_EQ(say_count(-1, Noun::Minute, Lang::Fr).error().code, "say.range");
  EXPECT_EQ(say_count(kMaxNumber + 1, Noun::Minute, Lang::Fr).error().code, "say.range");
}

}  // namespace
}  // namespace plateau::say
