#include "store/sqlite_schema.h"

#include <chrono>
#include <string>

namespace plateau::store::sqlite {

namespace {

// Keys are (tenant, name) as the model says names are unique within their kind
// and tenant; a phone's username is unique on the whole platform. Lists (trunk
// addresses, agent queues) are child rows with a position, so order is kept.
// calls.tenant has no foreign key: records outlive the tenant and rejected calls
// have none.
constexpr const char* kV1 = R"sql(
CREATE TABLE tenants(
  name TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  timezone TEXT NOT NULL,
  language TEXT NOT NULL
);
CREATE TABLE trunks(
  tenant TEXT NOT NULL REFERENCES tenants(name) ON DELETE CASCADE,
  name TEXT NOT NULL,
  PRIMARY KEY(tenant, name)
);
CREATE TABLE trunk_addresses(
  tenant TEXT NOT NULL,
  trunk TEXT NOT NULL,
  position INTEGER NOT NULL,
  address TEXT NOT NULL,
  PRIMARY KEY(tenant, trunk, position),
  FOREIGN KEY(tenant, trunk) REFERENCES trunks(tenant, name) ON DELETE CASCADE
);
CREATE TABLE queues(
  tenant TEXT NOT NULL REFERENCES tenants(name) ON DELETE CASCADE,
  name TEXT NOT NULL,
  display_name TEXT NOT NULL,
  ring_timeout_s INTEGER NOT NULL,
  max_wait_s INTEGER NOT NULL,
  wrapup_s INTEGER NOT NULL,
  music TEXT NOT NULL,
  PRIMARY KEY(tenant, name)
);
CREATE TABLE numbers(
  tenant TEXT NOT NULL REFERENCES tenants(name) ON DELETE CASCADE,
  did TEXT NOT NULL,
  flow TEXT NOT NULL,
  greeting TEXT NOT NULL,
  queue TEXT NOT NULL,
  PRIMARY KEY(tenant, did)
);
CREATE TABLE agents(
  tenant TEXT NOT NULL REFERENCES tenants(name) ON DELETE CASCADE,
  login TEXT NOT NULL,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  ready_on_register INTEGER NOT NULL,
  PRIMARY KEY(tenant, login)
);
CREATE TABLE agent_queues(
  tenant TEXT NOT NULL,
  agent TEXT NOT NULL,
  position INTEGER NOT NULL,
  queue TEXT NOT NULL,
  PRIMARY KEY(tenant, agent, position),
  FOREIGN KEY(tenant, agent) REFERENCES agents(tenant, login) ON DELETE CASCADE,
  FOREIGN KEY(tenant, queue) REFERENCES queues(tenant, name) ON DELETE CASCADE
);
CREATE INDEX agent_queues_queue ON agent_queues(tenant, queue);
CREATE TABLE phones(
  username TEXT PRIMARY KEY,
  tenant TEXT NOT NULL REFERENCES tenants(name) ON DELETE CASCADE,
  ha1 TEXT NOT NULL,
  realm TEXT NOT NULL
);
CREATE INDEX phones_tenant ON phones(tenant);
CREATE TABLE calls(
  id TEXT PRIMARY KEY,
  sip_call_id TEXT NOT NULL,
  tenant TEXT NOT NULL,
  caller TEXT NOT NULL,
  number TEXT NOT NULL,
  queue TEXT NOT NULL,
  agent TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  answer_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  wait_ms INTEGER NOT NULL,
  ring_ms INTEGER NOT NULL,
  talk_ms INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK(outcome IN ('answered', 'abandoned', 'no_agent', 'rejected', 'failed')),
  reason TEXT NOT NULL,
  recording TEXT NOT NULL
);
CREATE INDEX calls_start ON calls(start_ms);
CREATE INDEX calls_tenant_start ON calls(tenant, start_ms);
CREATE TABLE events(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ts_ms INTEGER NOT NULL,
  tenant TEXT NOT NULL,
  kind TEXT NOT NULL,
  call_id TEXT NOT NULL,
  agent TEXT NOT NULL,
  data_json TEXT NOT NULL
);
CREATE INDEX events_ts ON events(ts_ms);
CREATE INDEX events_tenant_ts ON events(tenant, ts_ms);
CREATE TRIGGER events_append_only BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'the event log is append-only');
END;
)sql";

