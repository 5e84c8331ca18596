// router.h — the call flow around the ACD: number -> greeting -> acd::Engine
// (queue with music, announcements, offers to agents) -> bridge and record ->
// hang-up -> call record; overflow to another queue, to a callback offer or
// to an external number; queued callbacks placed through a trunk.
//
// Pure logic: no sockets, no threads, no clock of its own. It is fed events
// (from telephony, from agents' commands, from time passing) and answers with
// outputs (telephony commands, call records, callbacks to store and events to
// log). Who gets which contact is the engine's decision; the router turns
// decisions into legs and prompts. The app thread owns the one instance; every
// method runs there. Tests drive it with a ManualClock.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "acd/engine.h"
#include "common/clock.h"
#include "common/ids.h"
#include "common/result.h"
#include "core/call.h"
#include "core/directory.h"
#include "model/call_events.h"
#include "model/call_record.h"
#include "model/callback.h"
#include "model/voicemail.h"
#include "ivr/flow_set.h"
#include "ivr/session.h"

namespace plateau::core {

using acd::AgentState;

// A fact to append to the event log (agent state changes, call milestones).
struct LogEvent {
  int64_t ts_ms = 0;
  std::string tenant;
  std::string kind;  // "agent.state", "call.queued", "call.offered", "call.ring_no_answer" ...
  std::string call_id;
  std::string agent;
  std::string data_json;
};

// A queued callback to store (model::Callback) before the caller is told it
// is registered: Router::on_callback_committed follows the commit.
using CallbackEntry = model::Callback;

// An IVR look-up of the caller in the CRM; Router::on_lookup_result follows.
struct CustomerLookup {
  CallId call;
  std::string tenant;
  ivr::LookupBy by = ivr::LookupBy::Caller;
  std::string key;
};

// An IVR webhook to call; Router::on_webhook_result follows (or the step's
// own timeout fires first). `body` is the JSON the webhook receives.
struct WebhookCall {
  CallId call;
  ivr::Webhook request;
  std::string body;
};

// A voicemail to store; Router::on_voicemail_committed follows the commit.
struct VoicemailEntry {
  CallId call;
  model::Voicemail voicemail;
};

using Output = std::variant<model::TelephonyCommand, model::CallRecord, LogEvent, CallbackEntry, CustomerLookup,
                            WebhookCall, VoicemailEntry>;

struct AgentView {
  std::string tenant, login, name, phone;
  AgentState state = AgentState::LoggedOut;
  std::string reason;            // not-ready reason
  std::string pending;           // "" or "not_ready:<reason>" / "logged_out"
  int64_t state_since_ms = 0;
  std::string call_id;           // current contact
  int handled = 0;               // contacts today
  int64_t talk_today_ms = 0;
};

struct QueueView {
  std::string tenant, name, display_name;
  int waiting = 0, ringing = 0, callbacks = 0;
  int64_t oldest_wait_ms = 0;
  std::array<int, acd::kAgentStates.size()> agents{};
  int64_t ewt_ms = -1;
  int offered = 0, answered = 0, abandoned = 0, overflowed = 0, answered_in_sl = 0;
  int sl_threshold_s = 20, sl_target_pct = 80;
};

// A supervisor's leg on a call (listen, whisper, barge), for the API's list.
struct MonitorView {
  std::string id, tenant, call_id;
  std::string agent;  // the monitored agent's login
  std::string actor;  // the supervisor who asked
  std::string phone;  // the supervisor's phone
  model::MonitorMode mode = model::MonitorMode::Listen;
  bool joined = false;  // false while the phone rings
  int64_t started_ms = 0;
};

// A monitor accepted: its id and what to carry out.
struct MonitorStarted {
  std::string monitor;
  std::vector<Output> out;
};

// Call control on an agent's current contact (from the desktop).
enum class CallAction { Answer, Hold, Retrieve, Hangup, CompleteTransfer, CancelTransfer, Conference };

// Where a transfer goes: mode "blind" | "consult"; type "queue" | "agent" | "external".
struct TransferRequest {
  std::string mode, type, target;
};

// An agent's current contact, for the desktop (GET /api/v1/agents/{tenant}/{login}).
struct ContactInfo {
  std::string call_id, caller, number, queue;
  std::string direction;      // "inbound" | "callback"
  std::string attached_json;  // JSON object
  std::string customer_id;    // from the attached data ("" if none)
  std::string role;           // "offered" (ringing), "connected", "consulted" (the target of a consultation)
  bool held = false, conference = false;
  bool recording_paused = false;
  std::string consult_type, consult_target;  // a consultation in progress ("" = none)
  bool consult_answered = false;
  int64_t answer_ms = 0;
};

class Router {
 public:
  // Recordings are named <recording_dir>/YYYY/MM/DD/<call id>.wav; a relative
  // recording_dir is relative to the data directory.
  Router(const Clock& clock, DirectoryPtr directory, std::string recording_dir = "recordings");

