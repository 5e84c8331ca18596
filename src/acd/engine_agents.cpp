// engine_agents.cpp — the agent state machine: the one place where an agent's
// state changes, each change an AgentChanged output with reason and actor.
#include <nlohmann/json.hpp>

#include "acd/engine_state.h"

namespace plateau::acd {

namespace {

constexpr int64_t kDayMs = 86'400'000;

std::string pending_text(const AgentRec& a) {
  switch (a.pending) {
    case AgentRec::Pending::None: return "";
    case AgentRec::Pending::NotReady: return "not_ready:" + a.pending_reason;
    case AgentRec::Pending::LoggedOut: return "logged_out";
  }
  return "";
}

}  // namespace

void Engine::State::set_state(AgentRec& a, AgentState s, const std::string& reason, const std::string& actor,
                              Outputs& out, ContactId contact) {
  if (a.state == s && a.reason == reason) return;
  const int64_t t = now();
  const AgentState from = a.state;
  if (from != AgentState::LoggedOut) a.time_in[static_cast<size_t>(from)] += t - a.since;
  if (from != AgentState::LoggedOut && s == AgentState::LoggedOut) a.logged_in_ms += t - a.login_since;
  if (from == AgentState::LoggedOut && s != AgentState::LoggedOut) a.login_since = t;
  for (const auto& m : a.queues) {
    queues[m.queue].by_state[static_cast<size_t>(from)]--;
    queues[m.queue].by_state[static_cast<size_t>(s)]++;
  }
  const int64_t previous = t - a.since;
  std::string from_reason = std::move(a.reason);
  a.state = s;
  a.reason = reason;
  a.since = t;
  out.emplace_back(AgentChanged{a.id, a.tenant, a.login, from, s, reason, actor, pending_text(a), previous,
                                contact.valid() ? contact : a.contact, std::move(from_reason)});
}

// The pending state changed: an AgentChanged with from == to and the new
// pending, so that desktops and wallboards show it; no time is closed.
void Engine::State::note_pending(AgentRec& a, const std::string& actor, Outputs& out) {
  out.emplace_back(AgentChanged{a.id, a.tenant, a.login, a.state, a.state, a.reason, actor, pending_text(a), 0,
                                a.contact, a.reason});
}

void Engine::State::roll_day(AgentRec& a) {
  const int64_t day = clock.now_ms() / kDayMs;
  if (day == a.day) return;
  a.day = day;
  a.contacts_today = 0;
  a.talk_today = 0;
}

// `keep_place`: an offer withdrawn through no fault of the agent keeps the
// agent's place among the longest idle.
void Engine::State::become_ready(AgentRec& a, const std::string& reason, const std::string& actor, Outputs& out) {
  a.contact = {};
  a.draw = rng();
  roll_day(a);
  set_state(a, AgentState::Ready, reason, actor, out);
  match_agent(a, out);
}

void Engine::State::apply_pending_or_ready(AgentRec& a, const std::string& reason, Outputs& out) {
  a.contact = {};
  a.wrap_deadline = -1;
  switch (a.pending) {
    case AgentRec::Pending::LoggedOut:
      a.pending = AgentRec::Pending::None;
      set_state(a, AgentState::LoggedOut, a.pending_reason, "system", out);
      return;
    case AgentRec::Pending::NotReady:
      a.pending = AgentRec::Pending::None;
      set_state(a, AgentState::NotReady, a.pending_reason, "agent", out);
      return;
    case AgentRec::Pending::None:
      a.idle_since = now();
      become_ready(a, reason, "system", out);
      return;
  }
}

void Engine::State::after_contact(AgentRec& a, Outputs& out) {
  const auto cit = contacts.find(a.contact);
  const QueueRules* rules = cit == contacts.end() ? nullptr : cit->second.rules.get();
  a.wrap_tenant = rules ? rules->tenant : a.tenant;
  a.wrap_queue = rules ? rules->name : "";
  if (a.talk_started >= 0) {
    roll_day(a);
    a.contacts_today++;
    a.talk_today += now() - a.talk_started;
    a.talk_started = -1;
  }
  if (a.pending == AgentRec::Pending::LoggedOut || !rules || rules->wrapup_ms <= 0) {
    apply_pending_or_ready(a, "", out);
    return;
  }
  a.wrap_deadline = now() + rules->wrapup_ms;
  a.wrap_needs_disposition = rules->wrapup_requires_disposition;
  agent_timers.insert({a.wrap_deadline, a.id});
  set_state(a, AgentState::WrapUp, "", "system", out);
}

Result<AgentRec*> Engine::State::find_agent(const std::string& tenant, const std::string& login) {
  auto it = agent_ids.find(key(tenant, login));
  if (it == agent_ids.end() || !agents[it->second].provisioned)
    return make_error("acd.agent_unknown", "no agent " + login + " in tenant " + tenant);
  return &agents[it->second];
}

Status Engine::State::check_reason(const AgentRec& a, const std::string& reason) const {
  auto t = tenants.find(a.tenant);
  if (t != tenants.end() && t->second.not_ready_reasons.count(reason)) return {};
  if (t == tenants.end() && system_reasons().count(reason)) return {};
  return make_error("acd.reason_unknown", "\"" + reason + "\" is not a not-ready reason of tenant " + a.tenant);
}

Result<Outputs> Engine::login(const std::string& tenant, const std::string& login, bool ready,
                              const std::string& actor) {
  auto found = s_->find_agent(tenant, login);
  if (!found) return found.error();
  AgentRec& a = *found.value();
  Outputs out;
  if (a.state != AgentState::LoggedOut) return out;
  a.pending = AgentRec::Pending::None;
  a.idle_since = s_->now();
  if (ready) s_->become_ready(a, "login", actor, out);
  else s_->set_state(a, AgentState::NotReady, "login", actor, out);
  return out;
}

Result<Outputs> Engine::logout(const std::string& tenant, const std::string& login, const std::string& reason,
                               const std::string& actor) {
  auto found = s_->find_agent(tenant, login);
  if (!found) return found.error();
  AgentRec& a = *found.value();
  Outputs out;
  switch (a.state) {
    case AgentState::LoggedOut:
      break;
    case AgentState::Busy:
      a.pending = AgentRec::Pending::LoggedOut;
      a.pending_reason = reason;
      s_->note_pending(a, actor, out);
      break;
    case AgentState::Reserved: {
      auto cit = s_->contacts.find(a.contact);
      a.contact = {};
      s_->set_state(a, AgentState::LoggedOut, reason, actor, out);
      if (cit != s_->contacts.end()) {
        Contact& c = cit->second;
        std::erase(c.offered, a.id);
        out.emplace_back(OfferWithdrawn{c.id, a.id, "agent_logged_out"});
        if (c.offered.empty()) {
          s_->queues[c.queue].ringing--;
          s_->requeue(c, out);
        }
      }
      break;
    }
    case AgentState::Ready:
      s_->unindex_agent(a);
      [[fallthrough]];
    default:
      if (a.wrap_deadline >= 0) s_->agent_timers.erase({a.wrap_deadline, a.id});
      a.wrap_deadline = -1;
      a.contact = {};
      a.pending = AgentRec::Pending::None;
      s_->set_state(a, AgentState::LoggedOut, reason, actor, out);
  }
  return out;
}

Result<Outputs> Engine::set_ready(const std::string& tenant, const std::string& login, const std::string& actor) {
  auto found = s_->find_agent(tenant, login);
  if (!found) return found.error();
  AgentRec& a = *found.value();
  Outputs out;
  switch (a.state) {
    case AgentState::LoggedOut:
      return make_error("acd.logged_out", "agent " + login + " is logged out");
    case AgentState::Ready:
      break;
    case AgentState::Reserved:
    case AgentState::Busy:
      a.pending = AgentRec::Pending::None;
      s_->note_pending(a, actor, out);
      break;
    case AgentState::WrapUp:
      if (a.wrap_needs_disposition)
        return make_error("acd.disposition_required", "agent " + login + " must give a disposition to end wrap-up");
      s_->agent_timers.erase({a.wrap_deadline, a.id});
      a.pending = AgentRec::Pending::None;
      s_->apply_pending_or_ready(a, "", out);
      break;
    case AgentState::NotReady:
      a.idle_since = s_->now();
      s_->become_ready(a, "", actor, out);
      break;
  }
  return out;
}

Result<Outputs> Engine::set_not_ready(const std::string& tenant, const std::string& login, const std::string& reason,
                                      const std::string& actor) {
  auto found = s_->find_agent(tenant, login);
  if (!found) return found.error();
  AgentRec& a = *found.value();
  const std::string why = reason.empty() ? "break" : reason;
  if (Status st = s_->check_reason(a, why); !st) return st.error();
  Outputs out;
  switch (a.state) {
    case AgentState::LoggedOut:
      return make_error("acd.logged_out", "agent " + login + " is logged out");
    case AgentState::Reserved:
    case AgentState::Busy:
      a.pending = AgentRec::Pending::NotReady;
      a.pending_reason = why;
      s_->note_pending(a, actor, out);
      break;
    case AgentState::WrapUp:
      if (a.wrap_needs_disposition)
        return make_error("acd.disposition_required", "agent " + login + " must give a disposition to end wrap-up");
      s_->agent_timers.erase({a.wrap_deadline, a.id});
      a.wrap_deadline = -1;
      a.contact = {};
      a.pending = AgentRec::Pending::None;
      s_->set_state(a, AgentState::NotReady, why, actor, out);
      break;
    case AgentState::Ready:
      s_->unindex_agent(a);
      [[fallthrough]];
    case AgentState::NotReady:
      s_->set_state(a, AgentState::NotReady, why, actor, out);
      break;
  }
  return out;
}

Result<Outputs> Engine::end_wrapup(const std::string& tenant, const std::string& login, const std::string& disposition,
                                   const std::string& actor) {
  auto found = s_->find_agent(tenant, login);
  if (!found) return found.error();
  AgentRec& a = *found.value();
  if (a.state != AgentState::WrapUp)
    return make_error("acd.not_in_wrapup", "agent " + login + " is not in wrap-up");
  if (disposition.empty() && a.wrap_needs_disposition)
    return make_error("acd.disposition_required", "agent " + login + " must give a disposition to end wrap-up");
  // Disposition codes are the contact's tenant's (the client company served).
  auto t = s_->tenants.find(a.wrap_tenant);
  if (!disposition.empty() && (t == s_->tenants.end() || !t->second.dispositions.count(disposition)))
    return make_error("acd.disposition_unknown",
                      "\"" + disposition + "\" is not a disposition code of tenant " + a.wrap_tenant);
  Outputs out;
  if (!disposition.empty()) {
    out.emplace_back(ContactLog{a.contact, a.wrap_tenant, a.wrap_queue, "disposition",
                                nlohmann::json{{"code", disposition}, {"agent", a.login}, {"actor", actor}}.dump()});
  }
  s_->agent_timers.erase({a.wrap_deadline, a.id});
  s_->apply_pending_or_ready(a, "wrap_up_done", out);
  return out;
}

}  // namespace plateau::acd