// The ACD settings. New columns default to the model's defaults, and existing
// tenants get the model's default not-ready reasons, so that a database of
// version 1 loads as the same file parses today. An agent may now serve a queue
// of another tenant: agent_queues is rebuilt with the queue's tenant (SQLite
// cannot change a foreign key in place).
constexpr const char* kV2 = R"sql(
CREATE TABLE tenant_not_ready_reasons(
  tenant TEXT NOT NULL REFERENCES tenants(name) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  PRIMARY KEY(tenant, position)
);
INSERT INTO tenant_not_ready_reasons(tenant, position, code)
  SELECT t.name, d.position, d.code FROM tenants t,
    (SELECT 0 AS position, 'break' AS code UNION ALL SELECT 1, 'lunch' UNION ALL SELECT 2, 'training'
     UNION ALL SELECT 3, 'meeting' UNION ALL SELECT 4, 'admin') d;
CREATE TABLE tenant_dispositions(
  tenant TEXT NOT NULL REFERENCES tenants(name) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  PRIMARY KEY(tenant, position)
);
CREATE TABLE tenant_agents_from(
  tenant TEXT NOT NULL REFERENCES tenants(name) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY(tenant, position)
);
ALTER TABLE trunks ADD COLUMN gateway TEXT NOT NULL DEFAULT '';
ALTER TABLE trunks ADD COLUMN caller_id TEXT NOT NULL DEFAULT '';
ALTER TABLE numbers ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE numbers ADD COLUMN requirement TEXT NOT NULL DEFAULT '';
ALTER TABLE queues ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN strategy TEXT NOT NULL DEFAULT 'longest_idle';
ALTER TABLE queues ADD COLUMN sl_threshold_s INTEGER NOT NULL DEFAULT 20;
ALTER TABLE queues ADD COLUMN sl_target_pct INTEGER NOT NULL DEFAULT 80;
ALTER TABLE queues ADD COLUMN max_length INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN priority_step_s INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN wrapup_requires_disposition INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN requirement TEXT NOT NULL DEFAULT '';
ALTER TABLE queues ADD COLUMN on_timeout TEXT NOT NULL DEFAULT 'hangup';
ALTER TABLE queues ADD COLUMN on_full TEXT NOT NULL DEFAULT 'hangup';
ALTER TABLE queues ADD COLUMN on_no_agent TEXT NOT NULL DEFAULT 'none';
ALTER TABLE queues ADD COLUMN announce_every_s INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN callback INTEGER NOT NULL DEFAULT 0;
ALTER TABLE queues ADD COLUMN callback_trunk TEXT NOT NULL DEFAULT '';
ALTER TABLE queues ADD COLUMN callback_attempts INTEGER NOT NULL DEFAULT 3;
ALTER TABLE queues ADD COLUMN callback_retry_s INTEGER NOT NULL DEFAULT 300;
CREATE TABLE queue_relax(
  tenant TEXT NOT NULL,
  queue TEXT NOT NULL,
  position INTEGER NOT NULL,
  after_s INTEGER NOT NULL,
  requirement TEXT NOT NULL,
  keep_contact INTEGER NOT NULL,
  PRIMARY KEY(tenant, queue, position),
  FOREIGN KEY(tenant, queue) REFERENCES queues(tenant, name) ON DELETE CASCADE
);
CREATE TABLE agent_skills(
  tenant TEXT NOT NULL,
  agent TEXT NOT NULL,
  position INTEGER NOT NULL,
  skill TEXT NOT NULL,
  level INTEGER NOT NULL,
  PRIMARY KEY(tenant, agent, position),
  UNIQUE(tenant, agent, skill),
  FOREIGN KEY(tenant, agent) REFERENCES agents(tenant, login) ON DELETE CASCADE
);
CREATE TABLE agent_queues_v2(
  tenant TEXT NOT NULL,
  agent TEXT NOT NULL,
  position INTEGER NOT NULL,
  queue_tenant TEXT NOT NULL,
  queue TEXT NOT NULL,
  weight INTEGER NOT NULL,
  PRIMARY KEY(tenant, agent, position),
  FOREIGN KEY(tenant, agent) REFERENCES agents(tenant, login) ON DELETE CASCADE,
  FOREIGN KEY(queue_tenant, queue) REFERENCES queues(tenant, name) ON DELETE CASCADE
);
INSERT INTO agent_queues_v2(tenant, agent, position, queue_tenant, queue, weight)
  SELECT tenant, agent, position, tenant, queue, 1 FROM agent_queues;
