// load.cpp — the layers of load(): defaults, file, environment, flags.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <tuple>
#include <vector>

#include <toml++/toml.h>

#include "config/config.h"
#include "config/options.h"
#include "config/values.h"

namespace plateau::config {

namespace {

// Faults of one load, reported together so a file with three typos needs one round.
struct Faults {
  std::string code;
  std::vector<std::string> lines;
  // File faults wait here until sorted: toml++ tables iterate in key order, not file order.
  std::vector<std::tuple<uint32_t, uint32_t, std::string, std::string>> located;
  void add_at(const toml::source_region& r, const std::string& c, std::string line) {
    located.emplace_back(r.begin.line, r.begin.column, c, std::move(line));
  }
  void flush_located() {
    std::stable_sort(located.begin(), located.end(), [](const auto& a, const auto& b) {
      return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
    });
    for (auto& [l, c, code_, line] : located) add(code_, std::move(line));
    located.clear();
  }
  void add(const std::string& c, std::string line) {
    if (code.empty()) code = c;
    lines.push_back(std::move(line));
  }
  bool empty() const { return lines.empty(); }
  Error error() const {
    std::string msg;
    for (const auto& l : lines) msg += (msg.empty() ? "" : "\n") + l;
    return make_error(code, msg);
  }
};

std::string where(const std::string& path, const toml::source_region& r) {
  return path + ":" + std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column);
}

size_t distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string unknown_key_reason(std::string_view key) {
  std::string best;
  // Close enough to be a typo or a guessed suffix (listen_port for listen).
  size_t best_d = std::max<size_t>(3, key.size() / 3 + 1);
  for (const Option& o : options()) {
    size_t d = distance(key, o.key);
    if (d < best_d) {
      best_d = d;
      best = o.key;
    }
  }
  return best.empty() ? "unknown key" : "unknown key (did you mean " + best + "?)";
}

bool is_section(std::string_view prefix) {
  for (const Option& o : options()) {
    if (o.key.size() > prefix.size() && o.key.substr(0, prefix.size()) == prefix &&
        o.key[prefix.size()] == '.') {
      return true;
    }
  }
  return false;
}

std::optional<RawValue> raw_of(const toml::node& node) {
  if (auto s = node.value<std::string>(); s && node.is_string()) return RawValue{*s};
  if (node.is_integer()) return RawValue{node.as_integer()->get()};
  if (node.is_boolean()) return RawValue{node.as_boolean()->get()};
  return std::nullopt;
}

const char* toml_kind(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "a date/time";
    default:
      return "an unsupported value";
  }
}

void walk(const toml::table& table, const std::string& prefix, const std::string& path, LoadedConfig& out,
          Faults& faults) {
  for (auto&& [k, node] : table) {
    const std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    const auto& region = k.source().begin.line ? k.source() : node.source();
    const std::string at = where(path, region);
    if (const Option* opt = find_option(key)) {
      auto raw = raw_of(node);
      if (!raw) {
        const char* want = opt->type == Type::Int    ? "an integer"
                           : opt->type == Type::Bool ? "a boolean"
                                                     : "a string";
        faults.add_at(region, "config.bad_value",
                      at + ": " + key + ": expected " + want + ", got " + toml_kind(node));
        continue;
      }
      if (Status st = assign(*opt, *raw, out.config); !st) {
        faults.add_at(region, st.error().code, at + ": " + key + ": " + st.error().message);
        continue;
      }
      out.sources[key] = "file:" + path;
    } else if (node.is_table() && is_section(key)) {
      walk(*node.as_table(), key, path, out, faults);
    } else {
      faults.add_at(region, "config.unknown_key", at + ": " + key + ": " + unknown_key_reason(key));
    }
  }
}

void apply_file(const std::string& path, LoadedConfig& out, Faults& faults) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    faults.add("config.io", path + ": cannot read the configuration file: " + std::strerror(errno));
    return;
  }
  std::ostringstream text;
  text << in.rdbuf();
  toml::table root;
  try {
    root = toml::parse(text.str(), path);
  } catch (const toml::parse_error& e) {
    faults.add("config.syntax",
               where(path, e.source()) + ": TOML syntax error: " + std::string(e.description()));
    return;
  }
  walk(root, "", path, out, faults);
  faults.flush_located();
}

// Pairs that only make sense in one order; checked once every layer is in.
void check_orders(LoadedConfig& out, Faults& faults) {
  struct Pair {
    const char* low;
    const char* high;
    int Config::*lo;
    int Config::*hi;
  };
  static constexpr Pair kPairs[] = {
      {"rtp.port_min", "rtp.port_max", &Config::rtp_port_min, &Config::rtp_port_max},
      {"sip.register_min_expires", "sip.register_max_expires", &Config::sip_register_min_expires,
       &Config::sip_register_max_expires},
  };
  for (const Pair& p : kPairs) {
    const int lo = out.config.*p.lo;
    const int hi = out.config.*p.hi;
    if (lo > hi) {
      faults.add("config.bad_value", std::string(p.low) + " (" + std::to_string(lo) + ", from " +
                                         out.sources[p.low] + ") must not exceed " + p.high + " (" +
                                         std::to_string(hi) + ", from " + out.sources[p.high] + ")");
    }
  }
}

}  // namespace

std::string env_name(std::string_view key) {
  std::string out = "PLATEAU_";
  for (char c : key) out += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Result<LoadedConfig> load(const LoadInput& input) {
  LoadedConfig out;
  for (const Option& opt : options()) {
    if (Status st = assign(opt, Text{std::string(opt.default_value)}, out.config); !st) {
      return make_error("config.internal", std::string(opt.key) + ": bad default: " + st.error().message);
    }
    out.sources[std::string(opt.key)] = "default";
  }

  Faults faults;
  if (input.config_file) apply_file(*input.config_file, out, faults);

  for (const Option& opt : options()) {
    const std::string name = env_name(opt.key);
    auto it = input.env.find(name);
    if (it == input.env.end()) continue;
    if (Status st = assign(opt, Text{it->second}, out.config); !st) {
      faults.add(st.error().code, name + ": " + std::string(opt.key) + ": " + st.error().message);
      continue;
    }
    out.sources[std::string(opt.key)] = "env:" + name;
  }

  for (const auto& [flag, value] : input.flags) {
    const Option* opt = nullptr;
    for (const Option& o : options()) {
      if (o.flag == flag) opt = &o;
    }
    if (!opt) {
      faults.add("config.unknown_key", flag + ": unknown flag");
      continue;
    }
    if (Status st = assign(*opt, Text{value}, out.config); !st) {
      faults.add(st.error().code, flag + ": " + std::string(opt->key) + ": " + st.error().message);
      continue;
    }
    out.sources[std::string(opt->key)] = "flag:" + flag;
  }

  if (faults.empty()) check_orders(out, faults);
  if (!faults.empty()) return faults.error();
  return out;
}

}  // namespace plateau::config
