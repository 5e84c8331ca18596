// url.h — decoding of request targets: percent-decoding, query strings.
//
// Pure functions; any thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace plateau::http {

// %XX sequences decoded; with plus_as_space (query strings) '+' becomes ' '.
// nullopt on a malformed escape ("%", "%4", "%zz").
std::optional<std::string> percent_decode(std::string_view s, bool plus_as_space);

// "a=1&b=x%20y&flag" -> {a:1, b:"x y", flag:""}; nullopt on a malformed escape.
std::optional<std::map<std::string, std::string>> parse_query(std::string_view query);

}  // namespace plateau::http
