// auth.h — the bearer-token check of the HTTP API.
//
// Paths under /api/ need `Authorization: Bearer <token>`; /healthz, /metrics
// and everything else are open. An empty configured token refuses every /api
// request (fail closed) rather than opening the API.
//
// Pure functions; any thread.
#pragma once

#include <string_view>

#include "http/handler.h"

namespace plateau::http {

// Time depends on the lengths only, never on where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// "/api" and "/api/..." (raw path, compared before any decoding).
bool requires_token(std::string_view path);

bool bearer_token_matches(const Request& request, std::string_view token);

}  // namespace plateau::http
