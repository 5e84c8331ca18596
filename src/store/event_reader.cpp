#include "store/event_reader.h"

#include "store/sqlite_db.h"

namespace plateau::store {

using sqlite::Db;
using sqlite::Stmt;

struct EventReader::Impl {
  std::unique_ptr<Db> db;
};

EventReader::EventReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventReader::~EventReader() = default;

Result<std::unique_ptr<EventReader>> EventReader::open(const std::string& path) {
  auto db = Db::open(path, true);
  if (!db) return db.error();
  // The writer may hold a lock for an instant (a checkpoint): wait, do not fail.
  if (Status st = (*db)->exec("PRAGMA busy_timeout=5000"); !st) return st.error();
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(db.value());
  return std::unique_ptr<EventReader>(new EventReader(std::move(impl)));
}

Result<std::vector<EventReader::AgentSeed>> EventReader::agent_states_before(std::string_view tenant, int64_t before_ms,
                                                                            int64_t lookback_ms) {
  auto s = impl_->db->prepare(
      "SELECT agent, ts_ms, COALESCE(json_extract(data_json, '$.to'), ''), "
      "COALESCE(json_extract(data_json, '$.reason'), '') FROM events WHERE id IN ("
      "SELECT MAX(id) FROM events WHERE tenant = ?1 AND kind = 'agent.state' AND ts_ms >= ?2 AND ts_ms < ?3 "
      "GROUP BY agent) ORDER BY agent");
  if (!s) return s.error();
  s->bind(1, tenant).bind(2, before_ms - lookback_ms).bind(3, before_ms);
  std::vector<AgentSeed> out;
  for (;;) {
    auto more = s->step();
    if (!more) return more.error();
    if (!*more) break;
    out.push_back({s->text(0), s->text(2), s->text(3), s->int64(1)});
  }
  return out;
}

Result<int64_t> EventReader::for_each(std::string_view tenant, int64_t from_ms, int64_t to_ms,
                                      const std::function<void(const report::Event&)>& f) {
  Db& db = *impl_->db;
  // One snapshot for the three statements: the id range and the rows agree.
  if (Status st = db.exec("BEGIN"); !st) return st.error();
  struct End {
    Db& db;
    ~End() { (void)db.exec("COMMIT"); }
  } end{db};
  auto bound = [&](const char* sql) -> Result<int64_t> {
    auto s = db.prepare(sql);
    if (!s) return s.error();
    s->bind(1, tenant).bind(2, from_ms).bind(3, to_ms);
    auto row = s->step();
    if (!row) return row.error();
    return *row ? s->int64(0) : int64_t{-1};
  };
  auto first = bound("SELECT id FROM events WHERE tenant = ?1 AND ts_ms >= ?2 AND ts_ms < ?3 ORDER BY ts_ms, id LIMIT 1");
  if (!first) return first.error();
  if (*first < 0) return int64_t{0};
  auto last = bound(
      "SELECT id FROM events WHERE tenant = ?1 AND ts_ms >= ?2 AND ts_ms < ?3 ORDER BY ts_ms DESC, id DESC LIMIT 1");
  if (!last) return last.error();
  std::string kinds;
  for (const char* const* k = report::report_kinds(); *k; ++k) kinds += std::string(kinds.empty() ? "" : ",") + "'" + *k + "'";
  auto s = db.prepare(
      "SELECT id, ts_ms, kind, call_id, agent, "
      "COALESCE(CASE kind WHEN 'call.overflow' THEN json_extract(data_json, '$.to') "
      "WHEN 'call.queued' THEN json_extract(data_json, '$.queue') END, ''), "
      // Only the fields each kind has: parsing JSON is most of the cost of a row.
      "CASE kind WHEN 'agent.state' THEN COALESCE(json_extract(data_json, '$.from'), '') ELSE '' END, "
      "CASE kind WHEN 'agent.state' THEN COALESCE(json_extract(data_json, '$.to'), '') ELSE '' END, "
      "CASE kind WHEN 'agent.state' THEN COALESCE(json_extract(data_json, '$.reason'), '') ELSE '' END, "
      "CASE kind WHEN 'agent.state' THEN COALESCE(json_extract(data_json, '$.from_reason'), '') ELSE '' END, "
      "CASE kind WHEN 'call.ended' THEN COALESCE(json_extract(data_json, '$.outcome'), '') ELSE '' END, "
      "CASE kind WHEN 'agent.state' THEN COALESCE(json_extract(data_json, '$.in_previous_ms'), 0) ELSE 0 END "
      "FROM events INDEXED BY events_tenant_id "
      "WHERE tenant = ?1 AND id BETWEEN ?4 AND ?5 AND ts_ms >= ?2 AND ts_ms < ?3 AND kind IN (" +
      kinds + ") ORDER BY id");
  if (!s) return s.error();
  s->bind(1, tenant).bind(2, from_ms).bind(3, to_ms).bind(4, std::min(*first, *last)).bind(5, std::max(*first, *last));
  int64_t n = 0;
  report::Event e;
  for (;;) {
    auto more = s->step();
    if (!more) return more.error();
    if (!*more) break;
    e.id = s->int64(0);
    e.ts_ms = s->int64(1);
    e.kind = report::kind_of(s->text(2));
    e.call_id = s->text(3);
    e.agent = s->text(4);
    e.queue = s->text(5);
    e.from = s->text(6);
    e.to = s->text(7);
    e.reason = s->text(8);
    e.from_reason = s->text(9);
    e.outcome = s->text(10);
    e.in_previous_ms = s->int64(11);
    f(e);
    ++n;
  }
  return n;
}

}  // namespace plateau::store
