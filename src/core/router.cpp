#include "core/router.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "common/next_id.h"

namespace plateau::core {

namespace {

using model::CallOutcome;

std::string printable_call_id(CallId id, int64_t /*start_ms*/) { return call_label(id); }

// <dir>/YYYY/MM/DD/<call id>.wav (UTC date of the call's start).
std::string recording_path(const std::string& dir, const std::string& pid, int64_t start_ms) {
  time_t secs = static_cast<time_t>(start_ms / 1000);
  struct tm tm {};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "/%04d/%02d/%02d/%s.wav", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                pid.c_str());
  return dir + buf;
}

}  // namespace

std::string Router::akey(const std::string& tenant, const std::string& login) { return tenant + '\x1f' + login; }
std::string Router::qkey(const std::string& tenant, const std::string& queue) { return tenant + '\x1f' + queue; }

Router::Router(const Clock& clock, DirectoryPtr directory, std::string recording_dir)
    : clock_(clock), dir_(std::move(directory)), recording_dir_(std::move(recording_dir)) {
  sync_agents_from_directory();
}

void Router::set_directory(DirectoryPtr directory) {
  dir_ = std::move(directory);
  sync_agents_from_directory();
}

// Agents added by provisioning appear logged out; removed ones are dropped
// once they hold no call. Existing agents keep their state.
void Router::sync_agents_from_directory() {
  std::map<std::string, Agent> next;
  for (const auto& pa : dir_->all().agents) {
    auto k = akey(pa.tenant, pa.login);
    Agent a;
    if (auto it = agents_.find(k); it != agents_.end()) a = std::move(it->second);
    else {
      a.since_mono = clock_.monotonic_ms();
      a.since_ms = clock_.now_ms();
    }
    a.tenant = pa.tenant;
    a.login = pa.login;
    a.name = pa.name;
    a.phone = pa.phone;
    a.queues.clear();
    for (const auto& q : pa.queues) a.queues.push_back(q.queue);
    a.ready_on_register = pa.ready_on_register;
    next.emplace(k, std::move(a));
  }
  for (auto& [k, a] : agents_) {
    if (!next.count(k) && a.call.valid()) next.emplace(k, std::move(a));
  }
  agents_ = std::move(next);
}

void Router::log(std::vector<Output>& out, const std::string& tenant, const std::string& kind, const Call* c,
                 const std::string& agent, const std::string& data_json) {
  out.emplace_back(LogEvent{clock_.now_ms(), tenant, kind, c ? c->pid : std::string(), agent, data_json});
}

void Router::set_state(Agent& a, AgentState s, const std::string& reason, const std::string& actor,
                       std::vector<Output>& out) {
  if (a.state == s && a.reason == reason) return;
  nlohmann::json j{{"from", to_string(a.state)},
                   {"to", to_string(s)},
                   {"reason", reason},
                   {"actor", actor},
                   {"in_previous_ms", clock_.monotonic_ms() - a.since_mono}};
  a.state = s;
  a.reason = reason;
  a.since_mono = clock_.monotonic_ms();
  a.since_ms = clock_.now_ms();
  if (s == AgentState::Ready) a.idle_since_mono = a.since_mono;
  log(out, a.tenant, "agent.state", nullptr, a.login, j.dump());
}

Router::Call* Router::call_by_leg(LegId leg) {
  auto it = legs_.find(leg);
  if (it == legs_.end()) return nullptr;
  auto c = calls_.find(it->second);
  return c == calls_.end() ? nullptr : &c->second;
}

Router::Agent* Router::agent_by_key(const std::string& key) {
  auto it = agents_.find(key);
  return it == agents_.end() ? nullptr : &it->second;
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
        else if constexpr (std::is_same_v<T, model::LegRinging>) {
          if (Call* c = call_by_leg(e.leg)) log(out, c->tenant, "call.ringing", c, "", "{}");
        }
        // Digits are for the IVR; the queue flow ignores them.
      },
      ev);
  return out;
}

void Router::on_inbound(const model::InboundCall& ev, std::vector<Output>& out) {
  const model::Number* num = dir_->number(ev.number);
  Call c;
  c.id = ev.call;
  c.pid = printable_call_id(ev.call, ev.start_ms);
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
  if (!num || num->tenant != ev.tenant || !dir_->queue(ev.tenant, num->queue)) {
    // Provisioning changed between the door and here.
    out.emplace_back(model::HangupLeg{ev.leg, 404, "number not provisioned"});
    end_call(call, CallOutcome::Rejected, "404 number not provisioned", out);
    return;
  }
  call.queue = num->queue;
  log(out, call.tenant, "call.arrived", &call, "",
      nlohmann::json{{"number", call.number}, {"caller", call.caller}}.dump());
  if (!num->greeting.empty()) {
    call.phase = CallPhase::Greeting;
    out.emplace_back(model::PlayPrompt{ev.leg, num->greeting, call.language, false});
  } else {
    enqueue(call, out);
  }
}

