// router.h — the call routing core: number -> greeting -> queue with music ->
// the ready agent idle longest -> ring (no answer: agent not-ready, next agent)
// -> bridge and record -> hang-up -> call record.
//
// Pure logic: no sockets, no threads, no clock of its own. It is fed events
// (from telephony, from agents' commands, from time passing) and answers with
// outputs (telephony commands, call records and events to store). The app
// thread owns the one instance; every method runs there. Tests drive it with a
// ManualClock. The ACD issue deepens queues, skills and strategies here.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "common/clock.h"
#include "common/ids.h"
#include "common/result.h"
#include "acd/agent_state.h"
#include "core/directory.h"
#include "model/call_events.h"
#include "model/call_record.h"

namespace plateau::core {

// A fact to append to the event log (agent state changes, call milestones).
struct LogEvent {
  int64_t ts_ms = 0;
  std::string tenant;
  std::string kind;  // "agent.state", "call.queued", "call.offered", "call.ring_no_answer" ...
  std::string call_id;
  std::string agent;
  std::string data_json;
};

using Output = std::variant<model::TelephonyCommand, model::CallRecord, LogEvent>;

struct AgentView {
  std::string tenant, login, name, phone;
  AgentState state = AgentState::LoggedOut;
  std::string reason;            // not-ready reason
  std::string pending;           // "" or "not_ready:<reason>" / "logged_out"
  int64_t state_since_ms = 0;
  std::string call_id;           // current contact
  int handled = 0;
};

struct QueueView {
  std::string tenant, name;
  int waiting = 0;
  int64_t oldest_wait_ms = 0;
  int offered = 0, answered = 0, abandoned = 0;
};

class Router {
 public:
  // Recordings are named <recording_dir>/YYYY/MM/DD/<call id>.wav; a relative
  // recording_dir is relative to the data directory.
  Router(const Clock& clock, DirectoryPtr directory, std::string recording_dir = "recordings");

  // A new provisioning: applies to new calls; calls in progress keep their queue.
  void set_directory(DirectoryPtr directory);

  std::vector<Output> on_event(const model::TelephonyEvent& ev);
  // Agent commands (from the HTTP API). Unknown agent: an Error, nothing changes.
  Result<std::vector<Output>> set_ready(const std::string& tenant, const std::string& login);
  Result<std::vector<Output>> set_not_ready(const std::string& tenant, const std::string& login,
                                            const std::string& reason);
  // Time passed: fires due timers (ring timeout, max wait, wrap-up end).
  std::vector<Output> on_time();
  // The server stops: every call in progress ends now (outcome failed, reason
  // "shutdown") and its record is emitted; telephony hangs the legs up itself.
  std::vector<Output> shutdown();
  // The earliest pending deadline (monotonic ms), if any.
  std::optional<int64_t> next_deadline() const;
  // A call record was committed: the call (named by the record's id) is forgotten.
  void on_record_committed(const std::string& record_id);

  std::vector<AgentView> agents() const;
  std::vector<QueueView> queues() const;
  size_t active_calls() const { return calls_.size(); }

 private:
  enum class CallPhase { Greeting, Queued, Ringing, Bridged, Leaving, Ended };

  struct Call {
    CallId id;
    std::string pid;  // printable platform id
    LegId caller_leg;
    std::string sip_call_id, tenant, number, caller, queue, language;
    CallPhase phase = CallPhase::Greeting;
    int64_t start_ms = 0, queued_mono = -1, answer_ms = 0, answer_mono = -1, left_queue_mono = -1;
    int64_t ring_started_mono = -1, ring_total_ms = 0;
    int64_t deadline_mono = -1;  // ring timeout or max wait
    uint64_t queue_seq = 0;      // FIFO position (kept on re-offer)
    LegId agent_leg;
    std::string agent_key;       // tenant\x1flogin of the offered/connected agent
    std::string recording;
    bool recording_pending = false;
    model::CallRecord record;    // filled as the call ends
    bool record_sent = false;
  };

  struct Agent {
    std::string tenant, login, name, phone;
    std::vector<std::string> queues;
    bool ready_on_register = true;
    AgentState state = AgentState::LoggedOut;
    std::string reason, pending;
    int64_t since_mono = 0, since_ms = 0;
    int64_t idle_since_mono = 0;  // for longest-idle selection
    int64_t wrap_deadline_mono = -1;
    CallId call;
    int handled = 0;
  };

  struct QueueStats {
    int offered = 0, answered = 0, abandoned = 0;
  };

  static std::string akey(const std::string& tenant, const std::string& login);
  static std::string qkey(const std::string& tenant, const std::string& queue);

  void sync_agents_from_directory();
  void set_state(Agent& a, AgentState s, const std::string& reason, const std::string& actor,
                 std::vector<Output>& out);
  void on_inbound(const model::InboundCall& ev, std::vector<Output>& out);
  void on_rejected(const model::CallRejected& ev, std::vector<Output>& out);
  void on_prompt_done(LegId leg, std::vector<Output>& out);
  void on_leg_answered(LegId leg, std::vector<Output>& out);
  void on_leg_ended(const model::LegEnded& ev, std::vector<Output>& out);
  void on_registration(const model::PhoneRegistration& ev, std::vector<Output>& out);
  void on_recording_closed(const model::RecordingClosed& ev, std::vector<Output>& out);

  void enqueue(Call& c, std::vector<Output>& out);
  void leave_no_agent(Call& c, std::vector<Output>& out);
  void requeue_after_offer(Call& c, Agent& a, AgentState agent_next, const std::string& reason,
                           std::vector<Output>& out);
  void dispatch(std::vector<Output>& out);
  void offer(Call& c, Agent& a, std::vector<Output>& out);
  void release_agent(Agent& a, std::vector<Output>& out);
  void end_call(Call& c, model::CallOutcome outcome, const std::string& reason, std::vector<Output>& out);
  void maybe_emit_record(Call& c, std::vector<Output>& out);
  Call* call_by_leg(LegId leg);
  Agent* agent_by_key(const std::string& key);
  void log(std::vector<Output>& out, const std::string& tenant, const std::string& kind, const Call* c,
           const std::string& agent, const std::string& data_json);

  const Clock& clock_;
  DirectoryPtr dir_;
  std::string recording_dir_;
  std::unordered_map<CallId, Call> calls_;
  std::unordered_map<LegId, CallId> legs_;
  std::unordered_map<std::string, CallId> by_pid_;
  std::map<std::string, Agent> agents_;                       // by akey
  std::map<std::string, std::map<uint64_t, CallId>> waiting_;  // qkey -> FIFO by queue_seq
  std::map<std::string, QueueStats> qstats_;
  uint64_t next_seq_ = 1;
};

}  // namespace plateau::core
