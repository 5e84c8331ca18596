#include "config/options.h"

#include <array>

namespace plateau::config {

namespace {

constexpr std::array kOptions{
    Option{.key = "data_dir",
           .flag = "--data-dir",
           .type = Type::Path,
           .default_value = "data",
           .description = "Where the database, recordings and generated prompts live",
           .field = &Config::data_dir},
    Option{.key = "sip.listen",
           .flag = "--sip-listen",
           .type = Type::Endpoint,
           .default_value = "0.0.0.0:5060",
           .description = "SIP address, served over UDP and (when sip.tcp is on) TCP",
           .field = &Config::sip_listen},
    Option{.key = "sip.advertise",
           .flag = "--sip-advertise",
           .type = Type::Host,
           .default_value = "",
           .description =
               "Address put in Contact and SDP; empty = the listen address, or the machine's default "
               "source address when listening on 0.0.0.0",
           .field = &Config::sip_advertise,
           .may_be_empty = true},
    Option{.key = "sip.realm",
           .flag = "--sip-realm",
           .type = Type::String,
           .default_value = "plateau",
           .description = "Digest authentication realm (phone HA1 secrets depend on it)",
           .field = &Config::sip_realm},
    Option{.key = "sip.tcp",
           .flag = "--sip-tcp",
           .type = Type::Bool,
           .default_value = "true",
           .description = "Also accept SIP over TCP on sip.listen",
           .field = &Config::sip_tcp},
    Option{.key = "sip.register_min_expires",
           .flag = "--sip-register-min-expires",
           .type = Type::Int,
           .default_value = "60",
           .description = "Shortest registration accepted, in seconds (shorter: 423)",
           .field = &Config::sip_register_min_expires,
           .min = 1,
           .max = 86400},
    Option{.key = "sip.register_max_expires",
           .flag = "--sip-register-max-expires",
           .type = Type::Int,
           .default_value = "3600",
           .description = "Longest registration granted, in seconds (longer is capped)",
           .field = &Config::sip_register_max_expires,
           .min = 1,
           .max = 86400},
    Option{.key = "sip.auth_fail_limit",
           .flag = "--sip-auth-fail-limit",
           .type = Type::Int,
           .default_value = "10",
           .description =
               "Failed authentications from one source address within the window before it is blocked",
           .field = &Config::sip_auth_fail_limit,
           .min = 1,
           .max = 100000},
    Option{.key = "sip.auth_fail_window",
           .flag = "--sip-auth-fail-window",
           .type = Type::Int,
           .default_value = "60",
           .description = "Window over which failed authentications are counted, in seconds",
           .field = &Config::sip_auth_fail_window,
           .min = 1,
           .max = 86400},
    Option{.key = "sip.auth_block",
           .flag = "--sip-auth-block",
           .type = Type::Int,
           .default_value = "300",
           .description = "How long a blocked source address stays blocked, in seconds",
           .field = &Config::sip_auth_block,
           .min = 1,
           .max = 604800},
    Option{.key = "rtp.port_min",
           .flag = "--rtp-port-min",
           .type = Type::Int,
           .default_value = "10000",
           .description = "Lowest UDP port used for RTP",
           .field = &Config::rtp_port_min,
           .min = 1024,
           .max = 65535},
    Option{.key = "rtp.port_max",
           .flag = "--rtp-port-max",
           .type = Type::Int,
           .default_value = "20000",
           .description = "Highest UDP port used for RTP (at least rtp.port_min)",
           .field = &Config::rtp_port_max,
           .min = 1024,
           .max = 65535},
    Option{.key = "http.listen",
           .flag = "--http-listen",
           .type = Type::Endpoint,
           .default_value = "0.0.0.0:8080",
           .description = "HTTP address of the REST API, event stream and web console",
           .field = &Config::http_listen},
    Option{.key = "http.api_token",
           .flag = "--http-api-token",
           .type = Type::String,
           .default_value = "",
           .description = "Bearer token of the API; empty = a random token generated on first start into "
                          "the file api-token under data_dir",
           .field = &Config::http_api_token,
           .may_be_empty = true},
    Option{.key = "http.web_dir",
           .flag = "--http-web-dir",
           .type = Type::Path,
           .default_value = "",
           .description = "Directory of the built web agent desktop served at / (relative to the working "
                          "directory unless absolute); empty = web/dist under the working directory or under "
                          "an ancestor of the binary's directory, not served when none is found",
           .field = &Config::http_web_dir,
           .may_be_empty = true},
    Option{.key = "auth.session_seconds",
           .flag = "--auth-session-seconds",
           .type = Type::Int,
           .default_value = "43200",
           .description = "How long a token given at login is valid, in seconds (12 hours: a shift with its "
                          "breaks); logout, a password change or the user's removal end it sooner",
           .field = &Config::auth_session_seconds,
           .min = 10,
           .max = 2592000},
    Option{.key = "store.path",
           .flag = "--store-path",
           .type = Type::Path,
           .default_value = "plateau.db",
           .description = "SQLite database file, relative to data_dir unless absolute",
           .field = &Config::store_path},
    Option{.key = "recording.enabled",
           .flag = "--recording-enabled",
           .type = Type::Bool,
           .default_value = "true",
           .description = "Record every answered call",
           .field = &Config::recording_enabled},
    Option{.key = "recording.dir",
           .flag = "--recording-dir",
           .type = Type::Path,
           .default_value = "recordings",
           .description = "Where recordings are written, relative to data_dir unless absolute",
           .field = &Config::recording_dir},
    Option{.key = "recording.purge_delay",
           .flag = "--recording-purge-delay",
           .type = Type::Int,
           .default_value = "60",
           .description = "Seconds after start before the first retention purge of recordings (then one every hour)",
           .field = &Config::recording_purge_delay,
           .min = 0,
           .max = 86400},
    Option{.key = "prompts.dir",
           .flag = "--prompts-dir",
           .type = Type::Path,
           .default_value = "prompts",
           .description = "Where voice prompts are generated and read, relative to data_dir unless absolute",
           .field = &Config::prompts_dir},
    Option{.key = "provision.file",
           .flag = "--provision-file",
           .type = Type::Path,
           .default_value = "",
           .description = "Provisioning file applied at start (see docs/PROVISIONING.md); empty = none",
           .field = &Config::provision_file,
           .may_be_empty = true},
    Option{.key = "provision.demo",
           .flag = "--provision-demo",
           .type = Type::Bool,
           .default_value = "true",
           .description = "Apply the shipped demo provisioning when the database holds no tenant",
           .field = &Config::provision_demo},
    Option{.key = "reports.queue_log_file",
           .flag = "--reports-queue-log-file",
           .type = Type::Path,
           .default_value = "",
           .description = "Asterisk queue_log file to which each event's lines are appended once committed, for "
                          "wallboards that tail it (docs/EXPORTS.md); relative to data_dir unless absolute; "
                          "\"{tenant}\" in the path makes one file per tenant; empty = none",
           .field = &Config::reports_queue_log_file,
           .may_be_empty = true},
    Option{.key = "log.level",
           .flag = "--log-level",
           .type = Type::String,
           .default_value = "info",
           .description = "Least severe level logged",
           .field = &Config::log_level,
           .choices = "trace|debug|info|warn|error"},
    Option{.key = "log.file",
           .flag = "--log-file",
           .type = Type::Path,
           .default_value = "",
           .description = "Log file; empty = standard error",
           .field = &Config::log_file,
           .may_be_empty = true},
};

}  // namespace

std::span<const Option> options() { return kOptions; }

const Option* find_option(std::string_view key) {
  for (const Option& o : kOptions) {
    if (o.key == key) return &o;
  }
  return nullptr;
}

std::string type_label(const Option& opt) {
  switch (opt.type) {
    case Type::String:
      return opt.choices.empty() ? "string" : std::string(opt.choices);
    case Type::Int:
      return "integer " + std::to_string(opt.min) + "-" + std::to_string(opt.max);
    case Type::Bool:
      return "boolean";
    case Type::Endpoint:
      return "host:port";
    case Type::Host:
      return "host";
    case Type::Path:
      return "path";
  }
  return "?";
}

}  // namespace plateau::config
