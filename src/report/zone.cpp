#include "report/zone.h"

#include <charconv>
#include <chrono>
#include <cstdio>

#include <date/tz.h>

namespace plateau::report {

namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kDayS = 86'400;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Days since 1970-01-01 of a civil date, and back.
int64_t days_of(date::year_month_day d) { return date::sys_days(d).time_since_epoch().count(); }
date::year_month_day date_of(int64_t days) { return date::year_month_day(date::sys_days(date::days(days))); }

}  // namespace

Result<Interval> parse_interval(std::string_view t) {
  if (t == "15m") return Interval::m15;
  if (t == "30m") return Interval::m30;
  if (t == "hour") return Interval::hour;
  if (t == "day") return Interval::day;
  if (t == "week") return Interval::week;
  if (t == "month") return Interval::month;
  return make_error("report.bad_interval",
                    "interval \"" + std::string(t) + "\" is not one of 15m, 30m, hour, day, week, month");
}

std::string_view to_string(Interval i) {
  switch (i) {
    case Interval::m15: return "15m";
    case Interval::m30: return "30m";
    case Interval::hour: return "hour";
    case Interval::day: return "day";
    case Interval::week: return "week";
    case Interval::month: return "month";
  }
  return "15m";
}

Result<Zone> Zone::locate(std::string_view name) {
  try {
    return Zone(date::locate_zone(name), std::string(name));
  } catch (const std::exception&) {
    return make_error("report.bad_time_zone", "\"" + std::string(name) + "\" is not a time zone of the tz database");
  }
}

int64_t Zone::offset_s(int64_t utc_ms) const {
  const date::sys_seconds t{seconds(floor_div(utc_ms, 1000))};
  return tz_->get_info(t).offset.count();
}

int64_t Zone::local_midnight(int64_t days) const {
  const date::local_seconds lt{seconds(days * kDayS)};
  const date::local_info li = tz_->get_info(lt);
  // A midnight that does not exist (a zone going forward at 00:00) starts when the day does.
  if (li.result == date::local_info::nonexistent) return li.first.end.time_since_epoch().count() * 1000;
  // An ambiguous midnight (a zone going back at 00:00): its first occurrence.
  return (days * kDayS - li.first.offset.count()) * 1000;
}

int64_t Zone::start_of(int64_t utc_ms, Interval i) const {
  const int64_t off_ms = offset_s(utc_ms) * 1000;
  const int64_t local_ms = utc_ms + off_ms;
  switch (i) {
    case Interval::m15: return floor_div(local_ms, 15 * kMinuteMs) * 15 * kMinuteMs - off_ms;
    case Interval::m30: return floor_div(local_ms, 30 * kMinuteMs) * 30 * kMinuteMs - off_ms;
    case Interval::hour: return floor_div(local_ms, 60 * kMinuteMs) * 60 * kMinuteMs - off_ms;
    case Interval::day: return local_midnight(floor_div(local_ms, kDayS * 1000));
    case Interval::week: {
      const int64_t d = floor_div(local_ms, kDayS * 1000);
      const unsigned wd = date::weekday(date::sys_days(date::days(d))).iso_encoding();  // Monday = 1
      return local_midnight(d - (wd - 1));
    }
    case Interval::month: {
      const auto ymd = date_of(floor_div(local_ms, kDayS * 1000));
      return local_midnight(days_of(ymd.year() / ymd.month() / 1));
    }
  }
  return utc_ms;
}

int64_t Zone::next(int64_t start_ms, Interval i) const {
  switch (i) {
    case Interval::m15: return start_ms + 15 * kMinuteMs;
    case Interval::m30: return start_ms + 30 * kMinuteMs;
    case Interval::hour: return start_ms + 60 * kMinuteMs;
    default: break;
  }
  // Local date of the start, then the next day, week or month at local midnight.
  const int64_t d = floor_div(start_ms + offset_s(start_ms) * 1000, kDayS * 1000);
  if (i == Interval::day) return local_midnight(d + 1);
  if (i == Interval::week) return local_midnight(d + 7);
  const auto ymd = date_of(d);
  const date::year_month next = ymd.year() / ymd.month() + date::months(1);
  return local_midnight(days_of(next / 1));
}

Result<int64_t> Zone::day_start(std::string_view text) const {
  int y = 0;
  unsigned m = 0, d = 0;
  auto num = [&](size_t at, size_t len, auto& v) {
    auto r = std::from_chars(text.data() + at, text.data() + at + len, v);
    return r.ec == std::errc() && r.ptr == text.data() + at + len;
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d))
    return make_error("report.bad_date", "\"" + std::string(text) + "\" is not a date YYYY-MM-DD");
  const date::year_month_day ymd{date::year(y), date::month(m), date::day(d)};
  if (!ymd.ok()) return make_error("report.bad_date", "\"" + std::string(text) + "\" is not a calendar date");
  return local_midnight(days_of(ymd));
}

Result<int64_t> Zone::day_end(std::string_view text) const {
  auto start = day_start(text);
  if (!start) return start;
  return next(*start, Interval::day);
}

std::string Zone::iso(int64_t utc_ms) const {
  const int64_t off = offset_s(utc_ms);
  const int64_t local_s = floor_div(utc_ms, 1000) + off;
  const int64_t days = floor_div(local_s, kDayS);
  const int64_t sod = local_s - days * kDayS;
  const auto ymd = date_of(days);
  const int64_t a = off < 0 ? -off : off;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<int>(sod / 3600),
                static_cast<int>(sod / 60 % 60), static_cast<int>(sod % 60), off < 0 ? '-' : '+',
                static_cast<int>(a / 3600), static_cast<int>(a / 60 % 60));
  return buf;
}

}  // namespace plateau::report
