#include "report/event.h"

#include <nlohmann/json.hpp>

namespace plateau::report {

namespace {

constexpr const char* kKinds[] = {"call.queued",      "call.offered",         "call.answered", "call.held",
                                  "call.retrieved",   "call.transferred",     "call.ring_no_answer",
                                  "call.overflow",    "call.ended",           "agent.state",   nullptr};

std::string text(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

const char* const* report_kinds() { return kKinds; }

Kind kind_of(std::string_view k) {
  if (k == "call.queued") return Kind::Queued;
  if (k == "call.offered") return Kind::Offered;
  if (k == "call.answered") return Kind::Answered;
  if (k == "call.held") return Kind::Held;
  if (k == "call.retrieved") return Kind::Retrieved;
  if (k == "call.transferred") return Kind::Transferred;
  if (k == "call.ring_no_answer") return Kind::RingNoAnswer;
  if (k == "call.overflow") return Kind::Overflow;
  if (k == "call.ended") return Kind::Ended;
  if (k == "agent.state") return Kind::AgentState;
  return Kind::Other;
}

Event parse_event(int64_t id, int64_t ts_ms, std::string_view kind, std::string call_id, std::string agent,
                  std::string_view data_json) {
  Event e;
  e.id = id;
  e.ts_ms = ts_ms;
  e.kind = kind_of(kind);
  e.call_id = std::move(call_id);
  e.agent = std::move(agent);
  auto j = nlohmann::json::parse(data_json, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return e;
  e.queue = e.kind == Kind::Overflow ? text(j, "to") : text(j, "queue");
  e.from = text(j, "from");
  e.to = text(j, "to");
  e.reason = text(j, "reason");
  e.from_reason = text(j, "from_reason");
  e.outcome = text(j, "outcome");
  if (auto it = j.find("in_previous_ms"); it != j.end() && it->is_number_integer()) e.in_previous_ms = it->get<int64_t>();
  return e;
}

}  // namespace plateau::report
