// router.h — maps (method, path) to a Handler.
//
// Patterns are paths whose segments are literals or `{name}` captures, e.g.
// "/api/v1/agents/{login}/ready". Literal segments match the raw path exactly
// (no decoding, so "/%61pi" is never "/api"); captures are percent-decoded into
// Request::params. The first route added that matches wins. A path that matches
// no pattern answers 404; one that matches only for other methods answers 405
// with Allow; a malformed %-escape in a capture answers 400. All error bodies are
// {"error":{"code":...,"message":...}}.
//
// Thread-safety: build the Router on one thread, then hand it to the server;
// dispatch() is const and runs on the app thread (the server's io_context).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/handler.h"
#include "http/websocket.h"

namespace plateau::http {

class Router {
 public:
  Router& add(std::string method, std::string pattern, Handler handler);
  Router& get(std::string pattern, Handler handler) {
    return add("GET", std::move(pattern), std::move(handler));
  }
  Router& post(std::string pattern, Handler handler) {
    return add("POST", std::move(pattern), std::move(handler));
  }

  // A WebSocket endpoint at exactly `path` (no captures), see websocket.h.
  Router& websocket(std::string path, WebSocketEndpoint endpoint);
  const WebSocketEndpoint* websocket_at(std::string_view path) const;

  // Fills request.params and calls the matching handler (an exception escaping
  // the handler answers 500), or answers the 404/405/400 itself.
  void dispatch(Request request, Responder responder) const;

  // Called, instead of the 404, for a request whose path matches no pattern for
  // any method (the static files of the web desktop). Without one: the 404.
  Router& fallback(Handler handler) {
    fallback_ = std::move(handler);
    return *this;
  }

 private:
  Handler fallback_;
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
  std::vector<std::pair<std::string, WebSocketEndpoint>> websockets_;
};

}  // namespace plateau::http
