#include "app/crm_json.h"

#include <algorithm>

namespace plateau::app {

namespace {

using nlohmann::json;

json parsed_or(const std::string& text, const char* empty) {
  json j = json::parse(text.empty() ? empty : text, nullptr, false);
  return j.is_discarded() ? json(text) : j;
}

json timeline_call(const model::CallRecord& r) {
  return json{{"id", r.id},
              {"caller", r.caller},
              {"number", r.number},
              {"queue", r.queue},
              {"agent", r.agent},
              {"start_ms", r.start_ms},
              {"answer_ms", r.answer_ms},
              {"end_ms", r.end_ms},
              {"talk_ms", r.talk_ms},
              {"outcome", model::to_string(r.outcome)},
              {"reason", r.reason},
              {"recording", r.recording},
              {"flow", r.flow},
              {"ivr_end", r.ivr_end},
              {"ivr_path", parsed_or(r.ivr_path, "null")},
              {"attached", parsed_or(r.attached, "{}")},
              {"disposition", r.disposition},
              {"wrapup_note", r.wrapup_note}};
}

}  // namespace

json case_json(const model::Case& c, bool with_history) {
  json j{{"tenant", c.tenant},         {"reference", c.reference},   {"customer_id", c.customer_id},
         {"category", c.category},     {"priority", c.priority},     {"status", c.status},
         {"owner", c.owner},           {"subject", c.subject},       {"description", c.description},
         {"call_id", c.call_id},       {"recording", c.recording},   {"created_by", c.created_by},
         {"created_ms", c.created_ms}, {"updated_ms", c.updated_ms}, {"due_ms", c.due_ms}};
  if (with_history) {
    json h = json::array();
    for (const auto& e : c.history) {
      h.push_back(json{{"ts_ms", e.ts_ms},
                       {"actor", e.actor},
                       {"field", e.field},
                       {"old", e.old_value},
                       {"new", e.new_value},
                       {"note", e.note}});
    }
    j["history"] = std::move(h);
  }
  return j;
}

json note_json(const model::CustomerNote& n) {
  return json{{"id", n.id},       {"customer_id", n.customer_id}, {"author", n.author},
              {"text", n.text},   {"call_id", n.call_id},         {"created_ms", n.created_ms}};
}

json category_json(const model::CaseCategory& c) {
  return json{{"name", c.name}, {"sla_hours", c.sla_hours}, {"default_priority", c.default_priority}};
}

json timeline_json(std::string_view customer_id, const store::Timeline& t) {
  struct Item {
    int64_t ts;
    int order;
    json body;
  };
  std::vector<Item> items;
  for (const auto& r : t.calls) items.push_back({r.start_ms, 0, json{{"type", "call"}, {"ts_ms", r.start_ms}, {"call", timeline_call(r)}}});
  for (const auto& c : t.cases)
    items.push_back({c.created_ms, 1, json{{"type", "case"}, {"ts_ms", c.created_ms}, {"case", case_json(c, false)}}});
  for (const auto& n : t.notes)
    items.push_back({n.created_ms, 2, json{{"type", "note"}, {"ts_ms", n.created_ms}, {"note", note_json(n)}}});
  for (const auto& d : t.dispositions) {
    items.push_back({d.ts_ms, 3,
                     json{{"type", "disposition"},
                          {"ts_ms", d.ts_ms},
                          {"disposition",
                           {{"call_id", d.call_id}, {"agent", d.agent}, {"disposition", d.disposition}, {"note", d.note}}}}});
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.ts != b.ts ? a.ts < b.ts : a.order < b.order; });
  json arr = json::array();
  for (auto& i : items) arr.push_back(std::move(i.body));
  return json{{"customer_id", std::string(customer_id)}, {"items", std::move(arr)}};
}

}  // namespace plateau::app
