// router_control.cpp — call control by the agent from the desktop: answer,
// hold and retrieve, hang-up, DTMF, blind and consultation transfers to a
// queue, an agent or an external number, three-way conference (docs/CTI.md).
//
// Plateau's B2BUA does it all with its own legs: hold is an Unbridge with
// music to the caller, a consultation is a new leg bridged to the agent's leg
// while the caller is held, a conference mixes the three legs. The phones
// never see a re-INVITE, REFER or hold of their own.
#include <cctype>

#include <nlohmann/json.hpp>

#include "common/next_id.h"
#include "core/router.h"

namespace plateau::core {

using model::CallOutcome;
using nlohmann::json;

namespace {

bool valid_digits(const std::string& d) {
  if (d.empty() || d.size() > 32) return false;
  for (char ch : d) {
    const bool ok = std::isdigit(static_cast<unsigned char>(ch)) || ch == '*' || ch == '#' || (ch >= 'A' && ch <= 'D');
    if (!ok) return false;
  }
  return true;
}

Error bad_state(const std::string& message) { return make_error("cti.bad_state", message); }

}  // namespace

// ---- look-ups ----------------------------------------------------------------

Result<Call*> Router::agent_call(const std::string& tenant, const std::string& login, acd::AgentId& agent) {
  auto id = acd_.agent_id(tenant, login);
  if (!id || !dir_->agent(tenant, login)) return make_error("acd.agent_unknown", "no agent " + login + " in tenant " + tenant);
  agent = *id;
  auto v = acd_.agent(*id);
  const bool on_contact = v && v->contact.valid() && (v->state == AgentState::Reserved || v->state == AgentState::Busy);
  Call* c = on_contact ? call_by_contact(v->contact) : nullptr;
  if (!c || c->phase == CallPhase::Ended) return make_error("cti.no_call", "agent " + login + " has no call now");
  return c;
}

bool Router::is_consult_contact(const Call& c, acd::ContactId contact) const {
  return c.consult.active && c.consult.contact.valid() && c.consult.contact == contact;
}

json Router::contact_data(const Call& c) const {
  json attached = json::object();
  const ivr::Attributes& attrs = !c.attached.empty() || !c.ivr ? c.attached : c.ivr->attributes();
  for (const auto& [k, v] : attrs) attached[k] = v;
  json j{{"caller", c.caller}, {"number", c.number}, {"queue", c.queue}, {"attached", attached},
         {"direction", c.is_callback ? "callback" : "inbound"}};
  if (auto it = attrs.find("customer_id"); it != attrs.end() && !it->second.empty()) j["customer_id"] = it->second;
  return j;
}

std::optional<ContactInfo> Router::contact_of(const std::string& tenant, const std::string& login) const {
  auto id = acd_.agent_id(tenant, login);
  if (!id) return std::nullopt;
  auto v = acd_.agent(*id);
  if (!v || !v->contact.valid() || (v->state != AgentState::Reserved && v->state != AgentState::Busy))
    return std::nullopt;
  auto cid = by_contact_.find(v->contact);
  if (cid == by_contact_.end()) return std::nullopt;
  auto it = calls_.find(cid->second);
  if (it == calls_.end() || it->second.phase == CallPhase::Ended) return std::nullopt;
  const Call& c = it->second;
  const json d = contact_data(c);
  ContactInfo info;
  info.call_id = c.pid;
  info.caller = c.caller;
  info.number = c.number;
  info.queue = c.queue;
  info.direction = d["direction"].get<std::string>();
  info.attached_json = d["attached"].dump();
  info.customer_id = d.value("customer_id", "");
  const bool consulted = is_consult_contact(c, v->contact);
  info.role = v->state == AgentState::Reserved ? "offered" : consulted ? "consulted" : "connected";
  info.held = c.held;
  info.conference = c.conference;
  info.recording_paused = c.recording_paused;
  if (c.consult.active) {
    info.consult_type = c.consult.to_type;
    info.consult_target = c.consult.target;
    info.consult_answered = c.consult.answered;
  }
  info.answer_ms = c.answer_ms;
  return info;
}

// ---- helpers -------------------------------------------------------------------

void Router::hang_up_leg(LegId& leg, const std::string& reason, std::vector<Output>& out) {
  if (!leg.valid()) return;
  out.emplace_back(model::HangupLeg{leg, 0, reason});
  legs_.erase(leg);
  leg = {};
}

void Router::hold(Call& c, std::vector<Output>& out) {
  out.emplace_back(model::Unbridge{c.id});
  out.emplace_back(model::PlayPrompt{c.caller_leg, "moh", c.language, true});
  c.held = true;
  c.held_mono = clock_.monotonic_ms();
  c.holds++;
  log(out, c.tenant, "call.held", &c, login_of(c.agent), json{{"holds", c.holds}}.dump());
}

void Router::end_hold(Call& c) {
  if (!c.held) return;
  c.hold_ms += clock_.monotonic_ms() - c.held_mono;
  c.held = false;
  c.held_mono = -1;
}

void Router::note_transfer(Call& c, const std::string& mode, const std::string& type, const std::string& target,
                           acd::AgentId from, const std::string& to_agent, std::vector<Output>& out) {
  c.transfers.push_back({mode, type, target, login_of(from), to_agent, clock_.now_ms()});
  c.transferred = true;
  log(out, c.tenant, "call.transferred", &c, login_of(from),
      json{{"mode", mode}, {"to_type", type}, {"target", target}, {"to_agent", to_agent}}.dump());
}

// The consultation ends without a transfer: its legs are hung up, its contact
// leaves the ACD (a target agent who talked goes to wrap-up); the caller stays
// on hold.
void Router::drop_consult(Call& c, const std::string& reason, std::vector<Output>& out) {
  if (!c.consult.active) return;
  Consult k = std::move(c.consult);
  c.consult = {};
  c.conference = false;
  for (auto& r : k.ringing) {
    out.emplace_back(model::HangupLeg{r.leg, 0, "transfer_cancelled"});
    legs_.erase(r.leg);
  }
  hang_up_leg(k.leg, "transfer_cancelled", out);
  if (k.contact.valid()) {
    c.old_contacts.push_back(k.contact);
    apply(acd_.remove(k.contact, "transfer_cancelled"), out);
  }
  log(out, c.tenant, "call.transfer_cancelled", &c, login_of(c.agent),
      json{{"reason", reason}, {"to_type", k.to_type}, {"target", k.target}}.dump());
}

// The consulted target takes the agent's place: the first agent's leg is hung
// up and its contact ends (wrap-up); the caller talks with the target.
void Router::hand_over(Call& c, std::vector<Output>& out) {
  end_hold(c);
  end_monitors(c, "agent_left", out);  // the supervisors monitored the agent who leaves
  hang_up_leg(c.agent_leg, "transferred", out);
  apply(acd_.ended(c.contact), out);
  c.old_contacts.push_back(c.contact);
  Consult k = std::move(c.consult);
  c.consult = {};
  c.conference = false;
  c.transferred = true;
  LegId other = k.leg;
  if (k.to_type == "external") {
    c.external_leg = k.leg;
    c.in_acd = false;
  } else {
    c.contact = k.contact;
    c.agent = k.agent;
    c.agent_leg = k.leg;
    c.in_acd = true;
  }
  if (c.caller_leg.valid() && other.valid()) out.emplace_back(model::Bridge{c.id, c.caller_leg, other, ""});
}

// ---- commands ------------------------------------------------------------------

void Router::answer_from_desktop(Call& c, std::vector<RingingLeg>& ringing, acd::AgentId agent,
                                 std::vector<Output>& out) {
  for (auto& r : ringing) {
    if (r.agent != agent) continue;
    // The ringing leg is cancelled and the phone is called again with
    // auto-answer: phones that honour it pick up at once.
    out.emplace_back(model::HangupLeg{r.leg, 0, "answered_from_desktop"});
    legs_.erase(r.leg);
    r.leg = next_id<LegId>();
    legs_[r.leg] = c.id;
    const model::Queue* q = dir_->queue(c.tenant, c.queue);
    out.emplace_back(model::RingPhone{c.id, r.leg, phone_of(agent), c.caller, q ? q->display_name : c.queue, true});
    log(out, c.tenant, "call.answer_requested", &c, login_of(agent), "{}");
    return;
  }
}

Result<std::vector<Output>> Router::call_action(const std::string& tenant, const std::string& login,
                                                CallAction action) {
  acd::AgentId agent = 0;
  auto found = agent_call(tenant, login, agent);
  if (!found) return found.error();
  Call& c = *found.value();
  const auto v = acd_.agent(agent);
  const bool offered = v->state == AgentState::Reserved;
  const bool consulted = is_consult_contact(c, v->contact);
  std::vector<Output> out;
  if (action == CallAction::Answer) {
    if (!offered) return bad_state("the call of agent " + login + " is not ringing");
    answer_from_desktop(c, consulted ? c.consult.ringing : c.ringing, agent, out);
    return out;
  }
  if (offered) return bad_state("the call of agent " + login + " is ringing: answer it first");
  if (consulted) {
    // The target of a consultation can only leave it.
    if (action != CallAction::Hangup) return bad_state("agent " + login + " is consulted: it can only hang up");
    if (!c.consult.leg.valid()) return bad_state("agent " + login + " is not connected");
    log(out, c.tenant, "call.hangup_by_agent", &c, login, json{{"party", "target"}}.dump());
    LegId leg = c.consult.leg;
    out.emplace_back(model::HangupLeg{leg, 0, "agent_hangup"});
    legs_.erase(leg);
    consult_leg_ended(c, model::LegEnded{leg, 0, "agent_hangup"}, out);
    return out;
  }
  if (c.phase != CallPhase::Bridged || c.agent != agent || !c.agent_leg.valid())
    return bad_state("the call of agent " + login + " is not connected");
  switch (action) {
    case CallAction::Hold:
      if (c.held) return bad_state("the call is already on hold");
      if (c.conference) return bad_state("a conference cannot be put on hold");
      if (!c.caller_leg.valid()) return bad_state("the caller has left");
      hold(c, out);
      break;
    case CallAction::Retrieve:
      if (!c.held) return bad_state("the call is not on hold");
      if (c.consult.active) return bad_state("a consultation is in progress: complete or cancel the transfer");
      {
        const int64_t held_ms = c.held ? clock_.monotonic_ms() - c.held_mono : 0;
        end_hold(c);
        out.emplace_back(model::Bridge{c.id, c.caller_leg, c.agent_leg, ""});
        log(out, c.tenant, "call.retrieved", &c, login, json{{"hold_ms", c.hold_ms}, {"held_ms", held_ms}}.dump());
      }
      break;
    case CallAction::Hangup:
      log(out, c.tenant, "call.hangup_by_agent", &c, login, json{{"party", "agent"}}.dump());
      if (c.conference) {
        // The agent leaves the conference; the caller and the target stay.
        hang_up_leg(c.agent_leg, "agent_hangup", out);
        agent_leg_ended_in_control(c, out);
        break;
      }
      drop_consult(c, "agent_hangup", out);
      end_hold(c);
      hang_up_leg(c.caller_leg, "agent_hangup", out);
      hang_up_leg(c.agent_leg, "agent_hangup", out);
      apply(acd_.ended(c.contact), out);
      c.in_acd = false;
      end_call(c, CallOutcome::Answered, "agent_hangup", out);
      break;
    case CallAction::CompleteTransfer: {
      if (!c.consult.active || c.conference) return bad_state("no consultation in progress");
      if (!c.consult.answered) return bad_state("the target has not answered yet");
      const std::string to_agent = c.consult.to_type == "external" ? "" : login_of(c.consult.agent);
      note_transfer(c, "consult", c.consult.to_type, c.consult.target, agent, to_agent, out);
      hand_over(c, out);
      break;
    }
    case CallAction::CancelTransfer:
      if (!c.consult.active || c.conference) return bad_state("no consultation in progress");
      drop_consult(c, "cancelled", out);
      {
        const int64_t held_ms = c.held ? clock_.monotonic_ms() - c.held_mono : 0;
        end_hold(c);
        out.emplace_back(model::Bridge{c.id, c.caller_leg, c.agent_leg, ""});
        log(out, c.tenant, "call.retrieved", &c, login, json{{"hold_ms", c.hold_ms}, {"held_ms", held_ms}}.dump());
      }
      break;
    case CallAction::Conference:
      if (!c.consult.active || c.conference) return bad_state("no consultation in progress");
      if (!c.consult.answered) return bad_state("the target has not answered yet");
      if (!c.caller_leg.valid()) return bad_state("the caller has left");
      end_hold(c);
      c.conference = true;
      c.record.conference = true;
      out.emplace_back(model::Conference{c.id, {c.caller_leg, c.agent_leg, c.consult.leg}, ""});
      log(out, c.tenant, "call.conferenced", &c, login,
          json{{"to_type", c.consult.to_type}, {"target", c.consult.target}}.dump());
      break;
    case CallAction::Answer:
      break;
  }
  return out;
}

Result<std::vector<Output>> Router::send_digits(const std::string& tenant, const std::string& login,
                                                const std::string& digits) {
  if (!valid_digits(digits))
    return make_error("cti.bad_request", "digits must be 1 to 32 of 0-9 * # A-D, not \"" + digits + "\"");
  acd::AgentId agent = 0;
  auto found = agent_call(tenant, login, agent);
  if (!found) return found.error();
  Call& c = *found.value();
  if (c.phase != CallPhase::Bridged || c.agent != agent || !c.caller_leg.valid())
    return bad_state("the call of agent " + login + " is not connected");
  std::vector<Output> out;
  out.emplace_back(model::SendDigits{c.caller_leg, digits});
  log(out, c.tenant, "call.dtmf_sent", &c, login, json{{"digits", digits}}.dump());
  return out;
}

Result<std::vector<Output>> Router::transfer(const std::string& tenant, const std::string& login,
                                             const TransferRequest& t) {
  if (t.mode != "blind" && t.mode != "consult")
    return make_error("cti.bad_request", "mode must be \"blind\" or \"consult\", not \"" + t.mode + "\"");
  if (t.type != "queue" && t.type != "agent" && t.type != "external")
    return make_error("cti.bad_request", "to.type must be \"queue\", \"agent\" or \"external\", not \"" + t.type + "\"");
  if (t.target.empty()) return make_error("cti.bad_request", "to.target is empty");
  acd::AgentId agent = 0;
  auto found = agent_call(tenant, login, agent);
  if (!found) return found.error();
  Call& c = *found.value();
  if (c.phase != CallPhase::Bridged || c.agent != agent || !c.agent_leg.valid() || !c.caller_leg.valid())
    return bad_state("the call of agent " + login + " is not connected");
  if (c.consult.active || c.conference) return bad_state("a consultation is already in progress");
  if (c.is_callback) return bad_state("a callback call cannot be transferred");
  // The target is checked before anything changes: a queue or a trunk of the
  // call's tenant, an agent of the acting agent's tenant (they differ for an
  // outsourcer's agent serving a client's queue).
  if (t.type == "queue" && !dir_->queue(c.tenant, t.target))
    return make_error("cti.target_unknown", "no queue " + t.target + " in tenant " + c.tenant);
  if (t.type == "agent") {
    auto target = acd_.agent_id(tenant, t.target);
    if (!target || !dir_->agent(tenant, t.target))
      return make_error("cti.target_unknown", "no agent " + t.target + " in tenant " + tenant);
    if (*target == agent) return bad_state("an agent cannot transfer a call to itself");
    auto tv = acd_.agent(*target);
    if (!tv || tv->state != AgentState::Ready)
      return make_error("cti.target_not_ready", "agent " + t.target + " is " +
                                                    std::string(acd::to_string(tv ? tv->state : AgentState::LoggedOut)) +
                                                    ", not ready");
  }
  if (t.type == "external" && !dir_->outgoing_trunk(c.tenant))
    return make_error("cti.no_trunk", "tenant " + c.tenant + " has no trunk with a gateway for external numbers");
  if (t.mode == "blind") return blind_transfer(c, agent, t);
  return start_transfer(c, agent, t);
}

// The caller goes to the target; the agent's leg is hung up and the agent goes
// to wrap-up at once.
Result<std::vector<Output>> Router::blind_transfer(Call& c, acd::AgentId agent, const TransferRequest& t) {
  const std::string agent_tenant = acd_.agent(agent)->tenant;
  std::vector<Output> out;
  note_transfer(c, "blind", t.type, t.target, agent, t.type == "agent" ? t.target : "", out);
  end_hold(c);
  end_monitors(c, "transferred", out);
  out.emplace_back(model::Unbridge{c.id});
  hang_up_leg(c.agent_leg, "transferred", out);
  apply(acd_.ended(c.contact), out);
  c.in_acd = false;
  if (t.type == "queue") {
    c.queue = t.target;
    enqueue(c, out);  // music, and a wait counted from now
  } else if (t.type == "agent") {
    c.phase = CallPhase::Queued;
    play_music(c, out);
    auto r = acd_.offer_to(contact_spec(c), agent_tenant, t.target);
    if (!r) {
      log(out, c.tenant, "call.transfer_failed", &c, "", json{{"reason", r.error().code}}.dump());
      enqueue(c, out);
    } else {
      c.in_acd = true;
      by_contact_[c.contact] = c.id;
      apply(r.value(), out);
    }
  } else {
    out.emplace_back(model::PlayPrompt{c.caller_leg, "moh", c.language, true});
    dial_external(c, t.target, "", out);
  }
  return out;
}

// A consultation: the caller is held with music while the agent reaches the
// target on a new leg.
Result<std::vector<Output>> Router::start_transfer(Call& c, acd::AgentId agent, const TransferRequest& t) {
  const std::string agent_tenant = acd_.agent(agent)->tenant;
  std::vector<Output> out;
  if (!c.held) hold(c, out);
  c.consult = {};
  c.consult.active = true;
  c.consult.to_type = t.type;
  c.consult.target = t.target;
  log(out, c.tenant, "call.transfer_started", &c, login_of(agent),
      json{{"mode", "consult"}, {"to_type", t.type}, {"target", t.target}}.dump());
  if (t.type == "external") {
    const model::Trunk* tr = dir_->outgoing_trunk(c.tenant);
    c.consult.leg = next_id<LegId>();
    legs_[c.consult.leg] = c.id;
    c.consult.deadline_mono = clock_.monotonic_ms() + kDialRingMs;
    out.emplace_back(model::Dial{c.id, c.consult.leg, c.tenant, t.target, tr->gateway,
                                 tr->caller_id.empty() ? c.caller : tr->caller_id});
    return out;
  }
  const acd::ContactId cid = next_id<CallId>();
  c.consult.contact = cid;
  by_contact_[cid] = c.id;
  acd::ContactSpec spec;
  spec.id = cid;
  spec.tenant = c.tenant;
  spec.priority = c.priority;
  Result<acd::Outputs> r = acd::Outputs{};
  if (t.type == "agent") {
    spec.queue = c.queue;
    r = acd_.offer_to(spec, agent_tenant, t.target);
  } else {
    spec.queue = t.target;
    out.emplace_back(model::PlayPrompt{c.agent_leg, "moh", c.language, true});  // the agent waits in that queue
    r = acd_.enqueue(spec);
  }
  if (!r) {
    c.consult.contact = {};
    drop_consult(c, r.error().code, out);
    return out;
  }
  apply(r.value(), out);
  return out;
}

// ---- telephony and ACD events of a consultation -----------------------------------

void Router::consult_offer(Call& c, const acd::Offer& o, std::vector<Output>& out) {
  const LegId leg = next_id<LegId>();
  c.consult.ringing.push_back({leg, o.agent, clock_.monotonic_ms()});
  legs_[leg] = c.id;
  out.emplace_back(model::RingPhone{c.id, leg, phone_of(o.agent), c.caller, "Transfert " + login_of(c.agent)});
  json d = contact_data(c);
  d["kind"] = "consult";
  d["from_agent"] = login_of(c.agent);
  log(out, c.tenant, "call.offered", &c, login_of(o.agent), d.dump());
}

void Router::consult_withdrawn(Call& c, const acd::OfferWithdrawn& w, std::vector<Output>& out) {
  auto& ringing = c.consult.ringing;
  for (auto it = ringing.begin(); it != ringing.end(); ++it) {
    if (it->agent != w.agent) continue;
    out.emplace_back(model::HangupLeg{it->leg, 0, w.reason});
    legs_.erase(it->leg);
    log(out, c.tenant, w.reason == "ring_no_answer" ? "call.ring_no_answer" : "call.offer_withdrawn", &c,
        login_of(w.agent), json{{"reason", w.reason}}.dump());
    ringing.erase(it);
    return;
  }
}

bool Router::consult_leg_answered(Call& c, LegId leg, std::vector<Output>& out) {
  if (!c.consult.active) return false;
  auto& ringing = c.consult.ringing;
  for (auto it = ringing.begin(); it != ringing.end(); ++it) {
    if (it->leg != leg) continue;
    const acd::AgentId target = it->agent;
    ringing.erase(it);
    c.consult.leg = leg;
    c.consult.agent = target;
    c.consult.answered = true;
    last_call_[target] = c.pid;
    apply(acd_.answered(c.consult.contact, target), out);
    if (c.agent_leg.valid()) out.emplace_back(model::Bridge{c.id, c.agent_leg, leg, ""});
    log(out, c.tenant, "call.consult_answered", &c, login_of(target),
        json{{"to_type", c.consult.to_type}, {"target", c.consult.target}, {"from_agent", login_of(c.agent)}}.dump());
    return true;
  }
  if (leg == c.consult.leg && c.consult.to_type == "external" && !c.consult.answered) {
    c.consult.answered = true;
    c.consult.deadline_mono = -1;
    if (c.agent_leg.valid()) out.emplace_back(model::Bridge{c.id, c.agent_leg, leg, ""});
    log(out, c.tenant, "call.consult_answered", &c, "",
        json{{"to_type", c.consult.to_type}, {"target", c.consult.target}, {"from_agent", login_of(c.agent)}}.dump());
    return true;
  }
  return false;
}

// A leg of the consultation ended (legs_ no longer has it).
bool Router::consult_leg_ended(Call& c, const model::LegEnded& ev, std::vector<Output>& out) {
  if (!c.consult.active) return false;
  auto& ringing = c.consult.ringing;
  for (auto it = ringing.begin(); it != ringing.end(); ++it) {
    if (it->leg != ev.leg) continue;
    const acd::AgentId target = it->agent;
    ringing.erase(it);
    log(out, c.tenant, "call.offer_failed", &c, login_of(target), json{{"code", ev.code}, {"reason", ev.reason}}.dump());
    // A named agent's contact is given up (target_gone); a queue's waits again.
    apply(acd_.refused(c.consult.contact, target, refusal_reason(ev.code)), out);
    return true;
  }
  if (ev.leg != c.consult.leg) return false;
  c.consult.leg = {};
  if (c.conference) {
    // The target left the conference: the caller and the agent stay.
    apply(acd_.ended(c.consult.contact), out);
    if (c.consult.contact.valid()) c.old_contacts.push_back(c.consult.contact);
    c.consult = {};
    c.conference = false;
    if (c.caller_leg.valid() && c.agent_leg.valid())
      out.emplace_back(model::Bridge{c.id, c.caller_leg, c.agent_leg, ""});
    log(out, c.tenant, "call.conference_left", &c, "", json{{"party", "target"}}.dump());
    return true;
  }
  const bool answered = c.consult.answered;
  drop_consult(c, answered ? "target_hangup" : "no_answer " + std::to_string(ev.code), out);
  if (!c.caller_leg.valid()) {
    // The caller had left the conference: the agent was talking with the target alone.
    hang_up_leg(c.agent_leg, "target_hangup", out);
    apply(acd_.ended(c.contact), out);
    c.in_acd = false;
    end_call(c, CallOutcome::Answered, "caller_hangup", out);
  }
  return true;
}

// The connected agent's leg ended (legs_ and c.agent_leg no longer have it).
// True when the call goes on without the agent.
bool Router::agent_leg_ended_in_control(Call& c, std::vector<Output>& out) {
  if (c.conference) {
    if (!c.caller_leg.valid()) return false;
    log(out, c.tenant, "call.conference_left", &c, login_of(c.agent), json{{"party", "agent"}}.dump());
    hand_over(c, out);
    return true;
  }
  if (c.consult.active && c.consult.answered && c.caller_leg.valid()) {
    // Hanging up during an answered consultation completes the transfer.
    const std::string to_agent = c.consult.to_type == "external" ? "" : login_of(c.consult.agent);
    note_transfer(c, "consult", c.consult.to_type, c.consult.target, c.agent, to_agent, out);
    hand_over(c, out);
    return true;
  }
  drop_consult(c, "agent_hangup", out);
  return false;
}

// A targeted contact (a named agent) was given up by the ACD: nobody answered.
void Router::target_gone(acd::ContactId contact, const std::string& reason, std::vector<Output>& out) {
  Call* c = call_by_contact(contact);
  if (!c) return;
  if (is_consult_contact(*c, contact)) {
    c->old_contacts.push_back(contact);
    c->consult.contact = {};
    drop_consult(*c, "no_answer", out);
    return;
  }
  if (contact == c->contact && c->phase == CallPhase::Queued) {
    // A blind transfer to an agent who did not answer: the caller waits in
    // the call's queue.
    c->in_acd = false;
    log(out, c->tenant, "call.transfer_failed", c, "", json{{"reason", reason}}.dump());
    enqueue(*c, out);
  }
}

void Router::consult_time(Call& c, std::vector<Output>& out) {
  c.consult.deadline_mono = -1;
  if (c.consult.active && c.consult.to_type == "external" && !c.consult.answered) drop_consult(c, "no_answer", out);
}

}  // namespace plateau::core
