// store.h — the Store: the only place that speaks SQL.
//
// Contract: provisioning objects, call records, the event log and the CRM's
// customers are read and written through this abstract interface; back ends
// (SQLite today, PostgreSQL later) live behind it and nothing here names one.
// Every method returns its failures as values (codes "store.io", "store.busy",
// "store.constraint", "store.invalid", "store.bad_query", "store.schema_newer",
// "store.crypto").
//
// Thread-safety: none. A Store is used by one thread at a time: at startup
// before the StoreWorker exists, then only on the worker's thread (see worker.h).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/user.h"
#include "common/result.h"
#include "model/call_record.h"
#include "model/callback.h"
#include "model/case.h"
#include "model/customer.h"
#include "model/evaluation.h"
#include "model/provisioning.h"
#include "model/voicemail.h"

namespace plateau::store {

// What apply_provisioning did to one kind of object.
struct KindCounts {
  int created = 0;
  int updated = 0;
  int deleted = 0;
  int unchanged = 0;
  friend bool operator==(const KindCounts&, const KindCounts&) = default;
};

struct ProvisionSummary {
  KindCounts tenants;
  KindCounts trunks;
  KindCounts numbers;
  KindCounts queues;
  KindCounts agents;
  KindCounts phones;
  KindCounts schedules;
  friend bool operator==(const ProvisionSummary&, const ProvisionSummary&) = default;
  bool changed() const;  // anything created, updated or deleted
};

// One line per kind, e.g. "phones: 1 created, 0 updated, 2 deleted, 5 unchanged\n".
std::string to_text(const ProvisionSummary& s);

// Calls whose start_ms is in [from_ms, to_ms), ordered by start_ms then id.
struct CallQuery {
  static constexpr int kMaxLimit = 100000;
  int64_t from_ms = 0;
  int64_t to_ms = std::numeric_limits<int64_t>::max();
  std::string tenant;  // empty = every tenant
  int limit = 1000;    // 1..kMaxLimit, else "store.bad_query"
  int offset = 0;      // >= 0
};

// One entry of the append-only event log (raw facts kept for later reports).
struct EventRecord {
  int64_t ts_ms = 0;
  std::string tenant;
  std::string kind;  // e.g. "agent.state", "call.queued"
  std::string call_id;
  std::string agent;
  std::string data_json;  // free-form JSON object, stored as text
  friend bool operator==(const EventRecord&, const EventRecord&) = default;
};

// Events whose ts_ms is in [from_ms, to_ms), in the order they were appended.
struct EventQuery {
  int64_t from_ms = 0;
  int64_t to_ms = std::numeric_limits<int64_t>::max();
  std::string tenant;  // empty = every tenant
  std::string kind;    // empty = every kind
  int limit = 1000;    // 1..CallQuery::kMaxLimit
  int offset = 0;
};

// One published version of an IVR flow: the file as it was published.
struct FlowVersion {
  std::string tenant, name;
  int version = 0;
  std::string source;  // the flow file's text
  int64_t published_ms = 0;
  friend bool operator==(const FlowVersion&, const FlowVersion&) = default;
};

// Voicemails whose created_ms is in [from_ms, to_ms), newest first.
struct VoicemailQuery {
  int64_t from_ms = 0;
  int64_t to_ms = std::numeric_limits<int64_t>::max();
  std::string tenant;  // empty = every tenant
  std::string state;   // empty = every state
  int limit = 100;     // 1..CallQuery::kMaxLimit
  int offset = 0;
};

// What import_customers did, counted in customers.
struct ImportSummary {
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  friend bool operator==(const ImportSummary&, const ImportSummary&) = default;
};

// "customers: 3 created, 1 updated, 6 unchanged\n"
std::string to_text(const ImportSummary& s);

// Cases of a tenant, newest first; empty filters match every case.
struct CaseQuery {
  std::string tenant;
  std::string customer_id, status, owner;
  int limit = 100;  // 1..CallQuery::kMaxLimit
  int offset = 0;
};

// The changes asked of a case; nullopt leaves a field as it is. Each change
// is checked (status moves: crm::check_transition; priorities) and goes into
// the history with `actor`, `ts_ms` and `note`; a note alone is a "note" entry.
struct CaseUpdate {
  std::optional<std::string> status, owner, priority;
  std::string note;
  std::string actor;
  int64_t ts_ms = 0;
};

// What the CRM knows of one customer's contacts, each list oldest first.
struct Timeline {
  std::vector<model::CallRecord> calls;  // with their disposition and wrap-up note
  std::vector<model::CustomerNote> notes;
  std::vector<model::Case> cases;        // without history
  std::vector<model::Disposition> dispositions;
};

// ---- quality (docs/API.md "Recordings and quality") ----

// Calls of one tenant that have a recording, newest first; empty filters match
// every call. `customer` matches the customer id or the calling number exactly.
struct RecordingQuery {
  std::string tenant;
  std::string call_id, agent, queue, customer, disposition;
  int64_t from_ms = 0;
  int64_t to_ms = std::numeric_limits<int64_t>::max();
  bool include_purged = true;
  int limit = 50;  // 1..1000
  int offset = 0;
};

struct RecordingPage {
  std::vector<model::CallRecord> calls;
  int64_t total = 0;  // matching calls, all pages
};

// Evaluations of one tenant whose ts_ms is in [from_ms, to_ms), newest first.
struct EvaluationQuery {
  std::string tenant;
  std::string call_id, agent, form;
  int64_t from_ms = 0;
  int64_t to_ms = std::numeric_limits<int64_t>::max();
  int limit = 100;  // 1..CallQuery::kMaxLimit
  int offset = 0;
};

// A recording to delete for retention: its record is marked (recording_purged_ms)
// before the file goes, and finished (recording_purge_done) after.
struct PurgeItem {
  std::string call_id, tenant, agent, path;
  int days = 0;  // the tenant's retention when it was marked
  friend bool operator==(const PurgeItem&, const PurgeItem&) = default;
};

class Store {
 public:
  virtual ~Store() = default;

