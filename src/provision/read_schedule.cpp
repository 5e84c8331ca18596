// read_schedule.cpp — [[schedule]]: opening hours, holiday sets and dated
// exceptions of a tenant (src/calendar gives their text forms and the zones).
#include <algorithm>
#include <set>

#include "calendar/holidays.h"
#include "calendar/schedule.h"
#include "calendar/text.h"
#include "provision/object_rules.h"

namespace plateau::provision {

namespace {

constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string set_names() {
  std::string s;
  for (std::string_view set : calendar::holiday_sets()) s += std::string(s.empty() ? "" : ", ") + std::string(set);
  return s;
}

// hours = { mon = ["08:00-12:30", "14:00-18:00"], ..., sun = [] }; a day left out is closed.
void read_hours(ObjectReader& r, model::Schedule& s) {
  const toml::table* hours = r.table("hours");
  if (!hours) return;
  ObjectReader days = r.nested(*hours, "hours");
  for (size_t d = 0; d < 7; ++d) {
    auto texts = days.strings(kDays[d], false);
    if (!texts) continue;
    std::vector<model::TimeRange> ranges;
    bool ok = true;
    for (size_t i = 0; i < texts->size(); ++i) {
      auto range = calendar::parse_range((*texts)[i]);
      if (range) {
        ranges.push_back(*range);
      } else {
        days.fault(days.element_pos(kDays[d], i),
                   days.name_of(kDays[d]) + "[" + std::to_string(i) + "]: " + range.error().message);
        ok = false;
      }
    }
    if (!ok) continue;
    if (Status st = calendar::check_ranges(ranges); !st) {
      days.fault(days.pos(kDays[d]), days.name_of(kDays[d]) + ": " + st.error().message);
      continue;
    }
    s.week[d] = std::move(ranges);
  }
  days.finish();
}

void read_holiday_sets(ObjectReader& r, model::Schedule& s) {
  auto sets = r.strings("holidays", false);
  if (!sets) return;
  std::set<std::string> seen;
  for (size_t i = 0; i < sets->size(); ++i) {
    const std::string& set = (*sets)[i];
    const std::string what = "holidays[" + std::to_string(i) + "] \"" + set + "\"";
    if (!calendar::holiday_set_known(set)) {
      r.fault(r.element_pos("holidays", i), what + " is not a holiday set (expected " + set_names() + ")");
    } else if (!seen.insert(set).second) {
      r.fault(r.element_pos("holidays", i), what + " is listed twice");
    } else {
      s.holidays.push_back(set);
    }
  }
}

// closed = ["2026-06-06", "2026-12-31 08:00-13:00"]; open = ["2026-11-06"]; each date once in both.
void read_dates(ObjectReader& r, model::Schedule& s) {
  std::set<model::Date> seen;
  auto once = [&](const char* key, size_t i, const model::Date& d) {
    if (seen.insert(d).second) return true;
    r.fault(r.element_pos(key, i), std::string(key) + "[" + std::to_string(i) + "]: " + calendar::to_string(d) +
                                       " is already listed in closed or open (a date has one rule)");
    return false;
  };
  if (auto closed = r.strings("closed", false)) {
    for (size_t i = 0; i < closed->size(); ++i) {
      auto dh = calendar::parse_date_hours((*closed)[i]);
      if (!dh) {
        r.fault(r.element_pos("closed", i), "closed[" + std::to_string(i) + "]: " + dh.error().message);
      } else if (once("closed", i, dh->date)) {
        s.closed.push_back(std::move(*dh));
      }
    }
  }
  if (auto open = r.strings("open", false)) {
    for (size_t i = 0; i < open->size(); ++i) {
      auto d = calendar::parse_date((*open)[i]);
      if (!d) {
        r.fault(r.element_pos("open", i), "open[" + std::to_string(i) + "]: " + d.error().message);
      } else if (once("open", i, *d)) {
        s.open.push_back(*d);
      }
    }
  }
  std::sort(s.closed.begin(), s.closed.end(),
            [](const model::DateHours& a, const model::DateHours& b) { return a.date < b.date; });
  std::sort(s.open.begin(), s.open.end());
}

}  // namespace

void read_schedule(ObjectReader& r, Parsed& out) {
  auto l = start(r, &model::Schedule::name, "name");
  auto& s = l.obj;
  if (auto tz = r.string("timezone", false)) {
    if (Status st = calendar::check_timezone(*tz); st) {
      s.timezone = *tz;
    } else {
      r.fault(r.pos("timezone"), "timezone " + st.error().message);
    }
  }
  read_hours(r, s);
  read_holiday_sets(r, s);
  read_dates(r, s);
  done(r, std::move(l), out.schedules);
}

}  // namespace plateau::provision
