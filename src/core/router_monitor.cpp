// router_monitor.cpp — supervisors on a live call: a supervisor's phone rung
// with auto-answer and joined to the call (listen, whisper, barge) by the
// telephony layer's Monitor; the mode changed on the fly; the monitor ended by
// the supervisor, by the call's end or by the monitored agent leaving. And a
// supervisor forcing an agent's state. Every action goes to the event log as
// an audit event (docs/EVENTS.md: supervisor.*), with the supervisor as actor.
#include <nlohmann/json.hpp>

#include "common/next_id.h"
#include "core/router.h"

namespace plateau::core {

using nlohmann::json;

namespace {

// "m-<process start>-<leg>": unique across restarts, like a call's id.
std::string monitor_label(LegId leg) {
  std::string s = call_label(CallId{leg.value});
  s[0] = 'm';
  return s;
}

}  // namespace

Result<MonitorStarted> Router::monitor(const std::string& tenant, const std::string& call_pid,
                                       model::MonitorMode mode, const std::string& phone,
                                       const std::string& actor) {
  auto pid = by_pid_.find(call_pid);
  auto cit = pid == by_pid_.end() ? calls_.end() : calls_.find(pid->second);
  if (cit == calls_.end() || cit->second.tenant != tenant || cit->second.phase == CallPhase::Ended)
    return make_error("monitor.call_unknown", "no call " + call_pid + " in progress in tenant " + tenant);
  Call& c = cit->second;
  if (c.phase != CallPhase::Bridged || !c.has_agent || !c.agent_leg.valid())
    return make_error("monitor.not_connected", "call " + call_pid + " is not connected to an agent");
  const model::Phone* p = dir_->phone(phone);
  if (phone.empty() || !p || p->tenant != tenant)
    return make_error("monitor.phone_unknown", "no phone \"" + phone + "\" in tenant " + tenant);
  if (phone == phone_of(c.agent))
    return make_error("monitor.bad_request", "the phone " + phone + " is the monitored agent's");
  if (!registered_.count(phone))
    return make_error("monitor.phone_unregistered", "the phone " + phone + " is not registered");
  MonitorStarted r;
  Monitoring m;
  m.leg = next_id<LegId>();
  m.id = monitor_label(m.leg);
  m.tenant = tenant;
  m.actor = actor;
  m.phone = phone;
  m.agent = login_of(c.agent);
  m.call = c.id;
  m.mode = mode;
  m.started_ms = clock_.now_ms();
  m.ring_deadline_mono = clock_.monotonic_ms() + kDialRingMs;
  monitor_legs_[m.leg] = m.id;
  r.out.emplace_back(model::RingPhone{c.id, m.leg, phone, c.caller, "Supervision " + m.agent, true});
  log(r.out, c.tenant, "supervisor.monitor_started", &c, m.agent,
      json{{"actor", actor}, {"mode", model::to_string(mode)}, {"phone", phone}, {"monitor", m.id}}.dump());
  r.monitor = m.id;
  monitors_.emplace(m.id, std::move(m));
  return r;
}

Router::Monitoring* Router::find_monitor(const std::string& tenant, const std::string& id) {
  auto it = monitors_.find(id);
  return it == monitors_.end() || it->second.tenant != tenant ? nullptr : &it->second;
}

Result<std::vector<Output>> Router::set_monitor_mode(const std::string& tenant, const std::string& id,
                                                     model::MonitorMode mode, const std::string& actor) {
  Monitoring* m = find_monitor(tenant, id);
  if (!m) return make_error("monitor.unknown", "no monitor " + id + " in tenant " + tenant);
  std::vector<Output> out;
  auto cit = calls_.find(m->call);
  if (cit == calls_.end()) return make_error("monitor.unknown", "no monitor " + id + " in tenant " + tenant);
  m->mode = mode;
  if (m->joined) out.emplace_back(model::Monitor{m->call, m->leg, cit->second.agent_leg, mode});
  log(out, cit->second.tenant, "supervisor.monitor_changed", &cit->second, m->agent,
      json{{"actor", actor}, {"mode", model::to_string(mode)}, {"monitor", m->id}}.dump());
  return out;
}

Result<std::vector<Output>> Router::stop_monitor(const std::string& tenant, const std::string& id,
                                                 const std::string& actor) {
  if (!find_monitor(tenant, id))
    return make_error("monitor.unknown", "no monitor " + id + " in tenant " + tenant);
  std::vector<Output> out;
  end_monitor(id, actor, "stopped", true, out);
  return out;
}

std::vector<MonitorView> Router::monitors(const std::string& tenant) const {
  std::vector<MonitorView> v;
  for (const auto& [id, m] : monitors_) {
    if (m.tenant != tenant) continue;
    auto cit = calls_.find(m.call);
    v.push_back({m.id, m.tenant, cit != calls_.end() ? cit->second.pid : std::string(), m.agent, m.actor,
                 m.phone, m.mode, m.joined, m.started_ms});
  }
  return v;
}

bool Router::monitor_leg_answered(LegId leg, std::vector<Output>& out) {
  auto lit = monitor_legs_.find(leg);
  if (lit == monitor_legs_.end()) return false;
  Monitoring& m = monitors_.at(lit->second);
  auto cit = calls_.find(m.call);
  if (cit == calls_.end() || cit->second.phase == CallPhase::Ended) {
    end_monitor(m.id, "system", "call_ended", true, out);
    return true;
  }
  m.joined = true;
  m.ring_deadline_mono = -1;
  out.emplace_back(model::Monitor{m.call, leg, cit->second.agent_leg, m.mode});
  return true;
}

bool Router::monitor_leg_ended(const model::LegEnded& ev, std::vector<Output>& out) {
  auto lit = monitor_legs_.find(ev.leg);
  if (lit == monitor_legs_.end()) return false;
  const Monitoring& m = monitors_.at(lit->second);
  const std::string reason = m.joined ? std::string("supervisor_hangup")
                                      : "not_answered " + std::to_string(ev.code) + " " + ev.reason;
  end_monitor(m.id, m.actor, reason, false, out);
  return true;
}

void Router::end_monitors(const Call& c, const std::string& reason, std::vector<Output>& out) {
  std::vector<std::string> ids;
  for (const auto& [id, m] : monitors_)
    if (m.call == c.id) ids.push_back(id);
  for (const auto& id : ids) end_monitor(id, "system", reason, true, out);
}

void Router::end_monitor(std::string id, std::string actor, std::string reason, bool hang_up,
                         std::vector<Output>& out) {
  auto it = monitors_.find(id);
  if (it == monitors_.end()) return;
  Monitoring m = std::move(it->second);
  monitors_.erase(it);
  monitor_legs_.erase(m.leg);
  if (hang_up) out.emplace_back(model::HangupLeg{m.leg, 0, "monitor_" + reason});
  auto cit = calls_.find(m.call);
  out.emplace_back(LogEvent{clock_.now_ms(), m.tenant, "supervisor.monitor_ended",
                            cit != calls_.end() ? cit->second.pid : std::string(), m.agent,
                            json{{"actor", actor}, {"monitor", m.id}, {"reason", reason}}.dump()});
}

void Router::monitor_time(std::vector<Output>& out) {
  const int64_t now = clock_.monotonic_ms();
  std::vector<std::string> due;
  for (const auto& [id, m] : monitors_)
    if (m.ring_deadline_mono >= 0 && m.ring_deadline_mono <= now) due.push_back(id);
  for (const auto& id : due) end_monitor(id, "system", "not_answered", true, out);
}

Result<std::vector<Output>> Router::force_state(const std::string& tenant, const std::string& login,
                                                const std::string& state, const std::string& reason,
                                                const std::string& actor) {
  auto id = acd_.agent_id(tenant, login);
  if (!id || !dir_->agent(tenant, login))
    return make_error("acd.agent_unknown", "no agent " + login + " in tenant " + tenant);
  Result<acd::Outputs> r = acd::Outputs{};
  std::string why = reason;
  if (state == "ready") {
    r = acd_.set_ready(tenant, login, actor);
  } else if (state == "not_ready") {
    if (why.empty()) why = "break";
    r = acd_.set_not_ready(tenant, login, why, actor);
  } else if (state == "logged_out") {
    if (why.empty()) why = "forced_logout";
    r = acd_.logout(tenant, login, why, actor);
  } else {
    return make_error("acd.bad_state_name",
                      "state must be \"ready\", \"not_ready\" or \"logged_out\", not \"" + state + "\"");
  }
  if (!r) return r.error();
  std::vector<Output> out;
  if (state == "logged_out") chosen_phone_.erase(*id);
  apply(r.value(), out);
  auto after = acd_.agent(*id);
  const bool pending = after && std::string(acd::to_string(after->state)) != state;
  std::string call_id;
  if (after && after->contact.valid())
    if (const Call* c = call_by_contact(after->contact)) call_id = c->pid;
  out.emplace_back(
      LogEvent{clock_.now_ms(), tenant, "supervisor.forced_state", call_id, login,
               json{{"actor", actor}, {"to", state}, {"reason", why}, {"pending", pending}}.dump()});
  return out;
}

}  // namespace plateau::core
