#include "acd/rules.h"

#include "acd/requirement.h"

namespace plateau::acd {

namespace {

Status checked(const std::string& queue, const std::string& where, const std::string& text) {
  if (Status st = check_requirement(text); !st)
    return make_error("acd.requirement", "queue " + queue + ", " + where + ": " + st.error().message);
  return {};
}

}  // namespace

Result<QueueRules> queue_rules(const model::Queue& q) {
  QueueRules r;
  r.tenant = q.tenant;
  r.name = q.name;
  r.priority = q.priority;
  r.strategy = q.strategy;
  r.ring_timeout_ms = int64_t{q.ring_timeout_s} * 1000;
  r.max_wait_ms = int64_t{q.max_wait_s} * 1000;
  r.wrapup_ms = int64_t{q.wrapup_s} * 1000;
  r.sl_threshold_ms = int64_t{q.sl_threshold_s} * 1000;
  r.max_length = q.max_length;
  r.priority_step_ms = int64_t{q.priority_step_s} * 1000;
  r.wrapup_requires_disposition = q.wrapup_requires_disposition;
  if (Status st = checked(q.tenant + "/" + q.name, "requires", q.requirement); !st) return st.error();
  r.requirement = q.requirement;
  for (size_t i = 0; i < q.relax.size(); ++i) {
    const auto& s = q.relax[i];
    if (Status st = checked(q.tenant + "/" + q.name, "relax[" + std::to_string(i) + "]", s.requirement); !st)
      return st.error();
    r.relax.push_back({int64_t{s.after_s} * 1000, s.requirement, s.keep_contact});
  }
  r.on_timeout = q.on_timeout;
  r.on_full = q.on_full;
  r.on_no_agent = q.on_no_agent;
  r.announce_every_ms = int64_t{q.announce_every_s} * 1000;
  r.callback = q.callback;
  r.callback_attempts = q.callback_attempts;
  r.callback_retry_ms = int64_t{q.callback_retry_s} * 1000;
  return r;
}

TenantRules tenant_rules(const model::Tenant& t) {
  TenantRules r;
  r.not_ready_reasons = system_reasons();
  r.not_ready_reasons.insert(t.not_ready_reasons.begin(), t.not_ready_reasons.end());
  r.dispositions.insert(t.dispositions.begin(), t.dispositions.end());
  return r;
}

}  // namespace plateau::acd
