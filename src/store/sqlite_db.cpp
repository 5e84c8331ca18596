#include "store/sqlite_db.h"

#include <utility>

namespace plateau::store::sqlite {

namespace {

const char* code_for(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return "store.constraint";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "store.busy";
    default:
      return "store.io";
  }
}

}  // namespace

// ---- Stmt -------------------------------------------------------------------

Stmt& Stmt::bind(int index, std::string_view text) {
  int rc = sqlite3_bind_text(s_.get(), index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Stmt& Stmt::bind(int index, int64_t value) {
  int rc = sqlite3_bind_int64(s_.get(), index, value);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Error Stmt::fail(int rc) const {
  std::string what = "statement \"";
  what += sqlite3_sql(s_.get());
  what += "\"";
  return db_->error(what, rc);
}

Result<bool> Stmt::step() {
  if (bind_rc_ != SQLITE_OK) return fail(bind_rc_);
  int rc = sqlite3_step(s_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Error e = fail(rc);
  sqlite3_reset(s_.get());  // leave the statement reusable after a failure
  return e;
}

Status Stmt::run() {
  auto r = step();
  reset();
  if (!r) return r.error();
  return {};
}

void Stmt::reset() {
  sqlite3_reset(s_.get());
  sqlite3_clear_bindings(s_.get());
  bind_rc_ = SQLITE_OK;
}

int64_t Stmt::int64(int col) const { return sqlite3_column_int64(s_.get(), col); }

std::string Stmt::text(int col) const {
  const unsigned char* p = sqlite3_column_text(s_.get(), col);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(s_.get(), col)));
}

// ---- Db ---------------------------------------------------------------------

Result<std::unique_ptr<Db>> Db::open(const std::string& path, bool read_only) {
  sqlite3* h = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &h, read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = h != nullptr ? sqlite3_errmsg(h) : sqlite3_errstr(rc);
    sqlite3_close_v2(h);
    return make_error(code_for(rc), "cannot open database " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(h, 1);
  return std::unique_ptr<Db>(new Db(h, path));  // private constructor: make_unique cannot reach it
}

Error Db::error(std::string_view what, int rc) const {
  std::string msg = sqlite3_errmsg(h_.get());
  if (msg.empty() || msg == "not an error") msg = sqlite3_errstr(rc);
  return make_error(code_for(rc), "database " + path_ + ": " + std::string(what) + " failed: " + msg);
}

Status Db::exec(const std::string& sql) {
  int rc = sqlite3_exec(h_.get(), sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error("\"" + sql + "\"", rc);
  return {};
}

Result<Stmt> Db::prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(h_.get(), sql.data(), static_cast<int>(sql.size()), &s, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(s);
    return error("preparing \"" + std::string(sql) + "\"", rc);
  }
  return Stmt(this, s);
}

// ---- WriteScope -------------------------------------------------------------

Result<std::unique_ptr<WriteScope>> WriteScope::start(Db& db, std::string_view name) {
  const bool nested = db.in_transaction();
  Status st = db.exec(nested ? "SAVEPOINT " + std::string(name) : "BEGIN IMMEDIATE");
  if (!st) return st.error();
  return std::unique_ptr<WriteScope>(new WriteScope(db, std::string(name), nested));
}

Status WriteScope::commit() {
  Status st = db_.exec(nested_ ? "RELEASE " + name_ : "COMMIT");
  if (st) done_ = true;
  return st;
}

WriteScope::~WriteScope() {
  if (done_) return;
  // Best effort: the error that brought us here is the one reported.
  if (nested_) {
    (void)db_.exec("ROLLBACK TO " + name_);
    (void)db_.exec("RELEASE " + name_);
  } else if (db_.in_transaction()) {
    (void)db_.exec("ROLLBACK");
  }
}

}  // namespace plateau::store::sqlite
