#include "store/sqlite_quality.h"

#include <cmath>
#include <map>
#include <string>

#include "store/sqlite_call_rows.h"

namespace plateau::store::sqlite {

namespace {

// The WHERE clause of a recordings search; parameters ?1..?8.
constexpr const char* kRecordingFilter =
    " FROM calls WHERE tenant = ?1 AND recording != '' AND start_ms >= ?2 AND start_ms < ?3 "
    "AND (?4 = '' OR agent = ?4) AND (?5 = '' OR queue = ?5) "
    "AND (?6 = '' OR customer_id = ?6 OR caller = ?6) AND (?7 = '' OR disposition = ?7) "
    "AND (?8 = '' OR id = ?8) AND (?9 = 1 OR recording_purged_ms = 0)";

void bind_filter(Stmt& s, const RecordingQuery& q) {
  s.bind(1, q.tenant).bind(2, q.from_ms).bind(3, q.to_ms).bind(4, q.agent).bind(5, q.queue);
  s.bind(6, q.customer).bind(7, q.disposition).bind(8, q.call_id).bind(9, int64_t{q.include_purged ? 1 : 0});
}

Result<std::vector<PurgeItem>> purge_items(Stmt& s) {
  std::vector<PurgeItem> out;
  for (;;) {
    auto more = s.step();
    if (!more) return more.error();
    if (!*more) break;
    out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), static_cast<int>(s.int64(4))});
  }
  return out;
}

}  // namespace

Result<RecordingPage> query_recordings(Db& db, const RecordingQuery& q) {
  if (q.tenant.empty() || q.limit < 1 || q.limit > 1000 || q.offset < 0)
    return make_error("store.bad_query", "recordings query: a tenant, limit 1..1000 and offset >= 0 are needed");
  RecordingPage page;
  auto count = db.prepare(std::string("SELECT COUNT(*)") + kRecordingFilter);
  if (!count) return count.error();
  bind_filter(*count, q);
  auto row = count->step();
  if (!row) return row.error();
  page.total = count->int64(0);
  auto s = db.prepare(std::string("SELECT ") + kCallColumns + kRecordingFilter +
                      " ORDER BY start_ms DESC, id DESC LIMIT ?10 OFFSET ?11");
  if (!s) return s.error();
  bind_filter(*s, q);
  s->bind(10, int64_t{q.limit}).bind(11, int64_t{q.offset});
  for (;;) {
    auto more = s->step();
    if (!more) return more.error();
    if (!*more) break;
    auto r = read_call(*s, db.path());
    if (!r) return r.error();
    page.calls.push_back(std::move(r.value()));
  }
  return page;
}

Result<model::Evaluation> save_evaluation(Db& db, const model::Evaluation& e) {
  auto call = db.prepare("SELECT 1 FROM calls WHERE tenant = ?1 AND id = ?2");
  if (!call) return call.error();
  call->bind(1, e.tenant).bind(2, e.call_id);
  auto found = call->step();
  if (!found) return found.error();
  if (!*found) return make_error("store.invalid", "no call " + e.call_id + " in tenant " + e.tenant);
  auto ins = db.prepare(
      "INSERT INTO evaluations(tenant, call_id, agent, form, evaluator, ts_ms, score_centi, comment) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id");
  if (!ins) return ins.error();
  ins->bind(1, e.tenant).bind(2, e.call_id).bind(3, e.agent).bind(4, e.form).bind(5, e.evaluator).bind(6, e.ts_ms);
  ins->bind(7, static_cast<int64_t>(std::llround(e.score * 100))).bind(8, e.comment);
  auto got = ins->step();
  if (!got) return make_error(got.error().code, "evaluation of call " + e.call_id + ": " + got.error().message);
  model::Evaluation out = e;
  out.id = ins->int64(0);
  ins->reset();
  auto score = db.prepare(
      "INSERT INTO evaluation_scores(evaluation, position, criterion, score, max_score, weight) "
      "VALUES(?1, ?2, ?3, NULLIF(?4, -1), ?5, ?6)");
  if (!score) return score.error();
  for (size_t i = 0; i < e.scores.size(); ++i) {
    const auto& c = e.scores[i];
    score->bind(1, out.id).bind(2, static_cast<int64_t>(i)).bind(3, c.criterion);
    score->bind(4, int64_t{c.score ? *c.score : -1}).bind(5, int64_t{c.max_score}).bind(6, int64_t{c.weight});
    if (Status st = score->run(); !st) return st.error();
  }
  return out;
}

