// case_routes.h — the CRM beyond the customers' import (docs/CRM.md, docs/API.md):
//   GET  /api/v1/tenants/{tenant}/case-categories
//   POST /api/v1/cases/{tenant}                    {customer_id, category, priority?, subject, description?, call_id?, owner?}
//   GET  /api/v1/cases/{tenant}?customer=&status=&owner=&limit=&offset=
//   GET  /api/v1/cases/{tenant}/{reference}        (with its history)
//   POST /api/v1/cases/{tenant}/{reference}        {status?, owner?, priority?, note?}
//   GET  /api/v1/customers/{tenant}/search?q=      (phone, name, customer id, account id, case reference)
//   GET  /api/v1/customers/{tenant}/{id}/timeline  (calls, notes, cases, dispositions in time order)
//   POST /api/v1/customers/{tenant}/{id}/notes     {text, call_id?}
// Every handler first checks the principal's access to the tenant (agent role;
// another tenant's ids answer 404). Handlers run on the app thread; the work
// is a StoreWorker job and the answer leaves once its transaction is committed.
//
// add_case_routes must be called before add_customer_routes: ".../search"
// would otherwise be read as a customer id.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/router.h"
#include "http/router.h"
#include "model/case.h"
#include "store/worker.h"

namespace plateau::app {

void add_case_routes(http::Router& router, store::StoreWorker& store, std::function<int64_t()> clock_ms);

// The call the agent is wrapping up (its contact in the router's view), "" if none. App thread.
std::string wrapping_call(const core::Router& router, const std::string& tenant, const std::string& login);

// Stores the disposition (Store::record_disposition) and answers
// {"ok": true, "call_id": ...} once committed. App thread. (A wrap-up ended
// with neither disposition nor note stores nothing.)
void store_disposition(store::StoreWorker& store, model::Disposition d, http::Responder res);

}  // namespace plateau::app
