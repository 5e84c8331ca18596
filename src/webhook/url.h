// url.h — the URL of a webhook, parsed once into the parts a request needs.
//
// Accepted: http:// or https:// (scheme case-insensitive), a host name (letters,
// digits, '-', '_', '.'; lower-cased), an IPv4 address or an IPv6 address in
// brackets, an optional port (1..65535), then an optional path and query. The
// fragment (#...) is dropped: it is never sent. Refused, with error
// "webhook.bad_url" and a message naming the faulty part: another scheme,
// credentials in the URL (user:pass@ — use an Authorization header), an empty
// or malformed host, a bad port, spaces, control or non-ASCII characters (they
// must be percent-encoded), a malformed %XX escape, a URL over 8 KiB.
// Messages never repeat the query (it may carry a tenant's key).
//
// Pure functions; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace plateau::webhook {

enum class Scheme { http, https };

struct Url {
  Scheme scheme = Scheme::http;
  std::string host;         // lower case; an IPv6 address without its brackets
  bool host_is_ip = false;  // IPv4 or IPv6 literal: no DNS look-up, no SNI
  uint16_t port = 0;        // the explicit port, else 80 or 443
  std::string target;       // path and query as sent on the request line; "/" at least
};

Result<Url> parse_url(std::string_view url);

// The Host header: "example.com", "example.com:8443", "[::1]:8080" (the port only
// when it is not the scheme's default).
std::string host_header(const Url& url);

}  // namespace plateau::webhook
