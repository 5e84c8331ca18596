// event.h — the facts of the event log a report reads, typed once at the edge.
//
// The reader (store::EventReader) or a test turns each row of the `events`
// table (docs/EVENTS.md) into an Event: the kinds the KPI engine uses and the
// data fields it needs. Other kinds are Kind::Other and are skipped.
//
// Pure; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace plateau::report {

enum class Kind {
  Queued,        // call.queued {queue, priority}
  Offered,       // call.offered (agent)
  Answered,      // call.answered (agent) {queue, wait_ms, ring_ms, first}
  Held,          // call.held (agent)
  Retrieved,     // call.retrieved (agent) {held_ms, hold_ms}
  Transferred,   // call.transferred (agent: who transferred)
  RingNoAnswer,  // call.ring_no_answer (agent)
  Overflow,      // call.overflow {to: the next queue, "" when the contact left the queues}
  Ended,         // call.ended {outcome, ...}
  AgentState,    // agent.state (agent) {from, to, from_reason, reason, in_previous_ms}
  Other,
};

Kind kind_of(std::string_view kind);
// The event kinds the engine reads, as stored ("call.queued", ...).
const char* const* report_kinds();  // null-terminated

struct Event {
  int64_t id = 0;
  int64_t ts_ms = 0;
  Kind kind = Kind::Other;
  std::string call_id, agent;
  std::string queue;                  // queued (overflow: the next queue); the reader reads no other
  std::string from, to, reason, from_reason;  // agent.state
  std::string outcome;                // call.ended
  int64_t in_previous_ms = 0;         // agent.state
};

// An Event from a stored row (data_json parsed here; bad JSON gives empty fields).
Event parse_event(int64_t id, int64_t ts_ms, std::string_view kind, std::string call_id, std::string agent,
                  std::string_view data_json);

}  // namespace plateau::report
