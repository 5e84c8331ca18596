// schedule_rows.cpp — see schedule_rows.h.
#include "store/schedule_rows.h"

#include <string>
#include <utility>
#include <variant>

#include "calendar/text.h"

namespace plateau::store {

namespace {

enum List : size_t { kHours, kHolidays, kClosed, kOpen, kLists };

// The text of a short day's hours, "" for a day closed throughout.
std::string hours_text(const model::DateHours& d) {
  std::string s;
  for (const auto& r : d.ranges) s += (s.empty() ? "" : " ") + calendar::to_string(r);
  return s;
}

const std::string* text(const Fields& f, size_t i) {
  return i < f.size() ? std::get_if<std::string>(&f[i]) : nullptr;
}

const int64_t* number(const Fields& f, size_t i) { return i < f.size() ? std::get_if<int64_t>(&f[i]) : nullptr; }

Status read_lists(const Row& r, model::Schedule& s) {
  if (r.values.size() != 1 || !text(r.values, 0) || r.lists.size() != kLists)
    return make_error("store.io", "does not hold its time zone and four lists");
  s.timezone = *text(r.values, 0);
  for (const Fields& f : r.lists[kHours]) {
    const int64_t *day = number(f, 0), *from = number(f, 1), *to = number(f, 2);
    if (f.size() != 3 || !day || !from || !to || *day < 0 || *day > 6 || *from < 0 || *from >= *to || *to > 1440)
      return make_error("store.io", "holds weekly hours that are not a weekday and a range of minutes");
    s.week[static_cast<size_t>(*day)].push_back({static_cast<int>(*from), static_cast<int>(*to)});
  }
  for (const Fields& f : r.lists[kHolidays]) {
    if (f.size() != 1 || !text(f, 0)) return make_error("store.io", "holds a holiday set that is not a text");
    s.holidays.push_back(*text(f, 0));
  }
  for (const Fields& f : r.lists[kClosed]) {
    const std::string *date = text(f, 0), *hours = text(f, 1);
    if (f.size() != 2 || !date || !hours) return make_error("store.io", "holds a closed date that is not two texts");
    auto dh = calendar::parse_date_hours(hours->empty() ? *date : *date + " " + *hours);
    if (!dh) return make_error("store.io", "holds a closed date that does not parse: " + dh.error().message);
    s.closed.push_back(std::move(*dh));
  }
  for (const Fields& f : r.lists[kOpen]) {
    const std::string* date = f.size() == 1 ? text(f, 0) : nullptr;
    auto d = calendar::parse_date(date ? *date : std::string());
    if (!d) return make_error("store.io", "holds an open date that does not parse: " + d.error().message);
    s.open.push_back(*d);
  }
  return {};
}

}  // namespace

Row schedule_row(const model::Schedule& s) {
  Row row{s.tenant, s.name, {s.timezone}, std::vector<std::vector<Fields>>(kLists)};
  for (size_t day = 0; day < s.week.size(); ++day) {
    for (const auto& r : s.week[day])
      row.lists[kHours].push_back({static_cast<int64_t>(day), int64_t{r.start_min}, int64_t{r.end_min}});
  }
  for (const auto& set : s.holidays) row.lists[kHolidays].push_back({set});
  for (const auto& c : s.closed) row.lists[kClosed].push_back({calendar::to_string(c.date), hours_text(c)});
  for (const auto& d : s.open) row.lists[kOpen].push_back({calendar::to_string(d)});
  return row;
}

Status add_schedule_row(const Row& r, model::Provisioning& out) {
  model::Schedule s{.tenant = r.tenant, .name = r.key};
  if (Status st = read_lists(r, s); !st) {
    return make_error(st.error().code, "stored schedule \"" + r.key + "\" of tenant \"" + r.tenant + "\" " +
                                           st.error().message);
  }
  out.schedules.push_back(std::move(s));
  return {};
}

}  // namespace plateau::store