Result<std::vector<model::Evaluation>> query_evaluations(Db& db, const EvaluationQuery& q) {
  if (q.tenant.empty() || q.limit < 1 || q.limit > CallQuery::kMaxLimit || q.offset < 0)
    return make_error("store.bad_query", "evaluations query: a tenant, limit 1..100000 and offset >= 0 are needed");
  auto s = db.prepare(
      "SELECT id, tenant, call_id, agent, form, evaluator, ts_ms, score_centi, comment FROM evaluations "
      "WHERE tenant = ?1 AND ts_ms >= ?2 AND ts_ms < ?3 AND (?4 = '' OR call_id = ?4) AND (?5 = '' OR agent = ?5) "
      "AND (?6 = '' OR form = ?6) ORDER BY ts_ms DESC, id DESC LIMIT ?7 OFFSET ?8");
  if (!s) return s.error();
  s->bind(1, q.tenant).bind(2, q.from_ms).bind(3, q.to_ms).bind(4, q.call_id).bind(5, q.agent).bind(6, q.form);
  s->bind(7, int64_t{q.limit}).bind(8, int64_t{q.offset});
  std::vector<model::Evaluation> out;
  std::map<int64_t, size_t> index;
  for (;;) {
    auto more = s->step();
    if (!more) return more.error();
    if (!*more) break;
    model::Evaluation e;
    e.id = s->int64(0);
    e.tenant = s->text(1);
    e.call_id = s->text(2);
    e.agent = s->text(3);
    e.form = s->text(4);
    e.evaluator = s->text(5);
    e.ts_ms = s->int64(6);
    e.score = static_cast<double>(s->int64(7)) / 100.0;
    e.comment = s->text(8);
    index[e.id] = out.size();
    out.push_back(std::move(e));
  }
  if (out.empty()) return out;
  auto sc = db.prepare(
      "SELECT criterion, COALESCE(score, -1), max_score, weight FROM evaluation_scores WHERE evaluation = ?1 "
      "ORDER BY position");
  if (!sc) return sc.error();
  for (auto& e : out) {
    sc->reset();
    sc->bind(1, e.id);
    for (;;) {
      auto more = sc->step();
      if (!more) return more.error();
      if (!*more) break;
      model::CriterionScore c;
      c.criterion = sc->text(0);
      if (sc->int64(1) >= 0) c.score = static_cast<int>(sc->int64(1));
      c.max_score = static_cast<int>(sc->int64(2));
      c.weight = static_cast<int>(sc->int64(3));
      e.scores.push_back(std::move(c));
    }
  }
  return out;
}

Result<std::vector<PurgeItem>> mark_recordings_for_purge(Db& db, std::string_view tenant, int64_t before_ms,
                                                         int64_t now_ms, int days, int limit) {
  auto sel = db.prepare(
      "SELECT id, tenant, agent, recording, ?3 FROM calls WHERE tenant = ?1 AND recording != '' "
      "AND recording_purged_ms = 0 AND start_ms < ?2 ORDER BY start_ms LIMIT ?4");
  if (!sel) return sel.error();
  sel->bind(1, tenant).bind(2, before_ms).bind(3, int64_t{days}).bind(4, int64_t{limit});
  auto items = purge_items(*sel);
  if (!items) return items.error();
  auto upd = db.prepare("UPDATE calls SET recording_purged_ms = ?2 WHERE id = ?1");
  if (!upd) return upd.error();
  for (const auto& it : *items) {
    upd->bind(1, it.call_id).bind(2, now_ms);
    if (Status st = upd->run(); !st) return st.error();
  }
  return items;
}

Result<std::vector<PurgeItem>> pending_purges(Db& db, int limit) {
  auto s = db.prepare(
      "SELECT c.id, c.tenant, c.agent, c.recording, COALESCE(t.recording_retention_days, 0) FROM calls c "
      "LEFT JOIN tenants t ON t.name = c.tenant WHERE c.recording_purged_ms > 0 AND c.recording_purge_done = 0 "
      "ORDER BY c.recording_purged_ms LIMIT ?1");
  if (!s) return s.error();
  s->bind(1, int64_t{limit});
  return purge_items(*s);
}

Status finish_purge(Db& db, const PurgeItem& item) {
  auto s = db.prepare("UPDATE calls SET recording_purge_done = 1 WHERE id = ?1 AND recording_purged_ms > 0");
  if (!s) return s.error();
  s->bind(1, item.call_id);
  return s->run();
}

}  // namespace plateau::store::sqlite
