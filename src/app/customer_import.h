// customer_import.h — a customer CSV file read (crm) and written (store) in one
// step, for `plateau crm import`, POST /api/v1/customers/import and the demo
// customers imported at start (docs/CRM.md).
//
// Thread-safety: runs on the thread that owns the Store (the main thread before
// the StoreWorker exists, then the worker's thread, inside a job).
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "crm/customer_csv.h"
#include "store/store.h"

namespace plateau::app {

struct CustomerImport {
  crm::ParsedCustomers parsed;  // the customers taken and the lines rejected
  store::ImportSummary summary;
};

// Errors: "crm.bad_file" (the header cannot be used; nothing is written), or
// the store's ("store.invalid" for an unknown tenant...). Customers whose lines
// are all good are written in one transaction even when other lines are rejected.
Result<CustomerImport> import_customer_csv(store::Store& store, std::string_view tenant, std::string_view csv,
                                           std::string_view country = "MA");

// "customers: 2 created, 0 updated, 0 unchanged\n" then one line per rejected
// line ("line 12: bad phone \"06-12\"\n").
std::string to_text(const CustomerImport& import);

}  // namespace plateau::app
