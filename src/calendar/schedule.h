// schedule.h — whether a schedule is open at an instant, in its time zone, and
// when that next changes. The IVR's "hours" branch asks this on each call.
//
// The day's hours, in order of precedence:
//   1. a `closed` date of the schedule: closed all day, or open only during its
//      ranges (a short day);
//   2. an `open` date: the weekly hours, even when a holiday falls that day;
//   3. a holiday of the schedule's sets (the first set listed wins): closed;
//   4. the weekly hours of the local weekday.
// Local times become instants through the IANA tz database (<date/tz.h>, the
// system's /usr/share/zoneinfo): offsets follow DST and Morocco's Ramadan
// change. A range boundary in a skipped hour (spring forward) is the instant of
// the change; one in a repeated hour (fall back) is its first occurrence.
// Ranges that touch, on one day or across midnight, make one opening.
//
// Thread-safety: pure functions (the tz database is read once and shared,
// thread-safe), callable from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "model/schedule.h"

namespace plateau::calendar {

// What decided the local day's hours.
enum class DayRule {
  Weekly,    // the weekly hours
  Holiday,   // a holiday of the sets: closed (ScheduleState::holiday names it)
  Closed,    // a `closed` date without ranges: closed all day
  ShortDay,  // a `closed` date with ranges: open only then
  Worked,    // an `open` date cancelling a holiday: the weekly hours
};
std::string_view to_string(DayRule r);  // "weekly", "holiday", "closed", "short_day", "worked"

// The instant in the schedule's zone.
struct LocalTime {
  int year = 1970;
  int month = 1;    // 1..12
  int day = 1;      // 1..31
  int weekday = 3;  // 0 = Monday ... 6 = Sunday (the index of model::Schedule::week)
  int hour = 0;
  int minute = 0;
  int second = 0;
  int utc_offset_s = 0;  // local = UTC + offset (Casablanca: 3600, 0 during Ramadan)
};

struct ScheduleState {
  bool open = false;
  std::string holiday;  // key of the holiday closing the day ("ma.throne_day"), "" unless rule is Holiday
  DayRule rule = DayRule::Weekly;
  LocalTime local;
  // The next instant (> utc_ms) at which `open` changes: the next opening when
  // closed, the next closing when open; -1 if there is none within 14 days.
  int64_t next_change_utc_ms = -1;
  // False when the schedule's zone is not in the tz database: the state was
  // then computed in UTC (provisioning checks zones, so only a changed system
  // database gets here).
  bool zone_known = true;
};

ScheduleState state_at(const model::Schedule& s, int64_t utc_ms);

// Whether `name` is a zone of the tz database (date::locate_zone finds it);
// an Error "calendar.unknown_zone" otherwise.
Status check_timezone(std::string_view name);

}  // namespace plateau::calendar
