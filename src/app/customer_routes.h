// customer_routes.h — the CRM's customers over HTTP (docs/CRM.md):
//   POST /api/v1/customers/import?tenant=T[&country=MA]  body: the CSV file
//   GET  /api/v1/customers?tenant=T&(phone=|id=|account=|q=)[&country=MA][&limit=20]
//   GET  /api/v1/customers/{tenant}/{id}
// Behind the API's bearer token like every /api/ path.
//
// Handlers run on the app thread and only check parameters; the work (CSV
// parsing included) is a StoreWorker job, and the answer is sent from the
// worker's thread once the job's transaction is committed (Responder is
// thread-safe).
#pragma once

#include <nlohmann/json.hpp>

#include "http/router.h"
#include "model/customer.h"
#include "store/worker.h"

namespace plateau::app {

void add_customer_routes(http::Router& router, store::StoreWorker& store);

// A customer as these routes answer it. Pure.
nlohmann::json customer_json(const model::Customer& c);

}  // namespace plateau::app
