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

// Lists filtered by ?tenant= whose store query takes one tenant (calls,
// events, voicemails, the IVR report): sets `tenant` to the tenant to list.
// With ?tenant=, as refuse(). Without: "" (every tenant) for the system
// principal; otherwise the one tenant where the principal has `role`; 400
// "api.tenant_required" when it has several, 403 when none.
std::optional<http::Response> refuse_list(const http::Request& req, Role role, std::string& tenant);

// The 404 answer for a tenant not visible to the principal.
http::Response not_found_for_tenant();

}  // namespace plateau::app
