// state_at against the installed tz database. Offsets checked with
// `zdump -v Africa/Casablanca | grep 2026` (tzdata 2025b):
//   2026-02-15 02:00:00 UTC: +01 -> +00 (Ramadan), 2026-03-22 02:00:00 UTC: +00 -> +01;
// and Europe/Paris: 2026-03-29 01:00 UTC CET -> CEST, 2026-10-25 01:00 UTC CEST -> CET.
#include <gtest/gtest.h>

#include <chrono>

#include <date/date.h>

#include "calendar/schedule.h"
#include "calendar/text.h"

namespace plateau::calendar {
namespace {

using model::Schedule;
using model::TimeRange;

constexpr int64_t kHour = 3600 * 1000;

// Epoch milliseconds of a UTC wall-clock time.
int64_t utc(int y, int mo, int d, int h, int mi = 0, int s = 0) {
  using namespace std::chrono;
  const date::sys_days day = date::year(y) / mo / d;
  return duration_cast<milliseconds>(day.time_since_epoch() + hours(h) + minutes(mi) + seconds(s)).count();
}

TimeRange range(const char* text) { return *parse_range(text); }

// Mon-Fri 08:00-20:00, Sat 09:00-13:00, Moroccan holidays, in Casablanca: the demo's "service".
Schedule service() {
  Schedule s{.tenant = "demo", .name = "service", .timezone = "Africa/Casablanca"};
  for (int day = 0; day < 5; ++day) s.week[day] = {range("08:00-20:00")};
  s.week[5] = {range("09:00-13:00")};
  s.holidays = {"MA"};
  return s;
}

Schedule all_week(const char* tz, const char* hours) {
  Schedule s{.tenant = "t", .name = "x", .timezone = tz};
  for (auto& day : s.week) day = {range(hours)};
  return s;
}

TEST(Zone, CasablancaIsPlusOneExceptDuringRamadan) {
  Schedule s = service();
  EXPECT_EQ(state_at(s, utc(2026, 1, 10, 12)).local.utc_offset_s, 3600);
  EXPECT_EQ(state_at(s, utc(2026, 1, 10, 12)).local.hour, 13);
  EXPECT_EQ(state_at(s, utc(2026, 2, 15, 1, 59, 59)).local.utc_offset_s, 3600);
  EXPECT_EQ(state_at(s, utc(2026, 2, 15, 2)).local.utc_offset_s, 0);
  const ScheduleState ramadan = state_at(s, utc(2026, 3, 1, 12));
  EXPECT_EQ(ramadan.local.utc_offset_s, 0);
  EXPECT_EQ(ramadan.local.hour, 12);
  EXPECT_EQ(state_at(s, utc(2026, 3, 22, 1, 59, 59)).local.utc_offset_s, 0);
  EXPECT_EQ(state_at(s, utc(2026, 3, 22, 2)).local.utc_offset_s, 3600);
  EXPECT_EQ(state_at(s, utc(2026, 3, 22, 2)).local.hour, 3);
}

TEST(Zone, ParisDaylightSavingBoundaries) {
  Schedule s = all_week("Europe/Paris", "00:00-24:00");
  EXPECT_EQ(state_at(s, utc(2026, 3, 29, 0, 59, 59)).local.utc_offset_s, 3600);
  const ScheduleState summer = state_at(s, utc(2026, 3, 29, 1));
  EXPECT_EQ(summer.local.utc_offset_s, 7200);
  EXPECT_EQ(summer.local.hour, 3);
  EXPECT_EQ(state_at(s, utc(2026, 10, 25, 0, 59, 59)).local.utc_offset_s, 7200);
  EXPECT_EQ(state_at(s, utc(2026, 10, 25, 1)).local.utc_offset_s, 3600);
}

TEST(Zone, KnownAndUnknownZones) {
  EXPECT_TRUE(check_timezone("Africa/Casablanca").ok());
  EXPECT_TRUE(check_timezone("Europe/Paris").ok());
  EXPECT_EQ(check_timezone("Africa/Rabat").error().code, "calendar.unknown_zone");
  EXPECT_FALSE(check_timezone("").ok());
  EXPECT_FALSE(check_timezone("../etc/passwd").ok());
  Schedule s = all_week("Mars/Olympus_Mons", "08:00-09:00");
  const ScheduleState st = state_at(s, utc(2026, 1, 5, 8, 30));
  EXPECT_FALSE(st.zone_known);
  EXPECT_TRUE(st.open);  // computed in UTC
  EXPECT_TRUE(state_at(service(), utc(2026, 1, 5, 8, 30)).zone_known);
}

TEST(Schedule, LocalFieldsAndWeeklyHours) {
  Schedule s = service();
  // Monday 12 January 2026, 07:30 UTC = 08:30 in Casablanca.
  const ScheduleState st = state_at(s, utc(2026, 1, 12, 7, 30, 15));
  EXPECT_TRUE(st.open);
  EXPECT_EQ(st.rule, DayRule::Weekly);
  EXPECT_EQ(st.holiday, "");
  EXPECT_EQ(st.local.year, 2026);
  EXPECT_EQ(st.local.month, 1);
  EXPECT_EQ(st.local.day, 12);
  EXPECT_EQ(st.local.weekday, 0);
  EXPECT_EQ(st.local.hour, 8);
  EXPECT_EQ(st.local.minute, 30);
  EXPECT_EQ(st.local.second, 15);
  EXPECT_EQ(st.next_change_utc_ms, utc(2026, 1, 12, 19));  // 20:00 local
  // Before opening: 07:30 local, opens at 08:00 local = 07:00 UTC.
  const ScheduleState early = state_at(s, utc(2026, 1, 12, 6, 30));
  EXPECT_FALSE(early.open);
  EXPECT_EQ(early.next_change_utc_ms, utc(2026, 1, 12, 7));
  // Saturday afternoon: closed until Monday 08:00.
  const ScheduleState saturday = state_at(s, utc(2026, 1, 17, 15));
  EXPECT_EQ(saturday.local.weekday, 5);
  EXPECT_FALSE(saturday.open);
  EXPECT_EQ(saturday.next_change_utc_ms, utc(2026, 1, 19, 7));
}

TEST(Schedule, DuringRamadanTheSameLocalHoursAreAnHourLaterInUtc) {
  // Monday 16 February 2026: Casablanca at +00, opens at 08:00 local = 08:00 UTC.
  const ScheduleState st = state_at(service(), utc(2026, 2, 16, 7, 30));
  EXPECT_FALSE(st.open);
  EXPECT_EQ(st.next_change_utc_ms, utc(2026, 2, 16, 8));
  EXPECT_TRUE(state_at(service(), utc(2026, 2, 16, 19, 30)).open);  // 19:30 local
}

TEST(Schedule, NextChangeCrossesAHolidayAWeekendAndAnOffsetChange) {
  // Friday 20 March 2026, 10:00 local (+00): Eid al-Fitr (20-21 March), then
  // Sunday (closed; at 03:00 local Casablanca goes back to +01), then Monday 08:00 (+01).
  const ScheduleState st = state_at(service(), utc(2026, 3, 20, 10));
  EXPECT_FALSE(st.open);
  EXPECT_EQ(st.rule, DayRule::Holiday);
  EXPECT_EQ(st.holiday, "ma.eid_al_fitr");
  EXPECT_EQ(st.next_change_utc_ms, utc(2026, 3, 23, 7));
}

TEST(Schedule, AHolidayClosesAnOpenDayAndAnOpenDateCancelsIt) {
  Schedule s = service();
  // Thursday 30 July 2026, 10:00 local: Throne Day.
  const int64_t at = utc(2026, 7, 30, 9);
  const ScheduleState closed = state_at(s, at);
  EXPECT_FALSE(closed.open);
  EXPECT_EQ(closed.holiday, "ma.throne_day");
  EXPECT_EQ(to_string(closed.rule), "holiday");
  EXPECT_EQ(closed.next_change_utc_ms, utc(2026, 7, 31, 7));

  s.open = {{2026, 7, 30}};
  const ScheduleState worked = state_at(s, at);
  EXPECT_TRUE(worked.open);
  EXPECT_EQ(worked.rule, DayRule::Worked);
  EXPECT_EQ(worked.holiday, "");
  EXPECT_EQ(worked.next_change_utc_ms, utc(2026, 7, 30, 19));

  // France: Easter Monday 6 April 2026 closes a Monday.
  Schedule fr = all_week("Europe/Paris", "09:00-18:00");
  fr.holidays = {"FR"};
  const ScheduleState easter_monday = state_at(fr, utc(2026, 4, 6, 10));
  EXPECT_FALSE(easter_monday.open);
  EXPECT_EQ(easter_monday.holiday, "fr.easter_monday");
  EXPECT_EQ(easter_monday.next_change_utc_ms, utc(2026, 4, 7, 7));  // 09:00 CEST
}

TEST(Schedule, AClosedDateAndAShortDay) {
  Schedule s = service();
  s.closed = {*parse_date_hours("2026-06-05"), *parse_date_hours("2026-12-31 08:00-13:00")};
  // Friday 5 June 2026: closed all day, opens Saturday 09:00.
  const ScheduleState off = state_at(s, utc(2026, 6, 5, 10));
  EXPECT_FALSE(off.open);
  EXPECT_EQ(off.rule, DayRule::Closed);
  EXPECT_EQ(off.next_change_utc_ms, utc(2026, 6, 6, 8));
  // Thursday 31 December 2026, 12:00 local: open until 13:00.
  const ScheduleState morning = state_at(s, utc(2026, 12, 31, 11));
  EXPECT_TRUE(morning.open);
  EXPECT_EQ(morning.rule, DayRule::ShortDay);
  EXPECT_EQ(morning.next_change_utc_ms, utc(2026, 12, 31, 12));
  // 14:00 local: closed; 1 January is New Year's Day, so Saturday 2 January 09:00.
  const ScheduleState afternoon = state_at(s, utc(2026, 12, 31, 13));
  EXPECT_FALSE(afternoon.open);
  EXPECT_EQ(afternoon.next_change_utc_ms, utc(2027, 1, 2, 8));
}

TEST(Schedule, OpenAcrossTheSpringForwardChange) {
  // Paris, Sunday 29 March 2026: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
  Schedule s{.tenant = "t", .name = "night", .timezone = "Europe/Paris"};
  s.week[6] = {range("01:00-05:00")};
  const ScheduleState st = state_at(s, utc(2026, 3, 29, 0, 30));  // 01:30 CET
  EXPECT_TRUE(st.open);
  EXPECT_EQ(st.next_change_utc_ms, utc(2026, 3, 29, 3));  // 05:00 CEST: three hours open
  EXPECT_TRUE(state_at(s, utc(2026, 3, 29, 2, 59)).open);

  // A range starting in the skipped hour opens at the change.
  s.week[6] = {range("02:30-04:00")};
  const ScheduleState before = state_at(s, utc(2026, 3, 29, 0, 30));
  EXPECT_FALSE(before.open);
  EXPECT_EQ(before.next_change_utc_ms, utc(2026, 3, 29, 1));
  EXPECT_EQ(state_at(s, utc(2026, 3, 29, 1)).next_change_utc_ms, utc(2026, 3, 29, 2));
}

TEST(Schedule, OpenAcrossTheFallBackChange) {
  // Paris, Sunday 25 October 2026: 03:00 CEST goes back to 02:00 CET (01:00 UTC).
  Schedule s{.tenant = "t", .name = "night", .timezone = "Europe/Paris"};
  s.week[6] = {range("00:00-04:00")};
  const ScheduleState st = state_at(s, utc(2026, 10, 24, 23));  // 01:00 CEST
  EXPECT_TRUE(st.open);
  EXPECT_EQ(st.next_change_utc_ms, utc(2026, 10, 25, 3));  // 04:00 CET: five hours open
}

TEST(Schedule, AlwaysAndNever) {
  const ScheduleState always = state_at(all_week("Africa/Casablanca", "00:00-24:00"), utc(2026, 3, 22, 2));
  EXPECT_TRUE(always.open);
  EXPECT_EQ(always.next_change_utc_ms, -1);
  const Schedule never{.tenant = "t", .name = "never", .timezone = "Africa/Casablanca"};
  const ScheduleState closed = state_at(never, utc(2026, 3, 22, 2));
  EXPECT_FALSE(closed.open);
  EXPECT_EQ(closed.next_change_utc_ms, -1);
}

TEST(Schedule, RangesTouchingAcrossMidnightAreOneOpening) {
  Schedule s{.tenant = "t", .name = "night", .timezone = "Europe/Paris"};
  s.week[4] = {range("22:00-24:00")};  // Friday
  s.week[5] = {range("00:00-06:00")};  // Saturday
  const ScheduleState st = state_at(s, utc(2026, 1, 9, 22));  // Friday 23:00 CET
  EXPECT_TRUE(st.open);
  EXPECT_EQ(st.next_change_utc_ms, utc(2026, 1, 10, 5));
}

TEST(Schedule, NextChangeBeyondFourteenDaysIsNone) {
  Schedule s = all_week("Europe/Paris", "09:00-17:00");
  s.closed.clear();
  for (int d = 1; d <= 20; ++d) s.closed.push_back({{2026, 7, d}, {}});
  const ScheduleState st = state_at(s, utc(2026, 7, 1, 10));
  EXPECT_FALSE(st.open);
  EXPECT_EQ(st.next_change_utc_ms, -1);  // opens 21 July, 20 days later
  const ScheduleState later = state_at(s, utc(2026, 7, 10, 10));
  EXPECT_EQ(later.next_change_utc_ms, utc(2026, 7, 21, 7));
}

}  // namespace
}  // namespace plateau::calendar
