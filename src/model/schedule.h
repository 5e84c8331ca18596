// schedule.h — a tenant's opening hours: the week, the public-holiday sets that
// close it, and dated exceptions (closed days, short days, holidays worked).
//
// Parsed once at the edge (src/provision, with the text forms of src/calendar)
// and read by src/calendar's state_at, which answers "open now?" in the
// schedule's time zone. Times are local wall-clock minutes in that zone.
// Thread-safety: plain values; a loaded Schedule is shared read-only.
#pragma once

#include <array>
#include <compare>
#include <string>
#include <vector>

namespace plateau::model {

// [start_min, end_min) in minutes since local midnight, 0 <= start < end <= 1440
// ("08:00-12:30" is {480, 750}; "00:00-24:00" is the whole day). A range never
// crosses midnight: write "22:00-24:00" on one day and "00:00-06:00" on the next.
struct TimeRange {
  int start_min = 0;
  int end_min = 0;
  friend bool operator==(const TimeRange&, const TimeRange&) = default;
  friend auto operator<=>(const TimeRange&, const TimeRange&) = default;
};

// A civil (proleptic Gregorian) date in the schedule's time zone.
struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

// A date whose hours replace the week's: closed all day when `ranges` is empty,
// otherwise open only during `ranges` (a short day, e.g. "2026-12-31 08:00-13:00").
struct DateHours {
  Date date;
  std::vector<TimeRange> ranges;  // sorted, not overlapping
  friend bool operator==(const DateHours&, const DateHours&) = default;
};

struct Schedule {
  std::string tenant;
  std::string name;      // key within the tenant, e.g. "service"
  std::string timezone;  // IANA zone, e.g. "Africa/Casablanca" (the tenant's unless the file names one)
  // Opening ranges by weekday, index 0 = Monday ... 6 = Sunday; each day sorted,
  // not overlapping; an empty day is closed.
  std::array<std::vector<TimeRange>, 7> week;
  std::vector<std::string> holidays;  // holiday sets closing the schedule, e.g. {"MA"} (src/calendar/holidays.h)
  std::vector<DateHours> closed;      // dated exceptions, by date, each date once
  std::vector<Date> open;             // dates on which a holiday of the sets is worked (weekly hours apply)
};

}  // namespace plateau::model
