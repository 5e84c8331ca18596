// router.cpp — telephony events into the call flow.
#include "core/router.h"

#include <nlohmann/json.hpp>

#include "common/next_id.h"

namespace plateau::core {

using model::CallOutcome;

Router::Router(const Clock& clock, DirectoryPtr directory, std::string recording_dir)
    : clock_(clock), dir_(std::move(directory)), recording_dir_(std::move(recording_dir)), acd_(clock) {
  // The directory was validated by provisioning; an ACD error here would be a
  // bug in that validation and leaves the ACD empty rather than half-built.
  (void)acd_.configure(dir_->all());
}

Result<std::vector<Output>> Router::set_directory(DirectoryPtr directory) {
  auto r = acd_.configure(directory->all());
  if (!r) return r.error();
  dir_ = std::move(directory);
  std::vector<Output> out;
  apply(r.value(), out);
  return out;
}

void Router::log(std::vector<Output>& out, const std::string& tenant, const std::string& kind, const Call* c,
                 const std::string& agent, const std::string& data_json) {
  out.emplace_back(LogEvent{clock_.now_ms(), tenant, kind, c ? c->pid : std::string(), agent, data_json});
}

Call* Router::call_by_leg(LegId leg) {
  auto it = legs_.find(leg);
  if (it == legs_.end()) return nullptr;
  auto c = calls_.find(it->second);
  return c == calls_.end() ? nullptr : &c->second;
}

Call* Router::call_by_contact(acd::ContactId contact) {
  auto it = by_contact_.find(contact);
  if (it == by_contact_.end()) return nullptr;
  auto c = calls_.find(it->second);
  return c == calls_.end() ? nullptr : &c->second;
}

std::string Router::login_of(acd::AgentId a) const {
  auto v = acd_.agent(a);
  return v ? v->login : std::string();
}

std::string Router::phone_of(acd::AgentId a) const {
  if (auto chosen = chosen_phone_.find(a); chosen != chosen_phone_.end()) return chosen->second;
  auto v = acd_.agent(a);
  if (!v) return {};
  const model::Agent* pa = dir_->agent(v->tenant, v->login);
  return pa ? pa->phone : std::string();
}

std::vector<Output> Router::on_event(const model::TelephonyEvent& ev) {
  std::vector<Output> out;
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, model::InboundCall>) on_inbound(e, out);
        else if constexpr (std::is_same_v<T, model::CallRejected>) on_rejected(e, out);
        else if constexpr (std::is_same_v<T, model::PromptDone>) on_prompt_done(e.leg, out);
        else if constexpr (std::is_same_v<T, model::LegAnswered>) on_leg_answered(e.leg, out);
        else if constexpr (std::is_same_v<T, model::LegEnded>) on_leg_ended(e, out);
        else if constexpr (std::is_same_v<T, model::PhoneRegistration>) on_registration(e, out);
        else if constexpr (std::is_same_v<T, model::RecordingClosed>) on_recording_closed(e, out);
        else if constexpr (std::is_same_v<T, model::Digit>) on_digit(e, out);
        else if constexpr (std::is_same_v<T, model::LegRecorded>) on_leg_recorded(e, out);
        else if constexpr (std::is_same_v<T, model::LegRinging>) {
          if (Call* c = call_by_leg(e.leg)) {
            std::string agent;
            for (const auto& r : c->ringing)
              if (r.leg == e.leg) agent = login_of(r.agent);
            log(out, c->tenant, "call.ringing", c, agent, nlohmann::json{{"queue", c->queue}}.dump());
          }
        }
      },
      ev);
  return out;
}

