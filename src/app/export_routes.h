// export_routes.h — the formats users already have (docs/EXPORTS.md):
//   GET /api/v1/tenants/{tenant}/queue_log?from&to
//       -> text/plain, Asterisk queue_log lines of the tenant's events in the period
//   GET /api/v1/tenants/{tenant}/cdr?from&to&format=csv|xlsx&profile=standard|excel
//       -> the tenant's call records in Asterisk's cdr_csv columns + the contact-centre fields
// Supervisor or more of the tenant; another tenant answers 404.
// `from`/`to`: local dates YYYY-MM-DD in the tenant's time zone, `to` included
// (default: `from`; both absent: today), or epoch milliseconds ([from, to)).
//
// Handlers run on the app thread; the store queries and the formatting run on
// the store worker.
#pragma once

#include <memory>

#include "app/api_routes.h"
#include "asterisk/queue_log.h"
#include "core/directory.h"

namespace plateau::app {

void add_export_routes(http::Router& r, ApiContext& ctx);

// The queues each agent is a member of, from a directory (kept alive by the options).
asterisk::QueueLogOptions queue_log_options(core::DirectoryPtr dir);

}  // namespace plateau::app
