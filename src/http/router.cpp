#include "http/router.h"

#include <algorithm>
#include <set>

#include <spdlog/spdlog.h>

#include "http/url.h"

namespace plateau::http {

namespace {

// "/a/b" -> {"a","b"}; "/" -> {""}. A path without the leading slash has no segments.
std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  if (path.empty() || path[0] != '/') return out;
  size_t start = 1;
  while (true) {
    size_t end = path.find('/', start);
    out.emplace_back(
        path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

bool is_capture(const std::string& seg) { return seg.size() >= 2 && seg.front() == '{' && seg.back() == '}'; }

bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path) {
  if (pattern.size() != path.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i)
    if (!is_capture(pattern[i]) && pattern[i] != path[i]) return false;
  return true;
}

}  // namespace

Router& Router::websocket(std::string path, WebSocketEndpoint endpoint) {
  websockets_.emplace_back(std::move(path), std::move(endpoint));
  return *this;
}

const WebSocketEndpoint* Router::websocket_at(std::string_view path) const {
  for (const auto& [p, ep] : websockets_)
    if (p == path) return &ep;
  return nullptr;
}

Router& Router::add(std::string method, std::string pattern, Handler handler) {
  routes_.push_back(Route{std::move(method), split(pattern), std::move(handler)});
  return *this;
}

void Router::dispatch(Request request, Responder responder) const {
  const std::vector<std::string> path = split(request.path);
  const Route* found = nullptr;
  std::set<std::string> allowed;
  for (const Route& r : routes_) {
    if (!matches(r.segments, path)) continue;
    if (r.method == request.method) {
      found = &r;
      break;
    }
    allowed.insert(r.method);
  }
  if (!found) {
    if (allowed.empty() && fallback_) {
      try {
        fallback_(request, responder);
      } catch (const std::exception& e) {
        spdlog::error("http: {} {}: handler threw: {}", request.method, request.path, e.what());
        if (!responder.sent()) responder.send(error_response(500, "internal", "internal error"));
      }
      return;
    }
    if (allowed.empty()) {
      responder.send(error_response(404, "not_found", "no resource at " + request.path));
      return;
    }
    std::string allow;
    for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
    Response res =
        error_response(405, "method_not_allowed",
                       request.method + " is not allowed on " + request.path + " (allowed: " + allow + ")");
    res.headers.emplace_back("Allow", allow);
    responder.send(std::move(res));
    return;
  }
  for (size_t i = 0; i < path.size(); ++i) {
    const std::string& seg = found->segments[i];
    if (!is_capture(seg)) continue;
    auto value = percent_decode(path[i], false);
    if (!value) {
      responder.send(error_response(400, "bad_request", "malformed %-escape in \"" + path[i] + "\""));
      return;
    }
    request.params[seg.substr(1, seg.size() - 2)] = std::move(*value);
  }
  try {
    found->handler(request, responder);
  } catch (const std::exception& e) {
    spdlog::error("http: {} {}: handler threw: {}", request.method, request.path, e.what());
    if (!responder.sent()) responder.send(error_response(500, "internal", "internal error"));
  }
}

}  // namespace plateau::http
