// holidays.h — public holidays by set and year, computed (no year lists).
//
// Sets (names as the provisioning file writes them):
//   "MA"        Morocco: civil holidays on fixed Gregorian dates (1 Jan, 11 Jan,
//               14 Jan from 2024, 1 May, 30 Jul, 14 Aug, 20 Aug, 21 Aug, 6 Nov,
//               18 Nov) and religious ones on Hijri dates: 1-2 Shawwal (Eid
//               al-Fitr), 10-11 Dhu al-Hijja (Eid al-Adha), 1 Muharram (Islamic
//               New Year), 12-13 Rabi' al-awwal (Mawlid).
//   "FR"        France (metropolitan): 1 Jan, Easter Monday, 1 May, 8 May,
//               Ascension, Whit Monday, 14 Jul, 15 Aug, 1 Nov, 11 Nov, 25 Dec.
//   "FR-ALSACE" "FR" plus Good Friday and 26 Dec (Alsace and Moselle).
//   "ES"        Spain, national: 1 Jan, 6 Jan, Good Friday, 1 May, 15 Aug,
//               12 Oct, 1 Nov, 6 Dec, 8 Dec, 25 Dec.
// Easter is the Gregorian computus. Hijri dates use the arithmetical Islamic
// calendar of <date/islamic.h> (30-year cycle, leap years 2, 5, 7, 10, 13, 16,
// 18, 21, 24, 26, 29): the date announced in Morocco after the sighting of the
// moon can be one day later (rarely earlier). The tenant corrects a year's
// date in its schedule: `open` for the computed day, `closed` for the announced
// one (docs/PROVISIONING.md).
//
// Each holiday has a stable key ("ma.throne_day", "fr.easter_monday") that does
// not change with the year; the days of a two-day holiday share their key.
// Thread-safety: pure functions on constant tables, callable from any thread.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "model/schedule.h"

namespace plateau::calendar {

struct Holiday {
  model::Date date;
  std::string_view key;      // "ma.eid_al_fitr"
  std::string_view name_fr;  // "Aïd al-Fitr"
  std::string_view name_en;  // "Eid al-Fitr"
};

// The set names known, in a fixed order: "MA", "FR", "FR-ALSACE", "ES".
std::span<const std::string_view> holiday_sets();
bool holiday_set_known(std::string_view set);

// The holidays of `set` falling in Gregorian year `year`, by date (empty for an
// unknown set). A Hijri holiday may fall twice in one year (Islamic New Year
// 2008: 10 January and 29 December).
std::vector<Holiday> holidays_of(std::string_view set, int year);

// The name of a holiday key in "fr" or "en" (any other language: English);
// "" for an unknown key.
std::string_view holiday_name(std::string_view key, std::string_view language);

// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm).
model::Date easter(int year);

}  // namespace plateau::calendar
