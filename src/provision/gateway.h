// gateway.h — where a trunk sends outgoing calls: "host" or "host:port".
//
// The host is a DNS name ("sbc.example.com"), an IPv4 address ("192.0.2.10")
// or an IPv6 address, bare without a port ("2001:db8::1") and in brackets with
// one ("[2001:db8::1]:5060"). The port is 1..65535; 0 in Gateway means none
// was written (the SIP default applies).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace plateau::provision {

struct Gateway {
  std::string host;  // without brackets
  uint16_t port = 0;
  bool operator==(const Gateway&) const = default;
};

// nullopt when `text` is not "host" or "host:port" as above.
std::optional<Gateway> parse_gateway(std::string_view text);

}  // namespace plateau::provision
