// sqlite_users.h — users of the API, their memberships and sessions in SQLite
// (schema version 7; private to the SQLite back end; see Store in store.h).
// Thread-safety: the caller's thread, which owns `db`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "auth/user.h"
#include "common/result.h"
#include "store/sqlite_db.h"

namespace plateau::store::sqlite {

Status add_user(Db& db, const auth::User& u);
Status update_user(Db& db, const auth::User& u);
Result<bool> remove_user(Db& db, std::string_view login);
Result<std::vector<auth::User>> load_users(Db& db);
Status add_session(Db& db, const auth::Session& s);
Status revoke_sessions(Db& db, const std::vector<std::string>& token_hashes);
Result<std::vector<auth::Session>> live_sessions(Db& db, int64_t now_ms);

}  // namespace plateau::store::sqlite