  // One transaction (nested as a savepoint when called inside begin()/commit()).
  // The input is the whole truth for the tenants it names: their objects are
  // upserted and their objects absent from the input are deleted; other tenants
  // are untouched; tenants themselves are never deleted. Every object must name
  // a tenant listed in `p.tenants`. Phone passwords are never stored: the store
  // keeps ha1 = MD5("username:realm:password") and the realm; a phone given with
  // an empty password and a non-empty ha1 keeps that ha1 (so a loaded
  // Provisioning can be applied again). Idempotent: applying the same input
  // twice reports only "unchanged" the second time.
  virtual Result<ProvisionSummary> apply_provisioning(const model::Provisioning& p,
                                                      std::string_view realm) = 0;

  // Everything, sorted by tenant then key; Phone.ha1 filled, Phone.password empty.
  virtual Result<model::Provisioning> load_provisioning() = 0;
  virtual Result<bool> has_tenants() = 0;

  // Fails with "store.constraint" if a record with the same id exists.
  virtual Status insert_call(const model::CallRecord& r) = 0;
  virtual Result<std::vector<model::CallRecord>> query_calls(const CallQuery& q) = 0;

  virtual Status append_event(const EventRecord& e) = 0;

  // Queued callbacks: inserted or updated by id; the pending ones, oldest
  // request first, are reloaded at start.
  virtual Status save_callback(const model::Callback& cb) = 0;
  virtual Result<std::vector<model::Callback>> pending_callbacks() = 0;

  virtual Result<std::vector<EventRecord>> query_events(const EventQuery& q) = 0;

  // IVR flows: each publication is a new version (1, 2, ...) kept for ever, so
  // that every call record can name the version it ran. Returns the version.
  virtual Result<int> publish_flow(std::string_view tenant, std::string_view name, std::string_view source,
                                   int64_t published_ms) = 0;
  // The latest version of every flow, by tenant then name.
  virtual Result<std::vector<FlowVersion>> latest_flows() = 0;
  // Every version of one flow, oldest first; `with_source` false leaves source empty.
  virtual Result<std::vector<FlowVersion>> flow_versions(std::string_view tenant, std::string_view name,
                                                         bool with_source) = 0;

