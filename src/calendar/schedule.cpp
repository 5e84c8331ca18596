// schedule.cpp — state_at: the openings of the days around the instant, as UTC
// intervals, merged; the instant is open inside one of them.
#include "calendar/schedule.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <utility>
#include <vector>

#include <date/tz.h>

#include "calendar/civil.h"
#include "calendar/holidays.h"

namespace plateau::calendar {

namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using SysMs = date::sys_time<milliseconds>;

constexpr int64_t kHorizonMs = int64_t{14} * 24 * 3600 * 1000;
// The days whose openings are computed: from the day before the instant's (an
// opening reaching past midnight) to well past the horizon.
constexpr int kFirstDay = -1;
constexpr int kLastDay = 15;

const date::time_zone* find_zone(std::string_view name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

// Local wall-clock time <-> instants in one zone (UTC when the zone is unknown).
class Zone {
 public:
  explicit Zone(const date::time_zone* tz) : tz_(tz) {}

  seconds offset_at(SysMs t) const {
    return tz_ ? tz_->get_info(std::chrono::floor<seconds>(t)).offset : seconds(0);
  }

  // A skipped local time is the instant of the change; a repeated one its first occurrence.
  int64_t utc_ms(date::local_seconds t) const {
    seconds offset(0);
    if (tz_) {
      const date::local_info li = tz_->get_info(t);
      if (li.result == date::local_info::nonexistent) return ms_of(li.first.end.time_since_epoch());
      offset = li.first.offset;
    }
    return ms_of(t.time_since_epoch() - offset);
  }

 private:
  template <class D>
  static int64_t ms_of(D d) {
    return duration_cast<milliseconds>(d).count();
  }
  const date::time_zone* tz_;
};

struct DayHours {
  DayRule rule = DayRule::Weekly;
  std::string_view holiday;
  const std::vector<model::TimeRange>* ranges = nullptr;
};

// The hours of each local day, holidays computed once per year.
class Days {
 public:
  explicit Days(const model::Schedule& s) : s_(s) {}

  DayHours of(date::local_days day) {
    static const std::vector<model::TimeRange> kNone;
    const model::Date d = date_of(day);
    for (const model::DateHours& c : s_.closed) {
      if (c.date == d) return {c.ranges.empty() ? DayRule::Closed : DayRule::ShortDay, {}, &c.ranges};
    }
    const size_t weekday = date::weekday(day).iso_encoding() - 1;
    const std::vector<model::TimeRange>* weekly = &s_.week[weekday];
    const std::string_view holiday = holiday_on(d);
    if (holiday.empty()) return {DayRule::Weekly, {}, weekly};
    if (std::find(s_.open.begin(), s_.open.end(), d) != s_.open.end()) return {DayRule::Worked, {}, weekly};
    return {DayRule::Holiday, holiday, &kNone};
  }

 private:
  std::string_view holiday_on(const model::Date& d) {
    auto it = years_.find(d.year);
    if (it == years_.end()) {
      std::vector<Holiday> all;
      for (const std::string& set : s_.holidays) {
        auto h = holidays_of(set, d.year);
        all.insert(all.end(), h.begin(), h.end());
      }
      it = years_.emplace(d.year, std::move(all)).first;
    }
    for (const Holiday& h : it->second)  // in the order of the sets
      if (h.date == d) return h.key;
    return {};
  }

  const model::Schedule& s_;
  std::map<int, std::vector<Holiday>> years_;
};

}  // namespace

std::string_view to_string(DayRule r) {
  switch (r) {
    case DayRule::Weekly:
      return "weekly";
    case DayRule::Holiday:
      return "holiday";
    case DayRule::Closed:
      return "closed";
    case DayRule::ShortDay:
      return "short_day";
    case DayRule::Worked:
      return "worked";
  }
  return "weekly";
}

Status check_timezone(std::string_view name) {
  if (!name.empty() && find_zone(name)) return {};
  return make_error("calendar.unknown_zone", "\"" + std::string(name) +
                                                 "\" is not a time zone of the tz database (e.g. "
                                                 "\"Africa/Casablanca\", \"Europe/Paris\")");
}

ScheduleState state_at(const model::Schedule& s, int64_t utc_ms) {
  const date::time_zone* tz = find_zone(s.timezone);
  const Zone zone(tz);
  ScheduleState st;
  st.zone_known = tz != nullptr;

  const SysMs now{milliseconds(utc_ms)};
  const seconds offset = zone.offset_at(now);
  const auto local = date::local_time<milliseconds>((now + offset).time_since_epoch());
  const date::local_days today = std::chrono::floor<date::days>(local);
  const date::hh_mm_ss<milliseconds> tod(local - today);
  const model::Date d = date_of(today);
  st.local = {d.year,
              d.month,
              d.day,
              static_cast<int>(date::weekday(today).iso_encoding()) - 1,
              static_cast<int>(tod.hours().count()),
              static_cast<int>(tod.minutes().count()),
              static_cast<int>(tod.seconds().count()),
              static_cast<int>(offset.count())};

  Days days(s);
  std::vector<std::pair<int64_t, int64_t>> openings;
  for (int k = kFirstDay; k <= kLastDay; ++k) {
    const date::local_days day = today + date::days(k);
    const DayHours h = days.of(day);
    if (k == 0) {
      st.rule = h.rule;
      st.holiday = std::string(h.holiday);
    }
    for (const model::TimeRange& r : *h.ranges) {
      const int64_t from = zone.utc_ms(day + minutes(r.start_min));
      const int64_t to = zone.utc_ms(day + minutes(r.end_min));
      if (from < to) openings.emplace_back(from, to);
    }
  }
  std::sort(openings.begin(), openings.end());
  std::vector<std::pair<int64_t, int64_t>> merged;
  for (const auto& o : openings) {
    if (!merged.empty() && o.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, o.second);
    } else {
      merged.push_back(o);
    }
  }

  int64_t change = -1;
  for (const auto& [from, to] : merged) {
    if (from <= utc_ms && utc_ms < to) {
      st.open = true;
      change = to;
      break;
    }
    if (from > utc_ms) {
      change = from;
      break;
    }
  }
  st.next_change_utc_ms = change >= 0 && change - utc_ms <= kHorizonMs ? change : -1;
  return st;
}

}  // namespace plateau::calendar
