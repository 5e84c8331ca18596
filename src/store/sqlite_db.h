// sqlite_db.h — thin RAII wrappers over a SQLite connection and its statements
// (private to the SQLite back end).
//
// Errors become plateau::Error values naming the database file and the failed
// operation: SQLITE_CONSTRAINT -> "store.constraint", SQLITE_BUSY/LOCKED ->
// "store.busy", anything else -> "store.io".
// Thread-safety: a Db and its Stmts are used by one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"

namespace plateau::store::sqlite {

class Db;

class Stmt {
 public:
  Stmt() = default;

  // Binds a parameter (1-based); a bind failure is reported by the next step().
  Stmt& bind(int index, std::string_view text);
  Stmt& bind(int index, int64_t value);

  // Result: true when a row is available, false when done.
  Result<bool> step();
  // Runs a statement that returns no rows, then resets it for reuse.
  Status run();
  // Clears bindings and rewinds; call before rebinding a reused statement.
  void reset();

  int64_t int64(int col) const;
  std::string text(int col) const;

 private:
  friend class Db;
  struct Finalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  Stmt(const Db* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  Error fail(int rc) const;

  const Db* db_ = nullptr;
  std::unique_ptr<sqlite3_stmt, Finalize> s_;
  int bind_rc_ = SQLITE_OK;
};

class Db {
 public:
  // Opens or creates the file (its directory must exist); `read_only`: opens
  // an existing file for reading only (a report's own connection).
  static Result<std::unique_ptr<Db>> open(const std::string& path, bool read_only = false);

  Status exec(const std::string& sql);
  Result<Stmt> prepare(std::string_view sql);

  bool in_transaction() const { return sqlite3_get_autocommit(h_.get()) == 0; }
  const std::string& path() const { return path_; }

  // The error of the last failed call on this connection.
  Error error(std::string_view what, int rc) const;

 private:
  struct Close {
    void operator()(sqlite3* h) const { sqlite3_close_v2(h); }
  };
  Db(sqlite3* h, std::string path) : h_(h), path_(std::move(path)) {}

  std::unique_ptr<sqlite3, Close> h_;
  std::string path_;
};

// A write transaction that is rolled back unless commit() is called. Starts a
// BEGIN IMMEDIATE transaction, or a savepoint when one is already open.
class WriteScope {
 public:
  static Result<std::unique_ptr<WriteScope>> start(Db& db, std::string_view name);
  ~WriteScope();
  WriteScope(const WriteScope&) = delete;
  WriteScope& operator=(const WriteScope&) = delete;
  Status commit();

 private:
  WriteScope(Db& db, std::string name, bool nested) : db_(db), name_(std::move(name)), nested_(nested) {}
  Db& db_;
  std::string name_;
  bool nested_;
  bool done_ = false;
};

}  // namespace plateau::store::sqlite
