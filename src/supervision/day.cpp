#include "supervision/day.h"

#include <chrono>
#include <stdexcept>
#include <string>

#include <date/tz.h>

namespace plateau::supervision {

LocalDay local_day(std::string_view tz, int64_t ts_ms) {
  using namespace std::chrono;
  const date::sys_time<milliseconds> t{milliseconds(ts_ms)};
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(std::string(tz));
  } catch (const std::runtime_error&) {
    zone = nullptr;
  }
  if (!zone) {
    const auto d = date::floor<date::days>(t);
    const int64_t start = duration_cast<milliseconds>(d.time_since_epoch()).count();
    return {start, start + 86'400'000};
  }
  const auto local = zone->to_local(t);
  const auto day = date::floor<date::days>(local);
  auto midnight = [&](date::local_days d) {
    // A midnight that does not exist (a spring-forward at 00:00) is the first instant after it.
    const auto info = zone->get_info(date::local_seconds(d.time_since_epoch()));
    date::sys_seconds s;
    if (info.result == date::local_info::nonexistent) {
      s = info.second.begin;
    } else {
      s = date::sys_seconds(d.time_since_epoch() - info.first.offset);
    }
    return duration_cast<milliseconds>(s.time_since_epoch()).count();
  };
  return {midnight(day), midnight(day + date::days(1))};
}

}  // namespace plateau::supervision