void Router::on_rejected(const model::CallRejected& ev, std::vector<Output>& out) {
  model::CallRecord r;
  r.id = printable_call_id(ev.call, ev.start_ms);
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
  if (c->phase == CallPhase::Greeting) enqueue(*c, out);
  else if (c->phase == CallPhase::Leaving) leave_no_agent(*c, out);
}

// The core hangs up the caller itself (telephony reports no LegEnded for a leg
// it was told to hang up), so the call ends here.
void Router::leave_no_agent(Call& c, std::vector<Output>& out) {
  out.emplace_back(model::HangupLeg{c.caller_leg, 480, "no agent"});
  legs_.erase(c.caller_leg);
  end_call(c, CallOutcome::NoAgent, "max_wait", out);
}

void Router::enqueue(Call& c, std::vector<Output>& out) {
  const model::Queue* q = dir_->queue(c.tenant, c.queue);
  c.phase = CallPhase::Queued;
  c.queued_mono = clock_.monotonic_ms();
  c.queue_seq = next_seq_++;
  c.deadline_mono = c.queued_mono + int64_t{q ? q->max_wait_s : 600} * 1000;
  waiting_[qkey(c.tenant, c.queue)].emplace(c.queue_seq, c.id);
  qstats_[qkey(c.tenant, c.queue)].offered++;
  out.emplace_back(model::PlayPrompt{c.caller_leg, q ? q->music : "moh", c.language, true});
  log(out, c.tenant, "call.queued", &c, "", nlohmann::json{{"queue", c.queue}}.dump());
  dispatch(out);
}

// Longest-idle ready agent of each queue gets the queue's oldest call.
void Router::dispatch(std::vector<Output>& out) {
  for (auto& [qk, fifo] : waiting_) {
    while (!fifo.empty()) {
      Call& c = calls_.at(fifo.begin()->second);
      Agent* best = nullptr;
      for (auto& [ak, a] : agents_) {
        if (a.state != AgentState::Ready || a.tenant != c.tenant) continue;
        if (std::find(a.queues.begin(), a.queues.end(), c.queue) == a.queues.end()) continue;
        if (!best || a.idle_since_mono < best->idle_since_mono) best = &a;
      }
      if (!best) break;
      fifo.erase(fifo.begin());
      offer(c, *best, out);
    }
  }
}

void Router::offer(Call& c, Agent& a, std::vector<Output>& out) {
  const model::Queue* q = dir_->queue(c.tenant, c.queue);
  c.phase = CallPhase::Ringing;
  c.agent_leg = next_id<LegId>();
  c.agent_key = akey(a.tenant, a.login);
  c.ring_started_mono = clock_.monotonic_ms();
  c.deadline_mono = c.ring_started_mono + int64_t{q ? q->ring_timeout_s : 15} * 1000;
  legs_[c.agent_leg] = c.id;
  a.call = c.id;
  set_state(a, AgentState::Reserved, "", "system", out);
  out.emplace_back(model::RingPhone{c.id, c.agent_leg, a.phone, c.caller, q ? q->display_name : c.queue});
  log(out, c.tenant, "call.offered", &c, a.login, nlohmann::json{{"queue", c.queue}}.dump());
}

// The offered agent did not take the call: the call goes back to its original
// place in the queue, the agent to `agent_next`.
void Router::requeue_after_offer(Call& c, Agent& a, AgentState agent_next, const std::string& reason,
                                 std::vector<Output>& out) {
  c.ring_total_ms += clock_.monotonic_ms() - c.ring_started_mono;
  legs_.erase(c.agent_leg);
  c.agent_leg = {};
  c.agent_key.clear();
  a.call = {};
  set_state(a, agent_next, reason, "system", out);
  const model::Queue* q = dir_->queue(c.tenant, c.queue);
  c.phase = CallPhase::Queued;
  c.deadline_mono = c.queued_mono + int64_t{q ? q->max_wait_s : 600} * 1000;
  waiting_[qkey(c.tenant, c.queue)].emplace(c.queue_seq, c.id);
  log(out, c.tenant, "call.requeued", &c, a.login, nlohmann::json{{"reason", reason}}.dump());
  if (c.deadline_mono <= clock_.monotonic_ms()) return;  // on_time() ends it
  dispatch(out);
}