  // A new provisioning: checked by the ACD, then applied to new calls; calls in
  // progress keep their rules. On error nothing changes.
  Result<std::vector<Output>> set_directory(DirectoryPtr directory);
  // The published IVR flows: new calls run these versions.
  void set_flows(ivr::FlowSetPtr flows) { flows_ = std::move(flows); }

  // Answers to the IVR's requests (ignored if the call has moved on).
  std::vector<Output> on_lookup_result(CallId call, const ivr::LookupResult& r);
  std::vector<Output> on_webhook_result(CallId call, const ivr::WebhookResult& r);
  std::vector<Output> on_voicemail_committed(CallId call, bool ok);

  std::vector<Output> on_event(const model::TelephonyEvent& ev);

  // The provisioning new calls follow.
  const Directory& directory() const { return *dir_; }

  // Agent commands (from the HTTP API). Errors as acd::Engine gives them
  // ("acd.agent_unknown", "acd.logged_out", "acd.reason_unknown", ...).
  Result<std::vector<Output>> set_ready(const std::string& tenant, const std::string& login);
  Result<std::vector<Output>> set_not_ready(const std::string& tenant, const std::string& login,
                                            const std::string& reason);
  Result<std::vector<Output>> logout(const std::string& tenant, const std::string& login);
  // `phone`: the agent's calls ring this phone of the tenant instead of its
  // default one until logout ("" = the default). Errors also
  // "acd.phone_unknown" (no such phone in the tenant), "acd.phone_unregistered".
  Result<std::vector<Output>> login(const std::string& tenant, const std::string& login,
                                    const std::string& phone = "");
  // The end of wrap-up, logged as call.wrapup_ended {disposition, note}.
  Result<std::vector<Output>> end_wrapup(const std::string& tenant, const std::string& login,
                                         const std::string& disposition, const std::string& note = "");

  // Call control (router_control.cpp; docs/CTI.md). Errors: "cti.no_call" (the
  // agent has no contact), "cti.bad_state" (not possible in the contact's
  // state), "cti.bad_request" (bad digits, mode or type), "cti.target_unknown"
  // (no such agent or queue in the tenant), "cti.target_not_ready",
  // "cti.no_trunk" (no outgoing trunk for an external number), and
  // "acd.agent_unknown" for the acting agent.
  Result<std::vector<Output>> call_action(const std::string& tenant, const std::string& login, CallAction action);
  Result<std::vector<Output>> send_digits(const std::string& tenant, const std::string& login,
                                          const std::string& digits);
  Result<std::vector<Output>> transfer(const std::string& tenant, const std::string& login, const TransferRequest& t);
  // Pause (card payments) or resume the recording of the agent's current
  // call (router_recording.cpp): PauseRecording to the telephony layer, logged
  // as recording.paused / recording.resumed {actor, offset_ms} (offset from
  // the start of the file). Errors "cti.no_call", "cti.bad_state" (the call
  // has no recording, or it is already paused / not paused),
  // "acd.agent_unknown".
  Result<std::vector<Output>> pause_recording(const std::string& tenant, const std::string& login, bool paused,
                                              const std::string& actor);
  // The agent's current contact (offered, connected or consulted), if any.
  std::optional<ContactInfo> contact_of(const std::string& tenant, const std::string& login) const;

