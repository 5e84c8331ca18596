// reference.h — docs/METRICS.md, generated from the catalogue so that the
// documentation cannot drift from what /metrics serves. A unit test compares
// the file with this output (PLATEAU_UPDATE_DOCS=1 rewrites it).
//
// Pure function; any thread.
#pragma once

#include <string>

namespace plateau::metrics {

std::string reference_markdown();

}  // namespace plateau::metrics