void Router::on_leg_answered(LegId leg, std::vector<Output>& out) {
  Call* c = call_by_leg(leg);
  if (!c || leg != c->agent_leg || c->phase != CallPhase::Ringing) return;
  Agent* a = agent_by_key(c->agent_key);
  c->phase = CallPhase::Bridged;
  c->answer_ms = clock_.now_ms();
  c->answer_mono = clock_.monotonic_ms();
  c->ring_total_ms += clock_.monotonic_ms() - c->ring_started_mono;
  c->deadline_mono = -1;
  c->recording = recording_path(recording_dir_, c->pid, c->start_ms);
  c->recording_pending = true;
  qstats_[qkey(c->tenant, c->queue)].answered++;
  if (a) set_state(*a, AgentState::Busy, "", "system", out);
  out.emplace_back(model::Bridge{c->id, c->caller_leg, c->agent_leg, c->recording});
  log(out, c->tenant, "call.answered", c, a ? a->login : "", "{}");
}

void Router::release_agent(Agent& a, std::vector<Output>& out) {
  a.call = {};
  a.handled++;
  if (a.pending == "logged_out") {
    a.pending.clear();
    set_state(a, AgentState::LoggedOut, "phone_unregistered", "system", out);
    return;
  }
  if (a.pending.rfind("not_ready:", 0) == 0) {
    std::string reason = a.pending.substr(10);
    a.pending.clear();
    set_state(a, AgentState::NotReady, reason, "agent", out);
    return;
  }
  const model::Queue* q = nullptr;
  if (!a.queues.empty()) q = dir_->queue(a.tenant, a.queues.front());
  if (q && q->wrapup_s > 0) {
    a.wrap_deadline_mono = clock_.monotonic_ms() + int64_t{q->wrapup_s} * 1000;
    set_state(a, AgentState::WrapUp, "", "system", out);
  } else {
    set_state(a, AgentState::Ready, "", "system", out);
  }
}

void Router::on_leg_ended(const model::LegEnded& ev, std::vector<Output>& out) {
  Call* c = call_by_leg(ev.leg);
  if (!c) return;
  legs_.erase(ev.leg);
  const bool caller_side = ev.leg == c->caller_leg;
  if (caller_side) c->caller_leg = {};
  switch (c->phase) {
    case CallPhase::Greeting:
    case CallPhase::Queued:
    case CallPhase::Leaving:
      if (caller_side) {
        auto& fifo = waiting_[qkey(c->tenant, c->queue)];
        fifo.erase(c->queue_seq);
        bool left_for_no_agent = c->phase == CallPhase::Leaving;
        if (!left_for_no_agent && c->queued_mono >= 0) qstats_[qkey(c->tenant, c->queue)].abandoned++;
        end_call(*c, left_for_no_agent ? CallOutcome::NoAgent : CallOutcome::Abandoned,
                 left_for_no_agent ? "max_wait" : (ev.code ? std::to_string(ev.code) + " " + ev.reason
                                                           : std::string("caller_hangup")),
                 out);
      }
      break;
    case CallPhase::Ringing: {
      Agent* a = agent_by_key(c->agent_key);
      if (caller_side) {
        // Caller gave up while an agent's phone rang: cancel it; the agent did nothing wrong.
        out.emplace_back(model::HangupLeg{c->agent_leg, 0, "caller_cancel"});
        legs_.erase(c->agent_leg);
        c->ring_total_ms += clock_.monotonic_ms() - c->ring_started_mono;
        if (a) {
          a->call = {};
          set_state(*a, AgentState::Ready, "", "system", out);
        }
        qstats_[qkey(c->tenant, c->queue)].abandoned++;
        end_call(*c, CallOutcome::Abandoned, "caller_hangup_while_ringing", out);
        dispatch(out);
      } else if (a) {
        // The agent's phone refused or failed: not-ready with the reason, call re-offered.
        std::string why = ev.code == 486   ? "busy"
                          : ev.code == 603 ? "declined"
                          : ev.code == 480 || ev.code == 408 || ev.code == 404 ? "unreachable"
                                                                                : "failed";
        log(out, c->tenant, "call.offer_failed", c, a->login,
            nlohmann::json{{"code", ev.code}, {"reason", ev.reason}}.dump());
        requeue_after_offer(*c, *a, AgentState::NotReady, why, out);
      }
      break;
    }
    case CallPhase::Bridged: {
      Agent* a = agent_by_key(c->agent_key);
      if (caller_side) {
        out.emplace_back(model::HangupLeg{c->agent_leg, 0, "caller_hangup"});
        legs_.erase(c->agent_leg);
      } else {
        out.emplace_back(model::HangupLeg{c->caller_leg, 0, "agent_hangup"});
        legs_.erase(c->caller_leg);
      }
      if (a) release_agent(*a, out);
      end_call(*c, CallOutcome::Answered, caller_side ? "caller_hangup" : "agent_hangup", out);
      dispatch(out);
      break;
    }
    case CallPhase::Ended:
      break;
  }
}

