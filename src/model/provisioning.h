// provisioning.h — the business objects an operator provisions: tenants, trunks,
// numbers, queues, agents and their phones, and opening-hours schedules (schedule.h).
//
// Parsed once at the edge (src/provision reads the declarative file, src/store
// persists it) into these typed structs; every other module reads them.
// Names are unique within their kind and tenant; a SIP username is unique on the
// whole platform (phones register without saying their tenant).
// Thread-safety: plain values; a loaded Provisioning is shared read-only.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/evaluation.h"
#include "model/schedule.h"

namespace plateau::model {

// A category of CRM cases (docs/CRM.md): its SLA gives a case's due date.
// A tenant that declares none gets crm::default_case_categories().
struct CaseCategory {
  std::string tenant;
  std::string name;                        // e.g. "complaint"
  int sla_hours = 48;                      // due this many hours after the case is opened
  std::string default_priority = "normal"; // low, normal, high, urgent
  friend bool operator==(const CaseCategory&, const CaseCategory&) = default;
};

struct Tenant {
  std::string name;                            // key, e.g. "demo"
  std::string display_name;                    // "Démo Télécom"
  std::string timezone = "Africa/Casablanca";  // IANA zone for reports
  std::string language = "fr";                 // default prompt language
  // Reason codes an agent may give for not-ready, and disposition codes for
  // wrap-up. System reasons (missed, busy, declined, unreachable, login,
  // phone_unregistered, no_disposition) are always known.
  std::vector<std::string> not_ready_reasons = {"break", "lunch", "training", "meeting", "admin"};
  std::vector<std::string> dispositions;
  // Tenants whose agents may be placed in this tenant's queues (an
  // outsourcer's agents serving several client companies).
  std::vector<std::string> agents_from;
  // [[case_category]] of this tenant, in file order (empty: the defaults).
  std::vector<CaseCategory> case_categories;
  // Call recordings older than this many days are deleted (0: kept for ever).
  int recording_retention_days = 0;
  // [[evaluation_form]] of this tenant, in file order.
  std::vector<EvaluationForm> evaluation_forms;
};

// A carrier or PABX allowed to send calls to the tenant's numbers.
struct Trunk {
  std::string tenant;
  std::string name;
  std::vector<std::string> addresses;  // CIDR blocks or single IPs, e.g. "10.1.2.0/24", "127.0.0.1"
  // Where outgoing calls (queued callbacks, overflow to an external number)
  // are sent: "host" or "host:port"; "" = this trunk places no calls.
  std::string gateway;
  std::string caller_id;  // From user part of outgoing calls ("" = the tenant's first number)
};

// A number (DID) callers dial, and what it runs.
struct Number {
  std::string tenant;
  std::string did;       // digits as they arrive in the Request-URI user part, e.g. "0522000000"
  std::string flow = "queue";  // built-in flow kind; "queue": greeting then queue
  std::string greeting;  // prompt name played first ("" = none)
  std::string queue;     // queue name within the tenant
  int priority = 0;      // contact priority given to calls of this number (higher first)
  std::string requirement;  // skill requirement added to the queue's, e.g. "lang_es >= 3" ("" = none)
};

// What a queue does with a contact it cannot serve (timeout, full, nobody logged in).
enum class OverflowKind {
  None,      // stay in the queue (only for on_no_agent)
  Hangup,    // play "no_agent" (or "queue_full") and hang up
  Queue,     // move to another queue of the same tenant (target = queue name)
  Callback,  // offer a callback: the caller keeps its place and is called back
  External,  // transfer to an external number through a trunk (target = number)
};

struct Overflow {
  OverflowKind kind = OverflowKind::Hangup;
  std::string target;
  bool operator==(const Overflow&) const = default;
};

// "none", "hangup", "queue:<name>", "callback", "external:<number>".
std::string to_string(const Overflow& o);
std::optional<Overflow> parse_overflow(std::string_view text);

// Agent selection strategies (docs/ACD.md gives their exact tie-breaking).
enum class Strategy { LongestIdle, FewestContacts, LeastTalkTime, BestSkill, RoundRobin, RingAll, Random };
std::string_view to_string(Strategy s);
std::optional<Strategy> parse_strategy(std::string_view text);

// After `after_s` seconds of waiting the queue's requirement becomes `requirement`
// ("" = any agent of the queue); `keep_contact` keeps the requirement the
// contact brought (number, IVR) on top of it.
struct RelaxStep {
  int after_s = 0;
  std::string requirement;
  bool keep_contact = true;
  bool operator==(const RelaxStep&) const = default;
};

// When a queue's live figures turn amber and red on the wallboard
// (docs/SUPERVISION.md). Waiting, longest wait and ASA are worse when higher:
// amber from `*_amber`, red from `*_red` (amber <= red). The service level is
// worse when lower: amber below `service_level_amber` %, red below
// `service_level_red` % (red <= amber). Defaults follow the queue's service
// level (queue_thresholds_for).
struct QueueThresholds {
  int waiting_amber = 5, waiting_red = 10;                  // contacts waiting
  int longest_wait_amber_s = 20, longest_wait_red_s = 40;   // seconds the oldest has waited
  int service_level_amber = 80, service_level_red = 70;     // percent
  int asa_amber_s = 10, asa_red_s = 20;                     // average speed of answer, seconds
  bool operator==(const QueueThresholds&) const = default;
};

// The defaults for a queue answering within `sl_threshold_s` for `sl_target_pct`
// of its contacts: longest wait amber at the threshold and red at twice it;
// service level amber below the target and red 10 points lower; ASA amber at
// half the threshold and red at the threshold; 5 and 10 contacts waiting.
QueueThresholds queue_thresholds_for(int sl_threshold_s, int sl_target_pct);

struct Queue {
  std::string tenant;
  std::string name;
  std::string display_name;
  int ring_timeout_s = 15;   // ring-no-answer after this
  int max_wait_s = 600;      // caller leaves the queue after this (outcome: no agent)
  int wrapup_s = 0;          // after-call work before the agent is offered again
  std::string music = "moh";  // prompt name looped while waiting
  int priority = 0;           // an agent in several queues serves the higher priority first
  Strategy strategy = Strategy::LongestIdle;
  int sl_threshold_s = 20;    // service level: answered within this many seconds ...
  int sl_target_pct = 80;     // ... for this share of contacts
  int max_length = 0;         // waiting contacts beyond which on_full applies (0 = no limit)
  int priority_step_s = 0;    // ageing: one priority point is worth this many seconds of waiting (0 = strict)
  bool wrapup_requires_disposition = false;
  std::string requirement;       // skill requirement of every contact ("" = any agent of the queue)
  std::vector<RelaxStep> relax;  // by increasing after_s
  Overflow on_timeout;           // max_wait reached
  Overflow on_full{OverflowKind::Hangup, ""};
  Overflow on_no_agent{OverflowKind::None, ""};  // on arrival when no agent of the queue is logged in
  int announce_every_s = 0;   // position and estimated wait announced this often (0 = never)
  bool callback = false;      // callers may press 1 to be called back, keeping their place
  std::string callback_trunk; // trunk that places the callbacks (required when callback or on_* is callback)
  int callback_attempts = 3;  // calls to the customer before giving up
  int callback_retry_s = 300; // between two attempts
  QueueThresholds thresholds;  // wallboard colours
};

// An agent's membership in a queue, possibly of another tenant (see Tenant::agents_from).
struct AgentQueue {
  std::string tenant;  // the queue's tenant
  std::string queue;
  int weight = 1;      // among queues of equal priority, the agent serves the heavier first
  bool operator==(const AgentQueue&) const = default;
};

struct Agent {
  std::string tenant;
  std::string login;                // key, e.g. "1001"
  std::string name;                 // "Salma Bennani"
  std::vector<AgentQueue> queues;
  std::map<std::string, int> skills;  // skill -> level 0..100, e.g. {"lang_fr": 5, "billing": 3}
  std::string phone;                  // SIP username of the agent's default phone
  bool ready_on_register = true;      // becomes Ready when its phone registers
};

struct Phone {
  std::string tenant;
  std::string username;  // SIP auth user, platform-wide unique
  std::string password;  // digest secret as written in the provisioning file (never stored)
  std::string ha1;       // MD5(username:realm:password) in lower-case hex: what the store keeps
};

struct Provisioning {
  std::vector<Tenant> tenants;
  std::vector<Trunk> trunks;
  std::vector<Number> numbers;
  std::vector<Queue> queues;
  std::vector<Agent> agents;
  std::vector<Phone> phones;
  std::vector<Schedule> schedules;
};

}  // namespace plateau::model
