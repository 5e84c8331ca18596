// auth.h — the bearer-token check of the HTTP API.
//
// Paths under /api/ need a token that the server's Authenticator accepts;
// /healthz, /metrics and everything else are open. An empty configured token refuses every /api
// request (fail closed) rather than opening the API.
//
// Pure functions; any thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "auth/principal.h"
#include "http/handler.h"

namespace plateau::http {

// Time depends on the lengths only, never on where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// "/api" and "/api/..." (raw path, compared before any decoding).
bool requires_token(std::string_view path);

bool bearer_token_matches(const Request& request, std::string_view token);

// The token a request carries: `Authorization: Bearer <token>`, else the query
// parameter `access_token` (browsers cannot set headers on a WebSocket). Empty
// when neither is there.
std::string request_token(const Request& request);

// Says who a request under /api/ comes from, or null to refuse it (401). Runs
// on the app thread, synchronously, before routing.
using auth::Principal;
using Authenticator = std::function<std::shared_ptr<const Principal>(const Request&)>;

// Accepts the installation's API token only (the system principal).
Authenticator token_authenticator(std::string token);

}  // namespace plateau::http
