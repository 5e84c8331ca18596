// sqlite_provisioning.h — provisioning objects in SQLite: apply (diff and write)
// and load (private to the SQLite back end; see Store in store.h for the contract).
// Thread-safety: the caller's thread, which owns `db`.
#pragma once

#include <string_view>

#include "common/result.h"
#include "model/provisioning.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace plateau::store::sqlite {

Result<ProvisionSummary> apply_provisioning(Db& db, const model::Provisioning& p, std::string_view realm);
Result<model::Provisioning> load_provisioning(Db& db);

}  // namespace plateau::store::sqlite
