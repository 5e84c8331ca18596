// options.h — the one table of configuration options.
//
// Each descriptor names the TOML key, the flag, the value type with its limits,
// the default (written as it would be on the command line) and a one-line
// description, and points at the Config field it fills. Loading, dumping, the
// command line and docs/CONFIG.md all iterate over this table; adding an option
// means adding a Config field and one row.
// Thread-safety: immutable data.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "config/config.h"

namespace plateau::config {

enum class Type {
  String,    // free text; `choices` may restrict it ("a|b|c")
  Int,       // integer within [min, max]
  Bool,      // true/false (also yes/no, on/off, 1/0 from the environment or a flag)
  Endpoint,  // host:port, IPv6 as [addr]:port
  Host,      // an IP address or host name, or empty
  Path,      // a file or directory; `may_be_empty` says whether "" is allowed
};

using Field = std::variant<std::string Config::*, int Config::*, bool Config::*, Endpoint Config::*>;

struct Option {
  std::string_view key;   // "sip.listen"
  std::string_view flag;  // "--sip-listen"
  Type type;
  std::string_view default_value;  // in command-line form: "0.0.0.0:5060", "60", "true"
  std::string_view description;    // one line, for --help and docs/CONFIG.md
  Field field;
  int64_t min = 0;                // Int only
  int64_t max = 0;                // Int only
  std::string_view choices = {};  // String only: allowed values separated by '|'
  bool may_be_empty = false;      // String, Path, Host: whether "" is a valid value
};

std::span<const Option> options();

// The option with this key, or nullptr.
const Option* find_option(std::string_view key);

// "string", "integer 1-65535", "boolean", "host:port", "host", "path", "trace|debug|..."
std::string type_label(const Option& opt);

}  // namespace plateau::config