  // Voicemails left in the IVR: inserted once (store.constraint if the id
  // exists), then their state may change. The voicemail becomes a case in the
  // same transaction (category "voicemail", its customer if the IVR found
  // one, the recording, the call), so that no message is left unhandled.
  virtual Status save_voicemail(const model::Voicemail& v) = 0;
  virtual Result<std::vector<model::Voicemail>> query_voicemails(const VoicemailQuery& q) = 0;

  // ---- CRM customers (docs/CRM.md) ----
  static constexpr int kMaxCustomerSearch = 1000;

  // One transaction (a savepoint inside begin()/commit()): each customer is
  // upserted by (tenant, id) with exactly the phones and accounts given (the
  // ones it had are replaced). An account id stored under another customer of
  // the tenant moves to this one (that customer's updated_ms changes too). The
  // `tenant` argument is the tenant of every customer (their `tenant` field is
  // ignored); it must exist ("store.invalid"), as must every customer id, and
  // ids and account ids must not repeat in the input ("store.invalid": nothing
  // is written). created_ms is set on creation, updated_ms on creation and on
  // every change; a customer identical to the stored one is "unchanged".
  virtual Result<ImportSummary> import_customers(std::string_view tenant,
                                                 const std::vector<model::Customer>& customers) = 0;

  // Look-ups return the whole customer (phones and accounts in imported order)
  // or nullopt when there is none.
  virtual Result<std::optional<model::Customer>> find_customer(std::string_view tenant,
                                                               std::string_view customer_id) = 0;
  virtual Result<std::optional<model::Customer>> find_customer_by_account(std::string_view tenant,
                                                                          std::string_view account_id) = 0;
  // By E.164 number (exact). A number shared by several customers identifies
  // none of them: nullopt, so that a caller is not told another customer's
  // balance (find_customers_by_phone lists them).
  virtual Result<std::optional<model::Customer>> find_customer_by_phone(std::string_view tenant,
                                                                        std::string_view e164) = 0;
  // Every customer with that E.164 number, by id (at most kMaxCustomerSearch).
  virtual Result<std::vector<model::Customer>> find_customers_by_phone(std::string_view tenant,
                                                                       std::string_view e164) = 0;

  // Customers whose id, one of whose account ids or case references (in any
  // case) is `text`, whose name or a
  // word of it starts with `text` (ASCII letters in any case), or one of whose
  // phones ends with the digits of `text` without leading zeros (at least 6
  // digits: "0612345678" finds "+212612345678" and "+33612345678"). Ordered
  // by name then id; `limit` 1..kMaxCustomerSearch, else "store.bad_query".
  // An empty text lists the tenant's customers.
  virtual Result<std::vector<model::Customer>> search_customers(std::string_view tenant, std::string_view text,
                                                                int limit) = 0;

  // ---- users of the API and their sessions (docs/API.md) ----
  // Creates a user with its memberships ("store.constraint" when the login
  // exists; "store.invalid" for a bad login, no password hash, a tenant named
  // twice or one that does not exist).
  virtual Status add_user(const auth::User& u) = 0;
  // Replaces the name, password hash, disabled flag and memberships of an
  // existing user (created_ms is kept; "store.invalid" when there is none).
  virtual Status update_user(const auth::User& u) = 0;
  // Removes the user with its memberships and sessions; false if there was none.
  virtual Result<bool> remove_user(std::string_view login) = 0;
  // Every user with its memberships, by login.
  virtual Result<std::vector<auth::User>> load_users() = 0;
  // A new session (only the hash of its token is given).
  virtual Status add_session(const auth::Session& s) = 0;
  virtual Status revoke_sessions(const std::vector<std::string>& token_hashes) = 0;
  // The sessions neither revoked nor expired at `now_ms`, oldest first; the
  // others are deleted.
  virtual Result<std::vector<auth::Session>> live_sessions(int64_t now_ms) = 0;

  // ---- CRM cases, notes, dispositions, timeline (docs/CRM.md) ----

