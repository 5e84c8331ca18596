// engine.h — automatic call distribution: queues, skills, priorities, the agent
// state machine, agent selection strategies, overflow, queued callback and
// estimated wait. The one authoritative place for agent states.
//
// Pure logic: no I/O, no threads, time from the injected Clock (monotonic ms).
// It is told what happened (a contact arrived, an agent answered, a caller
// hung up, an agent asked for not-ready, time passed) and answers with Outputs
// (offer this contact to this agent, withdraw that offer, this contact
// overflowed, announce its position, this agent changed state). The telephony
// side of a contact (legs, prompts, records) is core::Router's business.
//
// Decisions are indexed, not scanned: per queue and per distinct requirement
// ("class") the engine keeps the ready agents who qualify, ordered by the
// queue's strategy, and the waiting contacts, ordered by priority and arrival.
// A contact's arrival costs O(log agents); an agent becoming ready costs
// O(queues of the agent × classes in use × log contacts). docs/ACD.md states
// the rules, strategies and tie-breaking exactly.
//
// Thread: one owner thread (the app thread in the server, the test in tests);
// not thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "acd/agent_state.h"
#include "acd/requirement.h"
#include "common/clock.h"
#include "common/ids.h"
#include "common/result.h"
#include "model/provisioning.h"

namespace plateau::acd {

using AgentId = uint32_t;  // stable for the engine's life: an agent key keeps its id across configurations
using QueueId = uint32_t;
using ContactId = CallId;  // a contact is named by the call it belongs to

enum class ContactKind {
  Inbound,   // a caller waiting on the line
  Callback,  // a caller who left the queue keeping its place, to be called back
  Outbound,  // outbound work for blended agents (dialer): served after inbound
};

struct ContactSpec {
  ContactId id;
  std::string tenant, queue;
  int priority = 0;
  std::string requirement;  // the contact's own (number, IVR attributes), ANDed with the queue's
  ContactKind kind = ContactKind::Inbound;
  int64_t arrived_mono = -1;  // keeps an earlier place (callbacks reloaded at start); -1 = now
  int callback_attempts = 0;  // attempts already made (callbacks reloaded at start)
};

// ---- outputs ---------------------------------------------------------------

// Ring this agent for this contact. Under ring_all one contact gets several.
struct Offer {
  ContactId contact;
  AgentId agent;
  ContactKind kind = ContactKind::Inbound;
};

// Stop ringing this agent for this contact (another agent answered under
// ring_all, the caller left, ring timeout, the agent logged out).
struct OfferWithdrawn {
  ContactId contact;
  AgentId agent;
  std::string reason;  // "answered_elsewhere", "caller_left", "ring_no_answer", "agent_logged_out", ...
};

// The contact left its queue by an overflow rule. For kind Queue the engine has
// already entered it into the target queue (`to_queue`); for the other kinds
// the contact is no longer in the engine, except Callback where it stays
// waiting until request_callback() or remove().
struct Overflowed {
  ContactId contact;
  model::Overflow action;
  std::string why;  // "timeout", "full", "no_agent"
  std::string from_queue, to_queue;
};

// Time to tell the waiting caller its position and estimated wait.
struct Announce {
  ContactId contact;
  int position = 0;      // 1 = next
  int64_t ewt_ms = -1;   // -1: cannot be estimated (nobody serving)
  bool offer_callback = false;
};

// Every agent state transition, with who caused it.
struct AgentChanged {
  AgentId agent;
  std::string tenant, login;
  AgentState from, to;
  std::string reason;   // not-ready reason, or why the transition happened
  std::string actor;    // "agent", "system", "phone", "config", or the login of the supervisor who forced it
  std::string pending;  // state asked for that takes effect later: "not_ready:<reason>", "logged_out", ""
  int64_t in_previous_ms = 0;
  ContactId contact;        // the contact involved, if any
  std::string from_reason;  // the reason of the state left (a not-ready reason, ...)
};

// A contact fact for the event log: "queued", "requeued", "relaxed",
// "callback_requested", "callback_retry", "callback_gave_up", "left".
struct ContactLog {
  ContactId contact;
  std::string tenant, queue;
  std::string kind;
  std::string detail;  // JSON object text
};

using Output = std::variant<Offer, OfferWithdrawn, Overflowed, Announce, AgentChanged, ContactLog>;
using Outputs = std::vector<Output>;

// ---- views -----------------------------------------------------------------

struct AgentView {
  AgentId id = 0;
  std::string tenant, login;
  AgentState state = AgentState::LoggedOut;
  std::string reason, pending;
  int64_t since_mono = 0;
  ContactId contact;  // offered (reserved) or connected (busy, wrap-up)
  int contacts_today = 0;
  int64_t talk_today_ms = 0;
  std::array<int64_t, kAgentStates.size()> time_in_ms{};  // closed stretches, by AgentState
  int64_t logged_in_ms = 0;                               // closed login sessions
};

struct QueueView {
  QueueId id = 0;
  std::string tenant, name;
  int waiting = 0;   // in line, not yet ringing an agent
  int ringing = 0;   // offered to an agent
  int callbacks = 0; // waiting callbacks (included in `waiting` when due)
  int64_t oldest_wait_ms = 0;
  std::array<int, kAgentStates.size()> agents{};  // members by state
  int64_t ewt_ms = -1;  // for a contact arriving now
  int64_t aht_ms = 0;   // recent average handle time used for the estimate
  int entered = 0, answered = 0, abandoned = 0, overflowed = 0, answered_in_sl = 0;
};

struct ContactView {
  ContactId id;
  std::string tenant, queue;
  ContactKind kind = ContactKind::Inbound;
  std::string phase;  // "waiting", "delayed", "offered", "connected"
  std::string requirement;
  int position = 0;
  int64_t waited_ms = 0;
  int64_t ewt_ms = -1;
  int callback_attempts = 0;
  std::vector<AgentId> agents;
};

// What a failed callback attempt led to.
enum class CallbackNext { Retry, GaveUp };

class Engine {
 public:
  explicit Engine(const Clock& clock, uint64_t seed = 0x5eed);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Builds and validates a configuration from the provisioning, then swaps it
  // in. On error nothing changes. Contacts in progress keep the rules they
  // entered with (requirement and relaxation, timeouts, overflow, wrap-up);
  // membership, skills and strategies apply at once. Agents no longer
  // provisioned are logged out (at the end of their contact if they have one).
  Result<Outputs> configure(const model::Provisioning& p);

