// queue_log.h — Plateau's event log as Asterisk queue_log lines
// (`epoch|callid|queue|agent|EVENT|data1|data2…`, /var/log/asterisk/queue_log),
// for the wallboards and tools that read Asterisk's file (docs/EXPORTS.md).
//
// The formatter is fed the events of the log in their order and keeps what
// Asterisk's lines need and single events do not carry: when a call entered
// its queue and at which position, who is waiting in each queue, when each
// agent's phone started ringing, when the agent answered, when agents logged
// in. It prefers figures the events carry when present (`data.position`,
// `data.orig_position`, `data.wait_ms`, `data.ring_ms`; contact.left's
// `position` for the place in line of a caller leaving), read defensively.
//
// Naming: callid = Plateau's public call id; agent = "Agent/<login>"; lines
// without a call have callid "NONE", without a queue queue "NONE", without an
// agent agent "NONE" (as Asterisk writes them). Times are whole seconds since
// the epoch, durations whole seconds (RINGNOANSWER: milliseconds, as Asterisk).
// '|' and line breaks inside a field become '_' and ' '.
//
// Events written (Plateau event → Asterisk line):
//   call.queued                  → ENTERQUEUE|url|callerid|position
//   call.answered                → CONNECT|holdtime|bridgedchanneluniqueid|ringtime
//   call.ring_no_answer, call.offer_failed → RINGNOANSWER|ringtime_ms
//   call.transferred             → TRANSFER|extension|context|holdtime|calltime|origposition
//   call.overflow (leaves queue) → EXITWITHTIMEOUT (why "timeout") or EXITEMPTY|position|origposition|waittime
//   call.ended, connected        → COMPLETEAGENT (agent hung up) or COMPLETECALLER|holdtime|calltime|origposition
//   call.ended, still waiting    → ABANDON, EXITWITHTIMEOUT (max wait), EXITWITHKEY|1|… (callback
//                                  accepted), EXITEMPTY (no agent, other) |position|origposition|waittime
//   agent.state from logged_out  → AGENTLOGIN|channel, then ADDMEMBER| per queue (PAUSE|reason if not ready)
//   agent.state to not_ready     → PAUSE|reason per queue
//   agent.state from not_ready   → UNPAUSE|reason per queue
//   agent.state to logged_out    → REMOVEMEMBER| per queue, then AGENTLOGOFF|channel|logintime
//
// Pure; one thread at a time (a formatter is one reader's value).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace plateau::asterisk {

// One row of Plateau's event log (store::EventRecord's fields).
struct EventRow {
  int64_t ts_ms = 0;
  std::string tenant, kind, call_id, agent, data_json;
};

struct QueueLogLine {
  int64_t epoch = 0;
  std::string callid, queue, agent, event;
  std::vector<std::string> data;
  friend bool operator==(const QueueLogLine&, const QueueLogLine&) = default;
};

// "epoch|callid|queue|agent|EVENT|data1|…" followed by '\n'.
std::string to_text(const QueueLogLine& line);

struct QueueLogOptions {
  // The queues an agent is a member of (ADDMEMBER, REMOVEMEMBER, PAUSE and
  // UNPAUSE are written once per queue). Unset or empty: one line, queue "NONE".
  std::function<std::vector<std::string>(const std::string& tenant, const std::string& login)> queues_of;
};

class QueueLogFormatter {
 public:
  explicit QueueLogFormatter(QueueLogOptions options = {});

  // The lines for one event (often none), in Asterisk's order.
  std::vector<QueueLogLine> on_event(const EventRow& ev);

  // "Agent/<login>"
  static std::string member(std::string_view login);

 private:
  struct CallState {
    std::string caller, queue;
    int64_t queued_ms = -1;
    int orig_position = 0;
    int left_position = 0;  // contact.left's place in line (0 = unknown)
    bool waiting = false;
    std::map<std::string, int64_t> ringing;  // login → offered at
    std::string connected;                   // login of the agent talking ("" = none)
    int64_t connected_ms = 0;
    int64_t hold_s = 0;                      // holdtime of the current connection
    int connects = 0;
  };
  struct AgentState {
    int64_t login_ms = -1;
    bool paused = false;
  };

  std::vector<std::string> queues_of(const std::string& tenant, const std::string& login) const;
  int position(const std::string& tenant, const CallState& c, const std::string& call_id) const;
  void stop_waiting(const std::string& tenant, CallState& c, const std::string& call_id);
  void leave_queue(const EventRow& ev, CallState& c, const std::string& event, std::vector<std::string> first,
                   std::vector<QueueLogLine>& out);
  void on_agent_state(const EventRow& ev, std::vector<QueueLogLine>& out);

  QueueLogOptions options_;
  std::map<std::string, CallState> calls_;                  // tenant '\n' call id
  std::map<std::string, std::vector<std::string>> queues_;  // tenant '\n' queue → waiting call ids, arrival order
  std::map<std::string, AgentState> agents_;                // tenant '\n' login
};

// Every line of `events` (in order) as queue_log text; lines of events before
// `from_ms` are left out (those events only set the formatter's state up).
std::string format_queue_log(const std::vector<EventRow>& events, int64_t from_ms, QueueLogOptions options = {});

}  // namespace plateau::asterisk
