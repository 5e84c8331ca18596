// config.h — Plateau's settings: one typed struct, loaded from defaults, a TOML
// file, PLATEAU_* environment variables and command-line flags, in that order of
// precedence (a later layer overrides an earlier one).
//
// Every option is declared once, in the table of config/options.h; the file keys,
// the flags, the environment names, the defaults and docs/CONFIG.md all come from it.
// A bad value is an Error naming where it came from (file:line:col, variable or
// flag), the key and the reason; nothing is half-applied.
//
// Thread-safety: load() and friends are pure functions of their input (load() reads
// the configuration file, nothing else); call them on the main thread at start-up.
// A loaded Config is a plain value, shared read-only afterwards.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace CLI {
class App;
}

namespace plateau::config {

struct Endpoint {
  std::string host;   // IPv4, IPv6 (without brackets) or a host name
  uint16_t port = 0;  // 1-65535
  bool operator==(const Endpoint&) const = default;
};

// One field per option of the table (key in the comment).
struct Config {
  std::string data_dir;              // data_dir
  Endpoint sip_listen;               // sip.listen
  std::string sip_advertise;         // sip.advertise ("" = automatic)
  std::string sip_realm;             // sip.realm
  bool sip_tcp = true;               // sip.tcp
  int sip_register_min_expires = 0;  // sip.register_min_expires (s)
  int sip_register_max_expires = 0;  // sip.register_max_expires (s)
  int sip_auth_fail_limit = 0;       // sip.auth_fail_limit
  int sip_auth_fail_window = 0;      // sip.auth_fail_window (s)
  int sip_auth_block = 0;            // sip.auth_block (s)
  int rtp_port_min = 0;              // rtp.port_min
  int rtp_port_max = 0;              // rtp.port_max
  Endpoint http_listen;              // http.listen
  std::string http_api_token;        // http.api_token ("" = generated into <data_dir>/api-token)
  std::string http_web_dir;          // http.web_dir ("" = web/dist found from the cwd or the binary)
  int auth_session_seconds = 0;      // auth.session_seconds
  std::string store_path;            // store.path (relative to data_dir unless absolute)
  bool recording_enabled = true;     // recording.enabled
  std::string recording_dir;         // recording.dir (relative to data_dir unless absolute)
  int recording_purge_delay = 60;    // recording.purge_delay (s)
  std::string prompts_dir;           // prompts.dir (relative to data_dir unless absolute)
  std::string provision_file;        // provision.file ("" = none)
  bool provision_demo = true;        // provision.demo
  std::string reports_queue_log_file;  // reports.queue_log_file ("" = none; "{tenant}" = one file per tenant)
  std::string log_level;             // log.level: trace, debug, info, warn, error
  std::string log_file;              // log.file ("" = stderr)
};

struct LoadInput {
  std::optional<std::string> config_file;    // from --config
  std::map<std::string, std::string> flags;  // flag -> value, e.g. "--sip-listen" -> "127.0.0.1:5070"
  std::map<std::string, std::string> env;    // the environment; only PLATEAU_<KEY> names are read
};

struct LoadedConfig {
  Config config;
  // Option key -> where its value came from: "default", "file:<path>",
  // "env:PLATEAU_X" or "flag:--x".
  std::map<std::string, std::string> sources;
};

// Defaults < file < environment < flags. Errors carry a code among config.io,
// config.syntax, config.unknown_key, config.bad_value; when a file has several
// faults the message lists each on its own line.
Result<LoadedConfig> load(const LoadInput& input);

// The configuration as TOML, one `key = value  # source` line per option.
// The API token is masked.
std::string dump(const LoadedConfig& loaded);

// docs/CONFIG.md: the precedence rules and one table row per option.
std::string reference_markdown();

// Registers `--config FILE` and every option's flag on `app`; each flag given on
// the command line lands in `out` as flag -> value (e.g. "--config" -> "a.toml").
void add_flags(CLI::App& app, std::map<std::string, std::string>& out);

// Splits what add_flags collected into a LoadInput (--config becomes config_file).
LoadInput input_from(const std::map<std::string, std::string>& flags,
                     const std::map<std::string, std::string>& env);

// "PLATEAU_" + the key upper-cased, dots as underscores: sip.listen -> PLATEAU_SIP_LISTEN.
std::string env_name(std::string_view key);

}  // namespace plateau::config
