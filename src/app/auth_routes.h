// auth_routes.h — the API's login, logout and users (docs/API.md,
// "Authentication and access"):
//   POST /api/v1/auth/login {login, password} -> {token, expires_ms, user}
//   POST /api/v1/auth/logout · GET /api/v1/auth/me
//   POST /api/v1/users · GET /api/v1/users?tenant= · POST /api/v1/users/{login}/password ·
//   DELETE /api/v1/users/{login}
//
// Handlers run on the app thread; AuthService answers from there.
#pragma once

#include "app/api_routes.h"
#include "app/auth_service.h"
#include "http/router.h"

namespace plateau::app {

void add_auth_routes(http::Router& r, AuthService& auth, ApiContext& ctx);

// GET /api/v1/agents/{tenant}/{login} (the agent itself or a supervisor) and
// GET /api/v1/tenants/{tenant}/codes (agent): agent_view_routes.cpp.
void add_agent_view_routes(http::Router& r, ApiContext& ctx);

}  // namespace plateau::app