void Router::on_inbound(const model::InboundCall& ev, std::vector<Output>& out) {
  const model::Number* num = dir_->number(ev.number);
  Call c;
  c.id = ev.call;
  c.contact = ev.call;
  c.pid = call_label(ev.call);
  c.caller_leg = ev.leg;
  c.sip_call_id = ev.sip_call_id;
  c.tenant = ev.tenant;
  c.number = ev.number;
  c.caller = ev.caller;
  c.start_ms = ev.start_ms;
  const model::Tenant* t = dir_->tenant(ev.tenant);
  c.language = t ? t->language : "fr";
  auto [it, inserted] = calls_.emplace(ev.call, std::move(c));
  if (!inserted) return;
  Call& call = it->second;
  legs_[ev.leg] = ev.call;
  by_pid_[call.pid] = call.id;
  const bool runs_ivr = num && num->flow != "queue";
  ivr::FlowPtr flow = runs_ivr ? flows_->find(ev.tenant, num->flow) : nullptr;
  const bool has_queue = num && dir_->queue(ev.tenant, num->queue);
  if (!num || num->tenant != ev.tenant || (!has_queue && !runs_ivr)) {
    // Provisioning changed between the door and here.
    out.emplace_back(model::HangupLeg{ev.leg, 404, "number not provisioned"});
    legs_.erase(ev.leg);
    end_call(call, CallOutcome::Rejected, "404 number not provisioned", out);
    return;
  }
  call.queue = num->queue;
  call.priority = num->priority;
  call.requirement = num->requirement;
  log(out, call.tenant, "call.arrived", &call, "",
      nlohmann::json{{"number", call.number}, {"caller", call.caller}}.dump());
  if (runs_ivr && flow) {
    call.ivr = std::make_unique<ivr::Session>(flow, ivr_env(call.tenant), call.caller, call.language);
  } else if (runs_ivr && !has_queue) {
    log(out, call.tenant, "call.flow_missing", &call, "", nlohmann::json{{"flow", num->flow}}.dump());
    leave(call, "technical_problem", CallOutcome::Failed, "flow_not_published " + num->flow, out);
    return;
  } else if (runs_ivr) {
    log(out, call.tenant, "call.flow_missing", &call, "", nlohmann::json{{"flow", num->flow}, {"queue", num->queue}}.dump());
  }
  if (!num->greeting.empty()) {
    call.phase = CallPhase::Greeting;
    out.emplace_back(model::PlayPrompt{ev.leg, num->greeting, call.language, false});
  } else if (call.ivr) {
    start_ivr(call, out);
  } else {
    enqueue(call, out);
  }
}

void Router::on_rejected(const model::CallRejected& ev, std::vector<Output>& out) {
  model::CallRecord r;
  r.id = call_label(ev.call);
  r.sip_call_id = ev.sip_call_id;
  r.tenant = ev.tenant;
  r.caller = ev.caller;
  r.number = ev.number;
  r.start_ms = ev.start_ms;
  r.end_ms = ev.start_ms;
  r.outcome = CallOutcome::Rejected;
  r.reason = std::to_string(ev.code) + " " + ev.reason;
  out.emplace_back(std::move(r));
}

void Router::on_prompt_done(LegId leg, std::vector<Output>& out) {
  Call* c = call_by_leg(leg);
  if (!c || leg != c->caller_leg) return;
  switch (c->phase) {
    case CallPhase::Greeting:
      if (c->ivr) start_ivr(*c, out);
      else enqueue(*c, out);
      break;
    case CallPhase::Ivr:
      run_ivr(*c, c->ivr->on_prompt_done(), out);
      break;
    case CallPhase::Announcing:
      c->phase = CallPhase::Queued;
      play_music(*c, out);
      break;
    case CallPhase::CallbackOffer:
      c->deadline_mono = clock_.monotonic_ms() + 8'000;  // time to press 1
      break;
    case CallPhase::CallbackConfirm:
      out.emplace_back(model::HangupLeg{c->caller_leg, 0, "callback_requested"});
      legs_.erase(c->caller_leg);
      end_call(*c, CallOutcome::CallbackRequested, "callback", out);
      break;
    case CallPhase::Leaving:
      out.emplace_back(model::HangupLeg{c->caller_leg, c->answer_ms ? 0 : 480, "no agent"});
      legs_.erase(c->caller_leg);
      end_call(*c, c->record.outcome, c->record.reason, out);
      break;
    default:
      break;
  }
}