void Router::end_call(Call& c, CallOutcome outcome, const std::string& reason, std::vector<Output>& out) {
  if (c.phase == CallPhase::Ended) return;
  c.phase = CallPhase::Ended;
  c.deadline_mono = -1;
  const int64_t now_ms = clock_.now_ms();
  const int64_t now_mono = clock_.monotonic_ms();
  auto& r = c.record;
  r.id = c.pid;
  r.sip_call_id = c.sip_call_id;
  r.tenant = c.tenant;
  r.caller = c.caller;
  r.number = c.number;
  r.queue = c.queue;
  r.start_ms = c.start_ms;
  r.answer_ms = c.answer_ms;
  r.end_ms = now_ms;
  r.ring_ms = c.ring_total_ms;
  if (c.queued_mono >= 0) {
    const int64_t until = c.answer_mono >= 0 ? c.answer_mono : c.left_queue_mono >= 0 ? c.left_queue_mono : now_mono;
    r.wait_ms = until - c.queued_mono;
  }
  r.talk_ms = c.answer_ms ? now_ms - c.answer_ms : 0;
  r.outcome = outcome;
  r.reason = reason;
  if (Agent* a = agent_by_key(c.agent_key); a && c.answer_ms) r.agent = a->login;  // the agent who answered
  r.recording = c.recording;
  log(out, c.tenant, "call.ended", &c, r.agent,
      nlohmann::json{{"outcome", model::to_string(outcome)}, {"reason", reason}}.dump());
  maybe_emit_record(c, out);
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

// The record is written once the call has ended and its recording is closed.
void Router::maybe_emit_record(Call& c, std::vector<Output>& out) {
  if (c.phase != CallPhase::Ended || c.recording_pending || c.record_sent) return;
  c.record_sent = true;
  out.emplace_back(c.record);
}

void Router::on_record_committed(const std::string& record_id) {
  auto pit = by_pid_.find(record_id);
  if (pit == by_pid_.end()) return;
  auto it = calls_.find(pit->second);
  by_pid_.erase(pit);
  if (it == calls_.end()) return;
  legs_.erase(it->second.caller_leg);
  legs_.erase(it->second.agent_leg);
  calls_.erase(it);
}

void Router::on_registration(const model::PhoneRegistration& ev, std::vector<Output>& out) {
  for (const model::Agent* pa : dir_->agents_of_phone(ev.username)) {
    Agent* a = agent_by_key(akey(pa->tenant, pa->login));
    if (!a) continue;
    if (ev.registered) {
      if (a->state == AgentState::LoggedOut)
        set_state(*a, a->ready_on_register ? AgentState::Ready : AgentState::NotReady,
                  a->ready_on_register ? "" : "login", "phone", out);
    } else if (a->state == AgentState::Reserved) {
      auto cit = calls_.find(a->call);
      if (cit != calls_.end()) {
        out.emplace_back(model::HangupLeg{cit->second.agent_leg, 0, "phone_unregistered"});
        requeue_after_offer(cit->second, *a, AgentState::LoggedOut, "phone_unregistered", out);
      }
    } else if (a->state == AgentState::Busy) {
      a->pending = "logged_out";  // the call in progress goes on; logout at its end
    } else {
      set_state(*a, AgentState::LoggedOut, "phone_unregistered", "phone", out);
    }
  }
  dispatch(out);
}

Result<std::vector<Output>> Router::set_ready(const std::string& tenant, const std::string& login) {
  Agent* a = agent_by_key(akey(tenant, login));
  if (!a) return make_error("agent.unknown", "no agent " + login + " in tenant " + tenant);
  std::vector<Output> out;
  switch (a->state) {
    case AgentState::LoggedOut:
      return make_error("agent.logged_out", "agent " + login + " has no registered phone");
    case AgentState::NotReady:
    case AgentState::WrapUp:
      a->wrap_deadline_mono = -1;
      set_state(*a, AgentState::Ready, "", "agent", out);
      dispatch(out);
      break;
    case AgentState::Busy:
    case AgentState::Reserved:
      a->pending.clear();
      break;
    case AgentState::Ready:
      break;
  }
  return out;
}

Result<std::vector<Output>> Router::set_not_ready(const std::string& tenant, const std::string& login,
                                                 const std::string& reason) {
  Agent* a = agent_by_key(akey(tenant, login));
  if (!a) return make_error("agent.unknown", "no agent " + login + " in tenant " + tenant);
  std::vector<Output> out;
  const std::string why = reason.empty() ? "break" : reason;
  switch (a->state) {
    case AgentState::LoggedOut:
      return make_error("agent.logged_out", "agent " + login + " has no registered phone");
    case AgentState::Busy:
    case AgentState::Reserved:
      a->pending = "not_ready:" + why;  // takes effect when the contact ends
      break;
    default:
      a->wrap_deadline_mono = -1;
      set_state(*a, AgentState::NotReady, why, "agent", out);
  }
  return out;
}

std::vector<Output> Router::on_time() {
  std::vector<Output> out;
  const int64_t now = clock_.monotonic_ms();
  std::vector<CallId> due;
  for (auto& [id, c] : calls_)
    if (c.deadline_mono >= 0 && c.deadline_mono <= now) due.push_back(id);
  for (CallId id : due) {
    auto it = calls_.find(id);
    if (it == calls_.end()) continue;
    Call& c = it->second;
    if (c.phase == CallPhase::Ringing) {
      // Ring no answer: cancel, agent not-ready ("missed"), call back to its place.
      Agent* a = agent_by_key(c.agent_key);
      out.emplace_back(model::HangupLeg{c.agent_leg, 0, "ring_no_answer"});
      log(out, c.tenant, "call.ring_no_answer", &c, a ? a->login : "", "{}");
      if (a) requeue_after_offer(c, *a, AgentState::NotReady, "missed", out);
    } else if (c.phase == CallPhase::Queued) {
      waiting_[qkey(c.tenant, c.queue)].erase(c.queue_seq);
      c.phase = CallPhase::Leaving;
      c.left_queue_mono = now;
      c.deadline_mono = now + 30'000;  // the goodbye prompt must end by then
      out.emplace_back(model::PlayPrompt{c.caller_leg, "no_agent", c.language, false});
    } else if (c.phase == CallPhase::Leaving) {
      leave_no_agent(c, out);
    }
  }
  for (auto& [k, a] : agents_) {
    if (a.state == AgentState::WrapUp && a.wrap_deadline_mono >= 0 && a.wrap_deadline_mono <= now) {
      a.wrap_deadline_mono = -1;
      set_state(a, AgentState::Ready, "wrap_up_end", "system", out);
    }
  }
  dispatch(out);
  return out;
}

std::vector<Output> Router::shutdown() {
  std::vector<Output> out;
  for (auto& [id, c] : calls_) {
    if (c.phase == CallPhase::Ended) {
      c.recording_pending = false;  // the telephony thread closes the file as it stops
      maybe_emit_record(c, out);
      continue;
    }
    c.recording_pending = false;
    end_call(c, model::CallOutcome::Failed, "shutdown", out);
  }
  return out;
}

std::optional<int64_t> Router::next_deadline() const {
  std::optional<int64_t> best;
  auto consider = [&](int64_t d) {
    if (d >= 0 && (!best || d < *best)) best = d;
  };
  for (const auto& [id, c] : calls_) consider(c.deadline_mono);
  for (const auto& [k, a] : agents_) consider(a.wrap_deadline_mono);
  return best;
}

std::vector<AgentView> Router::agents() const {
  std::vector<AgentView> v;
  for (const auto& [k, a] : agents_) {
    auto cit = calls_.find(a.call);
    v.push_back(AgentView{a.tenant, a.login, a.name, a.phone, a.state, a.reason, a.pending, a.since_ms,
                          cit == calls_.end() ? std::string() : cit->second.pid, a.handled});
  }
  return v;
}

std::vector<QueueView> Router::queues() const {
  std::vector<QueueView> v;
  const int64_t now = clock_.monotonic_ms();
  for (const auto& q : dir_->all().queues) {
    QueueView qv{q.tenant, q.name};
    auto k = qkey(q.tenant, q.name);
    if (auto it = waiting_.find(k); it != waiting_.end()) {
      qv.waiting = static_cast<int>(it->second.size());
      if (!it->second.empty()) qv.oldest_wait_ms = now - calls_.at(it->second.begin()->second).queued_mono;
    }
    if (auto it = qstats_.find(k); it != qstats_.end()) {
      qv.offered = it->second.offered;
      qv.answered = it->second.answered;
      qv.abandoned = it->second.abandoned;
    }
    v.push_back(qv);
  }
  return v;
}

}  // namespace plateau::core
