// sqlite_cases.h — the CRM's cases, their history, notes on customers, call
// dispositions and a customer's timeline in SQLite (schema version 8; private
// to the SQLite back end; see Store in store.h for the contract).
// Thread-safety: the caller's thread, which owns `db`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "model/case.h"
#include "model/voicemail.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace plateau::store::sqlite {

Result<std::vector<model::CaseCategory>> case_categories(Db& db, std::string_view tenant);
Result<model::Case> create_case(Db& db, const model::Case& c);
// The case of a voicemail (category "voicemail", or the default one when the
// tenant's own categories leave it out; its customer only if the CRM knows it).
Result<model::Case> create_voicemail_case(Db& db, const model::Voicemail& v);
Result<std::optional<model::Case>> find_case(Db& db, std::string_view tenant, std::string_view reference);
Result<std::vector<model::Case>> query_cases(Db& db, const CaseQuery& q);
Result<std::optional<model::Case>> update_case(Db& db, std::string_view tenant, std::string_view reference,
                                               const CaseUpdate& u);
Result<model::CustomerNote> add_note(Db& db, const model::CustomerNote& n);
Status record_disposition(Db& db, const model::Disposition& d);
Result<Timeline> customer_timeline(Db& db, std::string_view tenant, std::string_view customer_id,
                                   const std::vector<std::string>& caller_forms, int limit);

}  // namespace plateau::store::sqlite
