// text.h — the text forms of a schedule's times and dates, as the provisioning
// file and the database write them, parsed with errors as values.
//
//   range       "08:00-12:30"   HH:MM-HH:MM, start before end, end at most "24:00"
//   date        "2026-12-31"    YYYY-MM-DD, a real Gregorian date, years 1900..9999
//   date hours  "2026-06-06"    a date closed all day
//               "2026-12-31 08:00-13:00"              a short day: open only then
//               "2026-12-31 08:00-10:00 14:00-16:00"  several ranges, space-separated
//
// Error codes: "calendar.bad_range", "calendar.bad_date", "calendar.overlap";
// messages quote the text and say what is expected.
// Thread-safety: pure functions, callable from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/schedule.h"

namespace plateau::calendar {

Result<model::TimeRange> parse_range(std::string_view text);
Result<model::Date> parse_date(std::string_view text);
// The ranges are sorted and checked with check_ranges.
Result<model::DateHours> parse_date_hours(std::string_view text);

// Sorts `ranges` by start; an Error ("calendar.overlap") names two that overlap
// ("08:00-12:00" and "11:00-14:00"). Ranges that only touch ("08:00-12:00",
// "12:00-14:00") are allowed: they make one opening.
Status check_ranges(std::vector<model::TimeRange>& ranges);

std::string to_string(const model::TimeRange& r);  // "08:00-12:30"
std::string to_string(const model::Date& d);       // "2026-12-31"
std::string to_string(const model::DateHours& d);  // "2026-12-31 08:00-13:00", or the date alone

// Whether the date exists in the Gregorian calendar (30 February does not).
bool valid_date(const model::Date& d);

}  // namespace plateau::calendar
