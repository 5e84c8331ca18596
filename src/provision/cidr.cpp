#include "provision/cidr.h"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace plateau::provision {

namespace {

std::optional<Cidr> parse_address(std::string_view text) {
  if (text.empty() || text.size() > 63) return std::nullopt;
  const std::string z(text);
  Cidr c;
  if (::inet_pton(AF_INET, z.c_str(), c.addr.data()) == 1) {
    c.prefix = 32;
    return c;
  }
  if (::inet_pton(AF_INET6, z.c_str(), c.addr.data()) == 1) {
    static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(c.addr.data(), kMapped, sizeof kMapped) == 0) {
      // Compare IPv4-mapped peers (dual-stack sockets) with IPv4 blocks.
      std::memmove(c.addr.data(), c.addr.data() + 12, 4);
      std::memset(c.addr.data() + 4, 0, 12);
      c.prefix = 32;
      return c;
    }
    c.v6 = true;
    c.prefix = 128;
    return c;
  }
  return std::nullopt;
}

bool contains(const Cidr& block, const Cidr& ip) {
  if (block.v6 != ip.v6) return false;
  int bits = block.prefix;
  for (size_t i = 0; bits > 0; ++i, bits -= 8) {
    const uint8_t mask = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
    if ((block.addr[i] & mask) != (ip.addr[i] & mask)) return false;
  }
  return true;
}

}  // namespace

std::optional<Cidr> parse_cidr(std::string_view text) {
  const auto slash = text.find('/');
  auto c = parse_address(text.substr(0, slash));
  if (!c || slash == std::string_view::npos) return c;
  // A mapped address written as a block would change meaning; keep blocks literal.
  if (!c->v6 && text.substr(0, slash).find(':') != std::string_view::npos) return std::nullopt;
  const std::string_view p = text.substr(slash + 1);
  int prefix = -1;
  auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
  if (p.empty() || ec != std::errc() || end != p.data() + p.size()) return std::nullopt;
  if (prefix < 0 || prefix > (c->v6 ? 128 : 32)) return std::nullopt;
  c->prefix = prefix;
  return c;
}

bool address_in_cidrs(std::string_view ip, const std::vector<std::string>& cidrs) {
  auto addr = parse_address(ip);
  if (!addr) return false;
  for (const std::string& text : cidrs) {
    auto block = parse_cidr(text);
    if (block && contains(*block, *addr)) return true;
  }
  return false;
}

}  // namespace plateau::provision
