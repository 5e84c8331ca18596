// day.h — "today" in a tenant's time zone: the local midnights around an
// instant, from the system tz database (Africa/Casablanca moves during
// Ramadan: only the database gets it right).
//
// Pure; any thread.
#pragma once

#include <cstdint>
#include <string_view>

namespace plateau::supervision {

struct LocalDay {
  int64_t start_ms = 0;  // local midnight at or before the instant (epoch ms)
  int64_t end_ms = 0;    // the next local midnight
};

// The local day of `ts_ms` in the IANA zone `tz`; an unknown zone counts as UTC.
LocalDay local_day(std::string_view tz, int64_t ts_ms);

}  // namespace plateau::supervision
