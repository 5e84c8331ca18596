#include "store/sqlite_store.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <system_error>
#include <utility>

#include "store/sqlite_call_rows.h"
#include "store/sqlite_cases.h"
#include "store/sqlite_customers.h"
#include "store/sqlite_db.h"
#include "store/sqlite_ivr.h"
#include "store/sqlite_provisioning.h"
#include "store/sqlite_quality.h"
#include "store/sqlite_schema.h"
#include "store/sqlite_users.h"

namespace plateau::store {

namespace {

using sqlite::Db;
using sqlite::Stmt;

constexpr int kBusyTimeoutMs = 5000;

Status check_window(const char* what, int limit, int offset) {
  if (limit < 1 || limit > CallQuery::kMaxLimit) {
    return make_error("store.bad_query", std::string(what) + " query: limit " + std::to_string(limit) +
                                             " is outside 1.." + std::to_string(CallQuery::kMaxLimit));
  }
  if (offset < 0) {
    return make_error("store.bad_query",
                      std::string(what) + " query: offset " + std::to_string(offset) + " is negative");
  }
  return {};
}

// The directory must exist and be writable: SQLite's own message ("unable to
// open database file") does not say which.
Status check_directory(const std::string& path) {
  if (path == ":memory:" || path.starts_with("file:")) return {};
  namespace fs = std::filesystem;
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return make_error("store.io", "cannot open database " + path + ": directory " + dir.string() +
                                      " does not exist (create the data directory first)");
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return make_error("store.io", "cannot open database " + path + ": directory " + dir.string() +
                                      " is not writable: " + std::strerror(errno));
  }
  return {};
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::unique_ptr<Db> db) : db_(std::move(db)) {}

  Result<ProvisionSummary> apply_provisioning(const model::Provisioning& p, std::string_view realm) override {
    return sqlite::apply_provisioning(*db_, p, realm);
  }

  Result<model::Provisioning> load_provisioning() override { return sqlite::load_provisioning(*db_); }

  Result<bool> has_tenants() override {
    auto s = db_->prepare("SELECT EXISTS(SELECT 1 FROM tenants)");
    if (!s) return s.error();
    auto row = s->step();
    if (!row) return row.error();
    return s->int64(0) != 0;
  }

  Status insert_call(const model::CallRecord& r) override {
    if (!insert_call_) {
      auto s = db_->prepare(
          "INSERT INTO calls(id, sip_call_id, tenant, caller, number, queue, agent, start_ms, answer_ms, "
          "end_ms, wait_ms, ring_ms, talk_ms, outcome, reason, recording, flow, flow_version, ivr_end, ivr_path, "
          "recording_notice, attached, hold_ms, holds, transfers, conference, recording_paused_ms, "
          "recording_pauses) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
          "?22, ?23, ?24, ?25, ?26, ?27, ?28)");
      if (!s) return s.error();
      insert_call_ = std::move(s.value());
    }
    Stmt& s = *insert_call_;
    s.bind(1, r.id).bind(2, r.sip_call_id).bind(3, r.tenant).bind(4, r.caller).bind(5, r.number);
    s.bind(6, r.queue).bind(7, r.agent).bind(8, r.start_ms).bind(9, r.answer_ms).bind(10, r.end_ms);
    s.bind(11, r.wait_ms).bind(12, r.ring_ms).bind(13, r.talk_ms).bind(14, model::to_string(r.outcome));
    s.bind(15, r.reason).bind(16, r.recording).bind(17, r.flow).bind(18, int64_t{r.flow_version});
    s.bind(19, r.ivr_end).bind(20, r.ivr_path).bind(21, int64_t{r.recording_notice ? 1 : 0}).bind(22, r.attached);
    s.bind(23, r.hold_ms).bind(24, int64_t{r.holds}).bind(25, r.transfers).bind(26, int64_t{r.conference ? 1 : 0});
    s.bind(27, r.recording_paused_ms).bind(28, int64_t{r.recording_pauses});
    if (Status st = s.run(); !st) {
      return make_error(st.error().code, "call record \"" + r.id + "\": " + st.error().message);
    }
    return {};
  }

