#include "provision/gateway.h"

#include <arpa/inet.h>

#include <cctype>
#include <charconv>

namespace plateau::provision {

namespace {

bool is_ip(int family, std::string_view s) {
  if (s.empty() || s.size() > 63) return false;
  unsigned char buf[16];
  return ::inet_pton(family, std::string(s).c_str(), buf) == 1;
}

// RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens.
bool is_dns_name(std::string_view s) {
  if (s.empty() || s.size() > 253) return false;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find('.', start);
    if (end == std::string_view::npos) end = s.size();
    const std::string_view label = s.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    }
    start = end + 1;
  }
  return true;
}

bool all_digits_and_dots(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return false;
  }
  return true;
}

// An IPv4 address, or a name that cannot be mistaken for a malformed one.
bool is_host(std::string_view s) { return all_digits_and_dots(s) ? is_ip(AF_INET, s) : is_dns_name(s); }

std::optional<uint16_t> parse_port(std::string_view p) {
  unsigned v = 0;
  auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), v);
  if (p.empty() || ec != std::errc() || end != p.data() + p.size() || v < 1 || v > 65535) return std::nullopt;
  return static_cast<uint16_t>(v);
}

}  // namespace

std::optional<Gateway> parse_gateway(std::string_view text) {
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view host = text.substr(1, close - 1);
    if (!is_ip(AF_INET6, host)) return std::nullopt;
    const std::string_view rest = text.substr(close + 1);
    if (rest.empty()) return Gateway{std::string(host), 0};
    if (rest.front() != ':') return std::nullopt;
    auto port = parse_port(rest.substr(1));
    if (!port) return std::nullopt;
    return Gateway{std::string(host), *port};
  }
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    if (!is_host(text)) return std::nullopt;
    return Gateway{std::string(text), 0};
  }
  if (text.find(':', colon + 1) != std::string_view::npos) {
    // Two colons or more: a bare IPv6 address, which cannot carry a port.
    if (!is_ip(AF_INET6, text)) return std::nullopt;
    return Gateway{std::string(text), 0};
  }
  const std::string_view host = text.substr(0, colon);
  auto port = parse_port(text.substr(colon + 1));
  if (!is_host(host) || !port) return std::nullopt;
  return Gateway{std::string(host), *port};
}

}  // namespace plateau::provision
