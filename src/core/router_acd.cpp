// router_acd.cpp — the ACD's decisions turned into legs and prompts.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "common/next_id.h"
#include "core/announcement.h"
#include "core/paths.h"
#include "core/router.h"

namespace plateau::core {

using model::CallOutcome;

std::string refusal_reason(int code) {
  if (code == 486 || code == 600) return "busy";
  if (code == 603) return "declined";
  if (code == 480 || code == 408 || code == 404) return "unreachable";
  return "failed";
}

acd::ContactSpec Router::contact_spec(const Call& c) const {
  acd::ContactSpec spec;
  spec.id = c.contact;
  spec.tenant = c.tenant;
  spec.queue = c.queue;
  spec.priority = c.priority;
  spec.requirement = c.requirement;
  return spec;
}

void Router::play_music(Call& c, std::vector<Output>& out) {
  const model::Queue* q = dir_->queue(c.tenant, c.queue);
  out.emplace_back(model::PlayPrompt{c.caller_leg, q ? q->music : "moh", c.language, true});
}

void Router::enqueue(Call& c, std::vector<Output>& out) {
  c.phase = CallPhase::Queued;
  if (c.queued_mono < 0) c.queued_mono = clock_.monotonic_ms();
  play_music(c, out);
  log(out, c.tenant, "call.queued", &c, "", nlohmann::json{{"queue", c.queue}, {"priority", c.priority}}.dump());
  auto r = acd_.enqueue(contact_spec(c));
  if (!r) {
    log(out, c.tenant, "call.enqueue_failed", &c, "", nlohmann::json{{"error", r.error().message}}.dump());
    leave(c, "no_agent", CallOutcome::Failed, r.error().code, out);
    return;
  }
  c.in_acd = true;
  by_contact_[c.contact] = c.id;
  apply(r.value(), out);
}

void Router::apply(const acd::Outputs& decisions, std::vector<Output>& out) {
  for (const auto& d : decisions) {
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, acd::Offer>) on_offer(x, out);
          else if constexpr (std::is_same_v<T, acd::OfferWithdrawn>) on_withdrawn(x, out);
          else if constexpr (std::is_same_v<T, acd::Overflowed>) on_overflow(x, out);
          else if constexpr (std::is_same_v<T, acd::Announce>) on_announce(x, out);
          else if constexpr (std::is_same_v<T, acd::AgentChanged>) {
            if (x.to == AgentState::LoggedOut) chosen_phone_.erase(x.agent);  // the next login chooses again
            Call* c = x.contact.valid() ? call_by_contact(x.contact) : nullptr;
            std::string pid = c ? c->pid : "";
            if (!c && x.contact.valid())  // the end of a wrap-up whose call is forgotten
              if (auto w = wrapped_.find(x.agent); w != wrapped_.end() && w->second.first == x.contact) pid = w->second.second;
            out.emplace_back(LogEvent{clock_.now_ms(), x.tenant, "agent.state", pid, x.login,
                                      nlohmann::json{{"from", acd::to_string(x.from)},
                                                     {"to", acd::to_string(x.to)},
                                                     {"from_reason", x.from_reason},
                                                     {"reason", x.reason},
                                                     {"actor", x.actor},
                                                     {"pending", x.pending},
                                                     {"in_previous_ms", x.in_previous_ms}}
                                          .dump()});
          } else if constexpr (std::is_same_v<T, acd::ContactLog>) {
            Call* c = call_by_contact(x.contact);
            auto j = nlohmann::json::parse(x.detail, nullptr, false);
            if (j.is_discarded() || !j.is_object()) j = nlohmann::json::object();
            j["queue"] = x.queue;
            out.emplace_back(LogEvent{clock_.now_ms(), x.tenant, "contact." + x.kind, c ? c->pid : "", "", j.dump()});
            const std::string why = j.value("reason", "");
            if (x.kind == "left" && (why == "target_no_answer" || why == "target_refused")) target_gone(x.contact, why, out);
          }
        },
        d);
  }
}

