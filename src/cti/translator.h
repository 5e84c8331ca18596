// translator.h — the core's log events turned into CTI events on topics, and
// the state a snapshot of each topic returns.
//
// Every core::LogEvent that means something to a desktop or a wallboard
// becomes one versioned event (docs/CTI.md) published on the topics it
// concerns: the agent's, the contact's queue's, and the tenant's. Each topic
// has its own sequence: 1 for its first event, then one more per event. A
// snapshot of a topic says the seq of the last event it includes, so a client
// that saw seq N and gets a snapshot at seq M knows what it missed.
//
// The translator keeps what the log events say and the views do not: the
// contact data of each call in progress (caller, number, queue, attached IVR
// attributes, customer id) and the current contact of each agent. Memory is
// bounded: a call is forgotten when it ends (and the oldest are dropped past
// `max_contacts`), an agent keeps one contact at most, topics are the
// provisioned agents, queues and tenants.
//
// Pure logic; the app thread owns the one instance. Events go through on_log()
// in the order the core emits them.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/router.h"
#include "cti/topic.h"

namespace plateau::cti {

struct Event {
  std::string topic;
  uint64_t seq = 0;
  std::string name;  // "agent.state_changed.v1", "contact.offered.v1" ...
  int64_t ts_ms = 0;  // when the core logged it (epoch ms)
  nlohmann::json data;

  // {"type":"event","topic",...,"data"}: the text sent to WebSocket clients.
  std::string to_json() const;
};

struct Snapshot {
  std::string topic;
  uint64_t seq = 0;  // of the last event the state includes (0: none yet)
  nlohmann::json state;

  // {"topic", "seq", "state"}
  nlohmann::json to_json() const;
};

// The data every contact.* event carries.
struct Contact {
  std::string call_id, tenant, queue, caller, number;
  std::string direction = "inbound";  // "inbound", "outbound" (a callback dialled to the customer)
  nlohmann::json attached = nlohmann::json::object();
  std::string customer_id;
  std::string agent;           // the agent offered or connected, "" while waiting
  std::string state = "new";   // new, queued, offered, connected, held, consulting, ended
  int64_t since_ms = 0;        // in this state since
  nlohmann::json transfer_to;  // {type, target} of the transfer under way
  std::string ended_by;        // "agent" once the agent hung up

  nlohmann::json to_json() const;  // {call_id, tenant, queue, caller, number, direction, attached, customer_id?}
};

class Translator {
 public:
  explicit Translator(size_t max_contacts = 100'000) : max_contacts_(max_contacts) {}

  // The agents as they are before any event (at start, or agents added by a
  // new provisioning): an agent already known keeps what events told.
  void seed(const std::vector<core::AgentView>& agents);

  // The events this log event makes, seq numbers given, in publication order.
  std::vector<Event> on_log(const core::LogEvent& ev);

  // The state of a topic now; nullopt when the topic names no provisioned
  // agent or queue (as the views list them) and no tenant with either.
  std::optional<Snapshot> snapshot(const Topic& topic, const std::vector<core::AgentView>& agents,
                                   const std::vector<core::QueueView>& queues) const;

  // The seq of a topic's last event (0: none).
  uint64_t seq(const std::string& topic) const;
  size_t contacts() const { return contacts_.size(); }

 private:
  struct Agent {
    std::string tenant, login;
    std::string state = "logged_out", reason, pending;
    int64_t since_ms = 0;
    std::optional<Contact> contact;  // offered, connected, or the one being wrapped up
    bool wrapup_due = false;         // in wrap-up before its contact ended: wrapup.started follows the end
    bool in_wrapup = false;
    std::string disposition, note;   // given for the wrap-up that ends
  };

  void publish(std::vector<Event>& out, const std::string& topic, const std::string& name, int64_t ts,
               nlohmann::json data);
  // On the agent's, the queue's and the tenant's topics (those that apply).
  void publish_contact(std::vector<Event>& out, const core::LogEvent& ev, const Contact& c, const std::string& agent,
                       const std::string& name, nlohmann::json data);
  void on_agent_state(const core::LogEvent& ev, const nlohmann::json& d, std::vector<Event>& out);
  void end_for_agent(const core::LogEvent& ev, const Contact& c, const std::string& agent, std::vector<Event>& out);
  Contact& contact(const core::LogEvent& ev);
  Agent& agent(const std::string& tenant, const std::string& login);
  nlohmann::json agent_state(const Agent* a, const core::AgentView* view) const;
  void forget(const std::string& call_id);

  size_t max_contacts_;
  std::unordered_map<std::string, uint64_t> seq_;             // by topic
  std::unordered_map<std::string, Contact> contacts_;         // by call id, calls in progress
  std::deque<std::string> arrival_;                           // call ids, oldest first (may hold forgotten ones)
  std::map<std::pair<std::string, std::string>, Agent> agents_;  // by (tenant, login)
};

}  // namespace plateau::cti
