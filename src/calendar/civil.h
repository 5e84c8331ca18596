// civil.h — model::Date <-> <date/date.h> days (private to src/calendar).
// Thread-safety: pure inline functions.
#pragma once

#include <chrono>

#include <date/date.h>

#include "model/schedule.h"

namespace plateau::calendar {

template <class Clock>
model::Date date_of(std::chrono::time_point<Clock, date::days> d) {
  const date::year_month_day ymd(date::sys_days(d.time_since_epoch()));
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

inline date::sys_days days_of(const model::Date& d) {
  return date::sys_days(date::year(d.year) / date::month(static_cast<unsigned>(d.month)) /
                        date::day(static_cast<unsigned>(d.day)));
}

}  // namespace plateau::calendar
