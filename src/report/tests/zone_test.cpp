#include "report/zone.h"

#include <gtest/gtest.h>

namespace plateau::report {
namespace {

constexpr int64_t kHour = 3'600'000;

Zone casablanca() { return Zone::locate("Africa/Casablanca").value(); }

TEST(Zone, UnknownZoneAndBadDatesAreErrors) {
  EXPECT_EQ(Zone::locate("Mars/Olympus").error().code, "report.bad_time_zone");
  Zone z = casablanca();
  EXPECT_EQ(z.day_start("2026-02-30").error().code, "report.bad_date");
  EXPECT_EQ(z.day_start("26-02-01").error().code, "report.bad_date");
  EXPECT_EQ(parse_interval("10m").error().code, "report.bad_interval");
}

TEST(Zone, OrdinaryDayInCasablancaIsUtcPlusOne) {
  Zone z = casablanca();
  const int64_t start = z.day_start("2026-12-01").value();
  EXPECT_EQ(start, 1796079600000);  // 2026-11-30T23:00:00Z
  EXPECT_EQ(z.iso(start), "2026-12-01T00:00:00+01:00");
  EXPECT_EQ(z.day_end("2026-12-01").value() - start, 24 * kHour);
  EXPECT_EQ(z.start_of(start + 8 * kHour + 29 * 60'000, Interval::m30), start + 8 * kHour);
  EXPECT_EQ(z.start_of(start + 8 * kHour + 31 * 60'000, Interval::m15), start + 8 * kHour + 30 * 60'000);
}

// Ramadan 2026: on Sunday 15 February at 03:00 +01 the clocks go back to
// 02:00 +00 (the hour 02:00-03:00 happens twice; the day lasts 25 hours); on
// Sunday 22 March at 02:00 +00 they go forward to 03:00 +01 (23 hours).
TEST(Zone, RamadanChangesGiveDaysOf25And23Hours) {
  Zone z = casablanca();
  const int64_t feb15 = z.day_start("2026-02-15").value();
  EXPECT_EQ(z.iso(feb15), "2026-02-15T00:00:00+01:00");
  EXPECT_EQ(z.next(feb15, Interval::day) - feb15, 25 * kHour);
  EXPECT_EQ(z.iso(z.next(feb15, Interval::day)), "2026-02-16T00:00:00+00:00");
  // The two hours that read 02:00 are distinct intervals.
  const int64_t first = feb15 + 2 * kHour, second = feb15 + 3 * kHour;
  EXPECT_EQ(z.iso(first), "2026-02-15T02:00:00+01:00");
  EXPECT_EQ(z.iso(second), "2026-02-15T02:00:00+00:00");
  EXPECT_EQ(z.start_of(first + 30 * 60'000, Interval::hour), first);
  EXPECT_EQ(z.start_of(second + 30 * 60'000, Interval::hour), second);
  EXPECT_EQ(z.start_of(second + 30 * 60'000, Interval::day), feb15);

  const int64_t mar22 = z.day_start("2026-03-22").value();
  EXPECT_EQ(z.iso(mar22), "2026-03-22T00:00:00+00:00");
  EXPECT_EQ(z.next(mar22, Interval::day) - mar22, 23 * kHour);
  EXPECT_EQ(z.iso(mar22 + 2 * kHour), "2026-03-22T03:00:00+01:00");
}

TEST(Zone, WeeksStartOnMondayAndMonthsOnTheFirst) {
  Zone z = casablanca();
  const int64_t thu = z.day_start("2026-02-19").value() + 10 * kHour;  // Thursday, in Ramadan (+00)
  EXPECT_EQ(z.iso(z.start_of(thu, Interval::week)), "2026-02-16T00:00:00+00:00");
  EXPECT_EQ(z.iso(z.start_of(thu, Interval::month)), "2026-02-01T00:00:00+01:00");
  // February 2026 in Casablanca: 28 days and the hour given back on the 15th.
  const int64_t feb = z.start_of(thu, Interval::month);
  EXPECT_EQ(z.next(feb, Interval::month) - feb, (28 * 24 + 1) * kHour);
  // The week of 16 February lasts 7 x 24 hours (no change inside it).
  const int64_t wk = z.start_of(thu, Interval::week);
  EXPECT_EQ(z.next(wk, Interval::week) - wk, 7 * 24 * kHour);
}

}  // namespace
}  // namespace plateau::report
