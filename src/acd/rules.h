// rules.h — a queue's and a tenant's routing rules, checked and in the units
// the engine uses (milliseconds), built from the provisioning.
//
// Immutable once built and shared: a contact keeps the QueueRules it entered
// with while a new configuration applies to new contacts.
// Thread: pure; built and read on the engine's thread.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "common/result.h"
#include "model/provisioning.h"

namespace plateau::acd {

struct QueueRules {
  std::string tenant, name;
  int priority = 0;
  model::Strategy strategy = model::Strategy::LongestIdle;
  int64_t ring_timeout_ms = 15'000, max_wait_ms = 600'000, wrapup_ms = 0;
  int64_t sl_threshold_ms = 20'000;
  int max_length = 0;
  int64_t priority_step_ms = 0;
  bool wrapup_requires_disposition = false;
  std::string requirement;
  struct Step {
    int64_t after_ms = 0;
    std::string requirement;
    bool keep_contact = true;
  };
  std::vector<Step> relax;
  model::Overflow on_timeout, on_full, on_no_agent;
  int64_t announce_every_ms = 0;
  bool callback = false;
  int callback_attempts = 3;
  int64_t callback_retry_ms = 300'000;
};

struct TenantRules {
  std::set<std::string> not_ready_reasons;  // the tenant's codes plus the system reasons
  std::set<std::string> dispositions;
};

// System not-ready reasons, always accepted.
inline const std::set<std::string>& system_reasons() {
  static const std::set<std::string> r = {"missed",    "busy",  "declined", "unreachable", "failed",
                                          "login",     "break", "phone_unregistered", "no_disposition",
                                          "deprovisioned"};
  return r;
}

// Errors: "acd.requirement" naming the queue and the faulty expression.
Result<QueueRules> queue_rules(const model::Queue& q);
TenantRules tenant_rules(const model::Tenant& t);

}  // namespace plateau::acd
