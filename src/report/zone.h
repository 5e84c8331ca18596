// zone.h — report intervals in a tenant's IANA time zone (<date/tz.h>).
//
// Interval starts are instants (UTC ms) whose local wall-clock time is a
// multiple of the interval: 15 and 30 minutes and hours are floored in local
// time with the offset in force at the instant itself, so the hour repeated
// when a zone goes back (Africa/Casablanca at the start of Ramadan) gives two
// distinct intervals, "02:00+01:00" then "02:00+00:00"; days start at local
// midnight (23 or 25 hours long on a change), weeks on Monday (ISO), months on
// the first. Times are shown as local ISO 8601 with their offset.
//
// Pure (reads the system tz database); any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace date {
class time_zone;
}

namespace plateau::report {

enum class Interval { m15, m30, hour, day, week, month };

// "15m", "30m", "hour", "day", "week", "month"; error "report.bad_interval".
Result<Interval> parse_interval(std::string_view text);
std::string_view to_string(Interval i);

inline constexpr int64_t kBaseMs = 15 * 60 * 1000;  // the engine's base interval

class Zone {
 public:
  // Error "report.bad_time_zone" for a name the tz database does not know.
  static Result<Zone> locate(std::string_view name);

  const std::string& name() const { return name_; }
  // The start of the interval holding `utc_ms`.
  int64_t start_of(int64_t utc_ms, Interval i) const;
  // The start of the interval after the one starting at `start_ms`.
  int64_t next(int64_t start_ms, Interval i) const;
  // Local midnight starting the local date "YYYY-MM-DD" (error "report.bad_date"),
  // and the same for the day after it (the end of an inclusive range).
  Result<int64_t> day_start(std::string_view date) const;
  Result<int64_t> day_end(std::string_view date) const;
  // "2026-12-01T08:00:00+01:00".
  std::string iso(int64_t utc_ms) const;
  // The offset from UTC in force at the instant, in seconds.
  int64_t offset_s(int64_t utc_ms) const;

 private:
  Zone(const date::time_zone* tz, std::string name) : tz_(tz), name_(std::move(name)) {}
  int64_t local_midnight(int64_t days_since_epoch) const;
  const date::time_zone* tz_;
  std::string name_;
};

}  // namespace plateau::report