DROP TABLE agent_queues;
ALTER TABLE agent_queues_v2 RENAME TO agent_queues;
CREATE INDEX agent_queues_queue ON agent_queues(queue_tenant, queue);
)sql";

constexpr const char* kCallbacks = R"sql(
CREATE TABLE callbacks(
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  queue TEXT NOT NULL,
  number TEXT NOT NULL,
  requested_ms INTEGER NOT NULL,
  attempts INTEGER NOT NULL,
  state TEXT NOT NULL CHECK(state IN ('pending', 'done', 'gave_up'))
);
CREATE INDEX callbacks_pending ON callbacks(state, requested_ms);
CREATE TABLE calls_v3(
  id TEXT PRIMARY KEY,
  sip_call_id TEXT NOT NULL,
  tenant TEXT NOT NULL,
  caller TEXT NOT NULL,
  number TEXT NOT NULL,
  queue TEXT NOT NULL,
  agent TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  answer_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  wait_ms INTEGER NOT NULL,
  ring_ms INTEGER NOT NULL,
  talk_ms INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK(outcome IN ('answered', 'abandoned', 'no_agent', 'rejected', 'failed',
                                          'callback_requested', 'transferred', 'no_answer')),
  reason TEXT NOT NULL,
  recording TEXT NOT NULL
);
INSERT INTO calls_v3 SELECT id, sip_call_id, tenant, caller, number, queue, agent, start_ms, answer_ms, end_ms,
  wait_ms, ring_ms, talk_ms, outcome, reason, recording FROM calls;
DROP TABLE calls;
ALTER TABLE calls_v3 RENAME TO calls;
CREATE INDEX calls_start ON calls(start_ms);
CREATE INDEX calls_tenant_start ON calls(tenant, start_ms);
)sql";

// Opening-hours schedules (model/schedule.h). Weekly ranges are minutes since
// local midnight; dates and a short day's hours are kept in their text forms
// ("2026-12-31", "08:00-13:00", src/calendar/text.h), as the file writes them.
constexpr const char* kSchedules = R"sql(
CREATE TABLE schedules(
  tenant TEXT NOT NULL REFERENCES tenants(name) ON DELETE CASCADE,
  name TEXT NOT NULL,
  timezone TEXT NOT NULL,
  PRIMARY KEY(tenant, name)
);
CREATE TABLE schedule_hours(
  tenant TEXT NOT NULL,
  schedule TEXT NOT NULL,
  position INTEGER NOT NULL,
  weekday INTEGER NOT NULL CHECK(weekday BETWEEN 0 AND 6),
  start_min INTEGER NOT NULL CHECK(start_min BETWEEN 0 AND 1439),
  end_min INTEGER NOT NULL CHECK(end_min BETWEEN 1 AND 1440 AND end_min > start_min),
  PRIMARY KEY(tenant, schedule, position),
  FOREIGN KEY(tenant, schedule) REFERENCES schedules(tenant, name) ON DELETE CASCADE
);
CREATE TABLE schedule_holidays(
  tenant TEXT NOT NULL,
  schedule TEXT NOT NULL,
  position INTEGER NOT NULL,
  holiday_set TEXT NOT NULL,
  PRIMARY KEY(tenant, schedule, position),
  FOREIGN KEY(tenant, schedule) REFERENCES schedules(tenant, name) ON DELETE CASCADE
);
CREATE TABLE schedule_closed(
  tenant TEXT NOT NULL,
  schedule TEXT NOT NULL,
  position INTEGER NOT NULL,
  date TEXT NOT NULL,
  hours TEXT NOT NULL,
  PRIMARY KEY(tenant, schedule, position),
  FOREIGN KEY(tenant, schedule) REFERENCES schedules(tenant, name) ON DELETE CASCADE
);
CREATE TABLE schedule_open(
  tenant TEXT NOT NULL,
  schedule TEXT NOT NULL,
  position INTEGER NOT NULL,
  date TEXT NOT NULL,
  PRIMARY KEY(tenant, schedule, position),
  FOREIGN KEY(tenant, schedule) REFERENCES schedules(tenant, name) ON DELETE CASCADE
);
)sql";

