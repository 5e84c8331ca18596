// handler.h — what an HTTP handler sees (Request), what it answers (Response),
// and the one-shot, thread-safe way it answers (Responder).
//
// Handlers are asynchronous: `void(const Request&, Responder)`. The Request is
// only valid during the call (copy what you need); the Responder may be kept,
// copied or moved to any thread and answered later.
//
// Thread-safety: Request and Response are plain values. Responder::send may be
// called from ANY thread; the first send wins and later ones are ignored (and
// logged). When the last copy of a Responder is destroyed without a send, the
// client gets a 500, so no request ever hangs. A Responder must not outlive the
// io_context of the server that made it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/principal.h"

namespace plateau::http {

struct Request {
  std::string method;                         // "GET", "POST"...
  std::string path;                           // target path as sent (not decoded), without the query
  std::map<std::string, std::string> query;   // decoded (%XX and '+'); a repeated key keeps the last value
  std::map<std::string, std::string> params;  // {name} captures of the route, decoded
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case, in arrival order
  std::string body;
  std::string remote;  // "127.0.0.1:54321"
  // Who asks: set by the server's Authenticator for paths under /api/ (never
  // null there: a request it refuses answers 401 before routing); null elsewhere.
  std::shared_ptr<const auth::Principal> principal;

  // Case-insensitive; the first occurrence.
  std::optional<std::string_view> header(std::string_view name) const;
  // A query parameter, or `fallback` when absent.
  std::string query_or(const std::string& key, std::string fallback = {}) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers (Allow, Content-Disposition...)
};

// {"error":{"code":...,"message":...}}, properly JSON-escaped.
Response error_response(int status, std::string_view code, std::string_view message);
Response json_response(int status, std::string body);
Response text_response(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");

class Responder {
 public:
  // `deliver` is called at most once, on the thread that calls send() (or that
  // drops the last copy); the server's deliver posts onto its io_context. Tests
  // of handlers may pass their own.
  explicit Responder(std::function<void(Response)> deliver);

  void send(Response response) const;
  bool sent() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

using Handler = std::function<void(const Request&, Responder)>;

}  // namespace plateau::http
