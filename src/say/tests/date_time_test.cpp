// Dates, times of day and waiting times.
#include <gtest/gtest.h>

#include "say/say.h"
#include "spoken.h"

namespace plateau::say {
namespace {

using test::says;

struct DateCase {
  int y, m, d;
  const char* want;
};

void expect_dates(Lang lang, std::initializer_list<DateCase> cases) {
  for (const DateCase& c : cases) EXPECT_TRUE(says(say_date(c.y, c.m, c.d, lang), lang, c.want)) << c.y;
}

TEST(SayDate, French) {
  expect_dates(Lang::Fr, {{2026, 3, 21, "le vingt et un mars deux mille vingt-six"},
                          {2026, 5, 1, "le premier mai deux mille vingt-six"},
                          {2000, 1, 31, "le trente et un janvier deux mille"},
                          {1999, 12, 2, "le deux décembre mille neuf cent quatre-vingt-dix-neuf"}});
}

TEST(SayDate, Spanish) {
  expect_dates(Lang::Es, {{2026, 5, 1, "el uno de mayo de dos mil veintiséis"},
                          {2026, 3, 21, "el veintiuno de marzo de dos mil veintiséis"},
                          {2001, 8, 16, "el dieciséis de agosto de dos mil uno"}});
}

TEST(SayDate, English) {
  expect_dates(Lang::En, {{2026, 3, 21, "the twenty-first of March twenty twenty-six"},
                          {2026, 5, 1, "the first of May twenty twenty-six"},
                          {2005, 5, 2, "the second of May two thousand and five"},
                          {2000, 1, 3, "the third of January two thousand"},
                          {1999, 12, 31, "the thirty-first of December nineteen ninety-nine"},
                          {1905, 6, 12, "the twelfth of June nineteen oh five"},
                          {1900, 7, 4, "the fourth of July nineteen hundred"},
                          {2010, 10, 10, "the tenth of October twenty ten"},
                          {999, 2, 28, "the twenty-eighth of February nine hundred and ninety-nine"}});
}

TEST(SayDate, Arabic) {
  expect_dates(Lang::Ar, {{2026, 3, 21, "الحادي والعشرون من مارس سنة ألفين وستة وعشرين"},
                          {2026, 5, 1, "فاتح ماي سنة ألفين وستة وعشرين"},
                          {2012, 8, 12, "الثاني عشر من غشت سنة ألفين واثني عشر"},
                          {2002, 9, 2, "الثاني من شتنبر سنة ألفين واثنين"},
                          {1999, 12, 31, "الحادي والثلاثون من دجنبر سنة ألف وتسعمئة وتسعة وتسعين"},
                          {2200, 7, 20, "العشرون من يوليوز سنة ألفين ومئتين"},
                          {3000, 11, 30, "الثلاثون من نونبر سنة ثلاثة آلاف"}});
}

TEST(SayDate, NoSuchDateIsAnError) {
  EXPECT_TRUE(say_date(2024, 2, 29, Lang::Fr).ok());
  EXPECT_TRUE(say_date(2000, 2, 29, Lang::Fr).ok());
  for (auto [y, m, d] : {std::array{2026, 2, 29},
                         {1900, 2, 29},
                         {2026, 4, 31},
                         {2026, 13, 1},
                         {2026, 0, 1},
                         {2026, 1, 0},
                         {0, 1, 1},
                         {10000, 1, 1}}) {
    auto r = say_date(y, m, d, Lang::Fr);
    ASSERT_FALSE(r.ok()) << y << "-" << m << "-" << d;
    EXPECT_EQ(r.error().code, "say.bad_date");
  }
}

struct TimeCase {
  int h, m;
  const char* want;
};

void expect_times(Lang lang, std::initializer_list<TimeCase> cases) {
  for (const TimeCase& c : cases)
    EXPECT_TRUE(says(say_time(c.h, c.m, lang), lang, c.want)) << c.h << ":" << c.m;
}

TEST(SayTime, French) {
  expect_times(Lang::Fr, {{14, 30, "quatorze heures trente"},
                          {1, 0, "une heure"},
                          {0, 15, "zéro heure quinze"},
                          {21, 21, "vingt et une heures vingt et une"},
                          {14, 1, "quatorze heures une"},
                          {12, 0, "douze heures"}});
}

TEST(SayTime, Spanish) {
  expect_times(Lang::Es, {{14, 30, "las catorce y treinta"},
                          {1, 5, "la una y cinco"},
                          {21, 10, "las veintiuna y diez"},
                          {14, 0, "las catorce en punto"},
                          {0, 10, "las cero y diez"}});
}

TEST(SayTime, English) {
  expect_times(Lang::En, {{14, 30, "two thirty p.m."},
                          {9, 5, "nine oh five a.m."},
                          {14, 0, "two p.m."},
                          {12, 0, "twelve noon"},
                          {0, 0, "twelve midnight"},
                          {0, 30, "twelve thirty a.m."},
                          {12, 45, "twelve forty-five p.m."},
                          {23, 59, "eleven fifty-nine p.m."}});
}

TEST(SayTime, Arabic) {
  expect_times(Lang::Ar, {{14, 30, "الساعة الرابعة عشرة وثلاثون دقيقة"},
                          {1, 5, "الساعة الواحدة وخمس دقائق"},
                          {2, 1, "الساعة الثانية ودقيقة واحدة"},
                          {8, 2, "الساعة الثامنة ودقيقتان"},
                          {0, 10, "منتصف الليل وعشر دقائق"},
                          {20, 0, "الساعة العشرون"},
                          {23, 15, "الساعة الثالثة والعشرون وخمس عشرة دقيقة"}});
}

TEST(SayTime, NoSuchTimeIsAnError) {
  for (auto [h, m] : {std::pair{24, 0}, {-1, 0}, {10, 60}, {10, -1}})
    EXPECT_EQ(say_time(h, m, Lang::En).error().code, "say.bad_time") << h << ":" << m;
}

struct DurationCase {
  int64_t s;
  const char* want;
};

void expect_durations(Lang lang, std::initializer_list<DurationCase> cases) {
  for (const DurationCase& c : cases)
    EXPECT_TRUE(says(say_duration_s(c.s, lang), lang, c.want)) << c.s << " s";
}

TEST(SayDuration, French) {
  expect_durations(Lang::Fr, {{0, "moins d'une minute"},
                              {59, "moins d'une minute"},
                              {60, "une minute"},
                              {89, "une minute"},
                              {90, "deux minutes"},
                              {240, "quatre minutes"},
                              {1290, "vingt-deux minutes"},
                              {3569, "cinquante-neuf minutes"},
                              {3570, "une heure"},
                              {3900, "une heure et cinq minutes"},
                              {7260, "deux heures et une minute"}});
}

TEST(SayDuration, Spanish) {
  expect_durations(Lang::Es, {{59, "menos de un minuto"},
                              {60, "un minuto"},
                              {240, "cuatro minutos"},
                              {1260, "veintiún minutos"},
                              {3900, "una hora y cinco minutos"}});
}

TEST(SayDuration, English) {
  expect_durations(Lang::En, {{30, "less than a minute"},
                              {60, "one minute"},
                              {240, "four minutes"},
                              {5400, "one hour and thirty minutes"}});
}

TEST(SayDuration, Arabic) {
  expect_durations(Lang::Ar, {{30, "أقل من دقيقة"},
                              {60, "دقيقة واحدة"},
                              {120, "دقيقتان"},
                              {240, "أربع دقائق"},
                              {660, "إحدى عشرة دقيقة"},
                              {7200, "ساعتان"},
                              {3900, "ساعة واحدة وخمس دقائق"}});
}

TEST(SayDuration, NegativeIsAnError) {
  EXPECT_EQ(say_duration_s(-1, Lang::Fr).error().code, "say.range");
  EXPECT_EQ(say_duration_s(INT64_MAX, Lang::Fr).error().code, "say.range");
}

}  // namespace
}  // namespace plateau::say
