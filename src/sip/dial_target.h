// dial_target.h — the SIP addresses of an outgoing call (model::Dial) built from
// the number, the trunk's gateway and the caller id, checked before anything is
// sent.
//
//   number     digits, an optional leading '+', '*' and '#' ('#' is sent as %23)
//   gateway    "host", "host:port" or either with ";transport=udp|tcp"; host is an
//              IPv4 address or a bracketed IPv6 address ("[2001:db8::1]:5060"):
//              the stack has no DNS resolver, so names are refused
//   caller_id  the From user part: letters, digits and + * . - _ ("" = anonymous)
//
// Pure (no libre): any thread.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace plateau::sip {

struct DialTarget {
  std::string request_uri;  // sip:<number>@<gateway>[;transport=tcp]
  std::string from_uri;     // sip:<caller_id>@<our host>
};

// Error codes: "sip.dial_number" (the number is empty or has other characters),
// "sip.dial_gateway" (not an address of the forms above), "sip.dial_caller_id".
// `our_host` is our advertised IP address (IPv6 without brackets).
Result<DialTarget> dial_target(std::string_view number, std::string_view gateway, std::string_view caller_id,
                               std::string_view our_host);

}  // namespace plateau::sip