void Router::on_digit(const model::Digit& ev, std::vector<Output>& out) {
  Call* c = call_by_leg(ev.leg);
  if (c && ev.leg == c->caller_leg && c->phase == CallPhase::Ivr) {
    run_ivr(*c, c->ivr->on_digit(ev.digit), out);
    return;
  }
  if (!c || ev.leg != c->caller_leg || c->is_callback || ev.digit != '1') return;
  const model::Queue* q = dir_->queue(c->tenant, c->queue);
  const bool offered = c->phase == CallPhase::CallbackOffer;
  const bool waiting = c->phase == CallPhase::Queued || c->phase == CallPhase::Announcing;
  if (offered || (waiting && q && q->callback && c->ringing.empty())) ask_callback(*c, out);
}

void Router::on_leg_answered(LegId leg, std::vector<Output>& out) {
  Call* c = call_by_leg(leg);
  if (!c) return;
  for (const auto& r : c->ringing) {
    if (r.leg == leg) {
      agent_answered(*c, leg, out);
      return;
    }
  }
  if (consult_leg_answered(*c, leg, out)) return;
  if (c->is_callback && leg == c->caller_leg && c->phase == CallPhase::CallbackWaiting) {
    c->answer_ms = clock_.now_ms();
    c->answer_mono = clock_.monotonic_ms();
    bridge(*c, c->caller_leg, c->agent_leg, out);
    log(out, c->tenant, "call.callback_answered", c, login_of(c->agent), "{}");
  } else if (leg == c->external_leg && c->phase == CallPhase::Transferring) {
    c->answer_ms = clock_.now_ms();
    c->answer_mono = clock_.monotonic_ms();
    bridge(*c, c->caller_leg, c->external_leg, out);
    log(out, c->tenant, "call.transfer_answered", c, "", "{}");
  }
}

void Router::on_leg_ended(const model::LegEnded& ev, std::vector<Output>& out) {
  Call* c = call_by_leg(ev.leg);
  if (!c) return;
  legs_.erase(ev.leg);
  for (const auto& r : c->ringing) {
    if (r.leg == ev.leg) {
      agent_refused(*c, ev.leg, ev.code, ev.reason, out);
      return;
    }
  }
  if (ev.leg == c->caller_leg) {
    c->caller_leg = {};
    on_caller_ended(*c, ev, out);
    return;
  }
  if (consult_leg_ended(*c, ev, out)) return;
  const bool agent_side = ev.leg == c->agent_leg;
  if (agent_side) c->agent_leg = {};
  if (agent_side && c->phase == CallPhase::Bridged && agent_leg_ended_in_control(*c, out)) return;
  else if (ev.leg == c->external_leg) c->external_leg = {};
  if (c->phase == CallPhase::Transferring) {
    // The external number did not answer: the caller hears goodbye.
    log(out, c->tenant, "call.transfer_failed", c, "", nlohmann::json{{"code", ev.code}, {"reason", ev.reason}}.dump());
    leave(*c, "no_agent", CallOutcome::NoAgent, "external_failed " + std::to_string(ev.code), out);
    return;
  }
  if (c->phase == CallPhase::CallbackWaiting && agent_side) {
    callback_failed(*c, "agent_hangup", out);
    return;
  }
  if (c->phase != CallPhase::Bridged) return;
  // One side of a conversation hung up: the other side goes too.
  if (c->caller_leg.valid()) {
    out.emplace_back(model::HangupLeg{c->caller_leg, 0, agent_side ? "agent_hangup" : "external_hangup"});
    legs_.erase(c->caller_leg);
    c->caller_leg = {};
  }
  if (c->has_agent) apply(acd_.ended(c->contact), out);
  c->in_acd = false;
  end_call(*c, c->has_agent ? CallOutcome::Answered : CallOutcome::Transferred,
           agent_side ? "agent_hangup" : "external_hangup", out);
}

