#include <gtest/gtest.h>

#include "calendar/text.h"

namespace plateau::calendar {
namespace {

using model::Date;
using model::TimeRange;

TEST(Text, RangesParseToMinutesAndPrintBack) {
  auto r = parse_range("08:00-12:30");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, (TimeRange{480, 750}));
  EXPECT_EQ(to_string(*r), "08:00-12:30");
  auto all = parse_range("00:00-24:00");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, (TimeRange{0, 1440}));
  EXPECT_EQ(to_string(*all), "00:00-24:00");
}

TEST(Text, BadRangesAreErrors) {
  for (const char* bad : {"8:00-12:00", "08:00", "08:00-", "08:60-09:00", "24:30-24:45", "25:00-26:00",
                          "08:00-12:00 ", "08h00-12h00", ""}) {
    auto r = parse_range(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "calendar.bad_range");
    EXPECT_NE(r.error().message.find("HH:MM-HH:MM"), std::string::npos) << r.error().message;
  }
  auto crossing = parse_range("22:00-02:00");
  ASSERT_FALSE(crossing.ok());
  EXPECT_NE(crossing.error().message.find("cannot cross midnight"), std::string::npos);
  EXPECT_FALSE(parse_range("12:00-12:00").ok());
}

TEST(Text, DatesAreRealGregorianDates) {
  auto d = parse_date("2028-02-29");
  ASSERT_TRUE(d.ok()) << d.error().message;
  EXPECT_EQ(*d, (Date{2028, 2, 29}));
  EXPECT_EQ(to_string(*d), "2028-02-29");
  for (const char* bad : {"2026-02-29", "2100-02-29", "2026-13-01", "2026-04-31", "2026-4-1", "26-04-01",
                          "2026/04/01", "2026-04-01x", "1899-12-31"}) {
    auto r = parse_date(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "calendar.bad_date");
  }
  EXPECT_TRUE(parse_date("2000-02-29").ok());
}

TEST(Text, DateHoursAreAWholeDayOrAShortDay) {
  auto whole = parse_date_hours("2026-06-06");
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->date, (Date{2026, 6, 6}));
  EXPECT_TRUE(whole->ranges.empty());

  auto shortday = parse_date_hours("2026-12-31 14:00-16:00  08:00-10:00");
  ASSERT_TRUE(shortday.ok()) << shortday.error().message;
  EXPECT_EQ(shortday->ranges, (std::vector<TimeRange>{{480, 600}, {840, 960}}));  // sorted
  EXPECT_EQ(to_string(*shortday), "2026-12-31 08:00-10:00 14:00-16:00");

  EXPECT_EQ(parse_date_hours("2026-12-31 08:00").error().code, "calendar.bad_range");
  EXPECT_EQ(parse_date_hours("31/12/2026").error().code, "calendar.bad_date");
  EXPECT_EQ(parse_date_hours("  ").error().code, "calendar.bad_date");
  auto overlap = parse_date_hours("2026-12-31 08:00-12:00 11:00-13:00");
  ASSERT_FALSE(overlap.ok());
  EXPECT_EQ(overlap.error().code, "calendar.overlap");
}

TEST(Text, OverlapsAreFoundTouchingRangesAreNot) {
  std::vector<TimeRange> touching = {{720, 840}, {480, 720}};
  EXPECT_TRUE(check_ranges(touching).ok());
  EXPECT_EQ(touching.front(), (TimeRange{480, 720}));
  std::vector<TimeRange> overlapping = {{660, 840}, {480, 720}};
  Status st = check_ranges(overlapping);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, "\"08:00-12:00\" and \"11:00-14:00\" overlap");
  std::vector<TimeRange> nested = {{0, 1440}, {480, 600}};
  EXPECT_FALSE(check_ranges(nested).ok());
}

}  // namespace
}  // namespace plateau::calendar
