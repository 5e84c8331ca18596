#include "store/sqlite_provisioning.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/provisioning_rows.h"

namespace plateau::store::sqlite {

namespace {

struct Column {
  const char* name;
  bool integer;
};

// A list of an object, kept in its own table with the list position:
// (tenant, <parent>, position, <columns>); a tenant's lists have no parent column.
struct Child {
  const char* table;
  const char* parent;  // nullptr for a tenant's lists
  std::vector<Column> columns;
};

// Where each kind lives. Column names are constants, never user input, so
// building SQL text from them is safe; values are always bound.
struct Table {
  Kind kind;
  const char* table;
  const char* tenant_col;  // equals key_col for tenants
  const char* key_col;
  std::vector<Column> values;   // in the order of Row::values (provisioning_rows.cpp)
  std::vector<Child> children;  // in the order of Row::lists
  KindCounts ProvisionSummary::*counts;
};

const Table& table_of(Kind k) {
  static const std::vector<Table> tables = {
      {.kind = Kind::Tenant,
       .table = "tenants",
       .tenant_col = "name",
       .key_col = "name",
       .values = {{"display_name", false}, {"timezone", false}, {"language", false},
                  {"recording_retention_days", true}},
       .children = {{"tenant_not_ready_reasons", nullptr, {{"code", false}}},
                    {"tenant_dispositions", nullptr, {{"code", false}}},
                    {"tenant_agents_from", nullptr, {{"source", false}}},
                    {"tenant_case_categories",
                     nullptr,
                     {{"name", false}, {"sla_hours", true}, {"default_priority", false}}},
                    {"tenant_evaluation_forms", nullptr, {{"name", false}, {"criteria", false}}}},
       .counts = &ProvisionSummary::tenants},
      {.kind = Kind::Queue,
       .table = "queues",
       .tenant_col = "tenant",
       .key_col = "name",
       .values = {{"display_name", false},    {"ring_timeout_s", true},
                  {"max_wait_s", true},       {"wrapup_s", true},
                  {"music", false},           {"priority", true},
                  {"strategy", false},        {"sl_threshold_s", true},
                  {"sl_target_pct", true},    {"max_length", true},
                  {"priority_step_s", true},  {"wrapup_requires_disposition", true},
                  {"requirement", false},     {"on_timeout", false},
                  {"on_full", false},         {"on_no_agent", false},
                  {"announce_every_s", true}, {"callback", true},
                  {"callback_trunk", false},  {"callback_attempts", true},
                  {"callback_retry_s", true},
                  {"waiting_amber", true},         {"waiting_red", true},
                  {"longest_wait_amber_s", true},  {"longest_wait_red_s", true},
                  {"service_level_amber", true},   {"service_level_red", true},
                  {"asa_amber_s", true},           {"asa_red_s", true}},
       .children = {{"queue_relax",
                     "queue",
                     {{"after_s", true}, {"requirement", false}, {"keep_contact", true}}}},
       .counts = &ProvisionSummary::queues},
      {.kind = Kind::Trunk,
       .table = "trunks",
       .tenant_col = "tenant",
       .key_col = "name",
       .values = {{"gateway", false}, {"caller_id", false}},
       .children = {{"trunk_addresses", "trunk", {{"address", false}}}},
       .counts = &ProvisionSummary::trunks},
      {.kind = Kind::Number,
       .table = "numbers",
       .tenant_col = "tenant",
       .key_col = "did",
       .values = {{"flow", false},
                  {"greeting", false},
                  {"queue", false},
                  {"priority", true},
                  {"requirement", false}},
       .children = {},
       .counts = &ProvisionSummary::numbers},
      {.kind = Kind::Phone,
       .table = "phones",
       .tenant_col = "tenant",
       .key_col = "username",
       .values = {{"ha1", false}, {"realm", false}},
       .children = {},
       .counts = &ProvisionSummary::phones},
      {.kind = Kind::Agent,
       .table = "agents",
       .tenant_col = "tenant",
       .key_col = "login",
       .values = {{"name", false}, {"phone", false}, {"ready_on_register", true}},
       .children = {{"agent_queues", "agent", {{"queue_tenant", false}, {"queue", false}, {"weight", true}}},
                    {"agent_skills", "agent", {{"skill", false}, {"level", true}}}},
       .counts = &ProvisionSummary::agents},
      {.kind = Kind::Schedule,
       .table = "schedules",
       .tenant_col = "tenant",
       .key_col = "name",
       .values = {{"timezone", false}},
       .children = {{"schedule_hours", "schedule", {{"weekday", true}, {"start_min", true}, {"end_min", true}}},
                    {"schedule_holidays", "schedule", {{"holiday_set", false}}},
                    {"schedule_closed", "schedule", {{"date", false}, {"hours", false}}},
                    {"schedule_open", "schedule", {{"date", false}}}},
       .counts = &ProvisionSummary::schedules},
  };
  return tables[static_cast<size_t>(k)];
}

bool same_col(const Table& t) { return std::string_view(t.tenant_col) == t.key_col; }

using Key = std::pair<std::string, std::string>;  // (tenant, key)
using RowMap = std::map<Key, Row>;

void bind_value(Stmt& s, int index, const Value& v) {
  if (std::holds_alternative<int64_t>(v)) {
    s.bind(index, std::get<int64_t>(v));
  } else {
    s.bind(index, std::get<std::string>(v));
  }
}

// The values of `columns`, read from column `first` on.
Fields read_columns(const Stmt& stmt, int first, const std::vector<Column>& columns) {
  Fields out;
  for (size_t i = 0; i < columns.size(); ++i) {
    const int col = first + static_cast<int>(i);
    if (columns[i].integer) {
      out.emplace_back(stmt.int64(col));
    } else {
      out.emplace_back(stmt.text(col));
    }
  }
  return out;
}

const char* parent_col(const Child& c) { return c.parent ? c.parent : "tenant"; }

// Appends the items of list `index` to the rows they belong to.
Status load_children(Db& db, const Child& c, size_t index, const std::optional<std::string>& tenant,
                     RowMap& rows) {
  std::string sql = std::string("SELECT tenant, ") + parent_col(c);
  for (const Column& col : c.columns) sql += std::string(", ") + col.name;
  sql += std::string(" FROM ") + c.table;
  if (tenant) sql += " WHERE tenant = ?1";
  sql += std::string(" ORDER BY tenant, ") + parent_col(c) + ", position";
  auto stmt = db.prepare(sql);
  if (!stmt) return stmt.error();
  if (tenant) stmt->bind(1, *tenant);
  for (;;) {
    auto more = stmt->step();
    if (!more) return more.error();
    if (!*more) break;
    auto it = rows.find({stmt->text(0), stmt->text(1)});
    if (it != rows.end()) it->second.lists[index].push_back(read_columns(*stmt, 2, c.columns));
  }
  return {};
}

// Rows of one kind, of one tenant or (tenant == nullopt) of all.
Result<RowMap> load_rows(Db& db, const Table& t, const std::optional<std::string>& tenant) {
  std::string sql = std::string("SELECT ") + t.tenant_col + ", " + t.key_col;
  for (const Column& c : t.values) sql += std::string(", ") + c.name;
  sql += std::string(" FROM ") + t.table;
  if (tenant) sql += std::string(" WHERE ") + t.tenant_col + " = ?1";
  sql += std::string(" ORDER BY ") + t.tenant_col + ", " + t.key_col;
  auto stmt = db.prepare(sql);
  if (!stmt) return stmt.error();
  if (tenant) stmt->bind(1, *tenant);
  RowMap rows;
  for (;;) {
    auto more = stmt->step();
    if (!more) return more.error();
    if (!*more) break;
    Row r{stmt->text(0), stmt->text(1), {}, std::vector<std::vector<Fields>>(t.children.size())};
    r.values = read_columns(*stmt, 2, t.values);
    Key k{r.tenant, r.key};
    rows.emplace(std::move(k), std::move(r));
  }
  for (size_t c = 0; c < t.children.size(); ++c) {
    if (Status st = load_children(db, t.children[c], c, tenant, rows); !st) return st.error();
  }
  return rows;
}

Status write_children(Db& db, const Table& t, const Row& r, bool replace) {
  for (size_t c = 0; c < t.children.size(); ++c) {
    const Child& child = t.children[c];
    const std::string parent = child.parent ? std::string(" AND ") + child.parent + " = ?2" : std::string();
    if (replace) {
      auto del = db.prepare(std::string("DELETE FROM ") + child.table + " WHERE tenant = ?1" + parent);
      if (!del) return del.error();
      del->bind(1, r.tenant);
      if (child.parent) del->bind(2, r.key);
      if (Status st = del->run(); !st) return st;
    }
    // (tenant, [parent,] position, columns...) bound as ?1, ?2, ?3, ?4...
    std::string cols =
        child.parent ? std::string("tenant, ") + child.parent + ", position" : "tenant, position";
    std::string params = child.parent ? "?1, ?2, ?3" : "?1, ?3";
    for (size_t i = 0; i < child.columns.size(); ++i) {
      cols += std::string(", ") + child.columns[i].name;
      params += ", ?" + std::to_string(i + 4);
    }
    auto ins =
        db.prepare(std::string("INSERT INTO ") + child.table + "(" + cols + ") VALUES(" + params + ")");
    if (!ins) return ins.error();
    static const std::vector<Fields> kNone;
    const std::vector<Fields>& list = c < r.lists.size() ? r.lists[c] : kNone;
    for (size_t i = 0; i < list.size(); ++i) {
      ins->bind(1, r.tenant).bind(3, static_cast<int64_t>(i));
      if (child.parent) ins->bind(2, r.key);
      for (size_t f = 0; f < list[i].size(); ++f) bind_value(*ins, static_cast<int>(f) + 4, list[i][f]);
      if (Status st = ins->run(); !st) return st;
    }
  }
  return {};
}

Status insert_row(Db& db, const Table& t, const Row& r) {
  std::string cols = same_col(t) ? std::string(t.key_col) : std::string(t.tenant_col) + ", " + t.key_col;
  std::string params = same_col(t) ? "?2" : "?1, ?2";
  for (size_t i = 0; i < t.values.size(); ++i) {
    cols += std::string(", ") + t.values[i].name;
    params += ", ?" + std::to_string(i + 3);
  }
  auto ins = db.prepare(std::string("INSERT INTO ") + t.table + "(" + cols + ") VALUES(" + params + ")");
  if (!ins) return ins.error();
  if (!same_col(t)) ins->bind(1, r.tenant);
  ins->bind(2, r.key);
  for (size_t i = 0; i < r.values.size(); ++i) bind_value(*ins, static_cast<int>(i) + 3, r.values[i]);
  if (Status st = ins->run(); !st) return st;
  return write_children(db, t, r, false);
}

Status update_row(Db& db, const Table& t, const Row& r) {
  if (!t.values.empty()) {
    std::string sets;
    for (size_t i = 0; i < t.values.size(); ++i) {
      if (i > 0) sets += ", ";
      sets += std::string(t.values[i].name) + " = ?" + std::to_string(i + 3);
    }
    auto up = db.prepare(std::string("UPDATE ") + t.table + " SET " + sets + " WHERE " + t.tenant_col +
                         " = ?1 AND " + t.key_col + " = ?2");
    if (!up) return up.error();
    up->bind(1, r.tenant).bind(2, r.key);
    for (size_t i = 0; i < r.values.size(); ++i) bind_value(*up, static_cast<int>(i) + 3, r.values[i]);
    if (Status st = up->run(); !st) return st;
  }
  return write_children(db, t, r, true);
}

Status delete_row(Db& db, const Table& t, const Key& k) {
  // Child rows go with it (ON DELETE CASCADE).
  auto del = db.prepare(std::string("DELETE FROM ") + t.table + " WHERE " + t.tenant_col + " = ?1 AND " +
                        t.key_col + " = ?2");
  if (!del) return del.error();
  del->bind(1, k.first).bind(2, k.second);
  return del->run();
}

Error about(Kind k, const Key& key, const char* verb, const Error& e) {
  return make_error(e.code, std::string("provisioning: cannot ") + verb + " " + kind_name(k) + " \"" +
                                key.second + "\" of tenant \"" + key.first + "\": " + e.message);
}

Result<model::Provisioning> load_all(Db& db) {
  model::Provisioning out;
  for (Kind k : kAllKinds) {
    auto rows = load_rows(db, table_of(k), std::nullopt);
    if (!rows) return rows.error();
    for (const auto& [key, row] : *rows) {
      if (Status st = add_row(k, row, out); !st) return st.error();
    }
  }
  return out;
}

}  // namespace

Result<ProvisionSummary> apply_provisioning(Db& db, const model::Provisioning& p, std::string_view realm) {
  if (Status st = validate(p); !st) return st.error();
  auto scope = WriteScope::start(db, "provisioning");
  if (!scope) return scope.error();

  // Snapshot first: a cascade from one kind (a queue deleted) must not hide how
  // another kind (the agents that listed it) changed.
  std::vector<RowMap> before;
  for (Kind k : kAllKinds) {
    RowMap all;
    for (const auto& tenant : p.tenants) {
      auto rows = load_rows(db, table_of(k), tenant.name);
      if (!rows) return rows.error();
      all.merge(rows.value());
    }
    before.push_back(std::move(all));
  }

  ProvisionSummary summary;
  for (Kind k : kAllKinds) {
    const Table& t = table_of(k);
    KindCounts& counts = summary.*(t.counts);
    auto desired = rows_of(k, p, realm);
    if (!desired) return desired.error();
    std::map<Key, const Row*> wanted;
    for (const Row& r : *desired) wanted.emplace(Key{r.tenant, r.key}, &r);

    // Deletions before insertions: a phone may move from one tenant to another.
    const RowMap& old = before[static_cast<size_t>(k)];
    for (const auto& [key, row] : old) {
      if (wanted.contains(key)) continue;
      if (Status st = delete_row(db, t, key); !st) return about(k, key, "delete", st.error());
      ++counts.deleted;
    }
    for (const auto& [key, row] : wanted) {
      auto it = old.find(key);
      if (it == old.end()) {
        if (Status st = insert_row(db, t, *row); !st) return about(k, key, "create", st.error());
        ++counts.created;
      } else if (it->second == *row) {
        ++counts.unchanged;
      } else {
        if (Status st = update_row(db, t, *row); !st) return about(k, key, "update", st.error());
        ++counts.updated;
      }
    }
  }
  if (Status st = (*scope)->commit(); !st) return st.error();
  return summary;
}

Result<model::Provisioning> load_provisioning(Db& db) {
  // One read transaction: every table from the same snapshot.
  const bool own = !db.in_transaction();
  if (own) {
    if (Status st = db.exec("BEGIN"); !st) return st.error();
  }
  auto out = load_all(db);
  if (own) (void)db.exec(out ? "COMMIT" : "ROLLBACK");
  return out;
}

}  // namespace plateau::store::sqlite
