// text.cpp — parsing and printing the text forms of text.h.
#include "calendar/text.h"

#include <algorithm>
#include <cstdio>

namespace plateau::calendar {

namespace {

// `n` digits at the front of `s`, consumed; -1 if they are not there.
int digits(std::string_view& s, size_t n) {
  if (s.size() < n) return -1;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  s.remove_prefix(n);
  return v;
}

bool take(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}

// "HH:MM" with 00 <= HH <= 24 and MM < 60 (24 only as 24:00) -> minutes; -1 if not.
int clock_minutes(std::string_view& s) {
  const int h = digits(s, 2);
  if (h < 0 || !take(s, ':')) return -1;
  const int m = digits(s, 2);
  if (m < 0 || m > 59 || h > 24 || (h == 24 && m != 0)) return -1;
  return h * 60 + m;
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string two(int v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

}  // namespace

bool valid_date(const model::Date& d) {
  if (d.year < 1900 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  const int last = d.month == 2 && leap ? 29 : kDays[d.month - 1];
  return d.day <= last;
}

Result<model::TimeRange> parse_range(std::string_view text) {
  std::string_view s = text;
  const int start = clock_minutes(s);
  const bool dash = start >= 0 && take(s, '-');
  const int end = dash ? clock_minutes(s) : -1;
  if (end < 0 || !s.empty()) {
    return make_error("calendar.bad_range", quoted(text) +
                                                " is not a time range (expected \"HH:MM-HH:MM\", e.g. "
                                                "\"08:00-12:30\"; \"00:00-24:00\" for the whole day)");
  }
  if (start >= end) {
    return make_error("calendar.bad_range",
                      quoted(text) + ": the range must end after it starts, the same day (a range cannot cross "
                                     "midnight: write \"22:00-24:00\" and \"00:00-06:00\" on the next day)");
  }
  return model::TimeRange{start, end};
}

Result<model::Date> parse_date(std::string_view text) {
  std::string_view s = text;
  model::Date d;
  d.year = digits(s, 4);
  const bool ok1 = d.year >= 0 && take(s, '-');
  d.month = ok1 ? digits(s, 2) : -1;
  const bool ok2 = d.month >= 0 && take(s, '-');
  d.day = ok2 ? digits(s, 2) : -1;
  if (d.day < 0 || !s.empty()) {
    return make_error("calendar.bad_date", quoted(text) + " is not a date (expected \"YYYY-MM-DD\", e.g. "
                                                          "\"2026-12-31\")");
  }
  if (!valid_date(d)) {
    return make_error("calendar.bad_date",
                      quoted(text) + " is not a date of the Gregorian calendar (years 1900..9999)");
  }
  return d;
}

Result<model::DateHours> parse_date_hours(std::string_view text) {
  std::vector<std::string_view> words;
  for (size_t i = 0; i < text.size();) {
    const size_t j = std::min(text.find(' ', i), text.size());
    if (j > i) words.push_back(text.substr(i, j - i));
    i = j + 1;
  }
  if (words.empty()) {
    return make_error("calendar.bad_date",
                      "\"\" is not a date (expected \"YYYY-MM-DD\", optionally followed by the hours of a "
                      "short day: \"2026-12-31 08:00-13:00\")");
  }
  model::DateHours out;
  auto date = parse_date(words[0]);
  if (!date) return date.error();
  out.date = *date;
  for (size_t i = 1; i < words.size(); ++i) {
    auto r = parse_range(words[i]);
    if (!r) return r.error();
    out.ranges.push_back(*r);
  }
  if (Status st = check_ranges(out.ranges); !st) return st.error();
  return out;
}

Status check_ranges(std::vector<model::TimeRange>& ranges) {
  std::sort(ranges.begin(), ranges.end());
  for (size_t i = 1; i < ranges.size(); ++i) {
    if (ranges[i].start_min < ranges[i - 1].end_min) {
      return make_error("calendar.overlap", quoted(to_string(ranges[i - 1])) + " and " +
                                                quoted(to_string(ranges[i])) + " overlap");
    }
  }
  return {};
}

std::string to_string(const model::TimeRange& r) {
  return two(r.start_min / 60) + ":" + two(r.start_min % 60) + "-" + two(r.end_min / 60) + ":" +
         two(r.end_min % 60);
}

std::string to_string(const model::Date& d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string to_string(const model::DateHours& d) {
  std::string s = to_string(d.date);
  for (const auto& r : d.ranges) s += " " + to_string(r);
  return s;
}

}  // namespace plateau::calendar
