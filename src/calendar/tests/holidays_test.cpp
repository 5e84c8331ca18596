// Known dates. The Hijri ones are those of the arithmetical calendar of
// <date/islamic.h>, worked out by hand from its documented algorithm
// (days since 1970-01-01 = 10631 * era + 354 * yoe + (11 * (yoe + 1) + 3) / 30
//  + 29 * (month - 1) + month / 2 + day - 1 - 492148, with y = year - 1,
//  era = y / 30, yoe = y % 30); e.g. 1 Shawwal 1447: era 48, yoe 6,
//  510288 + 2124 + 2 + 266 - 492148 = 20532 days = 2026-03-20.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "calendar/holidays.h"
#include "calendar/text.h"

namespace plateau::calendar {
namespace {

// "2026-04-06 fr.easter_monday" for each holiday of the set and year.
std::vector<std::string> listed(std::string_view set, int year) {
  std::vector<std::string> out;
  for (const Holiday& h : holidays_of(set, year)) out.push_back(to_string(h.date) + " " + std::string(h.key));
  return out;
}

bool has(std::string_view set, int year, const std::string& line) {
  auto all = listed(set, year);
  return std::find(all.begin(), all.end(), line) != all.end();
}

TEST(Holidays, EasterByTheGregorianComputus) {
  EXPECT_EQ(to_string(easter(2024)), "2024-03-31");
  EXPECT_EQ(to_string(easter(2025)), "2025-04-20");
  EXPECT_EQ(to_string(easter(2026)), "2026-04-05");
  EXPECT_EQ(to_string(easter(2038)), "2038-04-25");  // the latest possible
  EXPECT_EQ(to_string(easter(2285)), "2285-03-22");  // the earliest possible
}

TEST(Holidays, France2026) {
  EXPECT_EQ(listed("FR", 2026), (std::vector<std::string>{
                                    "2026-01-01 fr.new_year", "2026-04-06 fr.easter_monday",
                                    "2026-05-01 fr.labour_day", "2026-05-08 fr.victory_day",
                                    "2026-05-14 fr.ascension", "2026-05-25 fr.whit_monday",
                                    "2026-07-14 fr.bastille_day", "2026-08-15 fr.assumption",
                                    "2026-11-01 fr.all_saints", "2026-11-11 fr.armistice",
                                    "2026-12-25 fr.christmas"}));
  auto alsace = listed("FR-ALSACE", 2026);
  EXPECT_EQ(alsace.size(), 13u);
  EXPECT_TRUE(has("FR-ALSACE", 2026, "2026-04-03 fr.good_friday"));
  EXPECT_TRUE(has("FR-ALSACE", 2026, "2026-12-26 fr.st_stephen"));
  EXPECT_FALSE(has("FR", 2026, "2026-04-03 fr.good_friday"));
}

TEST(Holidays, Spain2026) {
  EXPECT_EQ(listed("ES", 2026), (std::vector<std::string>{
                                    "2026-01-01 es.new_year", "2026-01-06 es.epiphany",
                                    "2026-04-03 es.good_friday", "2026-05-01 es.labour_day",
                                    "2026-08-15 es.assumption", "2026-10-12 es.national_day",
                                    "2026-11-01 es.all_saints", "2026-12-06 es.constitution_day",
                                    "2026-12-08 es.immaculate_conception", "2026-12-25 es.christmas"}));
}

TEST(Holidays, Morocco2026) {
  EXPECT_EQ(listed("MA", 2026),
            (std::vector<std::string>{
                "2026-01-01 ma.new_year",        "2026-01-11 ma.independence_manifesto",
                "2026-01-14 ma.amazigh_new_year", "2026-03-20 ma.eid_al_fitr",
                "2026-03-21 ma.eid_al_fitr",     "2026-05-01 ma.labour_day",
                "2026-05-27 ma.eid_al_adha",     "2026-05-28 ma.eid_al_adha",
                "2026-06-17 ma.islamic_new_year", "2026-07-30 ma.throne_day",
                "2026-08-14 ma.oued_ed_dahab",   "2026-08-20 ma.revolution",
                "2026-08-21 ma.youth_day",       "2026-08-26 ma.mawlid",
                "2026-08-27 ma.mawlid",          "2026-11-06 ma.green_march",
                "2026-11-18 ma.independence_day"}));
}

TEST(Holidays, MoroccoIslamicHolidays2025) {
  // 1446: Eid al-Fitr 31 Mar-1 Apr, Eid al-Adha 7-8 Jun; 1447: New Year 27 Jun, Mawlid 5-6 Sep.
  for (const char* line : {"2025-03-31 ma.eid_al_fitr", "2025-04-01 ma.eid_al_fitr", "2025-06-07 ma.eid_al_adha",
                           "2025-06-08 ma.eid_al_adha", "2025-06-27 ma.islamic_new_year", "2025-09-05 ma.mawlid",
                           "2025-09-06 ma.mawlid"}) {
    EXPECT_TRUE(has("MA", 2025, line)) << line;
  }
  EXPECT_EQ(listed("MA", 2025).size(), 17u);
}

TEST(Holidays, AmazighNewYearFrom2024) {
  EXPECT_TRUE(has("MA", 2024, "2024-01-14 ma.amazigh_new_year"));
  EXPECT_FALSE(has("MA", 2023, "2023-01-14 ma.amazigh_new_year"));
}

TEST(Holidays, AHijriHolidayCanFallTwiceInAYear) {
  // 1 Muharram 1429 and 1430 of the arithmetical calendar, both in 2008.
  EXPECT_TRUE(has("MA", 2008, "2008-01-10 ma.islamic_new_year"));
  EXPECT_TRUE(has("MA", 2008, "2008-12-29 ma.islamic_new_year"));
}

TEST(Holidays, SetsAndNames) {
  EXPECT_TRUE(holiday_set_known("MA"));
  EXPECT_TRUE(holiday_set_known("FR-ALSACE"));
  EXPECT_FALSE(holiday_set_known("ma"));
  EXPECT_FALSE(holiday_set_known("DE"));
  EXPECT_TRUE(holidays_of("DE", 2026).empty());
  EXPECT_EQ(holiday_sets().size(), 4u);
  EXPECT_EQ(holiday_name("ma.throne_day", "fr"), "Fête du Trône");
  EXPECT_EQ(holiday_name("ma.throne_day", "en"), "Throne Day");
  EXPECT_EQ(holiday_name("ma.throne_day", "ar"), "Throne Day");
  EXPECT_EQ(holiday_name("xx.nothing", "fr"), "");
  // Every key a set gives has its names.
  for (std::string_view set : holiday_sets()) {
    for (const Holiday& h : holidays_of(set, 2026)) {
      EXPECT_FALSE(h.name_fr.empty()) << h.key;
      EXPECT_EQ(holiday_name(h.key, "en"), h.name_en);
    }
  }
}

}  // namespace
}  // namespace plateau::calendar