  // Supervision (router_monitor.cpp). `actor` is the supervisor's login
  // ("system" for the API token), written in the audit events.
  // monitor(): rings the supervisor's `phone` (a phone of the tenant,
  // registered) with auto-answer, and joins its leg to the call once it
  // answers (model::Monitor). The call must be connected to an agent (on hold
  // too). The monitor follows the call through hold, consultation and
  // conference, and ends when the supervisor hangs up, on stop_monitor(),
  // when the monitored agent leaves the call (a transfer, leaving a
  // conference) or when the call ends; the call goes on without it. Several
  // supervisors may monitor one call. Errors: "monitor.call_unknown" (no such
  // call in the tenant), "monitor.not_connected", "monitor.phone_unknown",
  // "monitor.phone_unregistered", "monitor.bad_request" (the agent's own phone).
  // Audit: supervisor.monitor_started, then supervisor.monitor_ended.
  Result<MonitorStarted> monitor(const std::string& tenant, const std::string& call_pid, model::MonitorMode mode,
                                 const std::string& phone, const std::string& actor);
  // A new mode, without a new call (supervisor.monitor_changed). Error:
  // "monitor.unknown" (no such monitor in the tenant).
  Result<std::vector<Output>> set_monitor_mode(const std::string& tenant, const std::string& id,
                                               model::MonitorMode mode, const std::string& actor);
  // Hangs the supervisor's leg up (supervisor.monitor_ended, reason "stopped").
  Result<std::vector<Output>> stop_monitor(const std::string& tenant, const std::string& id, const std::string& actor);
  // The tenant's monitors, by id.
  std::vector<MonitorView> monitors(const std::string& tenant) const;
  // A supervisor forces an agent's state: "ready", "not_ready" (with a
  // reason of the tenant; default "break") or "logged_out". The agent's state
  // machine applies it as the agent's own request would, with the supervisor
  // as actor: during a call a not-ready or a logout is pending until the
  // call ends (ready cancels a pending state). Audit: supervisor.forced_state
  // {actor, to, reason, pending}, and the agent.state event(s) with the
  // supervisor as actor. Errors as the agent commands, and
  // "acd.bad_state_name" for another state.
  Result<std::vector<Output>> force_state(const std::string& tenant, const std::string& login, const std::string& state,
                                          const std::string& reason, const std::string& actor);

  // A callback stored earlier (at start): it takes its place again.
  std::vector<Output> restore_callback(const CallbackEntry& cb);
  // The callback asked for by `record_id`'s caller is committed: tell the caller.
  std::vector<Output> on_callback_committed(const std::string& record_id);

  // Time passed: fires due timers (ACD and the router's own).
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
  const acd::Engine& acd() const { return acd_; }

 private:
  // router.cpp: telephony events
  void on_inbound(const model::InboundCall& ev, std::vector<Output>& out);
  void on_rejected(const model::CallRejected& ev, std::vector<Output>& out);
  void on_prompt_done(LegId leg, std::vector<Output>& out);
  void on_digit(const model::Digit& ev, std::vector<Output>& out);
  void on_leg_answered(LegId leg, std::vector<Output>& out);
  void on_leg_ended(const model::LegEnded& ev, std::vector<Output>& out);
  void on_caller_ended(Call& c, const model::LegEnded& ev, std::vector<Output>& out);
  void on_registration(const model::PhoneRegistration& ev, std::vector<Output>& out);
  void on_recording_closed(const model::RecordingClosed& ev, std::vector<Output>& out);

  // router_acd.cpp: the ACD's decisions carried out
  acd::ContactSpec contact_spec(const Call& c) const;
  void enqueue(Call& c, std::vector<Output>& out);
  void apply(const acd::Outputs& decisions, std::vector<Output>& out);
  void on_offer(const acd::Offer& o, std::vector<Output>& out);
  void on_withdrawn(const acd::OfferWithdrawn& w, std::vector<Output>& out);
  void on_overflow(const acd::Overflowed& o, std::vector<Output>& out);
  void on_announce(const acd::Announce& a, std::vector<Output>& out);
  void agent_answered(Call& c, LegId leg, std::vector<Output>& out);
  void agent_refused(Call& c, LegId leg, int code, const std::string& reason, std::vector<Output>& out);
  void bridge(Call& c, LegId a, LegId b, std::vector<Output>& out);
  void leave(Call& c, const std::string& prompt, model::CallOutcome outcome, const std::string& reason,
             std::vector<Output>& out);
  void play_music(Call& c, std::vector<Output>& out);
  Result<std::vector<Output>> agent_command(Result<acd::Outputs> r);

  // router_callback.cpp: queued callbacks
  void ask_callback(Call& c, std::vector<Output>& out);
  Call* callback_call(acd::ContactId contact);
  void dial_customer(Call& c, std::vector<Output>& out);
  void callback_failed(Call& c, const std::string& reason, std::vector<Output>& out);

  // router_ivr.cpp: the number's IVR flow
  void start_ivr(Call& c, std::vector<Output>& out);
  void run_ivr(Call& c, ivr::Actions actions, std::vector<Output>& out);
  void ivr_final(Call& c, const ivr::Action& a, std::vector<Output>& out);
  void on_leg_recorded(const model::LegRecorded& ev, std::vector<Output>& out);
  void ivr_time(Call& c, std::vector<Output>& out);
  ivr::SessionEnv ivr_env(const std::string& tenant) const;
  std::optional<ivr::HoursState> hours_of(const std::string& tenant, const std::string& schedule) const;
  void dial_external(Call& c, const std::string& number, const std::string& trunk, std::vector<Output>& out);