void Router::on_caller_ended(Call& c, const model::LegEnded& ev, std::vector<Output>& out) {
  const std::string why = ev.code ? std::to_string(ev.code) + " " + ev.reason : std::string("caller_hangup");
  switch (c.phase) {
    case CallPhase::Ivr:
      c.ivr->on_hangup();
      if (c.ivr->path().end == ivr::PathEnd::Voicemail) end_call(c, CallOutcome::Voicemail, "caller_hangup", out);
      else end_call(c, CallOutcome::Abandoned, "caller_hangup_in_ivr", out);
      break;
    case CallPhase::Greeting:
    case CallPhase::Queued:
    case CallPhase::Announcing:
    case CallPhase::CallbackOffer:
      if (c.in_acd) apply(acd_.remove(c.contact, c.transferred ? "caller_left" : "abandoned"), out);
      c.in_acd = false;
      end_call(c, CallOutcome::Abandoned, c.ringing.empty() ? why : "caller_hangup_while_ringing", out);
      break;
    case CallPhase::CallbackConfirm:
      end_call(c, CallOutcome::CallbackRequested, "callback", out);
      break;
    case CallPhase::CallbackWaiting:
      // The dialled customer did not answer (busy, no answer, unreachable).
      callback_failed(c, why, out);
      break;
    case CallPhase::Transferring:
      if (c.external_leg.valid()) {
        out.emplace_back(model::HangupLeg{c.external_leg, 0, "caller_hangup"});
        legs_.erase(c.external_leg);
        c.external_leg = {};
      }
      end_call(c, CallOutcome::Abandoned, why, out);
      break;
    case CallPhase::Leaving:
      end_call(c, c.record.outcome, c.record.reason, out);
      break;
    case CallPhase::Bridged: {
      if (c.conference && c.agent_leg.valid() && c.consult.leg.valid()) {
        // The caller left the conference: the agent and the target stay.
        c.conference = false;
        out.emplace_back(model::Bridge{c.id, c.agent_leg, c.consult.leg, ""});
        log(out, c.tenant, "call.conference_left", &c, "", nlohmann::json{{"party", "caller"}}.dump());
        break;
      }
      drop_consult(c, "caller_hangup", out);
      for (LegId other : {c.agent_leg, c.external_leg}) {
        if (!other.valid()) continue;
        out.emplace_back(model::HangupLeg{other, 0, "caller_hangup"});
        legs_.erase(other);
      }
      c.agent_leg = c.external_leg = {};
      if (c.has_agent) apply(acd_.ended(c.contact), out);
      c.in_acd = false;
      end_call(c, c.has_agent ? CallOutcome::Answered : CallOutcome::Transferred, "caller_hangup", out);
      break;
    }
    case CallPhase::Ended:
      break;
  }
}

void Router::on_registration(const model::PhoneRegistration& ev, std::vector<Output>& out) {
  if (ev.registered) registered_.insert(ev.username);
  else registered_.erase(ev.username);
  for (const model::Agent* pa : dir_->agents_of_phone(ev.username)) {
    auto id = acd_.agent_id(pa->tenant, pa->login);
    if (id && chosen_phone_.count(*id)) continue;  // it works on another phone now
    auto r = ev.registered ? acd_.login(pa->tenant, pa->login, pa->ready_on_register, "phone")
                           : acd_.logout(pa->tenant, pa->login, "phone_unregistered", "phone");
    if (r) apply(r.value(), out);
  }
  if (!ev.registered) {
    // Agents who chose this phone at login are logged out with it.
    std::vector<acd::AgentId> gone;
    for (const auto& [a, phone] : chosen_phone_)
      if (phone == ev.username) gone.push_back(a);
    for (acd::AgentId a : gone) {
      chosen_phone_.erase(a);
      auto v = acd_.agent(a);
      if (!v) continue;
      if (auto r = acd_.logout(v->tenant, v->login, "phone_unregistered", "phone")) apply(r.value(), out);
    }
  }
}

Result<std::vector<Output>> Router::agent_command(Result<acd::Outputs> r) {
  if (!r) return r.error();
  std::vector<Output> out;
  apply(r.value(), out);
  return out;
}

Result<std::vector<Output>> Router::set_ready(const std::string& tenant, const std::string& login) {
  return agent_command(acd_.set_ready(tenant, login, "agent"));
}

Result<std::vector<Output>> Router::set_not_ready(const std::string& tenant, const std::string& login,
                                                 const std::string& reason) {
  return agent_command(acd_.set_not_ready(tenant, login, reason, "agent"));
}