// IVR: published flow versions (never changed once written), voicemails, and
// the IVR's part of each call record.
constexpr const char* kIvr = R"sql(
CREATE TABLE ivr_flows(
  tenant TEXT NOT NULL,
  name TEXT NOT NULL,
  version INTEGER NOT NULL CHECK(version >= 1),
  source TEXT NOT NULL,
  published_ms INTEGER NOT NULL,
  PRIMARY KEY(tenant, name, version)
);
CREATE TABLE voicemails(
  id TEXT PRIMARY KEY,
  tenant TEXT NOT NULL,
  caller TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  language TEXT NOT NULL,
  flow TEXT NOT NULL,
  flow_version INTEGER NOT NULL,
  path TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  created_ms INTEGER NOT NULL,
  state TEXT NOT NULL CHECK(state IN ('new', 'heard', 'done'))
);
CREATE INDEX voicemails_tenant_created ON voicemails(tenant, created_ms);
CREATE TABLE calls_v6(
  id TEXT PRIMARY KEY,
  sip_call_id TEXT NOT NULL,
  tenant TEXT NOT NULL,
  caller TEXT NOT NULL,
  number TEXT NOT NULL,
  queue TEXT NOT NULL,
  agent TEXT NOT NULL,
  start_ms INTEGER NOT NULL,
  answer_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  wait_ms INTEGER NOT NULL,
  ring_ms INTEGER NOT NULL,
  talk_ms INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK(outcome IN ('answered', 'abandoned', 'no_agent', 'rejected', 'failed',
                                          'callback_requested', 'transferred', 'no_answer', 'ivr_served',
                                          'voicemail')),
  reason TEXT NOT NULL,
  recording TEXT NOT NULL,
  flow TEXT NOT NULL DEFAULT '',
  flow_version INTEGER NOT NULL DEFAULT 0,
  ivr_end TEXT NOT NULL DEFAULT '',
  ivr_path TEXT NOT NULL DEFAULT '',
  recording_notice INTEGER NOT NULL DEFAULT 0,
  attached TEXT NOT NULL DEFAULT ''
);
INSERT INTO calls_v6(id, sip_call_id, tenant, caller, number, queue, agent, start_ms, answer_ms, end_ms, wait_ms,
  ring_ms, talk_ms, outcome, reason, recording)
  SELECT id, sip_call_id, tenant, caller, number, queue, agent, start_ms, answer_ms, end_ms, wait_ms, ring_ms,
  talk_ms, outcome, reason, recording FROM calls;
DROP TABLE calls;
ALTER TABLE calls_v6 RENAME TO calls;
CREATE INDEX calls_start ON calls(start_ms);
CREATE INDEX calls_tenant_start ON calls(tenant, start_ms);
CREATE INDEX calls_flow ON calls(tenant, flow, start_ms);
)sql";

