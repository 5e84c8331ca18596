// render.cpp — dump() and reference_markdown(): the table turned into text.
#include <string>

#include "config/config.h"
#include "config/options.h"
#include "config/values.h"

namespace plateau::config {

namespace {

std::string type_doc(const Option& opt) {
  if (opt.type == Type::String && !opt.choices.empty()) {
    std::string out = "one of ";
    for (char c : opt.choices) out += c == '|' ? std::string(", ") : std::string(1, c);
    return out;
  }
  return type_label(opt);
}

}  // namespace

std::string dump(const LoadedConfig& loaded) {
  std::string out;
  for (const Option& opt : options()) {
    std::string value = format_value(opt, loaded.config);
    // The token grants full API access; a dump is often pasted into tickets.
    if (opt.key == "http.api_token" && !loaded.config.http_api_token.empty()) value = quote("********");
    auto src = loaded.sources.find(std::string(opt.key));
    out += std::string(opt.key) + " = " + value + "  # " + (src == loaded.sources.end() ? "?" : src->second) +
           "\n";
  }
  return out;
}

std::string reference_markdown() {
  std::string md =
      "# Configuration reference\n"
      "\n"
      "Every setting of `plateau` can be given in four places. A later one overrides an earlier one:\n"
      "\n"
      "1. the built-in default;\n"
      "2. the TOML file named by `--config FILE`: keys with a dot live in the table of that name, so "
      "`sip.listen`\n"
      "   is `listen` under `[sip]` (or written `sip.listen = ...` at the top);\n"
      "3. the environment: `PLATEAU_` followed by the key in upper case with dots as underscores\n"
      "   (`sip.listen` is `PLATEAU_SIP_LISTEN`); other `PLATEAU_*` variables are ignored;\n"
      "4. the command-line flag (`--sip-listen 127.0.0.1:5070`), accepted by `plateau serve`,\n"
      "   `plateau config dump` and `plateau provision`.\n"
      "\n"
      "In the environment and on the command line, booleans are written `true`/`false`, `yes`/`no`, "
      "`on`/`off`\n"
      "or `1`/`0`. An endpoint is `host:port`, with IPv6 addresses in brackets: `[::1]:5060`. Relative "
      "paths\n"
      "(`store.path`, `recording.dir`, `prompts.dir`) are taken under `data_dir`.\n"
      "\n"
      "A wrong value stops the start with a message naming its origin (`file:line:column`, variable or "
      "flag),\n"
      "the key and the reason, e.g.\n"
      "`plateau.toml:7:1: sip.listen: \"0.0.0.0:99999\" is not a valid host:port (port must be 1-65535)`.\n"
      "Unknown keys in the file are errors too. `plateau config dump` prints the effective configuration\n"
      "with the origin of every value.\n"
      "\n"
      "This page is produced from the table of options in `src/config/options.cpp`; a unit test fails when\n"
      "they differ.\n"
      "\n"
      "| Key | Flag | Environment | Type | Default | Description |\n"
      "| --- | --- | --- | --- | --- | --- |\n";
  for (const Option& opt : options()) {
    const std::string def =
        opt.default_value.empty() ? "(empty)" : "`" + std::string(opt.default_value) + "`";
    md += "| `" + std::string(opt.key) + "` | `" + std::string(opt.flag) + "` | `" + env_name(opt.key) +
          "` | " + type_doc(opt) + " | " + def + " | " + std::string(opt.description) + " |\n";
  }
  return md;
}

}  // namespace plateau::config