Result<std::vector<Output>> Router::end_wrapup(const std::string& tenant, const std::string& login,
                                              const std::string& disposition, const std::string& note) {
  auto id = acd_.agent_id(tenant, login);
  auto before = id ? acd_.agent(*id) : std::nullopt;
  auto r = agent_command(acd_.end_wrapup(tenant, login, disposition, "agent"));
  if (!r || !before || before->state != AgentState::WrapUp) return r;
  auto last = last_call_.find(*id);
  r.value().emplace_back(LogEvent{clock_.now_ms(), tenant, "call.wrapup_ended",
                                  last != last_call_.end() ? last->second : std::string(), login,
                                  nlohmann::json{{"disposition", disposition},
                                                 {"note", note},
                                                 {"wrap_ms", clock_.monotonic_ms() - before->since_mono}}
                                      .dump()});
  return r;
}

Result<std::vector<Output>> Router::logout(const std::string& tenant, const std::string& login) {
  return agent_command(acd_.logout(tenant, login, "logout", "agent"));
}

Result<std::vector<Output>> Router::login(const std::string& tenant, const std::string& login,
                                          const std::string& phone) {
  // An agent is logged in only while its phone is registered: no agent stuck
  // "ready" without a phone to ring.
  const model::Agent* a = dir_->agent(tenant, login);
  auto id = acd_.agent_id(tenant, login);
  if (!a || !id) return make_error("acd.agent_unknown", "no agent " + login + " in tenant " + tenant);
  if (!phone.empty()) {
    const model::Phone* p = dir_->phone(phone);
    if (!p || p->tenant != tenant) return make_error("acd.phone_unknown", "no phone " + phone + " in tenant " + tenant);
  }
  const std::string& use = phone.empty() ? a->phone : phone;
  if (!registered_.count(use))
    return make_error("acd.phone_unregistered", "the phone " + use + " of agent " + login + " is not registered");
  auto v = acd_.agent(*id);
  if (v && v->state != AgentState::LoggedOut && v->state != AgentState::Ready && v->state != AgentState::NotReady &&
      phone_of(*id) != use)
    return make_error("acd.busy", "agent " + login + " cannot change phone during a call");
  // Chosen first: a waiting call may be offered at once.
  std::optional<std::string> before;
  if (auto it = chosen_phone_.find(*id); it != chosen_phone_.end()) before = it->second;
  if (phone.empty() || phone == a->phone) chosen_phone_.erase(*id);
  else chosen_phone_[*id] = phone;
  auto r = agent_command(acd_.login(tenant, login, true, "agent"));
  if (!r) {
    if (before) chosen_phone_[*id] = *before;
    else chosen_phone_.erase(*id);
  }
  return r;
}

void Router::on_recording_closed(const model::RecordingClosed& ev, std::vector<Output>& out) {
  auto it = calls_.find(ev.call);
  if (it == calls_.end()) return;
  Call& c = it->second;
  c.recording_pending = false;
  if (!ev.ok) c.recording.clear();
  c.record.recording = c.recording;
  maybe_emit_record(c, out);
}