void Router::on_offer(const acd::Offer& o, std::vector<Output>& out) {
  Call* c = o.kind == acd::ContactKind::Callback ? callback_call(o.contact) : call_by_contact(o.contact);
  if (!c) {
    // No call behind the contact any more: give the offer back at once.
    apply(acd_.remove(o.contact, "no_call"), out);
    return;
  }
  if (is_consult_contact(*c, o.contact)) {
    consult_offer(*c, o, out);
    return;
  }
  const std::string phone = phone_of(o.agent);
  const LegId leg = next_id<LegId>();
  c->ringing.push_back({leg, o.agent, clock_.monotonic_ms()});
  legs_[leg] = c->id;
  const model::Queue* q = dir_->queue(c->tenant, c->queue);
  const std::string shown = q ? q->display_name : c->queue;
  out.emplace_back(model::RingPhone{c->id, leg, phone, c->caller, c->is_callback ? "Rappel " + shown : shown});
  nlohmann::json d = contact_data(*c);
  d["kind"] = acd::to_string(o.kind);
  log(out, c->tenant, "call.offered", c, login_of(o.agent), d.dump());
}

void Router::on_withdrawn(const acd::OfferWithdrawn& w, std::vector<Output>& out) {
  Call* c = call_by_contact(w.contact);
  if (!c) return;
  if (is_consult_contact(*c, w.contact)) {
    consult_withdrawn(*c, w, out);
    return;
  }
  if (w.contact != c->contact) return;
  for (auto it = c->ringing.begin(); it != c->ringing.end(); ++it) {
    if (it->agent != w.agent) continue;
    out.emplace_back(model::HangupLeg{it->leg, 0, w.reason});
    legs_.erase(it->leg);
    const int64_t rang = clock_.monotonic_ms() - it->since_mono;
    c->ring_total_ms += rang;
    log(out, c->tenant, w.reason == "ring_no_answer" ? "call.ring_no_answer" : "call.offer_withdrawn", c,
        login_of(w.agent), nlohmann::json{{"reason", w.reason}, {"queue", c->queue}, {"ring_ms", rang}}.dump());
    c->ringing.erase(it);
    return;
  }
}

void Router::agent_answered(Call& c, LegId leg, std::vector<Output>& out) {
  acd::AgentId agent = 0;
  int64_t rang = 0;
  for (auto it = c.ringing.begin(); it != c.ringing.end(); ++it) {
    if (it->leg != leg) continue;
    agent = it->agent;
    rang = clock_.monotonic_ms() - it->since_mono;
    c.ring_total_ms += rang;
    c.ringing.erase(it);
    break;
  }
  c.agent_leg = leg;
  c.agent = agent;
  c.has_agent = true;
  last_call_[agent] = c.pid;
  apply(acd_.answered(c.contact, agent), out);  // under ring_all: the other legs are cancelled
  // The wait runs from the (last) queue entry to this answer, ring time included.
  const int64_t waited = c.queued_mono >= 0 ? clock_.monotonic_ms() - c.queued_mono : 0;
  log(out, c.tenant, "call.answered", &c, login_of(agent),
      nlohmann::json{{"queue", c.queue}, {"wait_ms", waited}, {"ring_ms", rang}, {"first", !c.answer_ms}}.dump());
  if (c.is_callback) {
    dial_customer(c, out);
    return;
  }
  if (!c.answer_ms) {  // a transferred call keeps its first answer
    c.answer_ms = clock_.now_ms();
    c.answer_mono = clock_.monotonic_ms();
  }
  bridge(c, c.caller_leg, c.agent_leg, out);
}

void Router::agent_refused(Call& c, LegId leg, int code, const std::string& reason, std::vector<Output>& out) {
  for (auto it = c.ringing.begin(); it != c.ringing.end(); ++it) {
    if (it->leg != leg) continue;
    const acd::AgentId agent = it->agent;
    c.ring_total_ms += clock_.monotonic_ms() - it->since_mono;
    c.ringing.erase(it);
    log(out, c.tenant, "call.offer_failed", &c, login_of(agent),
        nlohmann::json{{"code", code}, {"reason", reason}}.dump());
    apply(acd_.refused(c.contact, agent, refusal_reason(code)), out);
    return;
  }
}

