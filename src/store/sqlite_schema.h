// sqlite_schema.h — the versioned migrations of the SQLite database (private to
// the SQLite back end).
//
// One table of migrations is the single source of truth for the schema. Each
// is applied once, in version order, inside its own transaction, and recorded
// in schema_version(version, description, applied_ms). A database whose highest
// recorded version is above the highest known one is refused
// ("store.schema_newer"): an older binary must not write a newer schema.
// Thread-safety: runs on the thread that opens the database.
#pragma once

#include <span>
#include <string>

#include "common/result.h"
#include "store/sqlite_db.h"

namespace plateau::store::sqlite {

struct Migration {
  int version;
  const char* description;
  const char* sql;
};

// The migrations this binary knows, in version order.
std::span<const Migration> migrations();
int latest_schema_version();

// Applies the pending ones of `list` (the built-in list unless a test passes another).
Status migrate(Db& db, std::span<const Migration> list = migrations());

}  // namespace plateau::store::sqlite
