#include "sip/dial_target.h"

#include <arpa/inet.h>

#include <cctype>
#include <charconv>
#include <optional>

namespace plateau::sip {

namespace {

bool is_ipv4(const std::string& s) {
  in_addr a{};
  return inet_pton(AF_INET, s.c_str(), &a) == 1;
}

bool is_ipv6(const std::string& s) {
  in6_addr a{};
  return inet_pton(AF_INET6, s.c_str(), &a) == 1;
}

bool valid_port(std::string_view p) {
  unsigned v = 0;
  auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), v);
  return !p.empty() && ec == std::errc() && end == p.data() + p.size() && v >= 1 && v <= 65535;
}

Error gateway_error(std::string_view gateway, std::string_view why) {
  return make_error("sip.dial_gateway", "gateway \"" + std::string(gateway) + "\": " + std::string(why) +
                                            " (expected host, host:port, with an optional ;transport=udp|tcp;"
                                            " host is an IP address)");
}

// "host[:port]" with host an IPv4 address or "[IPv6]": the same text back, or an error.
Result<std::string> host_port(std::string_view hp, std::string_view gateway) {
  std::string host;
  std::optional<std::string_view> port;
  if (hp.front() == '[') {
    const size_t close = hp.find(']');
    if (close == std::string_view::npos) return gateway_error(gateway, "no ']' after the IPv6 address");
    host = std::string(hp.substr(1, close - 1));
    if (!is_ipv6(host)) return gateway_error(gateway, "\"" + host + "\" is not an IPv6 address");
    const std::string_view rest = hp.substr(close + 1);
    if (!rest.empty() && rest.front() != ':')
      return gateway_error(gateway, "unexpected text after the address");
    if (!rest.empty()) port = rest.substr(1);
  } else {
    const size_t colon = hp.find(':');
    host = std::string(hp.substr(0, colon));
    if (!is_ipv4(host))
      return gateway_error(gateway, "\"" + host + "\" is not an IP address (names are not resolved)");
    if (colon != std::string_view::npos) port = hp.substr(colon + 1);
  }
  if (port && !valid_port(*port)) return gateway_error(gateway, "bad port");
  return std::string(hp);
}

// The number as a SIP user part, or "" if it is not dialable.
std::string number_user(std::string_view number) {
  std::string user;
  for (size_t i = 0; i < number.size(); ++i) {
    const char c = number[i];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '*' || (c == '+' && i == 0))
      user += c;
    else if (c == '#')
      user += "%23";
    else
      return "";
  }
  return user == "+" ? "" : user;
}

}  // namespace

Result<DialTarget> dial_target(std::string_view number, std::string_view gateway, std::string_view caller_id,
                               std::string_view our_host) {
  const std::string user = number_user(number);
  if (user.empty())
    return make_error("sip.dial_number", "number \"" + std::string(number) +
                                             "\" is not dialable (digits, a leading '+', '*', '#')");

  std::string_view hp = gateway.substr(0, gateway.find(';'));
  std::string transport;
  if (const size_t semi = gateway.find(';'); semi != std::string_view::npos) {
    std::string params(gateway.substr(semi + 1));
    for (char& c : params) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (params == "transport=tcp")
      transport = ";transport=tcp";
    else if (params != "transport=udp")
      return gateway_error(gateway, "unknown parameter \"" + params + "\"");
  }
  if (hp.empty()) return gateway_error(gateway, "no host");
  auto host = host_port(hp, gateway);
  if (!host) return host.error();

  std::string from = caller_id.empty() ? "anonymous" : std::string(caller_id);
  for (char c : from) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '*' && c != '.' && c != '-' &&
        c != '_')
      return make_error(
          "sip.dial_caller_id",
          "caller id \"" + from + "\" has a character other than letters, digits and + * . - _");
  }
  const std::string ours = our_host.find(':') != std::string_view::npos ? "[" + std::string(our_host) + "]"
                                                                        : std::string(our_host);
  return DialTarget{"sip:" + user + "@" + *host + transport, "sip:" + from + "@" + ours};
}

}  // namespace plateau::sip