// The CRM's customers (docs/CRM.md). Phones and accounts are child rows with a
// position, so the imported order is kept; an account id is unique within its
// tenant, a phone may be shared by several customers.
constexpr const char* kCustomers = R"sql(
CREATE TABLE customers(
  tenant TEXT NOT NULL REFERENCES tenants(name) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  language TEXT NOT NULL,
  email TEXT NOT NULL,
  address TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  PRIMARY KEY(tenant, id)
);
CREATE TABLE customer_phones(
  tenant TEXT NOT NULL,
  customer TEXT NOT NULL,
  position INTEGER NOT NULL,
  phone TEXT NOT NULL,
  PRIMARY KEY(tenant, customer, position),
  FOREIGN KEY(tenant, customer) REFERENCES customers(tenant, id) ON DELETE CASCADE
);
CREATE INDEX customer_phones_phone ON customer_phones(tenant, phone);
CREATE TABLE accounts(
  tenant TEXT NOT NULL,
  id TEXT NOT NULL,
  customer TEXT NOT NULL,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  balance_cents INTEGER NOT NULL,
  currency TEXT NOT NULL,
  last_payment_cents INTEGER NOT NULL,
  last_payment_date TEXT NOT NULL,
  PRIMARY KEY(tenant, id),
  FOREIGN KEY(tenant, customer) REFERENCES customers(tenant, id) ON DELETE CASCADE
);
CREATE INDEX accounts_customer ON accounts(tenant, customer, position);
)sql";

// Users of the API (docs/API.md): a password hash only (Argon2id), one
// membership per tenant with a role and the agent login the user takes calls
// as; sessions are kept by the hash of their token, never the token.
constexpr const char* kUsers = R"sql(
CREATE TABLE users(
  login TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE user_memberships(
  user TEXT NOT NULL REFERENCES users(login) ON DELETE CASCADE,
  tenant TEXT NOT NULL REFERENCES tenants(name) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK(role IN ('agent', 'supervisor', 'administrator')),
  agent TEXT NOT NULL,
  PRIMARY KEY(user, tenant)
);
CREATE INDEX user_memberships_tenant ON user_memberships(tenant, user);
CREATE TABLE sessions(
  token_hash TEXT PRIMARY KEY,
  user TEXT NOT NULL REFERENCES users(login) ON DELETE CASCADE,
  created_ms INTEGER NOT NULL,
  expires_ms INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_user ON sessions(user);
CREATE INDEX sessions_expires ON sessions(expires_ms);
)sql";

// CRM cases (docs/CRM.md): each tenant's case categories (a list of the
// tenant, like its dispositions), a counter per tenant and year for the
// references, the cases and their append-only history, notes on customers,
// and the dispositions given at wrap-up. A call record gets the disposition
// and wrap-up note (a trigger copies one given before the record was stored)
// and the customer its attached data name, so that a timeline finds calls by
// customer or calling number through indexes.
constexpr const char* kCases = R"sql(
CREATE TABLE tenant_case_categories(
  tenant TEXT NOT NULL REFERENCES tenants(name) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  sla_hours INTEGER NOT NULL CHECK(sla_hours >= 1),
  default_priority TEXT NOT NULL,
  PRIMARY KEY(tenant, position)
);
CREATE TABLE case_counters(
  tenant TEXT NOT NULL,
  year INTEGER NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY(tenant, year)
);
CREATE TABLE cases(
  tenant TEXT NOT NULL REFERENCES tenants(name) ON DELETE CASCADE,
  reference TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  category TEXT NOT NULL,
  priority TEXT NOT NULL CHECK(priority IN ('low', 'normal', 'high', 'urgent')),
  status TEXT NOT NULL CHECK(status IN ('open', 'in_progress', 'waiting_customer', 'resolved', 'closed')),
  owner TEXT NOT NULL,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  call_id TEXT NOT NULL,
  recording TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL,
  due_ms INTEGER NOT NULL,
  PRIMARY KEY(tenant, reference)
);
CREATE INDEX cases_customer ON cases(tenant, customer_id, created_ms);
CREATE INDEX cases_status ON cases(tenant, status, due_ms);
CREATE INDEX cases_owner ON cases(tenant, owner, status);
CREATE TABLE case_history(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant TEXT NOT NULL,
  reference TEXT NOT NULL,
  ts_ms INTEGER NOT NULL,
  actor TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  note TEXT NOT NULL,
  FOREIGN KEY(tenant, reference) REFERENCES cases(tenant, reference) ON DELETE CASCADE
);
CREATE INDEX case_history_case ON case_history(tenant, reference, id);
CREATE TRIGGER case_history_append_only BEFORE UPDATE ON case_history
BEGIN
  SELECT RAISE(ABORT, 'the case history is append-only');
END;
CREATE TABLE customer_notes(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL,
  call_id TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  FOREIGN KEY(tenant, customer_id) REFERENCES customers(tenant, id) ON DELETE CASCADE
);
CREATE INDEX customer_notes_customer ON customer_notes(tenant, customer_id, created_ms);
CREATE TABLE call_dispositions(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant TEXT NOT NULL,
  call_id TEXT NOT NULL,
  agent TEXT NOT NULL,
  disposition TEXT NOT NULL,
  note TEXT NOT NULL,
  ts_ms INTEGER NOT NULL
);
CREATE INDEX call_dispositions_call ON call_dispositions(call_id, id);
ALTER TABLE calls ADD COLUMN disposition TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN wrapup_note TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN customer_id TEXT NOT NULL DEFAULT '';
UPDATE calls SET customer_id = COALESCE(json_extract(attached, '$.customer_id'),
                                        json_extract(attached, '$."customer.id"'), '')
  WHERE json_valid(attached);
CREATE INDEX calls_customer ON calls(tenant, customer_id, start_ms);
CREATE INDEX calls_caller ON calls(tenant, caller, start_ms);
CREATE TRIGGER calls_crm_on_insert AFTER INSERT ON calls
BEGIN
  UPDATE calls SET
    customer_id = CASE WHEN json_valid(NEW.attached)
                       THEN COALESCE(json_extract(NEW.attached, '$.customer_id'),
                                     json_extract(NEW.attached, '$."customer.id"'), '')
                       ELSE '' END,
    disposition = COALESCE((SELECT disposition FROM call_dispositions WHERE call_id = NEW.id ORDER BY id DESC LIMIT 1),
                           NEW.disposition),
    wrapup_note = COALESCE((SELECT note FROM call_dispositions WHERE call_id = NEW.id ORDER BY id DESC LIMIT 1),
                           NEW.wrapup_note)
  WHERE id = NEW.id;
END;
)sql";

