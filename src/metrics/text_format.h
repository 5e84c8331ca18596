// text_format.h — the pieces of the Prometheus text exposition format 0.0.4:
// number formatting and escaping of HELP text and label values.
//
// Pure functions; any thread.
#pragma once

#include <string>
#include <string_view>

namespace plateau::metrics {

// Shortest text that reads back as the same double: "1", "0.25", "5e-05",
// "+Inf", "-Inf", "NaN".
std::string format_value(double v);

// Label value: backslash, double quote and line feed are escaped.
std::string escape_label_value(std::string_view v);

// HELP text: backslash and line feed are escaped.
std::string escape_help(std::string_view v);

}  // namespace plateau::metrics