  Status save_callback(const model::Callback& cb) override {
    auto s = db_->prepare(
        "INSERT INTO callbacks(id, tenant, queue, number, requested_ms, attempts, state) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET "
        "attempts = excluded.attempts, state = excluded.state");
    if (!s) return s.error();
    s->bind(1, cb.id).bind(2, cb.tenant).bind(3, cb.queue).bind(4, cb.number).bind(5, cb.requested_ms);
    s->bind(6, int64_t{cb.attempts}).bind(7, cb.state);
    if (Status st = s->run(); !st) return make_error(st.error().code, "callback \"" + cb.id + "\": " + st.error().message);
    return {};
  }

  Result<std::vector<model::Callback>> pending_callbacks() override {
    auto s = db_->prepare(
        "SELECT id, tenant, queue, number, requested_ms, attempts, state FROM callbacks "
        "WHERE state = 'pending' ORDER BY requested_ms, id");
    if (!s) return s.error();
    std::vector<model::Callback> out;
    for (;;) {
      auto more = s->step();
      if (!more) return more.error();
      if (!*more) break;
      out.push_back({s->text(0), s->text(1), s->text(2), s->text(3), s->int64(4), static_cast<int>(s->int64(5)),
                     s->text(6)});
    }
    return out;
  }

  Result<std::vector<model::CallRecord>> query_calls(const CallQuery& q) override {
    if (Status st = check_window("calls", q.limit, q.offset); !st) return st.error();
    auto s = db_->prepare(std::string("SELECT ") + sqlite::kCallColumns +
                          " FROM calls WHERE start_ms >= ?1 AND start_ms < ?2 AND (?3 = '' OR tenant = ?3) "
                          "ORDER BY start_ms, id LIMIT ?4 OFFSET ?5");
    if (!s) return s.error();
    s->bind(1, q.from_ms)
        .bind(2, q.to_ms)
        .bind(3, q.tenant)
        .bind(4, int64_t{q.limit})
        .bind(5, int64_t{q.offset});
    std::vector<model::CallRecord> out;
    for (;;) {
      auto more = s->step();
      if (!more) return more.error();
      if (!*more) break;
      auto r = sqlite::read_call(*s, db_->path());
      if (!r) return r.error();
      out.push_back(std::move(r.value()));
    }
    return out;
  }

  Result<int> publish_flow(std::string_view tenant, std::string_view name, std::string_view source,
                           int64_t published_ms) override {
    return sqlite::publish_flow(*db_, tenant, name, source, published_ms);
  }
  Result<std::vector<FlowVersion>> latest_flows() override { return sqlite::latest_flows(*db_); }
  Result<std::vector<FlowVersion>> flow_versions(std::string_view tenant, std::string_view name,
                                                 bool with_source) override {
    return sqlite::flow_versions(*db_, tenant, name, with_source);
  }
  Status save_voicemail(const model::Voicemail& v) override { return sqlite::save_voicemail(*db_, v); }
  Result<std::vector<model::Voicemail>> query_voicemails(const VoicemailQuery& q) override {
    return sqlite::query_voicemails(*db_, q);
  }

  Status append_event(const EventRecord& e) override {
    if (!append_event_) {
      auto s = db_->prepare(
          "INSERT INTO events(ts_ms, tenant, kind, call_id, agent, data_json) VALUES(?1, ?2, ?3, ?4, ?5, "
          "?6)");
      if (!s) return s.error();
      append_event_ = std::move(s.value());
    }
    Stmt& s = *append_event_;
    s.bind(1, e.ts_ms)
        .bind(2, e.tenant)
        .bind(3, e.kind)
        .bind(4, e.call_id)
        .bind(5, e.agent)
        .bind(6, e.data_json);
    if (Status st = s.run(); !st)
      return make_error(st.error().code, "event \"" + e.kind + "\": " + st.error().message);
    return {};
  }

