// values.h — one option's value: parsing, validation and formatting.
//
// Values reach an option either typed (from TOML: string, integer, boolean) or as
// text (environment variables and flags); both go through assign(), so the rules
// (ranges, host:port syntax, choices) are the same wherever a value comes from.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "common/result.h"
#include "config/config.h"
#include "config/options.h"

namespace plateau::config {

// A value as the source gave it. `Text` is the untyped form of env and flags.
struct Text {
  std::string value;
};
using RawValue = std::variant<Text, std::string, int64_t, bool>;

// Stores `raw` into the option's field of `cfg`. On failure returns the reason,
// starting with the offending value: `"0.0.0.0:99999" is not a valid host:port
// (port must be 1-65535)`; `cfg` is then unchanged.
Status assign(const Option& opt, const RawValue& raw, Config& cfg);

// "host:port" or "[v6]:port"; the reason on failure, as above.
Result<Endpoint> parse_endpoint(std::string_view text);

// An IPv4 or IPv6 address, or a DNS host name.
bool valid_host(std::string_view host);

// The option's current value in `cfg` as a TOML literal: "text", 42, true.
std::string format_value(const Option& opt, const Config& cfg);

// A TOML basic string literal, with quotes and escapes.
std::string quote(std::string_view s);

}  // namespace plateau::config
