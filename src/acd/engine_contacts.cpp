// engine_contacts.cpp — a contact's life in the engine: entry (with the full
// and no-agent rules), waiting (relaxation, announcements, maximum wait),
// offers and their outcomes, queued callback, and its end.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "acd/engine_state.h"

namespace plateau::acd {

namespace {

constexpr int kMaxOverflowHops = 8;

ContactKey contact_key(const QueueRules& r, int priority, int64_t arrived, uint64_t seq) {
  // With ageing a priority point is worth priority_step_ms of waiting: the
  // key is fixed at entry and the order never needs re-sorting.
  if (r.priority_step_ms > 0) return {arrived - priority * r.priority_step_ms, static_cast<int64_t>(seq)};
  return {-priority, static_cast<int64_t>(seq)};
}

}  // namespace

std::string_view to_string(ContactKind k) {
  switch (k) {
    case ContactKind::Inbound: return "inbound";
    case ContactKind::Callback: return "callback";
    case ContactKind::Outbound: return "outbound";
  }
  return "inbound";
}

void Engine::State::log(const Contact& c, const std::string& kind, const std::string& detail, Outputs& out) const {
  const QueueState& q = queues[c.queue];
  out.emplace_back(ContactLog{c.id, q.tenant, q.name, kind, detail.empty() ? "{}" : detail});
}

Result<Outputs> Engine::State::enter(const ContactSpec& spec, std::shared_ptr<const QueueRules> rules, QueueId qid,
                                     int64_t arrived, int hops) {
  Outputs out;
  QueueState& q = queues[qid];
  const int64_t t = now();
  if (spec.kind == ContactKind::Inbound) {
    const QueueRules& r = *rules;
    const bool full = r.max_length > 0 && static_cast<int>(q.positions.size()) + q.ringing >= r.max_length;
    int logged_in = 0;
    for (size_t s = 1; s < q.by_state.size(); ++s) logged_in += q.by_state[s];
    const bool nobody = r.on_no_agent.kind != model::OverflowKind::None && logged_in == 0;
    if (full || nobody) {
      const model::Overflow& action = full ? r.on_full : r.on_no_agent;
      q.overflowed++;
      Overflowed o{spec.id, action, full ? "full" : "no_agent", q.name, ""};
      if (action.kind == model::OverflowKind::Queue) {
        auto target = queue_ids.find(key(q.tenant, action.target));
        if (target != queue_ids.end() && queues[target->second].provisioned && hops < kMaxOverflowHops) {
          o.to_queue = action.target;
          out.emplace_back(o);
          ContactSpec next = spec;
          next.queue = action.target;
          auto more = enter(next, queues[target->second].rules, target->second, arrived, hops + 1);
          if (!more) return more.error();
          for (auto& m : more.value()) out.push_back(std::move(m));
          return out;
        }
        o.action = {model::OverflowKind::Hangup, ""};
      }
      out.emplace_back(o);
      return out;
    }
  }
  auto req = intern(conjunction(rules->requirement, spec.requirement));
  if (!req) return req.error();
  Contact c;
  c.id = spec.id;
  c.queue = qid;
  c.rules = rules;
  c.kind = spec.kind;
  c.priority = spec.priority;
  c.own_requirement = spec.requirement;
  c.req = req.value();
  c.arrived = arrived;
  c.key = contact_key(*rules, spec.priority, arrived, next_seq++);
  c.attempts = spec.kind == ContactKind::Callback ? spec.callback_attempts : 0;
  if (spec.kind == ContactKind::Inbound) {
    c.max_wait_deadline = arrived + rules->max_wait_ms;
    if (rules->announce_every_ms > 0) c.next_announce = t + rules->announce_every_ms;
  }
  auto [it, inserted] = contacts.emplace(c.id, std::move(c));
  Contact& cc = it->second;
  q.entered++;
  log(cc, "queued",
      "{\"kind\":\"" + std::string(to_string(cc.kind)) + "\",\"priority\":" + std::to_string(cc.priority) +
          ",\"requires\":" + nlohmann::json(reqs[cc.req].text()).dump() + "}",
      out);
  // Steps already due (a callback reloaded after a restart) apply at once.
  while (cc.step + 1 < static_cast<int>(rules->relax.size()) &&
         arrived + rules->relax[static_cast<size_t>(cc.step + 1)].after_ms <= t) {
    cc.step++;
  }
  if (cc.step >= 0) {
    const auto& s = rules->relax[static_cast<size_t>(cc.step)];
    auto r = intern(conjunction(s.requirement, s.keep_contact ? cc.own_requirement : ""));
    if (r) cc.req = r.value();
  }
  if (cc.step + 1 < static_cast<int>(rules->relax.size()))
    cc.next_relax = arrived + rules->relax[static_cast<size_t>(cc.step + 1)].after_ms;
  file_waiting(cc);
  match_contact(cc, out);
  schedule(cc);
  return out;
}

Result<Outputs> Engine::enqueue(const ContactSpec& spec) {
  auto qit = s_->queue_ids.find(State::key(spec.tenant, spec.queue));
  if (qit == s_->queue_ids.end() || !s_->queues[qit->second].provisioned)
    return make_error("acd.queue_unknown", "no queue " + spec.queue + " in tenant " + spec.tenant);
  if (s_->contacts.count(spec.id)) return make_error("acd.contact_exists", "contact already in the engine");
  // Checked (and compiled once) before anything changes.
  if (auto own = s_->intern(spec.requirement); !own) return own.error();
  const int64_t arrived = spec.arrived_mono >= 0 ? spec.arrived_mono : s_->now();
  return s_->enter(spec, s_->queues[qit->second].rules, qit->second, arrived, 0);
}

Result<Outputs> Engine::offer_to(const ContactSpec& spec, const std::string& agent_tenant, const std::string& login) {
  auto qit = s_->queue_ids.find(State::key(spec.tenant, spec.queue));
  if (qit == s_->queue_ids.end() || !s_->queues[qit->second].provisioned)
    return make_error("acd.queue_unknown", "no queue " + spec.queue + " in tenant " + spec.tenant);
  if (s_->contacts.count(spec.id)) return make_error("acd.contact_exists", "contact already in the engine");
  auto found = s_->find_agent(agent_tenant, login);
  if (!found) return found.error();
  AgentRec& a = *found.value();
  if (a.state != AgentState::Ready)
    return make_error("acd.agent_not_ready", "agent " + login + " is " + std::string(to_string(a.state)) + ", not ready");
  auto req = s_->intern("");
  if (!req) return req.error();
  QueueState& q = s_->queues[qit->second];
  Contact c;
  c.id = spec.id;
  c.queue = qit->second;
  c.rules = q.rules;
  c.kind = ContactKind::Inbound;
  c.priority = spec.priority;
  c.req = req.value();
  c.arrived = s_->now();
  c.key = contact_key(*c.rules, spec.priority, c.arrived, s_->next_seq++);
  c.targeted = true;
  c.phase = Contact::Phase::Delayed;  // never filed as waiting: offer() has nothing to unfile
  auto [it, inserted] = s_->contacts.emplace(c.id, std::move(c));
  Outputs out;
  s_->log(it->second, "queued", nlohmann::json{{"kind", "inbound"}, {"target", login}}.dump(), out);
  s_->offer(it->second, {a.id}, out, true);
  return out;
}

void Engine::State::give_up_target(Contact& c, const std::string& reason, Outputs& out) {
  c.phase = Contact::Phase::Delayed;
  queues[c.queue].delayed++;  // drop() counts it down
  log(c, "left", nlohmann::json{{"reason", reason}}.dump(), out);
  drop(c);
}

void Engine::State::schedule(Contact& c) {
  int64_t d = -1;
  auto consider = [&](int64_t t) {
    if (t >= 0 && (d < 0 || t < d)) d = t;
  };
  switch (c.phase) {
    case Contact::Phase::Waiting:
      consider(c.max_wait_deadline);
      consider(c.next_relax);
      consider(c.next_announce);
      break;
    case Contact::Phase::Delayed: consider(c.not_before); break;
    case Contact::Phase::Offered: consider(c.ring_deadline); break;
    case Contact::Phase::Connected: break;
  }
  if (d == c.deadline) return;
  if (c.deadline >= 0) contact_timers.erase({c.deadline, c.id.value});
  c.deadline = d;
  if (d >= 0) contact_timers.insert({d, c.id.value});
}

void Engine::State::drop(Contact& c) {
  unfile_waiting(c);
  if (c.phase == Contact::Phase::Delayed) queues[c.queue].delayed--;
  if (c.phase == Contact::Phase::Offered) queues[c.queue].ringing--;
  if (c.deadline >= 0) contact_timers.erase({c.deadline, c.id.value});
  contacts.erase(c.id);
}

void Engine::State::withdraw_offers(Contact& c, const std::string& reason, AgentId except, Outputs& out) {
  for (AgentId id : c.offered) {
    if (id == except) continue;
    AgentRec& a = agents[id];
    out.emplace_back(OfferWithdrawn{c.id, id, reason});
    if (a.state == AgentState::Reserved && a.contact == c.id) become_ready(a, reason, "system", out);
  }
  c.offered.erase(std::remove_if(c.offered.begin(), c.offered.end(), [&](AgentId id) { return id != except; }),
                  c.offered.end());
}

void Engine::State::requeue(Contact& c, Outputs& out) {
  c.offered.clear();
  c.ring_deadline = -1;
  c.phase = Contact::Phase::Waiting;
  log(c, "requeued", "", out);
  file_waiting(c);
  if (c.max_wait_deadline >= 0 && c.max_wait_deadline <= now()) {
    schedule(c);
    contact_due(c, out);
    return;
  }
  match_contact(c, out);
  schedule(c);
}

Outputs Engine::remove(ContactId id, const std::string& reason) {
  Outputs out;
  auto it = s_->contacts.find(id);
  if (it == s_->contacts.end()) return out;
  Contact& c = it->second;
  if (c.phase == Contact::Phase::Connected) return ended(id);
  QueueState& q = s_->queues[c.queue];
  if (reason == "abandoned" && c.kind == ContactKind::Inbound) q.abandoned++;
  // Where the caller was when it left: its place in line (0 while an agent rang) and its wait.
  nlohmann::json left{{"reason", reason}, {"position", s_->position(c)}, {"waited_ms", s_->now() - c.arrived}};
  if (c.phase == Contact::Phase::Offered) {
    std::vector<AgentId> offered = c.offered;
    s_->drop(c);  // first, so that agents made ready cannot be offered this contact again
    for (AgentId a : offered) {
      out.emplace_back(OfferWithdrawn{id, a, "caller_left"});
      AgentRec& ag = s_->agents[a];
      if (ag.state == AgentState::Reserved && ag.contact == id) s_->become_ready(ag, "caller_left", "system", out);
    }
  } else {
    s_->drop(c);
  }
  out.emplace_back(ContactLog{id, q.tenant, q.name, "left", left.dump()});
  return out;
}

Outputs Engine::answered(ContactId id, AgentId agent) {
  Outputs out;
  auto it = s_->contacts.find(id);
  if (it == s_->contacts.end()) return out;
  Contact& c = it->second;
  if (c.phase != Contact::Phase::Offered || std::find(c.offered.begin(), c.offered.end(), agent) == c.offered.end())
    return out;
  QueueState& q = s_->queues[c.queue];
  q.ringing--;
  c.phase = Contact::Phase::Connected;
  c.agent = agent;
  c.answered_at = s_->now();
  c.ring_deadline = -1;
  s_->schedule(c);
  if (!c.targeted) {  // a transfer to a named agent is no contact of the queue's service level
    q.answered++;
    if (c.kind == ContactKind::Inbound && c.answered_at - c.arrived <= c.rules->sl_threshold_ms) q.answered_in_sl++;
  }
  s_->withdraw_offers(c, "answered_elsewhere", agent, out);
  AgentRec& a = s_->agents[agent];
  a.talk_started = s_->now();
  s_->set_state(a, AgentState::Busy, "", "system", out, id);
  return out;
}

Outputs Engine::refused(ContactId id, AgentId agent, const std::string& reason) {
  Outputs out;
  auto it = s_->contacts.find(id);
  if (it == s_->contacts.end()) return out;
  Contact& c = it->second;
  if (c.phase != Contact::Phase::Offered || std::find(c.offered.begin(), c.offered.end(), agent) == c.offered.end())
    return out;
  std::erase(c.offered, agent);
  AgentRec& a = s_->agents[agent];
  a.contact = {};
  s_->set_state(a, AgentState::NotReady, reason, "phone", out, id);
  if (c.offered.empty()) {
    s_->queues[c.queue].ringing--;
    if (c.targeted) s_->give_up_target(c, "target_refused", out);
    else s_->requeue(c, out);
  }
  return out;
}

Outputs Engine::ended(ContactId id) {
  Outputs out;
  auto it = s_->contacts.find(id);
  if (it == s_->contacts.end()) return out;
  Contact& c = it->second;
  if (c.phase != Contact::Phase::Connected) return remove(id, "ended");
  QueueState& q = s_->queues[c.queue];
  const int64_t handle = s_->now() - c.answered_at + c.rules->wrapup_ms;
  q.aht_ms = q.answered <= 1 ? handle : q.aht_ms + (handle - q.aht_ms) / 8;
  AgentRec& a = s_->agents[c.agent];
  if (a.contact == id && a.state == AgentState::Busy) s_->after_contact(a, out);
  s_->drop(c);
  return out;
}

Result<Outputs> Engine::request_callback(ContactId id) {
  auto it = s_->contacts.find(id);
  if (it == s_->contacts.end()) return make_error("acd.contact_unknown", "the contact is not in a queue");
  Contact& c = it->second;
  if (c.phase != Contact::Phase::Waiting || c.kind != ContactKind::Inbound)
    return make_error("acd.not_waiting", "only a caller waiting in line can ask to be called back");
  Outputs out;
  c.kind = ContactKind::Callback;
  c.max_wait_deadline = -1;
  c.next_announce = -1;
  s_->schedule(c);
  s_->log(c, "callback_requested", nlohmann::json{{"position", s_->position(c)}}.dump(), out);
  return out;
}

std::pair<CallbackNext, Outputs> Engine::callback_failed(ContactId id) {
  Outputs out;
  auto it = s_->contacts.find(id);
  if (it == s_->contacts.end()) return {CallbackNext::GaveUp, out};
  Contact& c = it->second;
  if (c.phase == Contact::Phase::Connected) {
    AgentRec& a = s_->agents[c.agent];
    a.talk_started = -1;  // nobody talked: not a contact handled
    if (a.contact == id && a.state == AgentState::Busy) s_->apply_pending_or_ready(a, "callback_no_answer", out);
    c.agent = kNoAgent;
  } else {
    s_->unfile_waiting(c);
  }
  c.attempts++;
  if (c.attempts >= c.rules->callback_attempts) {
    s_->log(c, "callback_gave_up", nlohmann::json{{"attempts", c.attempts}}.dump(), out);
    s_->drop(c);
    return {CallbackNext::GaveUp, out};
  }
  c.phase = Contact::Phase::Delayed;
  c.not_before = s_->now() + c.rules->callback_retry_ms;
  s_->queues[c.queue].delayed++;
  s_->log(c, "callback_retry", nlohmann::json{{"attempts", c.attempts}, {"retry_in_ms", c.rules->callback_retry_ms}}.dump(),
          out);
  s_->schedule(c);
  return {CallbackNext::Retry, out};
}

void Engine::State::overflow(Contact& c, const model::Overflow& action, const std::string& why, Outputs& out) {
  QueueState& q = queues[c.queue];
  q.overflowed++;
  Overflowed o{c.id, action, why, q.name, ""};
  switch (action.kind) {
    case model::OverflowKind::None:
      c.max_wait_deadline = -1;  // keeps waiting
      schedule(c);
      return;
    case model::OverflowKind::Callback:
      // Stays in line while the caller is offered a callback.
      c.max_wait_deadline = -1;
      schedule(c);
      out.emplace_back(o);
      return;
    case model::OverflowKind::Queue: {
      auto target = queue_ids.find(key(q.tenant, action.target));
      if (target != queue_ids.end() && queues[target->second].provisioned) {
        o.to_queue = action.target;
        out.emplace_back(o);
        ContactSpec spec{c.id, q.tenant, action.target, c.priority, c.own_requirement, c.kind, -1, 1};
        log(c, "left", nlohmann::json{{"reason", "overflow"}, {"to", action.target}}.dump(), out);
        drop(c);
        auto more = enter(spec, queues[target->second].rules, target->second, now(), 0);
        if (more)
          for (auto& m : more.value()) out.push_back(std::move(m));
        return;
      }
      o.action = {model::OverflowKind::Hangup, ""};
      break;
    }
    default:
      break;
  }
  out.emplace_back(o);
  log(c, "left", nlohmann::json{{"reason", "overflow"}, {"action", model::to_string(o.action)}}.dump(), out);
  drop(c);
}

void Engine::State::relax(Contact& c, Outputs& out) {
  const auto& steps = c.rules->relax;
  c.step++;
  const auto& s = steps[static_cast<size_t>(c.step)];
  c.next_relax = c.step + 1 < static_cast<int>(steps.size()) ? c.arrived + steps[static_cast<size_t>(c.step + 1)].after_ms
                                                             : -1;
  auto r = intern(conjunction(s.requirement, s.keep_contact ? c.own_requirement : ""));
  if (!r || r.value() == c.req) return;
  unfile_waiting(c);
  c.req = r.value();
  file_waiting(c);
  log(c, "relaxed", nlohmann::json{{"step", c.step}, {"requires", reqs[c.req].text()}}.dump(), out);
  match_contact(c, out);
}

int Engine::State::position(const Contact& c) const {
  if (c.phase != Contact::Phase::Waiting) return 0;
  return static_cast<int>(queues[c.queue].positions.order_of_key({c.key.first, c.key.second, c.id.value})) + 1;
}

int64_t Engine::State::ewt(const QueueState& q, int pos) const {
  const int serving = q.by_state[static_cast<size_t>(AgentState::Ready)] +
                      q.by_state[static_cast<size_t>(AgentState::Reserved)] +
                      q.by_state[static_cast<size_t>(AgentState::Busy)] +
                      q.by_state[static_cast<size_t>(AgentState::WrapUp)];
  if (serving == 0) return -1;
  return pos * q.aht_ms / serving;
}

void Engine::State::contact_due(Contact& c, Outputs& out) {
  const int64_t t = now();
  if (c.phase == Contact::Phase::Offered && c.ring_deadline >= 0 && c.ring_deadline <= t) {
    // Ring no answer. One agent: not-ready "missed". Ring-all: nobody is at fault.
    const bool ring_all = c.offered.size() > 1;
    std::vector<AgentId> offered = c.offered;
    c.offered.clear();
    queues[c.queue].ringing--;
    for (AgentId id : offered) {
      AgentRec& a = agents[id];
      out.emplace_back(OfferWithdrawn{c.id, id, "ring_no_answer"});
      if (a.state != AgentState::Reserved || a.contact != c.id) continue;
      a.contact = {};
      if (ring_all) become_ready(a, "ring_no_answer", "system", out);
      else set_state(a, AgentState::NotReady, "missed", "system", out, c.id);
    }
    if (c.targeted) give_up_target(c, "target_no_answer", out);
    else requeue(c, out);
    return;
  }
  if (c.phase == Contact::Phase::Delayed && c.not_before >= 0 && c.not_before <= t) {
    c.not_before = -1;
    queues[c.queue].delayed--;
    file_waiting(c);
    log(c, "callback_due", "", out);
    match_contact(c, out);
    schedule(c);
    return;
  }
  if (c.phase != Contact::Phase::Waiting) {
    schedule(c);
    return;
  }
  if (c.max_wait_deadline >= 0 && c.max_wait_deadline <= t) {
    overflow(c, c.rules->on_timeout, "timeout", out);
    return;
  }
  if (c.next_relax >= 0 && c.next_relax <= t) relax(c, out);
  if (c.phase == Contact::Phase::Waiting && c.next_announce >= 0 && c.next_announce <= t) {
    const int pos = position(c);
    out.emplace_back(Announce{c.id, pos, ewt(queues[c.queue], pos), c.rules->callback});
    c.next_announce = t + c.rules->announce_every_ms;
  }
  schedule(c);
}

Outputs Engine::on_time() {
  Outputs out;
  const int64_t t = s_->now();
  while (!s_->contact_timers.empty() && s_->contact_timers.begin()->first <= t) {
    const ContactId id{s_->contact_timers.begin()->second};
    s_->contact_timers.erase(s_->contact_timers.begin());
    auto it = s_->contacts.find(id);
    if (it == s_->contacts.end()) continue;
    it->second.deadline = -1;
    s_->contact_due(it->second, out);
  }
  while (!s_->agent_timers.empty() && s_->agent_timers.begin()->first <= t) {
    AgentRec& a = s_->agents[s_->agent_timers.begin()->second];
    s_->agent_timers.erase(s_->agent_timers.begin());
    if (a.state != AgentState::WrapUp) continue;
    if (a.wrap_needs_disposition) {
      a.wrap_deadline = -1;
      a.contact = {};
      if (a.pending == AgentRec::Pending::LoggedOut) {
        s_->apply_pending_or_ready(a, "", out);
      } else {
        a.pending = AgentRec::Pending::None;
        s_->set_state(a, AgentState::NotReady, "no_disposition", "system", out);
      }
    } else {
      s_->apply_pending_or_ready(a, "wrap_up_end", out);
    }
  }
  return out;
}

std::optional<int64_t> Engine::next_deadline() const {
  std::optional<int64_t> d;
  if (!s_->contact_timers.empty()) d = s_->contact_timers.begin()->first;
  if (!s_->agent_timers.empty() && (!d || s_->agent_timers.begin()->first < *d)) d = s_->agent_timers.begin()->first;
  return d;
}

}  // namespace plateau::acd
