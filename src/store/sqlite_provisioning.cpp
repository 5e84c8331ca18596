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

// Where each kind lives. Column names are constants, never user input, so
// building SQL text from them is safe; values are always bound.
struct Table {
  Kind kind;
  const char* table;
  const char* tenant_col;  // equals key_col for tenants
  const char* key_col;
  std::vector<Column> values;   // in the order of Row::values (provisioning_rows.cpp)
  const char* child = nullptr;  // list table: (tenant, <child_parent>, position, <child_value>)
  const char* child_parent = nullptr;
  const char* child_value = nullptr;
  KindCounts ProvisionSummary::*counts;
};

const Table& table_of(Kind k) {
  static const std::vector<Table> tables = {
      {Kind::Tenant,
       "tenants",
       "name",
       "name",
       {{"display_name", false}, {"timezone", false}, {"language", false}},
       nullptr,
       nullptr,
       nullptr,
       &ProvisionSummary::tenants},
      {Kind::Queue,
       "queues",
       "tenant",
       "name",
       {{"display_name", false},
        {"ring_timeout_s", true},
        {"max_wait_s", true},
        {"wrapup_s", true},
        {"music", false}},
       nullptr,
       nullptr,
       nullptr,
       &ProvisionSummary::queues},
      {Kind::Trunk,
       "trunks",
       "tenant",
       "name",
       {},
       "trunk_addresses",
       "trunk",
       "address",
       &ProvisionSummary::trunks},
      {Kind::Number,
       "numbers",
       "tenant",
       "did",
       {{"flow", false}, {"greeting", false}, {"queue", false}},
       nullptr,
       nullptr,
       nullptr,
       &ProvisionSummary::numbers},
      {Kind::Phone,
       "phones",
       "tenant",
       "username",
       {{"ha1", false}, {"realm", false}},
       nullptr,
       nullptr,
       nullptr,
       &ProvisionSummary::phones},
      {Kind::Agent,
       "agents",
       "tenant",
       "login",
       {{"name", false}, {"phone", false}, {"ready_on_register", true}},
       "agent_queues",
       "agent",
       "queue",
       &ProvisionSummary::agents},
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
    Row r{stmt->text(0), stmt->text(1), {}, {}};
    for (size_t i = 0; i < t.values.size(); ++i) {
      const int col = static_cast<int>(i) + 2;
      if (t.values[i].integer) {
        r.values.emplace_back(stmt->int64(col));
      } else {
        r.values.emplace_back(stmt->text(col));
      }
    }
    Key k{r.tenant, r.key};
    rows.emplace(std::move(k), std::move(r));
  }
  if (t.child == nullptr) return rows;

  std::string csql =
      std::string("SELECT tenant, ") + t.child_parent + ", " + t.child_value + " FROM " + t.child;
  if (tenant) csql += " WHERE tenant = ?1";
  csql += std::string(" ORDER BY tenant, ") + t.child_parent + ", position";
  auto cstmt = db.prepare(csql);
  if (!cstmt) return cstmt.error();
  if (tenant) cstmt->bind(1, *tenant);
  for (;;) {
    auto more = cstmt->step();
    if (!more) return more.error();
    if (!*more) break;
    auto it = rows.find({cstmt->text(0), cstmt->text(1)});
    if (it != rows.end()) it->second.list.push_back(cstmt->text(2));
  }
  return rows;
}

Status write_children(Db& db, const Table& t, const Row& r, bool replace) {
  if (t.child == nullptr) return {};
  if (replace) {
    auto del = db.prepare(std::string("DELETE FROM ") + t.child + " WHERE tenant = ?1 AND " + t.child_parent +
                          " = ?2");
    if (!del) return del.error();
    del->bind(1, r.tenant).bind(2, r.key);
    if (Status st = del->run(); !st) return st;
  }
  auto ins = db.prepare(std::string("INSERT INTO ") + t.child + "(tenant, " + t.child_parent +
                        ", position, " + t.child_value + ") VALUES(?1, ?2, ?3, ?4)");
  if (!ins) return ins.error();
  for (size_t i = 0; i < r.list.size(); ++i) {
    ins->bind(1, r.tenant).bind(2, r.key).bind(3, static_cast<int64_t>(i)).bind(4, r.list[i]);
    if (Status st = ins->run(); !st) return st;
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
