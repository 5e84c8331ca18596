// provisioning.h — the business objects an operator provisions: tenants, trunks,
// numbers, queues, agents and their phones.
//
// Parsed once at the edge (src/provision reads the declarative file, src/store
// persists it) into these typed structs; every other module reads them.
// Names are unique within their kind and tenant; a SIP username is unique on the
// whole platform (phones register without saying their tenant).
// Thread-safety: plain values; a loaded Provisioning is shared read-only.
#pragma once

#include <string>
#include <vector>

namespace plateau::model {

struct Tenant {
  std::string name;                            // key, e.g. "demo"
  std::string display_name;                    // "Démo Télécom"
  std::string timezone = "Africa/Casablanca";  // IANA zone for reports
  std::string language = "fr";                 // default prompt language
};

// A carrier or PABX allowed to send calls to the tenant's numbers.
struct Trunk {
  std::string tenant;
  std::string name;
  std::vector<std::string> addresses;  // CIDR blocks or single IPs, e.g. "10.1.2.0/24", "127.0.0.1"
};

// A number (DID) callers dial, and what it runs.
struct Number {
  std::string tenant;
  std::string did;       // digits as they arrive in the Request-URI user part, e.g. "0522000000"
  std::string flow = "queue";  // built-in flow kind; "queue": greeting then queue
  std::string greeting;  // prompt name played first ("" = none)
  std::string queue;     // queue name within the tenant
};

struct Queue {
  std::string tenant;
  std::string name;
  std::string display_name;
  int ring_timeout_s = 15;   // ring-no-answer after this
  int max_wait_s = 600;      // caller leaves the queue after this (outcome: no agent)
  int wrapup_s = 0;          // after-call work before the agent is offered again
  std::string music = "moh";  // prompt name looped while waiting
};

struct Agent {
  std::string tenant;
  std::string login;                // key, e.g. "1001"
  std::string name;                 // "Salma Bennani"
  std::vector<std::string> queues;  // queue names within the tenant
  std::string phone;                // SIP username of the agent's default phone
  bool ready_on_register = true;    // becomes Ready when its phone registers
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
};

}  // namespace plateau::model
