// engine_state.h — the data behind acd::Engine, and the operations its
// public methods are made of. Private to src/acd.
//
// Thread: the engine's owner thread.
#pragma once

#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "acd/engine.h"
#include "acd/rules.h"

namespace plateau::acd {

using ReqId = uint32_t;
inline constexpr AgentId kNoAgent = ~AgentId{0};

// Agent order inside a class: smaller first. (strategy key, tie-break)
using AgentKey = std::pair<int64_t, int64_t>;
// Contact order inside a queue: smaller first. (priority/age key, arrival sequence)
using ContactKey = std::pair<int64_t, int64_t>;

// Waiting contacts of a queue with order statistics (position in O(log n)).
using PositionTree = __gnu_pbds::tree<std::tuple<int64_t, int64_t, uint64_t>, __gnu_pbds::null_type,
                                      std::less<>, __gnu_pbds::rb_tree_tag,
                                      __gnu_pbds::tree_order_statistics_node_update>;

struct Membership {
  QueueId queue = 0;
  int weight = 1;
  int64_t rr_pos = 0;  // the agent's place in the queue's round-robin order
};

struct AgentRec {
  AgentId id = 0;
  std::string tenant, login;
  bool provisioned = true;
  SkillLevels skills;
  std::vector<Membership> queues;

  AgentState state = AgentState::LoggedOut;
  std::string reason;
  enum class Pending { None, NotReady, LoggedOut } pending = Pending::None;
  std::string pending_reason;
  int64_t since = 0;       // monotonic ms of the last transition
  int64_t idle_since = 0;  // last time the agent became free after work (or logged in)
  int64_t login_since = 0;
  std::array<int64_t, kAgentStates.size()> time_in{};
  int64_t logged_in_ms = 0;

  ContactId contact;               // offered (Reserved) or connected (Busy, WrapUp)
  int64_t wrap_deadline = -1;
  bool wrap_needs_disposition = false;
  std::string wrap_tenant, wrap_queue;  // of the contact being wrapped up

  int64_t day = 0;                 // day of the counters below
  int contacts_today = 0;
  int64_t talk_today = 0;
  int64_t talk_started = -1;
  uint64_t draw = 0;               // random key of the current ready stretch
};

// The contacts and ready agents of one queue that share one requirement.
struct ClassIndex {
  ReqId req = 0;
  std::set<std::pair<AgentKey, AgentId>> ready;
  std::set<std::pair<ContactKey, uint64_t>> waiting;
};

struct QueueState {
  QueueId id = 0;
  std::string tenant, name;
  std::shared_ptr<const QueueRules> rules;  // current; contacts hold the ones they entered with
  bool provisioned = true;
  std::vector<AgentId> members;             // in round-robin order
  std::map<ReqId, ClassIndex> classes;
  std::vector<ReqId> waiting_classes;       // classes with at least one waiting contact
  PositionTree positions;                   // waiting contacts (not offered, not delayed)
  int ringing = 0, delayed = 0;
  int64_t rr_last = -1;
  std::array<int, kAgentStates.size()> by_state{};
  int64_t aht_ms = 180'000;  // recent handle time (talk + wrap-up), moving average
  int entered = 0, answered = 0, abandoned = 0, overflowed = 0, answered_in_sl = 0;
};

struct Contact {
  ContactId id;
  QueueId queue = 0;
  std::shared_ptr<const QueueRules> rules;
  ContactKind kind = ContactKind::Inbound;
  int priority = 0;
  std::string own_requirement;
  ReqId req = 0;
  int step = -1;  // relaxation steps applied (index into rules->relax), -1 = none
  int64_t arrived = 0;
  ContactKey key{};
  enum class Phase { Waiting, Delayed, Offered, Connected } phase = Phase::Waiting;
  std::vector<AgentId> offered;
  AgentId agent = kNoAgent;  // connected agent
  int64_t answered_at = -1;
  int64_t ring_deadline = -1, max_wait_deadline = -1, next_relax = -1, next_announce = -1, not_before = -1;
  int attempts = 0;
  bool targeted = false;  // offered to one named agent only (Engine::offer_to)
  int64_t deadline = -1;  // the earliest of the above, as filed in State::contact_timers
};

struct Engine::State {
  State(const Clock& c, uint64_t seed) : clock(c), rng(seed) {}

