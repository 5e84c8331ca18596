#include "webhook/url.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

namespace plateau::webhook {

namespace {

constexpr size_t kMaxUrl = 8 * 1024;

Error bad(std::string_view what) {
  return make_error("webhook.bad_url", "webhook URL: " + std::string(what));
}

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// A host name of dot-separated labels, or a dotted IPv4 address.
Status check_host_name(std::string_view host, bool& is_ip) {
  if (host.empty()) return bad("the host is empty");
  if (host.size() > 253) return bad("the host name is longer than 253 characters");
  bool digits_and_dots = true;
  for (char c : host) {
    bool alnum = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (!alnum && c != '-' && c != '_' && c != '.')
      return bad("the host \"" + std::string(host) +
                 "\" has a character other than letters, digits, '-', '_', '.'");
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') digits_and_dots = false;
  }
  if (digits_and_dots) {
    in_addr a{};
    if (inet_pton(AF_INET, std::string(host).c_str(), &a) != 1)
      return bad("the host \"" + std::string(host) + "\" is not a valid IPv4 address");
    is_ip = true;
    return {};
  }
  size_t start = 0;
  while (true) {
    size_t dot = host.find('.', start);
    size_t len = (dot == std::string_view::npos ? host.size() : dot) - start;
    if (len == 0) return bad("the host \"" + std::string(host) + "\" has an empty label");
    if (len > 63) return bad("the host \"" + std::string(host) + "\" has a label longer than 63 characters");
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  is_ip = false;
  return {};
}

Result<uint16_t> parse_port(std::string_view s) {
  if (s.empty()) return bad("the port after ':' is empty");
  if (s.size() > 5 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return bad("the port \"" + std::string(s) + "\" is not a number from 1 to 65535");
  unsigned v = 0;
  for (char c : s) v = v * 10 + static_cast<unsigned>(c - '0');
  if (v == 0 || v > 65535) return bad("the port \"" + std::string(s) + "\" is not a number from 1 to 65535");
  return static_cast<uint16_t>(v);
}

}  // namespace

Result<Url> parse_url(std::string_view url) {
  if (url.empty()) return bad("empty");
  if (url.size() > kMaxUrl) return bad("longer than 8 KiB");
  for (char c : url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f)
      return bad("spaces, control and non-ASCII characters must be percent-encoded");
  }
  size_t sep = url.find("://");
  if (sep == std::string_view::npos) return bad("no scheme: it must start with http:// or https://");
  Url out;
  std::string scheme = lower(url.substr(0, sep));
  if (scheme == "http") {
    out.scheme = Scheme::http;
  } else if (scheme == "https") {
    out.scheme = Scheme::https;
  } else {
    return bad("the scheme \"" + scheme + "\" is not http or https");
  }

  std::string_view rest = url.substr(sep + 3);
  size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
  if (authority.find('@') != std::string_view::npos)
    return bad("credentials in the URL are not accepted; configure an Authorization header instead");

  std::string_view host, port;
  bool has_port = false;
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("the IPv6 address has no closing ']'");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad("unexpected characters after the IPv6 address");
      port = after.substr(1);
      has_port = true;
    }
    in6_addr a{};
    if (inet_pton(AF_INET6, std::string(host).c_str(), &a) != 1)
      return bad("\"" + std::string(host) + "\" is not a valid IPv6 address");
    out.host = lower(host);
    out.host_is_ip = true;
  } else {
    size_t colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) {
      port = authority.substr(colon + 1);
      has_port = true;
    }
    if (Status st = check_host_name(host, out.host_is_ip); !st) return st.error();
    out.host = lower(host);
  }
  if (has_port) {
    auto p = parse_port(port);
    if (!p) return p.error();
    out.port = *p;
  } else {
    out.port = out.scheme == Scheme::https ? 443 : 80;
  }

  rest = rest.substr(0, rest.find('#'));
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && (i + 2 >= rest.size() || !is_hex(rest[i + 1]) || !is_hex(rest[i + 2])))
      return bad("a '%' in the path or query is not followed by two hexadecimal digits");
  }
  if (rest.empty() || rest.front() == '?') out.target = "/";
  out.target += rest;
  return out;
}

std::string host_header(const Url& url) {
  std::string h = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
  uint16_t default_port = url.scheme == Scheme::https ? 443 : 80;
  if (url.port != default_port) h += ":" + std::to_string(url.port);
  return h;
}

}  // namespace plateau::webhook