  // -- contacts --
  // Errors: "acd.queue_unknown", "acd.contact_exists", "acd.requirement".
  Result<Outputs> enqueue(const ContactSpec& spec);
  // A contact for one named agent (a transfer to that agent): it is offered to
  // the agent at once, never waits in line and is offered to nobody else. If
  // the agent does not answer (ring timeout, refusal) the contact is dropped
  // (ContactLog "left", reason "target_no_answer" or "target_refused") and the
  // agent is treated as for any offer. `spec.queue` is the queue it counts in;
  // the agent is `login` of `agent_tenant` (an outsourcer's agent may serve
  // another tenant's queues).
  // Errors: "acd.queue_unknown", "acd.contact_exists", "acd.agent_unknown",
  // "acd.agent_not_ready" (the agent is not Ready now).
  Result<Outputs> offer_to(const ContactSpec& spec, const std::string& agent_tenant, const std::string& login);
  // The caller left (waiting or ringing) or the contact is dropped: offers are
  // withdrawn, agents return to ready. `reason` goes to the log.
  Outputs remove(ContactId c, const std::string& reason);
  // An offered agent answered.
  Outputs answered(ContactId c, AgentId a);
  // An offered agent's phone refused (reason "busy", "declined",
  // "unreachable", "failed"): the agent goes not-ready with that reason and the
  // contact returns to its place.
  Outputs refused(ContactId c, AgentId a, const std::string& reason);
  // The conversation ended (either side hung up): the agent goes to wrap-up,
  // to its pending state, or ready.
  Outputs ended(ContactId c);
  // A waiting contact becomes a callback keeping its place.
  Result<Outputs> request_callback(ContactId c);
  // Calling the customer back failed: the agent is freed (ready, not
  // penalised) and the contact waits callback_retry_s before its place counts
  // again, or is dropped after callback_attempts.
  std::pair<CallbackNext, Outputs> callback_failed(ContactId c);

  // -- agents -- (errors: "acd.agent_unknown", "acd.logged_out",
  // "acd.reason_unknown", "acd.disposition_required", "acd.disposition_unknown")
  Result<Outputs> login(const std::string& tenant, const std::string& login, bool ready, const std::string& actor);
  Result<Outputs> logout(const std::string& tenant, const std::string& login, const std::string& reason,
                         const std::string& actor);
  Result<Outputs> set_ready(const std::string& tenant, const std::string& login, const std::string& actor);
  Result<Outputs> set_not_ready(const std::string& tenant, const std::string& login, const std::string& reason,
                                const std::string& actor);
  Result<Outputs> end_wrapup(const std::string& tenant, const std::string& login, const std::string& disposition,
                             const std::string& actor);

  // -- time --
  Outputs on_time();
  std::optional<int64_t> next_deadline() const;

  // -- views --
  std::optional<AgentId> agent_id(const std::string& tenant, const std::string& login) const;
  std::optional<AgentView> agent(AgentId a) const;
  std::vector<AgentView> agents() const;
  std::vector<QueueView> queues() const;
  std::optional<ContactView> contact(ContactId c) const;
  std::vector<ContactView> contacts() const;
  size_t contact_count() const;

  // Checks every invariant of docs/ACD.md by brute force (for tests and the
  // /debug endpoint): a description of each violation, empty when all hold.
  std::vector<std::string> self_check() const;

  struct State;  // engine_state.h

 private:
  std::unique_ptr<State> s_;
};

std::string_view to_string(ContactKind k);

}  // namespace plateau::acd
