// cidr.h — IP addresses against CIDR blocks, for trunk source checks.
//
// Blocks are "10.1.2.0/24", "2001:db8::/32" or single addresses ("127.0.0.1",
// "::1"). An IPv4-mapped IPv6 address (::ffff:a.b.c.d) matches as its IPv4 form.
// Bits of a block beyond its prefix are ignored ("10.1.2.3/24" is 10.1.2.0/24).
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plateau::provision {

struct Cidr {
  bool v6 = false;
  std::array<uint8_t, 16> addr{};  // IPv4 uses the first 4 bytes
  int prefix = 0;                  // 0..32 or 0..128
};

// nullopt when `text` is neither an address nor a valid block.
std::optional<Cidr> parse_cidr(std::string_view text);

// Whether `ip` lies in one of `cidrs`; false for an unparsable ip, and unparsable
// blocks never match.
bool address_in_cidrs(std::string_view ip, const std::vector<std::string>& cidrs);

}  // namespace plateau::provision
