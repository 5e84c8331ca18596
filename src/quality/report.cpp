#include "quality/report.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

#include <date/tz.h>

namespace plateau::quality {

namespace {

using namespace std::chrono;

Result<const date::time_zone*> zone(std::string_view name) {
  try {
    return date::locate_zone(std::string(name));
  } catch (const std::exception&) {
    return make_error("quality.bad_zone", "unknown time zone \"" + std::string(name) + "\"");
  }
}

std::string ymd_text(date::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

int64_t local_midnight_ms(const date::time_zone* tz, date::local_days day) {
  // A midnight that does not exist (a DST jump at 00:00) is the first instant after it.
  auto info = tz->get_info(date::local_seconds(day.time_since_epoch()));
  date::sys_seconds t;
  if (info.result == date::local_info::nonexistent)
    t = info.first.end;
  else
    t = date::sys_seconds(day.time_since_epoch()) - info.first.offset;
  return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

double round2(double v) { return std::round(v * 100.0) / 100.0; }

struct Acc {
  int n = 0;
  double sum = 0, min = 0, max = 0;
  void add(double v) {
    if (n == 0 || v < min) min = v;
    if (n == 0 || v > max) max = v;
    sum += v;
    ++n;
  }
};

}  // namespace

Result<int64_t> local_day_start_ms(std::string_view time_zone, std::string_view date_text) {
  int y = 0;
  unsigned m = 0, d = 0;
  char tail = 0;
  const std::string text(date_text);
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return make_error("quality.bad_date", "\"" + text + "\" is not a date YYYY-MM-DD");
  const date::year_month_day ymd{date::year(y), date::month(m), date::day(d)};
  if (!ymd.ok()) return make_error("quality.bad_date", "\"" + text + "\" is not a date of the calendar");
  auto tz = zone(time_zone);
  if (!tz) return tz.error();
  return local_midnight_ms(*tz, date::local_days(ymd));
}

Result<int64_t> parse_bound(std::string_view time_zone, std::string_view text, bool end, int64_t fallback) {
  if (text.empty()) return fallback;
  if (text.find('-') == std::string_view::npos) {
    int64_t v = 0;
    for (char c : text) {
      if (c < '0' || c > '9' || v > 1'000'000'000'000'000)
        return make_error("quality.bad_date", "\"" + std::string(text) + "\" is neither YYYY-MM-DD nor epoch ms");
      v = v * 10 + (c - '0');
    }
    return v;
  }
  auto start = local_day_start_ms(time_zone, text);
  if (!start || !end) return start;
  auto tz = zone(time_zone);
  const auto day = date::floor<date::days>(
      (*tz)->to_local(date::sys_seconds(duration_cast<seconds>(milliseconds(*start)))));
  return local_midnight_ms(*tz, day + date::days(1));
}

Result<std::vector<ReportRow>> quality_report(const std::vector<model::Evaluation>& evaluations,
                                              std::string_view time_zone, Interval interval) {
  auto tz = zone(time_zone);
  if (!tz) return tz.error();
  // (period start, agent, criterion) -> scores
  std::map<std::tuple<date::local_days, std::string, std::string>, Acc> acc;
  for (const auto& e : evaluations) {
    const auto local = (*tz)->to_local(date::sys_seconds(duration_cast<seconds>(milliseconds(e.ts_ms))));
    date::local_days day = date::floor<date::days>(local);
    if (interval == Interval::Week) {
      const date::weekday wd{day};
      day -= date::days((wd.c_encoding() + 6) % 7);  // back to Monday
    } else {
      const date::year_month_day ymd{day};
      day = date::local_days(ymd.year() / ymd.month() / 1);
    }
    acc[{day, e.agent, ""}].add(e.score);
    for (const auto& c : e.scores) {
      if (!c.score || c.max_score <= 0) continue;
      acc[{day, e.agent, c.criterion}].add(100.0 * *c.score / c.max_score);
    }
  }
  std::vector<ReportRow> rows;
  for (const auto& [key, a] : acc) {
    const auto& [day, agent, criterion] = key;
    ReportRow r;
    r.start = ymd_text(date::year_month_day(day));
    r.start_ms = local_midnight_ms(*tz, day);
    r.agent = agent;
    r.criterion = criterion;
    r.evaluations = a.n;
    r.mean = round2(a.sum / a.n);
    r.min = round2(a.min);
    r.max = round2(a.max);
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace plateau::quality