// Call control by agents (docs/CTI.md): hold time and count, transfers, conference.
constexpr const char* kCallControl = R"sql(
ALTER TABLE calls ADD COLUMN hold_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN holds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN transfers TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN conference INTEGER NOT NULL DEFAULT 0;
)sql";

// Quality (docs/API.md "Recordings and quality"): a tenant's recording retention
// and evaluation forms (criteria as JSON: [{id, labels, weight, max_score}]),
// the evaluations of calls with one row per criterion (weight and maximum as
// they were), and on each call record its recording's pauses and purge.
constexpr const char* kQuality = R"sql(
ALTER TABLE tenants ADD COLUMN recording_retention_days INTEGER NOT NULL DEFAULT 0;
CREATE TABLE tenant_evaluation_forms(
  tenant TEXT NOT NULL REFERENCES tenants(name) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  criteria TEXT NOT NULL,
  PRIMARY KEY(tenant, position)
);
CREATE TABLE evaluations(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant TEXT NOT NULL,
  call_id TEXT NOT NULL,
  agent TEXT NOT NULL,
  form TEXT NOT NULL,
  evaluator TEXT NOT NULL,
  ts_ms INTEGER NOT NULL,
  score_centi INTEGER NOT NULL CHECK(score_centi BETWEEN 0 AND 10000),
  comment TEXT NOT NULL
);
CREATE INDEX evaluations_tenant_ts ON evaluations(tenant, ts_ms);
CREATE INDEX evaluations_call ON evaluations(tenant, call_id);
CREATE INDEX evaluations_agent ON evaluations(tenant, agent, ts_ms);
CREATE TABLE evaluation_scores(
  evaluation INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  criterion TEXT NOT NULL,
  score INTEGER,
  max_score INTEGER NOT NULL CHECK(max_score >= 1),
  weight INTEGER NOT NULL CHECK(weight >= 1),
  PRIMARY KEY(evaluation, position)
);
ALTER TABLE calls ADD COLUMN recording_paused_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN recording_pauses INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN recording_purged_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE calls ADD COLUMN recording_purge_done INTEGER NOT NULL DEFAULT 0;
CREATE INDEX calls_recordings ON calls(tenant, start_ms) WHERE recording != '';
CREATE INDEX calls_purge_pending ON calls(recording_purged_ms) WHERE recording_purged_ms > 0 AND recording_purge_done = 0;
)sql";