void Router::bridge(Call& c, LegId a, LegId b, std::vector<Output>& out) {
  c.phase = CallPhase::Bridged;
  c.deadline_mono = -1;
  c.recording = dated_path(recording_dir_, c.pid, c.start_ms);
  c.recording_pending = true;
  if (c.recording_mono < 0) c.recording_mono = clock_.monotonic_ms();
  out.emplace_back(model::Bridge{c.id, a, b, c.recording});
}

// A goodbye prompt, then hang-up (on PromptDone, or after 30 s at most).
// The caller goes to an external number through the tenant's trunk (`trunk`,
// or its outgoing one); what plays to the caller goes on while it rings.
void Router::dial_external(Call& c, const std::string& number, const std::string& trunk, std::vector<Output>& out) {
  const model::Trunk* t = dir_->outgoing_trunk(c.tenant, trunk);
  if (!t) {
    leave(c, "no_agent", CallOutcome::NoAgent, "no_outgoing_trunk", out);
    return;
  }
  c.phase = CallPhase::Transferring;
  c.deadline_mono = clock_.monotonic_ms() + kDialRingMs;  // then: goodbye
  c.external_leg = next_id<LegId>();
  legs_[c.external_leg] = c.id;
  out.emplace_back(model::Dial{c.id, c.external_leg, c.tenant, number, t->gateway,
                               t->caller_id.empty() ? c.caller : t->caller_id});
}

void Router::leave(Call& c, const std::string& prompt, CallOutcome outcome, const std::string& reason,
                   std::vector<Output>& out) {
  if (c.left_queue_mono < 0 && c.queued_mono >= 0) c.left_queue_mono = clock_.monotonic_ms();
  c.record.outcome = outcome;
  c.record.reason = reason;
  if (!c.caller_leg.valid()) {
    end_call(c, outcome, reason, out);
    return;
  }
  c.phase = CallPhase::Leaving;
  c.deadline_mono = clock_.monotonic_ms() + 30'000;
  out.emplace_back(model::PlayPrompt{c.caller_leg, prompt, c.language, false});
}

void Router::on_overflow(const acd::Overflowed& o, std::vector<Output>& out) {
  Call* c = call_by_contact(o.contact);
  if (!c) return;
  if (o.contact != c->contact) {
    // A consultation waiting in a queue: it ends where the caller would have overflowed.
    if (is_consult_contact(*c, o.contact) && o.action.kind != model::OverflowKind::Queue) drop_consult(*c, "no_agent", out);
    return;
  }
  log(out, c->tenant, "call.overflow", c, "",
      nlohmann::json{{"why", o.why}, {"action", model::to_string(o.action)}, {"from", o.from_queue},
                     {"to", o.to_queue}}
          .dump());
  switch (o.action.kind) {
    case model::OverflowKind::Queue:
      c->queue = o.to_queue;
      if (c->phase == CallPhase::Queued) play_music(*c, out);
      return;
    case model::OverflowKind::Callback:
      // The caller is offered a callback; without "1" the call ends as no agent.
      c->phase = CallPhase::CallbackOffer;
      out.emplace_back(model::PlaySequence{c->caller_leg, {"callback_offer"}, c->language});
      return;
    case model::OverflowKind::External:
      c->in_acd = false;
      if (c->left_queue_mono < 0) c->left_queue_mono = clock_.monotonic_ms();
      out.emplace_back(model::PlayPrompt{c->caller_leg, "transfer", c->language, false});
      dial_external(*c, o.action.target, "", out);
      return;
    case model::OverflowKind::None:
    case model::OverflowKind::Hangup:
      c->in_acd = false;
      leave(*c, o.why == "full" ? "queue_full" : "no_agent", CallOutcome::NoAgent, o.why == "timeout" ? "max_wait" : o.why,
            out);
      return;
  }
}

void Router::on_announce(const acd::Announce& a, std::vector<Output>& out) {
  Call* c = call_by_contact(a.contact);
  if (!c || a.contact != c->contact || c->phase != CallPhase::Queued || !c->ringing.empty()) return;
  c->phase = CallPhase::Announcing;
  out.emplace_back(
      model::PlaySequence{c->caller_leg, announcement(a.position, a.ewt_ms, c->language, a.offer_callback), c->language});
}

}  // namespace plateau::core