  // router_control.cpp: call control by agents
  Result<Call*> agent_call(const std::string& tenant, const std::string& login, acd::AgentId& agent);
  Result<std::vector<Output>> start_transfer(Call& c, acd::AgentId agent, const TransferRequest& t);
  Result<std::vector<Output>> blind_transfer(Call& c, acd::AgentId agent, const TransferRequest& t);
  Result<std::vector<Output>> complete_transfer(Call& c, std::vector<Output>& out);
  void answer_from_desktop(Call& c, std::vector<RingingLeg>& ringing, acd::AgentId agent, std::vector<Output>& out);
  void hold(Call& c, std::vector<Output>& out);
  void end_hold(Call& c);
  void hang_up_leg(LegId& leg, const std::string& reason, std::vector<Output>& out);
  bool is_consult_contact(const Call& c, acd::ContactId contact) const;
  void consult_offer(Call& c, const acd::Offer& o, std::vector<Output>& out);
  void consult_withdrawn(Call& c, const acd::OfferWithdrawn& w, std::vector<Output>& out);
  bool consult_leg_answered(Call& c, LegId leg, std::vector<Output>& out);
  bool consult_leg_ended(Call& c, const model::LegEnded& ev, std::vector<Output>& out);
  bool agent_leg_ended_in_control(Call& c, std::vector<Output>& out);
  void target_gone(acd::ContactId contact, const std::string& reason, std::vector<Output>& out);
  void drop_consult(Call& c, const std::string& reason, std::vector<Output>& out);
  void hand_over(Call& c, std::vector<Output>& out);  // the consulted target becomes the call's party
  void note_transfer(Call& c, const std::string& mode, const std::string& type, const std::string& target,
                     acd::AgentId from, const std::string& to_agent, std::vector<Output>& out);
  nlohmann::json contact_data(const Call& c) const;
  void consult_time(Call& c, std::vector<Output>& out);

  // router_monitor.cpp: supervisors' legs
  struct Monitoring {
    std::string id, tenant, actor, phone, agent;
    CallId call;
    LegId leg;
    model::MonitorMode mode = model::MonitorMode::Listen;
    bool joined = false;
    int64_t started_ms = 0;
    int64_t ring_deadline_mono = -1;
  };
  // True when the leg is a supervisor's (the event is handled).
  bool monitor_leg_answered(LegId leg, std::vector<Output>& out);
  bool monitor_leg_ended(const model::LegEnded& ev, std::vector<Output>& out);
  // The call's monitors end (their legs hung up): the call ended, or the
  // monitored agent left it.
  void end_monitors(const Call& c, const std::string& reason, std::vector<Output>& out);
  // (By value: the arguments may be the monitor's own fields.)
  void end_monitor(std::string id, std::string actor, std::string reason, bool hang_up, std::vector<Output>& out);
  Monitoring* find_monitor(const std::string& tenant, const std::string& id);
  void monitor_time(std::vector<Output>& out);

  // router_record.cpp: the end of a call
  void end_call(Call& c, model::CallOutcome outcome, const std::string& reason, std::vector<Output>& out);
  void maybe_emit_record(Call& c, std::vector<Output>& out);

  Call* call_by_leg(LegId leg);
  Call* call_by_contact(acd::ContactId contact);
  std::string phone_of(acd::AgentId a) const;
  std::string login_of(acd::AgentId a) const;
  void log(std::vector<Output>& out, const std::string& tenant, const std::string& kind, const Call* c,
           const std::string& agent, const std::string& data_json);

  const Clock& clock_;
  DirectoryPtr dir_;
  ivr::FlowSetPtr flows_ = std::make_shared<ivr::FlowSet>();
  std::string recording_dir_;
  acd::Engine acd_;
  std::unordered_map<CallId, Call> calls_;
  std::unordered_map<LegId, CallId> legs_;
  std::unordered_map<std::string, CallId> by_pid_;
  std::unordered_map<acd::ContactId, CallId> by_contact_;
  // Each agent's last call once its record is committed: the call an agent in
  // wrap-up is wrapping up (AgentView::call_id). One entry per agent at most.
  std::unordered_map<acd::AgentId, std::pair<acd::ContactId, std::string>> wrapped_;
  // Callbacks waiting in the ACD, by contact (their caller has hung up).
  std::unordered_map<acd::ContactId, CallbackEntry> callbacks_;
  std::set<std::string> registered_;  // phones with at least one contact
  // Phones chosen at login (POST .../login {phone}), by agent, until logout.
  std::unordered_map<acd::AgentId, std::string> chosen_phone_;
  // The last call each agent had, for the end of its wrap-up.
  std::unordered_map<acd::AgentId, std::string> last_call_;
  // Supervisors' monitors by id, and their legs.
  std::map<std::string, Monitoring> monitors_;
  std::unordered_map<LegId, std::string> monitor_legs_;
};

}  // namespace plateau::core
