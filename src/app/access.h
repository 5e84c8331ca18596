// access.h — the tenant and role check every API handler makes before it
// touches data.
//
// A tenant the principal does not belong to answers 404 (as if nothing were
// there: another tenant's ids are never confirmed); a tenant it belongs to
// with too low a role answers 403. An agent acting on an agent login other
// than its own in that tenant needs the supervisor role.
//
// Pure; app thread (any thread in fact: it reads the request only).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auth/principal.h"
#include "http/handler.h"

namespace plateau::app {

using auth::Role;

// nullopt when allowed; otherwise the answer to send.
std::optional<http::Response> refuse(const http::Request& req, std::string_view tenant, Role role);

// Agent commands and views of one agent: the agent itself (its membership's
// agent login), or a supervisor of the tenant.
std::optional<http::Response> refuse_agent(const http::Request& req, std::string_view tenant,
                                           std::string_view agent_login);

// The 404 answer for a tenant not visible to the principal.
http::Response not_found_for_tenant();

}  // namespace plateau::app