  // The tenant's case categories (its [[case_category]], or the defaults of
  // crm::default_case_categories); "store.invalid" for an unknown tenant.
  virtual Result<std::vector<model::CaseCategory>> case_categories(std::string_view tenant) = 0;

  // Opens a case in one transaction: its reference is the next of the tenant
  // and year (crm::format_reference), its due date the category's SLA after
  // created_ms, its priority the category's default when empty, its status
  // "open", and its history the creation. "store.invalid" for an unknown
  // tenant, category, priority or customer (a non-empty customer_id must be a
  // customer of the tenant). Returns the case as stored.
  virtual Result<model::Case> create_case(const model::Case& c) = 0;
  // One case with its history, or nullopt. The reference is matched in any case.
  virtual Result<std::optional<model::Case>> find_case(std::string_view tenant, std::string_view reference) = 0;
  virtual Result<std::vector<model::Case>> query_cases(const CaseQuery& q) = 0;
  // Applies `u` in one transaction and returns the case with its history;
  // nullopt when there is no such case; "crm.bad_transition", "crm.bad_status"
  // or "store.invalid" (a priority) when refused, with nothing written.
  virtual Result<std::optional<model::Case>> update_case(std::string_view tenant, std::string_view reference,
                                                         const CaseUpdate& u) = 0;

  // A note on a customer's card ("store.invalid" for an unknown customer or an
  // empty text); returns it with its id.
  virtual Result<model::CustomerNote> add_note(const model::CustomerNote& n) = 0;

  // An agent's disposition and wrap-up note for a call: kept as a fact and
  // copied onto the call record (its columns disposition, wrapup_note), now if
  // the record is stored, or when it is (records are stored at hang-up, but
  // the recording's closing may delay one past a short wrap-up).
  virtual Status record_disposition(const model::Disposition& d) = 0;

  // The customer's calls (those whose attached data name the customer, by
  // "customer_id" or "customer.id", and those from one of `caller_forms`, the
  // calling numbers as records keep them: crm::caller_forms of each phone),
  // notes, cases and dispositions, each list the last `limit` (1..1000) in time.
  virtual Result<Timeline> customer_timeline(std::string_view tenant, std::string_view customer_id,
                                             const std::vector<std::string>& caller_forms, int limit) = 0;

  // ---- quality: recordings, evaluations, retention (sqlite_quality.cpp) ----
  virtual Result<RecordingPage> query_recordings(const RecordingQuery& q) = 0;
  // Stores the evaluation (id given) and returns it; "store.invalid" when its
  // call is not a call of the tenant.
  virtual Result<model::Evaluation> save_evaluation(const model::Evaluation& e) = 0;
  virtual Result<std::vector<model::Evaluation>> query_evaluations(const EvaluationQuery& q) = 0;
  // Marks for purge the tenant's recordings of calls started before
  // `before_ms` (at most `limit`), at `now_ms`; returns them.
  virtual Result<std::vector<PurgeItem>> mark_recordings_for_purge(std::string_view tenant, int64_t before_ms,
                                                                   int64_t now_ms, int days, int limit) = 0;
  // Every recording marked and not yet finished (a purge cut short), any tenant.
  virtual Result<std::vector<PurgeItem>> pending_purges(int limit) = 0;
  // The files are gone: the records say so, and a recording.purged event is
  // appended for each (actor "system", reason "retention", days).
  virtual Status finish_purge(const std::vector<PurgeItem>& items, int64_t now_ms) = 0;

  // Explicit transaction for batching (the StoreWorker). begin() takes the write
  // lock at once so that commit() does not fail on a lock upgrade.
  virtual Status begin() = 0;
  virtual Status commit() = 0;
  virtual Status rollback() = 0;

  // One level of savepoint inside begin()/commit(), so that one failed job can
  // be undone without losing the rest of the batch.
  virtual Status savepoint() = 0;
  virtual Status release_savepoint() = 0;      // keep the work since savepoint()
  virtual Status rollback_to_savepoint() = 0;  // undo it (and release the savepoint)
};

}  // namespace plateau::store
