#include "http/auth.h"

namespace plateau::http {

bool constant_time_equal(std::string_view a, std::string_view b) {
  // Walk the longer string fully; a length mismatch is folded into the result.
  const size_t n = a.size() > b.size() ? a.size() : b.size();
  volatile unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < n; ++i) {
    unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff = diff | static_cast<unsigned char>(x ^ y);
  }
  return diff == 0;
}

bool requires_token(std::string_view path) { return path == "/api" || path.starts_with("/api/"); }

bool bearer_token_matches(const Request& request, std::string_view token) {
  if (token.empty()) return false;
  auto value = request.header("authorization");
  if (!value) return false;
  std::string_view v = *value;
  constexpr std::string_view kScheme = "bearer ";
  if (v.size() < kScheme.size()) return false;
  for (size_t i = 0; i < kScheme.size(); ++i)
    if ((v[i] | 0x20) != kScheme[i]) return false;  // the scheme is case-insensitive
  v.remove_prefix(kScheme.size());
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  return constant_time_equal(v, token);
}

std::string request_token(const Request& request) {
  if (auto value = request.header("authorization")) {
    std::string_view v = *value;
    constexpr std::string_view kScheme = "bearer ";
    if (v.size() < kScheme.size()) return {};
    for (size_t i = 0; i < kScheme.size(); ++i)
      if ((v[i] | 0x20) != kScheme[i]) return {};
    v.remove_prefix(kScheme.size());
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return std::string(v);
  }
  return request.query_or("access_token");
}

Authenticator token_authenticator(std::string token) {
  auto system = std::make_shared<const Principal>(Principal{"system", "API token", true, {}, ""});
  return [token = std::move(token), system](const Request& request) -> std::shared_ptr<const Principal> {
    if (token.empty()) return nullptr;
    return constant_time_equal(request_token(request), token) ? system : nullptr;
  };
}

}  // namespace plateau::http