// Reports (docs/REPORTS.md): the event log is immutable (no UPDATE since
// version 1, no DELETE now); the report reader walks one tenant's events in id
// order (tenant, id) and finds each agent's last state before a range (tenant,
// kind, ts_ms).
constexpr const char* kReports = R"sql(
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'the event log is immutable');
END;
CREATE INDEX events_tenant_id ON events(tenant, id);
CREATE INDEX events_tenant_kind_ts ON events(tenant, kind, ts_ms);
)sql";

// Customer search by name: a full-text index of the names (words and their
// prefixes, case and accents ignored: "benani" finds "Mohamed Bénani"), kept in
// step with the customers table by triggers, so that a search no longer reads
// every customer of the tenant; and the tenant's customers in name order.
constexpr const char* kCustomerNames = R"sql(
CREATE VIRTUAL TABLE customer_names USING fts5(
  name, content='customers', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER customer_names_insert AFTER INSERT ON customers BEGIN
  INSERT INTO customer_names(rowid, name) VALUES(new.rowid, new.name);
END;
CREATE TRIGGER customer_names_delete AFTER DELETE ON customers BEGIN
  INSERT INTO customer_names(customer_names, rowid, name) VALUES('delete', old.rowid, old.name);
END;
CREATE TRIGGER customer_names_update AFTER UPDATE OF name ON customers BEGIN
  INSERT INTO customer_names(customer_names, rowid, name) VALUES('delete', old.rowid, old.name);
  INSERT INTO customer_names(rowid, name) VALUES(new.rowid, new.name);
END;
INSERT INTO customer_names(customer_names) VALUES('rebuild');
CREATE INDEX customers_name ON customers(tenant, name, id);
)sql";

// Wallboard thresholds of each queue (docs/PROVISIONING.md): when its waiting
// contacts, longest wait, service level and ASA turn amber and red. Queues
// stored before get the defaults that follow their service level.
constexpr const char* kThresholds = R"sql(
ALTER TABLE queues ADD COLUMN waiting_amber INTEGER NOT NULL DEFAULT 5;
ALTER TABLE queues ADD COLUMN waiting_red INTEGER NOT NULL DEFAULT 10;
ALTER TABLE queues ADD COLUMN longest_wait_amber_s INTEGER NOT NULL DEFAULT 20;
ALTER TABLE queues ADD COLUMN longest_wait_red_s INTEGER NOT NULL DEFAULT 40;
ALTER TABLE queues ADD COLUMN service_level_amber INTEGER NOT NULL DEFAULT 80;
ALTER TABLE queues ADD COLUMN service_level_red INTEGER NOT NULL DEFAULT 70;
ALTER TABLE queues ADD COLUMN asa_amber_s INTEGER NOT NULL DEFAULT 10;
ALTER TABLE queues ADD COLUMN asa_red_s INTEGER NOT NULL DEFAULT 20;
UPDATE queues SET longest_wait_amber_s = sl_threshold_s, longest_wait_red_s = 2 * sl_threshold_s,
                  service_level_amber = sl_target_pct, service_level_red = MAX(sl_target_pct - 10, 0),
                  asa_amber_s = MAX(sl_threshold_s / 2, 1), asa_red_s = sl_threshold_s;
)sql";

