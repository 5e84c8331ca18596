// sqlite_customers.h — the CRM's customers in SQLite: import (upsert) and
// look-ups (private to the SQLite back end; see Store in store.h for the contract).
// Thread-safety: the caller's thread, which owns `db`.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/customer.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace plateau::store::sqlite {

Result<ImportSummary> import_customers(Db& db, std::string_view tenant, const std::vector<model::Customer>& customers,
                                       int64_t now_ms);

Result<std::optional<model::Customer>> find_customer(Db& db, std::string_view tenant, std::string_view id);
Result<std::optional<model::Customer>> find_customer_by_account(Db& db, std::string_view tenant,
                                                                std::string_view account_id);
// Every customer with the number, by id, at most `limit`.
Result<std::vector<model::Customer>> find_customers_by_phone(Db& db, std::string_view tenant, std::string_view e164,
                                                             int limit);
Result<std::vector<model::Customer>> search_customers(Db& db, std::string_view tenant, std::string_view text,
                                                      int limit);

}  // namespace plateau::store::sqlite