std::vector<Output> Router::on_time() {
  std::vector<Output> out;
  apply(acd_.on_time(), out);
  const int64_t now = clock_.monotonic_ms();
  std::vector<CallId> due;
  std::vector<CallId> ivr_due;
  for (auto& [id, c] : calls_) {
    if (c.deadline_mono >= 0 && c.deadline_mono <= now) due.push_back(id);
    else if (c.consult.deadline_mono >= 0 && c.consult.deadline_mono <= now) due.push_back(id);
    if (c.phase == CallPhase::Ivr)
      if (auto d = c.ivr->deadline(); d && *d <= now) ivr_due.push_back(id);
  }
  for (CallId id : ivr_due)
    if (auto it = calls_.find(id); it != calls_.end() && it->second.phase == CallPhase::Ivr) ivr_time(it->second, out);
  for (CallId id : due) {
    auto it = calls_.find(id);
    if (it == calls_.end()) continue;
    Call& c = it->second;
    c.deadline_mono = -1;
    if (c.phase == CallPhase::CallbackOffer) {
      // No digit: the caller could not be served.
      if (c.in_acd) apply(acd_.remove(c.contact, "no_agent"), out);
      c.in_acd = false;
      leave(c, "no_agent", CallOutcome::NoAgent, "max_wait", out);
    } else if (c.phase == CallPhase::CallbackWaiting) {
      callback_failed(c, "no_answer", out);
    } else if (c.phase == CallPhase::Transferring) {
      if (c.external_leg.valid()) {
        out.emplace_back(model::HangupLeg{c.external_leg, 0, "no_answer"});
        legs_.erase(c.external_leg);
        c.external_leg = {};
      }
      leave(c, "no_agent", CallOutcome::NoAgent, "external_no_answer", out);
    } else if (c.consult.deadline_mono >= 0 && c.consult.deadline_mono <= now) {
      consult_time(c, out);
    } else if (c.phase == CallPhase::Leaving && c.caller_leg.valid()) {
      out.emplace_back(model::HangupLeg{c.caller_leg, 480, "no agent"});
      legs_.erase(c.caller_leg);
      c.caller_leg = {};
      end_call(c, c.record.outcome, c.record.reason, out);
    }
  }
  return out;
}

std::optional<int64_t> Router::next_deadline() const {
  std::optional<int64_t> best = acd_.next_deadline();
  for (const auto& [id, c] : calls_) {
    if (c.deadline_mono >= 0 && (!best || c.deadline_mono < *best)) best = c.deadline_mono;
    if (c.consult.deadline_mono >= 0 && (!best || c.consult.deadline_mono < *best)) best = c.consult.deadline_mono;
    if (c.phase == CallPhase::Ivr)
      if (auto d = c.ivr->deadline(); d && (!best || *d < *best)) best = d;
  }
  return best;
}

std::vector<AgentView> Router::agents() const {
  std::vector<AgentView> v;
  const int64_t now_ms = clock_.now_ms(), now_mono = clock_.monotonic_ms();
  for (const auto& a : acd_.agents()) {
    AgentView av;
    av.tenant = a.tenant;
    av.login = a.login;
    if (const model::Agent* pa = dir_->agent(a.tenant, a.login)) {
      av.name = pa->name;
      av.phone = pa->phone;
    }
    if (auto chosen = chosen_phone_.find(a.id); chosen != chosen_phone_.end()) av.phone = chosen->second;
    av.state = a.state;
    av.reason = a.reason;
    av.pending = a.pending;
    av.state_since_ms = now_ms - (now_mono - a.since_mono);
    if (a.contact.valid()) {
      auto it = by_contact_.find(a.contact);
      if (it != by_contact_.end()) {
        auto c = calls_.find(it->second);
        if (c != calls_.end()) av.call_id = c->second.pid;
      }
      auto w = wrapped_.find(a.id);
      if (av.call_id.empty() && w != wrapped_.end() && w->second.first == a.contact) av.call_id = w->second.second;
    }
    av.handled = a.contacts_today;
    av.talk_today_ms = a.talk_today_ms;
    v.push_back(std::move(av));
  }
  return v;
}

std::vector<QueueView> Router::queues() const {
  std::vector<QueueView> v;
  for (const auto& q : acd_.queues()) {
    QueueView qv;
    qv.tenant = q.tenant;
    qv.name = q.name;
    if (const model::Queue* pq = dir_->queue(q.tenant, q.name)) {
      qv.display_name = pq->display_name;
      qv.sl_threshold_s = pq->sl_threshold_s;
      qv.sl_target_pct = pq->sl_target_pct;
    }
    qv.waiting = q.waiting;
    qv.ringing = q.ringing;
    qv.callbacks = q.callbacks;
    qv.oldest_wait_ms = q.oldest_wait_ms;
    qv.agents = q.agents;
    qv.ewt_ms = q.ewt_ms;
    qv.offered = q.entered;
    qv.answered = q.answered;
    qv.abandoned = q.abandoned;
    qv.overflowed = q.overflowed;
    qv.answered_in_sl = q.answered_in_sl;
    v.push_back(qv);
  }
  return v;
}

}  // namespace plateau::core
