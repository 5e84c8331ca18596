// sqlite_store.h — the SQLite back end of the Store.
//
// open_sqlite() opens (or creates) the database file, sets WAL journaling,
// synchronous=FULL (a committed transaction survives a power cut), foreign
// keys and a busy timeout, then applies pending schema migrations. The
// directory must already exist and be writable (the app creates the data
// directory); a database written by a newer plateau is refused.
//
// Thread-safety: call from any one thread; the returned Store follows store.h.
#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "store/store.h"

namespace plateau::store {

Result<std::unique_ptr<Store>> open_sqlite(const std::string& path);

}  // namespace plateau::store
