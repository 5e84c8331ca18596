#include "store/sqlite_cases.h"

#include <algorithm>
#include <utility>

#include "crm/cases.h"

namespace plateau::store::sqlite {

namespace {

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

constexpr const char* kCaseColumns =
    "tenant, reference, customer_id, category, priority, status, owner, subject, description, call_id, recording, "
    "created_by, created_ms, updated_ms, due_ms";

model::Case read_case(const Stmt& s) {
  model::Case c;
  c.tenant = s.text(0);
  c.reference = s.text(1);
  c.customer_id = s.text(2);
  c.category = s.text(3);
  c.priority = s.text(4);
  c.status = s.text(5);
  c.owner = s.text(6);
  c.subject = s.text(7);
  c.description = s.text(8);
  c.call_id = s.text(9);
  c.recording = s.text(10);
  c.created_by = s.text(11);
  c.created_ms = s.int64(12);
  c.updated_ms = s.int64(13);
  c.due_ms = s.int64(14);
  return c;
}

Result<std::vector<model::Case>> read_cases(Stmt& s) {
  std::vector<model::Case> out;
  for (;;) {
    auto more = s.step();
    if (!more) return more.error();
    if (!*more) return out;
    out.push_back(read_case(s));
  }
}

Result<bool> exists(Db& db, const char* sql, std::string_view a, std::string_view b = {}) {
  auto s = db.prepare(sql);
  if (!s) return s.error();
  s->bind(1, a);
  if (std::string_view(sql).find("?2") != std::string_view::npos) s->bind(2, b);
  auto row = s->step();
  if (!row) return row.error();
  return *row && s->int64(0) != 0;
}

Status append_history(Db& db, std::string_view tenant, std::string_view reference, const model::CaseChange& h) {
  auto s = db.prepare(
      "INSERT INTO case_history(tenant, reference, ts_ms, actor, field, old_value, new_value, note) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!s) return s.error();
  s->bind(1, tenant).bind(2, reference).bind(3, h.ts_ms).bind(4, h.actor).bind(5, h.field);
  s->bind(6, h.old_value).bind(7, h.new_value).bind(8, h.note);
  return s->run();
}

// The next sequence of the tenant's year, taken inside the caller's transaction.
Result<int64_t> next_sequence(Db& db, std::string_view tenant, int year) {
  auto s = db.prepare(
      "INSERT INTO case_counters(tenant, year, last) VALUES(?1, ?2, 1) "
      "ON CONFLICT(tenant, year) DO UPDATE SET last = last + 1 RETURNING last");
  if (!s) return s.error();
  s->bind(1, tenant).bind(2, int64_t{year});
  auto row = s->step();
  if (!row) return row.error();
  if (!*row) return make_error("store.io", "case counter of tenant " + quoted(tenant) + ": no value");
  const int64_t last = s->int64(0);
  if (auto done = s->step(); !done) return done.error();
  return last;
}

// A JSON array of texts, for json_each().
std::string json_texts(const std::vector<std::string>& list) {
  std::string out = "[";
  for (const auto& t : list) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : t) {
      if (c == '"' || c == '\\') out += '\\';
      if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
    out += '"';
  }
  return out + "]";
}

Result<std::vector<model::CallRecord>> timeline_calls(Db& db, std::string_view tenant, std::string_view customer_id,
                                                      const std::vector<std::string>& forms, int limit) {
  auto s = db.prepare(
      "SELECT id, sip_call_id, caller, number, queue, agent, start_ms, answer_ms, end_ms, wait_ms, ring_ms, "
      "talk_ms, outcome, reason, recording, flow, flow_version, ivr_end, ivr_path, recording_notice, attached, "
      "disposition, wrapup_note FROM calls "
      "WHERE tenant = ?1 AND (customer_id = ?2 OR caller IN (SELECT value FROM json_each(?3))) "
      "ORDER BY start_ms DESC, id DESC LIMIT ?4");
  if (!s) return s.error();
  s->bind(1, tenant).bind(2, customer_id).bind(3, json_texts(forms)).bind(4, int64_t{limit});
  std::vector<model::CallRecord> out;
  for (;;) {
    auto more = s->step();
    if (!more) return more.error();
    if (!*more) break;
    model::CallRecord r;
    r.id = s->text(0);
    r.sip_call_id = s->text(1);
    r.tenant = tenant;
    r.caller = s->text(2);
    r.number = s->text(3);
    r.queue = s->text(4);
    r.agent = s->text(5);
    r.start_ms = s->int64(6);
    r.answer_ms = s->int64(7);
    r.end_ms = s->int64(8);
    r.wait_ms = s->int64(9);
    r.ring_ms = s->int64(10);
    r.talk_ms = s->int64(11);
    const std::string outcome = s->text(12);
    for (auto o : model::kCallOutcomes) {
      if (model::to_string(o) == outcome) r.outcome = o;
    }
    r.reason = s->text(13);
    r.recording = s->text(14);
    r.flow = s->text(15);
    r.flow_version = static_cast<int>(s->int64(16));
    r.ivr_end = s->text(17);
    r.ivr_path = s->text(18);
    r.recording_notice = s->int64(19) != 0;
    r.attached = s->text(20);
    r.disposition = s->text(21);
    r.wrapup_note = s->text(22);
    out.push_back(std::move(r));
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

// Writes a checked case: its reference, due date, status and first history.
Result<model::Case> open_case(Db& db, model::Case c, const model::CaseCategory& cat);

Result<std::vector<model::CaseCategory>> case_categories(Db& db, std::string_view tenant) {
  auto known = exists(db, "SELECT EXISTS(SELECT 1 FROM tenants WHERE name = ?1)", tenant);
  if (!known) return known.error();
  if (!*known) return make_error("store.invalid", "case categories: unknown tenant " + quoted(tenant));
  auto s = db.prepare(
      "SELECT name, sla_hours, default_priority FROM tenant_case_categories WHERE tenant = ?1 ORDER BY position");
  if (!s) return s.error();
  s->bind(1, tenant);
  std::vector<model::CaseCategory> out;
  for (;;) {
    auto more = s->step();
    if (!more) return more.error();
    if (!*more) break;
    out.push_back({std::string(tenant), s->text(0), static_cast<int>(s->int64(1)), s->text(2)});
  }
  if (out.empty()) return crm::default_case_categories(tenant);
  return out;
}

Result<model::Case> create_case(Db& db, const model::Case& in) {
  auto categories = case_categories(db, in.tenant);
  if (!categories) return categories.error();
  const model::CaseCategory* cat = crm::find_category(*categories, in.category);
  if (!cat) {
    std::string names;
    for (const auto& c : *categories) names += (names.empty() ? "" : ", ") + c.name;
    return make_error("store.invalid", "case: tenant " + quoted(in.tenant) + " has no case category " +
                                           quoted(in.category) + " (its categories: " + names + ")");
  }
  model::Case c = in;
  c.priority = c.priority.empty() ? cat->default_priority : c.priority;
  if (!crm::is_case_priority(c.priority))
    return make_error("store.invalid", "case: unknown priority " + quoted(c.priority) + " (low, normal, high or urgent)");
  if (!c.customer_id.empty()) {
    auto known = exists(db, "SELECT EXISTS(SELECT 1 FROM customers WHERE tenant = ?1 AND id = ?2)", c.tenant,
                        c.customer_id);
    if (!known) return known.error();
    if (!*known) {
      return make_error("store.invalid", "case: tenant " + quoted(c.tenant) + " has no customer " +
                                             quoted(c.customer_id));
    }
  }
  return open_case(db, std::move(c), *cat);
}

Result<model::Case> create_voicemail_case(Db& db, const model::Voicemail& v) {
  auto categories = case_categories(db, v.tenant);
  if (!categories) return categories.error();
  // A tenant whose own categories leave out voicemails still gets its messages as cases.
  model::CaseCategory cat = crm::default_case_categories(v.tenant).back();
  if (const auto* own = crm::find_category(*categories, crm::kVoicemailCategory)) cat = *own;
  model::Case c;
  c.tenant = v.tenant;
  c.category = cat.name;
  c.priority = cat.default_priority;
  c.subject = "Voicemail from " + (v.caller.empty() ? std::string("an unknown number") : v.caller);
  c.description = "A message of " + std::to_string((v.duration_ms + 500) / 1000) + " s left in the IVR flow " +
                  quoted(v.flow) + " (language " + (v.language.empty() ? "-" : v.language) + ").";
  c.call_id = v.id;
  c.recording = v.path;
  c.created_by = "system";
  c.created_ms = v.created_ms;
  if (!v.customer_id.empty()) {
    auto known = exists(db, "SELECT EXISTS(SELECT 1 FROM customers WHERE tenant = ?1 AND id = ?2)", v.tenant,
                        v.customer_id);
    if (!known) return known.error();
    // An id the CRM does not know (given by a webhook) is kept in the text, not lost.
    if (*known) c.customer_id = v.customer_id;
    else c.description += " The IVR named the customer " + quoted(v.customer_id) + ", whom the CRM does not know.";
  }
  return open_case(db, std::move(c), cat);
}

Result<model::Case> open_case(Db& db, model::Case c, const model::CaseCategory& cat) {
  c.status = std::string(crm::to_string(crm::CaseStatus::Open));
  c.updated_ms = c.created_ms;
  c.due_ms = crm::case_due_ms(c.created_ms, cat.sla_hours);
  auto scope = WriteScope::start(db, "new_case");
  if (!scope) return scope.error();
  const int year = crm::year_of(c.created_ms);
  auto seq = next_sequence(db, c.tenant, year);
  if (!seq) return seq.error();
  c.reference = crm::format_reference(crm::reference_prefix(c.tenant), year, *seq);
  auto s = db.prepare(std::string("INSERT INTO cases(") + kCaseColumns +
                      ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  if (!s) return s.error();
  s->bind(1, c.tenant).bind(2, c.reference).bind(3, c.customer_id).bind(4, c.category).bind(5, c.priority);
  s->bind(6, c.status).bind(7, c.owner).bind(8, c.subject).bind(9, c.description).bind(10, c.call_id);
  s->bind(11, c.recording).bind(12, c.created_by).bind(13, c.created_ms).bind(14, c.updated_ms).bind(15, c.due_ms);
  if (Status st = s->run(); !st) return make_error(st.error().code, "case " + quoted(c.reference) + ": " + st.error().message);
  c.history = {{c.created_ms, c.created_by, "status", "", c.status, ""}};
  if (!c.owner.empty()) c.history.push_back({c.created_ms, c.created_by, "owner", "", c.owner, ""});
  for (const auto& h : c.history) {
    if (Status st = append_history(db, c.tenant, c.reference, h); !st) return st.error();
  }
  if (Status st = (*scope)->commit(); !st) return st.error();
  return c;
}

Result<std::optional<model::Case>> find_case(Db& db, std::string_view tenant, std::string_view reference) {
  auto s = db.prepare(std::string("SELECT ") + kCaseColumns + " FROM cases WHERE tenant = ?1 AND reference = ?2");
  if (!s) return s.error();
  s->bind(1, tenant).bind(2, upper(reference));
  auto found = read_cases(*s);
  if (!found) return found.error();
  if (found->empty()) return std::optional<model::Case>();
  model::Case c = std::move(found->front());
  auto h = db.prepare(
      "SELECT ts_ms, actor, field, old_value, new_value, note FROM case_history WHERE tenant = ?1 AND reference = ?2 "
      "ORDER BY id");
  if (!h) return h.error();
  h->bind(1, tenant).bind(2, c.reference);
  for (;;) {
    auto more = h->step();
    if (!more) return more.error();
    if (!*more) break;
    c.history.push_back({h->int64(0), h->text(1), h->text(2), h->text(3), h->text(4), h->text(5)});
  }
  return std::optional<model::Case>(std::move(c));
}

Result<std::vector<model::Case>> query_cases(Db& db, const CaseQuery& q) {
  if (q.limit < 1 || q.limit > CallQuery::kMaxLimit || q.offset < 0) {
    return make_error("store.bad_query", "cases: limit must be 1.." + std::to_string(CallQuery::kMaxLimit) +
                                             " and offset >= 0");
  }
  auto s = db.prepare(std::string("SELECT ") + kCaseColumns +
                      " FROM cases WHERE tenant = ?1 AND (?2 = '' OR customer_id = ?2) AND (?3 = '' OR status = ?3) "
                      "AND (?4 = '' OR owner = ?4) ORDER BY created_ms DESC, reference DESC LIMIT ?5 OFFSET ?6");
  if (!s) return s.error();
  s->bind(1, q.tenant).bind(2, q.customer_id).bind(3, q.status).bind(4, q.owner);
  s->bind(5, int64_t{q.limit}).bind(6, int64_t{q.offset});
  return read_cases(*s);
}

Result<std::optional<model::Case>> update_case(Db& db, std::string_view tenant, std::string_view reference,
                                               const CaseUpdate& u) {
  auto found = find_case(db, tenant, reference);
  if (!found) return found.error();
  if (!*found) return found;
  model::Case c = std::move(**found);
  std::vector<model::CaseChange> changes;
  if (u.status && *u.status != c.status) {
    if (Status st = crm::check_transition(c.status, *u.status); !st) return st.error();
    changes.push_back({u.ts_ms, u.actor, "status", c.status, *u.status, u.note});
    c.status = *u.status;
  }
  if (u.owner && *u.owner != c.owner) {
    changes.push_back({u.ts_ms, u.actor, "owner", c.owner, *u.owner, u.note});
    c.owner = *u.owner;
  }
  if (u.priority && *u.priority != c.priority) {
    if (!crm::is_case_priority(*u.priority)) {
      return make_error("store.invalid", "case: unknown priority " + quoted(*u.priority) +
                                             " (low, normal, high or urgent)");
    }
    changes.push_back({u.ts_ms, u.actor, "priority", c.priority, *u.priority, u.note});
    c.priority = *u.priority;
  }
  if (changes.empty() && !u.note.empty()) changes.push_back({u.ts_ms, u.actor, "note", "", "", u.note});
  if (changes.empty()) return std::optional<model::Case>(std::move(c));
  auto scope = WriteScope::start(db, "case_update");
  if (!scope) return scope.error();
  c.updated_ms = u.ts_ms;
  auto s = db.prepare(
      "UPDATE cases SET status = ?3, owner = ?4, priority = ?5, updated_ms = ?6 WHERE tenant = ?1 AND reference = ?2");
  if (!s) return s.error();
  s->bind(1, tenant).bind(2, c.reference).bind(3, c.status).bind(4, c.owner).bind(5, c.priority).bind(6, c.updated_ms);
  if (Status st = s->run(); !st) return st.error();
  for (const auto& h : changes) {
    if (Status st = append_history(db, tenant, c.reference, h); !st) return st.error();
    c.history.push_back(h);
  }
  if (Status st = (*scope)->commit(); !st) return st.error();
  return std::optional<model::Case>(std::move(c));
}

Result<model::CustomerNote> add_note(Db& db, const model::CustomerNote& n) {
  if (n.text.empty()) return make_error("store.invalid", "note: the text is empty");
  auto known = exists(db, "SELECT EXISTS(SELECT 1 FROM customers WHERE tenant = ?1 AND id = ?2)", n.tenant,
                      n.customer_id);
  if (!known) return known.error();
  if (!*known) {
    return make_error("store.invalid", "note: tenant " + quoted(n.tenant) + " has no customer " + quoted(n.customer_id));
  }
  auto s = db.prepare(
      "INSERT INTO customer_notes(tenant, customer_id, author, text, call_id, created_ms) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6) RETURNING id");
  if (!s) return s.error();
  s->bind(1, n.tenant).bind(2, n.customer_id).bind(3, n.author).bind(4, n.text).bind(5, n.call_id).bind(6, n.created_ms);
  auto row = s->step();
  if (!row) return row.error();
  model::CustomerNote out = n;
  out.id = *row ? s->int64(0) : 0;
  if (auto done = s->step(); !done) return done.error();
  return out;
}

Status record_disposition(Db& db, const model::Disposition& d) {
  if (d.call_id.empty()) return make_error("store.invalid", "disposition: no call id");
  auto scope = WriteScope::start(db, "disposition");
  if (!scope) return scope.error();
  auto s = db.prepare(
      "INSERT INTO call_dispositions(tenant, call_id, agent, disposition, note, ts_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  if (!s) return s.error();
  s->bind(1, d.tenant).bind(2, d.call_id).bind(3, d.agent).bind(4, d.disposition).bind(5, d.note).bind(6, d.ts_ms);
  if (Status st = s->run(); !st) return make_error(st.error().code, "disposition of call " + quoted(d.call_id) + ": " + st.error().message);
  auto u = db.prepare("UPDATE calls SET disposition = ?3, wrapup_note = ?4 WHERE id = ?1 AND tenant = ?2");
  if (!u) return u.error();
  u->bind(1, d.call_id).bind(2, d.tenant).bind(3, d.disposition).bind(4, d.note);
  if (Status st = u->run(); !st) return st;
  return (*scope)->commit();
}

Result<Timeline> customer_timeline(Db& db, std::string_view tenant, std::string_view customer_id,
                                   const std::vector<std::string>& caller_forms, int limit) {
  if (limit < 1 || limit > Store::kMaxCustomerSearch) {
    return make_error("store.bad_query", "timeline: limit " + std::to_string(limit) + " is outside 1.." +
                                             std::to_string(Store::kMaxCustomerSearch));
  }
  Timeline t;
  auto calls = timeline_calls(db, tenant, customer_id, caller_forms, limit);
  if (!calls) return calls.error();
  t.calls = std::move(calls.value());

  auto n = db.prepare(
      "SELECT id, author, text, call_id, created_ms FROM customer_notes WHERE tenant = ?1 AND customer_id = ?2 "
      "ORDER BY created_ms DESC, id DESC LIMIT ?3");
  if (!n) return n.error();
  n->bind(1, tenant).bind(2, customer_id).bind(3, int64_t{limit});
  for (;;) {
    auto more = n->step();
    if (!more) return more.error();
    if (!*more) break;
    t.notes.push_back({n->int64(0), std::string(tenant), std::string(customer_id), n->text(1), n->text(2), n->text(3),
                       n->int64(4)});
  }
  std::reverse(t.notes.begin(), t.notes.end());

  auto c = db.prepare(std::string("SELECT ") + kCaseColumns +
                      " FROM cases WHERE tenant = ?1 AND customer_id = ?2 ORDER BY created_ms DESC, reference DESC "
                      "LIMIT ?3");
  if (!c) return c.error();
  c->bind(1, tenant).bind(2, customer_id).bind(3, int64_t{limit});
  auto cases = read_cases(*c);
  if (!cases) return cases.error();
  t.cases = std::move(cases.value());
  std::reverse(t.cases.begin(), t.cases.end());

  // The dispositions of the calls found (a call may have had several wrap-ups: transfers).
  std::vector<std::string> ids;
  for (const auto& r : t.calls) ids.push_back(r.id);
  auto d = db.prepare(
      "SELECT call_id, agent, disposition, note, ts_ms FROM call_dispositions "
      "WHERE call_id IN (SELECT value FROM json_each(?2)) AND tenant = ?1 ORDER BY ts_ms, id");
  if (!d) return d.error();
  d->bind(1, tenant).bind(2, json_texts(ids));
  for (;;) {
    auto more = d->step();
    if (!more) return more.error();
    if (!*more) break;
    t.dispositions.push_back({std::string(tenant), d->text(0), d->text(1), d->text(2), d->text(3), d->int64(4)});
  }
  return t;
}

}  // namespace plateau::store::sqlite