constexpr Migration kMigrations[] = {
    {1, "tenants, trunks, queues, numbers, agents, phones, calls, events", kV1},
    {2, "ACD settings: tenant reasons, dispositions and agents_from; trunk gateways; number and queue "
        "priorities, requirements, strategies, service levels, overflows, callbacks; relax steps; agent skills "
        "and weighted memberships in queues of any tenant",
     kV2},
    {3, "queued callbacks; call outcomes callback_requested, transferred, no_answer", kCallbacks},
    {4, "opening-hours schedules: weekly hours, holiday sets, closed and open dates", kSchedules},
    {5, "CRM: customers, their phones and accounts", kCustomers},
    {6, "IVR: published flow versions, voicemails, the IVR path, notice and attached data of each call; call "
        "outcomes ivr_served, voicemail",
     kIvr},
    {7, "users of the API, their roles in tenants, and their sessions (token hashes)", kUsers},
    {8, "CRM: case categories, cases and their history, customer notes, call dispositions; the disposition, "
        "wrap-up note and customer of each call",
     kCases},
    {9, "call control: hold time and count, transfers and conference of each call", kCallControl},
    {10, "reports: the event log immutable against DELETE; indexes by tenant and id, and by tenant, kind and time",
     kReports},
    {11, "quality: recording retention and evaluation forms of tenants, evaluations and their scores, recording "
         "pauses and purge of each call",
     kQuality},
    {12, "wallboard thresholds of each queue: waiting, longest wait, service level, ASA", kThresholds},
    {13, "CRM: a full-text index of customer names", kCustomerNames},
};

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Result<int> current_version(Db& db) {
  auto stmt = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!stmt) return stmt.error();
  auto row = stmt->step();
  if (!row) return row.error();
  return static_cast<int>(stmt->int64(0));
}

// Whether the database has migration `version`.
Result<bool> applied(Db& db, int version) {
  auto stmt = db.prepare("SELECT COUNT(*) FROM schema_version WHERE version = ?1");
  if (!stmt) return stmt.error();
  stmt->bind(1, int64_t{version});
  auto row = stmt->step();
  if (!row) return row.error();
  return stmt->int64(0) > 0;
}

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations[std::size(kMigrations) - 1].version; }

Status migrate(Db& db, std::span<const Migration> list) {
  Status st = db.exec(
      "CREATE TABLE IF NOT EXISTS schema_version("
      "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_ms INTEGER NOT NULL)");
  if (!st) return st;
  auto version = current_version(db);
  if (!version) return version.error();
  const int known = list.empty() ? 0 : list.back().version;
  if (*version > known) {
    return make_error("store.schema_newer", "database " + db.path() + " has schema version " +
                                                std::to_string(*version) + ", newer than the " +
                                                std::to_string(known) +
                                                " this plateau knows: refusing to open it (upgrade plateau)");
  }
  // Every migration not recorded yet is applied, in list order: versions are
  // numbered by the part that added them, so a database may have a later one
  // (e.g. 13) before an earlier one that reached the code after it (e.g. 11).
  for (const Migration& m : list) {
    auto done = applied(db, m.version);
    if (!done) return done.error();
    if (*done) continue;
    auto scope = WriteScope::start(db, "migration");
    if (!scope) return scope.error();
    // Re-read inside the write lock: another process may have migrated meanwhile.
    auto now = applied(db, m.version);
    if (!now) return now.error();
    if (*now) continue;
    if (Status s = db.exec(m.sql); !s) {
      return make_error(s.error().code, "migration " + std::to_string(m.version) + " (" + m.description +
                                            "): " + s.error().message);
    }
    auto rec = db.prepare("INSERT INTO schema_version(version, description, applied_ms) VALUES(?1, ?2, ?3)");
    if (!rec) return rec.error();
    rec->bind(1, int64_t{m.version}).bind(2, m.description).bind(3, now_ms());
    if (Status s = rec->run(); !s) return s;
    if (Status s = (*scope)->commit(); !s) return s;
  }
  return {};
}

}  // namespace plateau::store::sqlite