  const Clock& clock;
  std::mt19937_64 rng;
  SkillCatalog skills;
  std::vector<Requirement> reqs;
  std::unordered_map<std::string, ReqId> req_ids;

  std::vector<AgentRec> agents;
  std::unordered_map<std::string, AgentId> agent_ids;  // "tenant/login"
  std::vector<QueueState> queues;
  std::unordered_map<std::string, QueueId> queue_ids;  // "tenant/name"
  std::map<std::string, TenantRules> tenants;
  std::unordered_map<ContactId, Contact> contacts;
  uint64_t next_seq = 1;

  std::set<std::pair<int64_t, uint64_t>> contact_timers;  // (deadline, contact id)
  std::set<std::pair<int64_t, AgentId>> agent_timers;     // (wrap-up end, agent)

  int64_t now() const { return clock.monotonic_ms(); }
  static std::string key(const std::string& a, const std::string& b) { return a + '/' + b; }

  // requirements (engine_index.cpp)
  Result<ReqId> intern(const std::string& text);

  // index (engine_index.cpp)
  AgentKey agent_key(const AgentRec& a, const QueueState& q, const Membership& m, ReqId req) const;
  ClassIndex& class_of(QueueState& q, ReqId req);
  void index_agent(AgentRec& a);    // a is Ready: into every class it qualifies for
  void unindex_agent(AgentRec& a);  // out of every class
  void file_waiting(Contact& c);    // into its class and the position tree
  void unfile_waiting(Contact& c);
  // Matching: a contact just became waiting / an agent just became ready.
  void match_contact(Contact& c, Outputs& out);
  void match_agent(AgentRec& a, Outputs& out);
  // `indexed`: the agents are in the ready indexes (false when an agent just
  // became ready and was never filed).
  void offer(Contact& c, const std::vector<AgentId>& agents, Outputs& out, bool indexed = true);

  // agents (engine_agents.cpp)
  void set_state(AgentRec& a, AgentState s, const std::string& reason, const std::string& actor, Outputs& out,
                 ContactId contact = {});
  void note_pending(AgentRec& a, const std::string& actor, Outputs& out);
  void become_ready(AgentRec& a, const std::string& reason, const std::string& actor, Outputs& out);
  void after_contact(AgentRec& a, Outputs& out);  // contact over: wrap-up, pending, or ready
  void apply_pending_or_ready(AgentRec& a, const std::string& reason, Outputs& out);
  void roll_day(AgentRec& a);
  Result<AgentRec*> find_agent(const std::string& tenant, const std::string& login);
  Status check_reason(const AgentRec& a, const std::string& reason) const;

  // contacts (engine_contacts.cpp)
  void requeue(Contact& c, Outputs& out);  // back to its place after an offer ended
  void give_up_target(Contact& c, const std::string& reason, Outputs& out);  // a targeted contact unanswered
  void withdraw_offers(Contact& c, const std::string& reason, AgentId except, Outputs& out);
  void drop(Contact& c);                   // forget the contact entirely
  void overflow(Contact& c, const model::Overflow& action, const std::string& why, Outputs& out);
  void relax(Contact& c, Outputs& out);
  void schedule(Contact& c);               // recompute and file its earliest deadline
  void contact_due(Contact& c, Outputs& out);
  int position(const Contact& c) const;
  int64_t ewt(const QueueState& q, int position) const;
  void log(const Contact& c, const std::string& kind, const std::string& detail, Outputs& out) const;
  Result<Outputs> enter(const ContactSpec& spec, std::shared_ptr<const QueueRules> rules, QueueId qid,
                        int64_t arrived, int hops);
};

}  // namespace plateau::acd
