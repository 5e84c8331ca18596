#include "store/sqlite_ivr.h"

#include "store/sqlite_cases.h"

namespace plateau::store::sqlite {

namespace {

Result<std::vector<FlowVersion>> read_versions(Stmt& s, bool with_source) {
  std::vector<FlowVersion> out;
  for (;;) {
    auto more = s.step();
    if (!more) return more.error();
    if (!*more) break;
    FlowVersion f;
    f.tenant = s.text(0);
    f.name = s.text(1);
    f.version = static_cast<int>(s.int64(2));
    if (with_source) f.source = s.text(3);
    f.published_ms = s.int64(4);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

Result<int> publish_flow(Db& db, std::string_view tenant, std::string_view name, std::string_view source,
                         int64_t published_ms) {
  // One statement: the version is taken and written atomically.
  auto s = db.prepare(
      "INSERT INTO ivr_flows(tenant, name, version, source, published_ms) "
      "SELECT ?1, ?2, COALESCE(MAX(version), 0) + 1, ?3, ?4 FROM ivr_flows WHERE tenant = ?1 AND name = ?2 "
      "RETURNING version");
  if (!s) return s.error();
  s->bind(1, tenant).bind(2, name).bind(3, source).bind(4, published_ms);
  auto row = s->step();
  if (!row) return row.error();
  if (!*row) return make_error("store.io", "flow " + std::string(tenant) + "/" + std::string(name) + ": no version");
  const int version = static_cast<int>(s->int64(0));
  if (auto done = s->step(); !done) return done.error();
  return version;
}

Result<std::vector<FlowVersion>> latest_flows(Db& db) {
  auto s = db.prepare(
      "SELECT f.tenant, f.name, f.version, f.source, f.published_ms FROM ivr_flows f "
      "JOIN (SELECT tenant, name, MAX(version) AS v FROM ivr_flows GROUP BY tenant, name) l "
      "ON f.tenant = l.tenant AND f.name = l.name AND f.version = l.v ORDER BY f.tenant, f.name");
  if (!s) return s.error();
  return read_versions(*s, true);
}

Result<std::vector<FlowVersion>> flow_versions(Db& db, std::string_view tenant, std::string_view name,
                                               bool with_source) {
  auto s = db.prepare(
      "SELECT tenant, name, version, source, published_ms FROM ivr_flows WHERE tenant = ?1 AND name = ?2 "
      "ORDER BY version");
  if (!s) return s.error();
  s->bind(1, tenant).bind(2, name);
  return read_versions(*s, with_source);
}

Status save_voicemail(Db& db, const model::Voicemail& v) {
  auto scope = WriteScope::start(db, "voicemail");
  if (!scope) return scope.error();
  auto s = db.prepare(
      "INSERT INTO voicemails(id, tenant, caller, customer_id, language, flow, flow_version, path, duration_ms, "
      "created_ms, state) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  if (!s) return s.error();
  s->bind(1, v.id).bind(2, v.tenant).bind(3, v.caller).bind(4, v.customer_id).bind(5, v.language);
  s->bind(6, v.flow).bind(7, int64_t{v.flow_version}).bind(8, v.path).bind(9, v.duration_ms);
  s->bind(10, v.created_ms).bind(11, v.state);
  if (Status st = s->run(); !st) return make_error(st.error().code, "voicemail \"" + v.id + "\": " + st.error().message);
  auto made = create_voicemail_case(db, v);
  if (!made) return make_error(made.error().code, "voicemail \"" + v.id + "\": its case: " + made.error().message);
  return (*scope)->commit();
}

Result<std::vector<model::Voicemail>> query_voicemails(Db& db, const VoicemailQuery& q) {
  if (q.limit < 1 || q.limit > CallQuery::kMaxLimit || q.offset < 0)
    return make_error("store.bad_query", "voicemails: limit must be 1.." + std::to_string(CallQuery::kMaxLimit) +
                                             " and offset >= 0");
  auto s = db.prepare(
      "SELECT id, tenant, caller, customer_id, language, flow, flow_version, path, duration_ms, created_ms, state "
      "FROM voicemails WHERE created_ms >= ?1 AND created_ms < ?2 AND (?3 = '' OR tenant = ?3) "
      "AND (?4 = '' OR state = ?4) ORDER BY created_ms DESC, id LIMIT ?5 OFFSET ?6");
  if (!s) return s.error();
  s->bind(1, q.from_ms).bind(2, q.to_ms).bind(3, q.tenant).bind(4, q.state).bind(5, int64_t{q.limit});
  s->bind(6, int64_t{q.offset});
  std::vector<model::Voicemail> out;
  for (;;) {
    auto more = s->step();
    if (!more) return more.error();
    if (!*more) break;
    model::Voicemail v;
    v.id = s->text(0);
    v.tenant = s->text(1);
    v.caller = s->text(2);
    v.customer_id = s->text(3);
    v.language = s->text(4);
    v.flow = s->text(5);
    v.flow_version = static_cast<int>(s->int64(6));
    v.path = s->text(7);
    v.duration_ms = s->int64(8);
    v.created_ms = s->int64(9);
    v.state = s->text(10);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace plateau::store::sqlite
