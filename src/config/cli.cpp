// cli.cpp — the option table as CLI11 flags.
#include <cctype>

#include <CLI/CLI.hpp>

#include "config/config.h"
#include "config/options.h"

namespace plateau::config {

void add_flags(CLI::App& app, std::map<std::string, std::string>& out) {
  app.add_option_function<std::string>(
         "--config", [&out](const std::string& v) { out["--config"] = v; },
         "Configuration file (TOML); see docs/CONFIG.md")
      ->type_name("FILE");
  for (const Option& opt : options()) {
    std::string flag(opt.flag);
    std::string help = std::string(opt.description) + " [" + env_name(opt.key) + "; default: " +
                       (opt.default_value.empty() ? std::string("empty") : std::string(opt.default_value)) +
                       "]";
    std::string type = type_label(opt);
    if (opt.choices.empty()) {
      for (auto& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    app.add_option_function<std::string>(
           flag, [&out, flag](const std::string& v) { out[flag] = v; }, help)
        ->type_name(type);
  }
}

LoadInput input_from(const std::map<std::string, std::string>& flags,
                     const std::map<std::string, std::string>& env) {
  LoadInput in;
  in.flags = flags;
  if (auto it = in.flags.find("--config"); it != in.flags.end()) {
    in.config_file = it->second;
    in.flags.erase(it);
  }
  in.env = env;
  return in;
}

}  // namespace plateau::config
