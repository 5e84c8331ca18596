// router_callback.cpp — queued callback: the caller leaves the line keeping
// its place; when its turn comes an agent is reserved and rung, and once the
// agent answers Plateau calls the customer through the queue's trunk.
#include <nlohmann/json.hpp>

#include "common/next_id.h"
#include "core/router.h"

namespace plateau::core {

using model::CallOutcome;

void Router::ask_callback(Call& c, std::vector<Output>& out) {
  Result<acd::Outputs> r = make_error("", "");
  if (acd_.contact(c.contact)) {
    r = acd_.request_callback(c.contact);
  } else {
    // Overflowed on entry (full, nobody logged in): it enters as a callback.
    acd::ContactSpec spec = contact_spec(c);
    spec.kind = acd::ContactKind::Callback;
    spec.arrived_mono = c.queued_mono;
    r = acd_.enqueue(spec);
  }
  if (!r) {
    log(out, c.tenant, "call.callback_refused", &c, "", nlohmann::json{{"error", r.error().message}}.dump());
    return;
  }
  apply(r.value(), out);
  c.in_acd = false;  // the contact lives on without this call
  if (c.left_queue_mono < 0) c.left_queue_mono = clock_.monotonic_ms();
  CallbackEntry e{c.pid, c.tenant, c.queue, c.callback_number.empty() ? c.caller : c.callback_number, clock_.now_ms(),
                  0, "pending"};
  callbacks_[c.contact] = e;
  c.phase = CallPhase::CallbackConfirm;
  c.deadline_mono = -1;
  out.emplace_back(model::StopPrompt{c.caller_leg});
  out.emplace_back(std::move(e));  // stored; on_callback_committed() then tells the caller
}

std::vector<Output> Router::on_callback_committed(const std::string& record_id) {
  std::vector<Output> out;
  auto it = by_pid_.find(record_id);
  if (it == by_pid_.end()) return out;
  auto c = calls_.find(it->second);
  if (c == calls_.end() || c->second.phase != CallPhase::CallbackConfirm || !c->second.caller_leg.valid()) return out;
  out.emplace_back(model::PlaySequence{c->second.caller_leg, {"callback_confirm"}, c->second.language});
  return out;
}

std::vector<Output> Router::restore_callback(const CallbackEntry& cb) {
  std::vector<Output> out;
  const acd::ContactId contact = next_id<CallId>();
  acd::ContactSpec spec;
  spec.id = contact;
  spec.tenant = cb.tenant;
  spec.queue = cb.queue;
  spec.kind = acd::ContactKind::Callback;
  spec.arrived_mono = clock_.monotonic_ms() - std::max<int64_t>(0, clock_.now_ms() - cb.requested_ms);
  spec.callback_attempts = cb.attempts;
  auto r = acd_.enqueue(spec);
  if (!r) {
    out.emplace_back(LogEvent{clock_.now_ms(), cb.tenant, "contact.callback_lost", cb.id, "",
                              nlohmann::json{{"error", r.error().message}}.dump()});
    return out;
  }
  callbacks_[contact] = cb;
  apply(r.value(), out);
  return out;
}

// The call that carries out a callback contact (created on its first offer).
Call* Router::callback_call(acd::ContactId contact) {
  if (Call* c = call_by_contact(contact); c && c->is_callback && c->phase != CallPhase::Ended) return c;
  auto cb = callbacks_.find(contact);
  if (cb == callbacks_.end()) return nullptr;
  Call c;
  c.id = next_id<CallId>();
  c.pid = call_label(c.id);
  c.contact = contact;
  c.in_acd = true;
  c.is_callback = true;
  c.origin_pid = cb->second.id;
  c.tenant = cb->second.tenant;
  c.queue = cb->second.queue;
  c.caller = cb->second.number;
  c.number = cb->second.number;
  const model::Tenant* t = dir_->tenant(c.tenant);
  c.language = t ? t->language : "fr";
  c.start_ms = clock_.now_ms();
  c.queued_mono = clock_.monotonic_ms();
  c.phase = CallPhase::Queued;
  const CallId id = c.id;
  by_pid_[c.pid] = id;
  by_contact_[contact] = id;
  return &calls_.emplace(id, std::move(c)).first->second;
}

void Router::dial_customer(Call& c, std::vector<Output>& out) {
  const model::Queue* q = dir_->queue(c.tenant, c.queue);
  const model::Trunk* t = dir_->outgoing_trunk(c.tenant, q ? q->callback_trunk : "");
  if (!t) {
    callback_failed(c, "no_outgoing_trunk", out);
    return;
  }
  c.phase = CallPhase::CallbackWaiting;
  c.deadline_mono = clock_.monotonic_ms() + kDialRingMs;  // then: no answer
  c.caller_leg = next_id<LegId>();
  legs_[c.caller_leg] = c.id;
  out.emplace_back(model::PlayPrompt{c.agent_leg, "callback_connecting", c.language, false});
  std::string from = t->caller_id;
  if (from.empty()) {
    for (const auto& n : dir_->all().numbers)
      if (n.tenant == c.tenant) {
        from = n.did;
        break;
      }
  }
  out.emplace_back(model::Dial{c.id, c.caller_leg, c.tenant, c.caller, t->gateway, from});
  log(out, c.tenant, "call.callback_dialled", &c, login_of(c.agent),
      nlohmann::json{{"number", c.caller}, {"origin", c.origin_pid}}.dump());
}

void Router::callback_failed(Call& c, const std::string& reason, std::vector<Output>& out) {
  for (LegId leg : {c.agent_leg, c.caller_leg}) {
    if (!leg.valid()) continue;
    out.emplace_back(model::HangupLeg{leg, 0, "callback_no_answer"});
    legs_.erase(leg);
  }
  c.agent_leg = c.caller_leg = {};
  auto [next, decisions] = acd_.callback_failed(c.contact);
  apply(decisions, out);
  c.in_acd = false;
  if (auto cb = callbacks_.find(c.contact); cb != callbacks_.end()) {
    cb->second.attempts++;
    cb->second.state = next == acd::CallbackNext::GaveUp ? "gave_up" : "pending";
    out.emplace_back(cb->second);
    if (next == acd::CallbackNext::GaveUp) callbacks_.erase(cb);
  }
  if (by_contact_.count(c.contact) && by_contact_[c.contact] == c.id) by_contact_.erase(c.contact);
  end_call(c, CallOutcome::NoAnswer, "callback: " + reason, out);
}

}  // namespace plateau::core
