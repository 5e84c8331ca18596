#include "config/values.h"

#include <arpa/inet.h>

#include <cctype>
#include <charconv>
#include <cstdio>
#include <optional>

namespace plateau::config {

namespace {

Error bad(std::string reason) { return make_error("config.bad_value", std::move(reason)); }

bool is_ip(std::string_view s, int family) {
  if (s.empty() || s.size() > 63) return false;
  std::string z(s);
  unsigned char buf[16];
  return ::inet_pton(family, z.c_str(), buf) == 1;
}

std::optional<int64_t> parse_int(std::string_view s) {
  int64_t v = 0;
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (first != last && *first == '+') ++first;
  auto [end, ec] = std::from_chars(first, last, v);
  if (ec != std::errc() || end != last || first == last) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(std::string_view s) {
  std::string l;
  for (char c : s) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (l == "true" || l == "yes" || l == "on" || l == "1") return true;
  if (l == "false" || l == "no" || l == "off" || l == "0") return false;
  return std::nullopt;
}

const char* kind_of(const RawValue& raw) {
  switch (raw.index()) {
    case 1:
      return "a string";
    case 2:
      return "an integer";
    case 3:
      return "a boolean";
    default:
      return "text";
  }
}

std::string shown(const RawValue& raw) {
  if (const auto* t = std::get_if<Text>(&raw)) return quote(t->value);
  if (const auto* s = std::get_if<std::string>(&raw)) return quote(*s);
  if (const auto* i = std::get_if<int64_t>(&raw)) return std::to_string(*i);
  return std::get<bool>(raw) ? "true" : "false";
}

bool in_choices(std::string_view choices, std::string_view v) {
  while (!choices.empty()) {
    auto bar = choices.find('|');
    if (choices.substr(0, bar) == v) return true;
    if (bar == std::string_view::npos) break;
    choices.remove_prefix(bar + 1);
  }
  return false;
}

std::string choices_list(std::string_view choices) {
  std::string out;
  for (char c : choices) out += c == '|' ? std::string(", ") : std::string(1, c);
  return out;
}

// Validates a textual option (String, Host, Path, Endpoint) and stores it.
Status assign_text(const Option& opt, const std::string& v, Config& cfg) {
  if (opt.type == Type::Endpoint) {
    auto ep = parse_endpoint(v);
    if (!ep) return ep.error();
    cfg.*std::get<Endpoint Config::*>(opt.field) = *ep;
    return {};
  }
  if (v.empty() && !opt.may_be_empty) return bad("the value must not be empty");
  if (v.find('\0') != std::string::npos) return bad(quote(v) + " contains a NUL character");
  if (opt.type == Type::Host && !v.empty() && !valid_host(v)) {
    return bad(quote(v) + " is not an IP address or host name");
  }
  if (!opt.choices.empty() && !in_choices(opt.choices, v)) {
    return bad(quote(v) + " is not one of " + choices_list(opt.choices));
  }
  cfg.*std::get<std::string Config::*>(opt.field) = v;
  return {};
}

Status assign_int(const Option& opt, int64_t v, Config& cfg) {
  if (v < opt.min || v > opt.max) {
    return bad(std::to_string(v) + " is out of range (" + std::to_string(opt.min) + "-" +
               std::to_string(opt.max) + ")");
  }
  cfg.*std::get<int Config::*>(opt.field) = static_cast<int>(v);
  return {};
}

}  // namespace

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

bool valid_host(std::string_view host) {
  if (is_ip(host, AF_INET) || is_ip(host, AF_INET6)) return true;
  if (host.empty() || host.size() > 253) return false;
  std::string_view rest = host;
  std::string_view label;
  while (true) {
    auto dot = rest.find('.');
    label = rest.substr(0, dot);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    }
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  // An all-digit last label means a mistyped IPv4 address (999.1.1.1), not a name.
  for (char c : label) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return true;
  }
  return false;
}

Result<Endpoint> parse_endpoint(std::string_view text) {
  const std::string q = quote(text);
  auto fail = [&](const char* why) { return bad(q + " is not a valid host:port (" + why + ")"); };
  std::string_view host, port;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos) return fail("missing ']' after the IPv6 address");
    host = text.substr(1, close - 1);
    if (close + 1 >= text.size() || text[close + 1] != ':') return fail("missing :port");
    port = text.substr(close + 2);
    if (!is_ip(host, AF_INET6)) return fail("not an IPv6 address between the brackets");
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return fail("missing :port");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.find(':') != std::string_view::npos)
      return fail("write IPv6 addresses in brackets, e.g. [::1]:5060");
    if (host.empty()) return fail("missing host");
    if (!valid_host(host)) return fail("the host is not an IP address or host name");
  }
  for (char c : port) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return fail("port must be 1-65535");
  }
  auto p = parse_int(port);
  if (port.empty() || !p || *p < 1 || *p > 65535) return fail("port must be 1-65535");
  return Endpoint{std::string(host), static_cast<uint16_t>(*p)};
}

Status assign(const Option& opt, const RawValue& raw, Config& cfg) {
  if (const auto* t = std::get_if<Text>(&raw)) {
    switch (opt.type) {
      case Type::Int: {
        auto v = parse_int(t->value);
        if (!v) return bad(quote(t->value) + " is not an integer");
        return assign_int(opt, *v, cfg);
      }
      case Type::Bool: {
        auto v = parse_bool(t->value);
        if (!v) return bad(quote(t->value) + " is not a boolean (true/false, yes/no, on/off, 1/0)");
        cfg.*std::get<bool Config::*>(opt.field) = *v;
        return {};
      }
      default:
        return assign_text(opt, t->value, cfg);
    }
  }
  switch (opt.type) {
    case Type::Int:
      if (const auto* i = std::get_if<int64_t>(&raw)) return assign_int(opt, *i, cfg);
      return bad(std::string("expected an integer, got ") + kind_of(raw) + " (" + shown(raw) + ")");
    case Type::Bool:
      if (const auto* b = std::get_if<bool>(&raw)) {
        cfg.*std::get<bool Config::*>(opt.field) = *b;
        return {};
      }
      return bad(std::string("expected a boolean, got ") + kind_of(raw) + " (" + shown(raw) + ")");
    default:
      if (const auto* s = std::get_if<std::string>(&raw)) return assign_text(opt, *s, cfg);
      return bad(std::string("expected a string, got ") + kind_of(raw) + " (" + shown(raw) + ")");
  }
}

std::string format_value(const Option& opt, const Config& cfg) {
  return std::visit(
      [&](auto member) -> std::string {
        const auto& v = cfg.*member;
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::string>) {
          return quote(v);
        } else if constexpr (std::is_same_v<V, int>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<V, bool>) {
          return v ? "true" : "false";
        } else {
          const bool v6 = v.host.find(':') != std::string::npos;
          return quote((v6 ? "[" + v.host + "]" : v.host) + ":" + std::to_string(v.port));
        }
      },
      opt.field);
}

}  // namespace plateau::config
