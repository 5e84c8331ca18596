#include "webhook/request.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>

namespace plateau::webhook {

namespace bhttp = boost::beast::http;

namespace {

Error bad(std::string message) { return make_error("webhook.bad_request", "webhook request: " + message); }

// RFC 9110 token characters.
bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) continue;
    if (std::string_view("!#$%&'*+-.^_`|~").find(c) == std::string_view::npos) return false;
  }
  return true;
}

// Visible ASCII, spaces, tabs and obs-text; no CR, LF, NUL or other controls.
bool is_field_value(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && u != '\t') || u == 0x7f) return false;
  }
  return true;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool has_header(const HttpRequestSpec& spec, std::string_view name) {
  for (const auto& [n, v] : spec.headers)
    if (iequals(n, name)) return true;
  return false;
}

}  // namespace

Result<Request> build_request(const HttpRequestSpec& spec, const Url& url) {
  if (spec.timeout.count() <= 0) return bad("the timeout must be positive");
  if (spec.max_response_bytes == 0) return bad("the response size limit must be positive");
  static constexpr std::array<std::string_view, 4> kOurs = {"host", "content-length", "transfer-encoding",
                                                            "connection"};
  for (const auto& [name, value] : spec.headers) {
    if (!is_token(name)) return bad("the header name \"" + name + "\" is not a valid token");
    if (!is_field_value(value)) return bad("the value of header " + name + " has a control character");
    for (auto ours : kOurs)
      if (iequals(name, ours)) return bad("the header " + name + " is set by Plateau, not by the spec");
  }

  Request req(spec.method == Method::get ? bhttp::verb::get : bhttp::verb::post, url.target, 11);
  req.set(bhttp::field::host, host_header(url));
  req.set(bhttp::field::user_agent, "plateau/" PLATEAU_VERSION);
  if (!has_header(spec, "accept")) req.set(bhttp::field::accept, "application/json");
  if (!spec.body.empty() && !has_header(spec, "content-type"))
    req.set(bhttp::field::content_type, "application/json");
  for (const auto& [name, value] : spec.headers) req.insert(name, value);
  req.set(bhttp::field::connection, "close");
  req.body() = spec.body;
  req.prepare_payload();
  return req;
}

std::string_view result_label(const Result<HttpReply>& r) {
  if (!r.ok()) {
    std::string_view code = r.error().code;
    constexpr std::string_view kPrefix = "webhook.";
    return code.substr(0, kPrefix.size()) == kPrefix ? code.substr(kPrefix.size()) : code;
  }
  switch (r->status / 100) {
    case 2:
      return "2xx";
    case 3:
      return "3xx";
    case 4:
      return "4xx";
    case 5:
      return "5xx";
    default:
      return "other_status";
  }
}

}  // namespace plateau::webhook