  Result<std::vector<EventRecord>> query_events(const EventQuery& q) override {
    if (Status st = check_window("events", q.limit, q.offset); !st) return st.error();
    auto s = db_->prepare(
        "SELECT ts_ms, tenant, kind, call_id, agent, data_json FROM events "
        "WHERE ts_ms >= ?1 AND ts_ms < ?2 AND (?3 = '' OR tenant = ?3) AND (?4 = '' OR kind = ?4) "
        "ORDER BY id LIMIT ?5 OFFSET ?6");
    if (!s) return s.error();
    s->bind(1, q.from_ms).bind(2, q.to_ms).bind(3, q.tenant).bind(4, q.kind);
    s->bind(5, int64_t{q.limit}).bind(6, int64_t{q.offset});
    std::vector<EventRecord> out;
    for (;;) {
      auto more = s->step();
      if (!more) return more.error();
      if (!*more) break;
      out.push_back({s->int64(0), s->text(1), s->text(2), s->text(3), s->text(4), s->text(5)});
    }
    return out;
  }

  Result<ImportSummary> import_customers(std::string_view tenant,
                                         const std::vector<model::Customer>& customers) override {
    using namespace std::chrono;
    const int64_t now = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    return sqlite::import_customers(*db_, tenant, customers, now);
  }

  Result<std::optional<model::Customer>> find_customer(std::string_view tenant, std::string_view id) override {
    return sqlite::find_customer(*db_, tenant, id);
  }

  Result<std::optional<model::Customer>> find_customer_by_account(std::string_view tenant,
                                                                  std::string_view account_id) override {
    return sqlite::find_customer_by_account(*db_, tenant, account_id);
  }

  Result<std::optional<model::Customer>> find_customer_by_phone(std::string_view tenant,
                                                                std::string_view e164) override {
    auto all = sqlite::find_customers_by_phone(*db_, tenant, e164, 2);
    if (!all) return all.error();
    if (all->size() != 1) return std::optional<model::Customer>();
    return std::optional<model::Customer>(std::move(all->front()));
  }

  Result<std::vector<model::Customer>> find_customers_by_phone(std::string_view tenant,
                                                               std::string_view e164) override {
    return sqlite::find_customers_by_phone(*db_, tenant, e164, kMaxCustomerSearch);
  }

  Result<std::vector<model::Customer>> search_customers(std::string_view tenant, std::string_view text,
                                                        int limit) override {
    return sqlite::search_customers(*db_, tenant, text, limit);
  }

  Status add_user(const auth::User& u) override { return sqlite::add_user(*db_, u); }
  Status update_user(const auth::User& u) override { return sqlite::update_user(*db_, u); }
  Result<bool> remove_user(std::string_view login) override { return sqlite::remove_user(*db_, login); }
  Result<std::vector<auth::User>> load_users() override { return sqlite::load_users(*db_); }
  Status add_session(const auth::Session& s) override { return sqlite::add_session(*db_, s); }
  Status revoke_sessions(const std::vector<std::string>& token_hashes) override {
    return sqlite::revoke_sessions(*db_, token_hashes);
  }
  Result<std::vector<auth::Session>> live_sessions(int64_t now_ms) override {
    return sqlite::live_sessions(*db_, now_ms);
  }

  Result<std::vector<model::CaseCategory>> case_categories(std::string_view tenant) override {
    return sqlite::case_categories(*db_, tenant);
  }
  Result<model::Case> create_case(const model::Case& c) override { return sqlite::create_case(*db_, c); }
  Result<std::optional<model::Case>> find_case(std::string_view tenant, std::string_view reference) override {
    return sqlite::find_case(*db_, tenant, reference);
  }
  Result<std::vector<model::Case>> query_cases(const CaseQuery& q) override { return sqlite::query_cases(*db_, q); }
  Result<std::optional<model::Case>> update_case(std::string_view tenant, std::string_view reference,
                                                 const CaseUpdate& u) override {
    return sqlite::update_case(*db_, tenant, reference, u);
  }
  Result<model::CustomerNote> add_note(const model::CustomerNote& n) override { return sqlite::add_note(*db_, n); }
  Status record_disposition(const model::Disposition& d) override { return sqlite::record_disposition(*db_, d); }
  Result<Timeline> customer_timeline(std::string_view tenant, std::string_view customer_id,
                                     const std::vector<std::string>& caller_forms, int limit) override {
    return sqlite::customer_timeline(*db_, tenant, customer_id, caller_forms, limit);
  }

  Result<RecordingPage> query_recordings(const RecordingQuery& q) override {
    return sqlite::query_recordings(*db_, q);
  }
  Result<model::Evaluation> save_evaluation(const model::Evaluation& e) override {
    return sqlite::save_evaluation(*db_, e);
  }
  Result<std::vector<model::Evaluation>> query_evaluations(const EvaluationQuery& q) override {
    return sqlite::query_evaluations(*db_, q);
  }
  Result<std::vector<PurgeItem>> mark_recordings_for_purge(std::string_view tenant, int64_t before_ms,
                                                           int64_t now_ms, int days, int limit) override {
    return sqlite::mark_recordings_for_purge(*db_, tenant, before_ms, now_ms, days, limit);
  }
  Result<std::vector<PurgeItem>> pending_purges(int limit) override { return sqlite::pending_purges(*db_, limit); }
  Status finish_purge(const std::vector<PurgeItem>& items, int64_t now_ms) override {
    for (const auto& it : items) {
      if (Status st = sqlite::finish_purge(*db_, it); !st) return st;
      EventRecord e{now_ms, it.tenant, "recording.purged", it.call_id, it.agent,
                    "{\"actor\":\"system\",\"reason\":\"retention\",\"days\":" + std::to_string(it.days) + "}"};
      if (Status st = append_event(e); !st) return st;
    }
    return {};
  }

  Status begin() override { return db_->exec("BEGIN IMMEDIATE"); }
  Status commit() override { return db_->exec("COMMIT"); }
  Status rollback() override { return db_->exec("ROLLBACK"); }
  Status savepoint() override { return db_->exec("SAVEPOINT job"); }
  Status release_savepoint() override { return db_->exec("RELEASE job"); }
  Status rollback_to_savepoint() override {
    Status st = db_->exec("ROLLBACK TO job");
    Status rel = db_->exec("RELEASE job");
    return st ? rel : st;
  }

 private:
  // Statements declared after db_ so that they are finalized before it closes.
  std::unique_ptr<Db> db_;
  std::optional<Stmt> insert_call_;
  std::optional<Stmt> append_event_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite(const std::string& path) {
  if (Status st = check_directory(path); !st) return st.error();
  auto db = Db::open(path);
  if (!db) return db.error();
  Db& d = **db;
  // WAL: readers do not block the writer; the pragma answers with the mode in force.
  auto mode = d.prepare("PRAGMA journal_mode=WAL");
  if (!mode) return mode.error();
  auto row = mode->step();
  if (!row) return row.error();
  if (!*row || mode->text(0) != "wal") {
    return make_error("store.io", "database " + path + ": cannot switch to WAL journaling (got \"" +
                                      (*row ? mode->text(0) : std::string()) + "\")");
  }
  mode->reset();
  for (const char* pragma : {"PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
    if (Status st = d.exec(pragma); !st) return st.error();
  }
  if (Status st = d.exec("PRAGMA busy_timeout=" + std::to_string(kBusyTimeoutMs)); !st) return st.error();
  if (Status st = sqlite::migrate(d); !st) return st.error();
  return std::unique_ptr<Store>(std::make_unique<SqliteStore>(std::move(db.value())));
}

}  // namespace plateau::store
