#include "cti/translator.h"

#include <algorithm>

namespace plateau::cti {

using nlohmann::json;

namespace {

std::string str(const json& d, const char* key) {
  auto it = d.find(key);
  return it != d.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Who ended a call, from the reason the core gives.
std::string ended_by(const std::string& reason) {
  if (reason.rfind("caller", 0) == 0) return "caller";
  if (reason.rfind("agent", 0) == 0) return "agent";
  return "system";
}

bool idle_state(const std::string& s) { return s == "ready" || s == "not_ready" || s == "logged_out"; }

}  // namespace

std::string Event::to_json() const {
  return json{{"type", "event"}, {"topic", topic}, {"seq", seq}, {"name", name}, {"ts_ms", ts_ms}, {"data", data}}
      .dump();
}

json Snapshot::to_json() const { return json{{"topic", topic}, {"seq", seq}, {"state", state}}; }

json Contact::to_json() const {
  json j{{"call_id", call_id}, {"tenant", tenant},       {"queue", queue},      {"caller", caller},
         {"number", number},   {"direction", direction}, {"attached", attached}};
  if (!customer_id.empty()) j["customer_id"] = customer_id;
  return j;
}

void Translator::seed(const std::vector<core::AgentView>& agents) {
  for (const auto& v : agents) {
    auto key = std::make_pair(v.tenant, v.login);
    if (agents_.count(key)) continue;
    Agent& a = agents_[key];
    a.tenant = v.tenant;
    a.login = v.login;
    a.state = std::string(acd::to_string(v.state));
    a.reason = v.reason;
    a.pending = v.pending;
    a.since_ms = v.state_since_ms;
    a.in_wrapup = v.state == acd::AgentState::WrapUp;
  }
}

uint64_t Translator::seq(const std::string& topic) const {
  auto it = seq_.find(topic);
  return it == seq_.end() ? 0 : it->second;
}

void Translator::publish(std::vector<Event>& out, const std::string& topic, const std::string& name, int64_t ts,
                         json data) {
  out.push_back(Event{topic, ++seq_[topic], name, ts, std::move(data)});
}

void Translator::publish_contact(std::vector<Event>& out, const core::LogEvent& ev, const Contact& c,
                                 const std::string& agent, const std::string& name, json data) {
  data["contact"] = c.to_json();
  data["agent"] = agent;
  if (!agent.empty()) publish(out, agent_topic(c.tenant, agent).str(), name, ev.ts_ms, data);
  if (!c.queue.empty()) publish(out, queue_topic(c.tenant, c.queue).str(), name, ev.ts_ms, data);
  publish(out, tenant_topic(c.tenant).str(), name, ev.ts_ms, std::move(data));
}

Translator::Agent& Translator::agent(const std::string& tenant, const std::string& login) {
  Agent& a = agents_[{tenant, login}];
  if (a.login.empty()) {
    a.tenant = tenant;
    a.login = login;
  }
  return a;
}

Contact& Translator::contact(const core::LogEvent& ev) {
  auto [it, added] = contacts_.try_emplace(ev.call_id);
  if (added) {
    it->second.call_id = ev.call_id;
    it->second.tenant = ev.tenant;
    it->second.since_ms = ev.ts_ms;
    arrival_.push_back(ev.call_id);
    // Calls whose end was never logged must not pile up.
    while (contacts_.size() > max_contacts_ && !arrival_.empty()) {
      if (arrival_.front() != ev.call_id) contacts_.erase(arrival_.front());
      arrival_.pop_front();
    }
    if (arrival_.size() > 2 * contacts_.size() + 64) {
      std::erase_if(arrival_, [&](const std::string& id) { return !contacts_.count(id); });
    }
  }
  return it->second;
}

void Translator::forget(const std::string& call_id) {
  contacts_.erase(call_id);
  while (!arrival_.empty() && !contacts_.count(arrival_.front())) arrival_.pop_front();
}

std::vector<Event> Translator::on_log(const core::LogEvent& ev) {
  std::vector<Event> out;
  json d = json::parse(ev.data_json.empty() ? "{}" : ev.data_json, nullptr, false);
  if (d.is_discarded() || !d.is_object()) d = json::object();
  const std::string& k = ev.kind;

  if (k == "agent.state") {
    on_agent_state(ev, d, out);
    return out;
  }
  if (k.rfind("supervisor.", 0) == 0) {
    // Supervisors' actions: on the tenant's topic only, which agents do not
    // see; an agent is never told it is listened to.
    d["agent"] = ev.agent;
    d["call_id"] = ev.call_id;
    publish(out, tenant_topic(ev.tenant).str(), k + ".v1", ev.ts_ms, std::move(d));
    return out;
  }
  if (k == "contact.disposition") {
    const std::string login = str(d, "agent");
    if (!login.empty()) agent(ev.tenant, login).disposition = str(d, "code");
    return out;
  }
  if (k == "call.wrapup_ended") {
    if (!ev.agent.empty()) {
      Agent& a = agent(ev.tenant, ev.agent);
      if (d.contains("disposition")) a.disposition = str(d, "disposition");
      a.note = str(d, "note");
    }
    return out;
  }
  if ((k == "recording.paused" || k == "recording.resumed") && contacts_.count(ev.call_id)) {
    Contact& c = contacts_.at(ev.call_id);
    const bool paused = k == "recording.paused";
    publish_contact(out, ev, c, ev.agent.empty() ? c.agent : ev.agent,
                    paused ? "contact.recording_paused.v1" : "contact.recording_resumed.v1",
                    json{{"by", str(d, "actor")}, {"offset_ms", d.value("offset_ms", int64_t{0})}});
    return out;
  }
  if (k.rfind("call.", 0) != 0 || ev.call_id.empty()) return out;

  // A call already forgotten is not brought back by a late event of its own.
  if (k != "call.arrived" && k != "call.offered" && k != "call.queued" && !contacts_.count(ev.call_id)) return out;
  Contact& c = contact(ev);
  auto set_state = [&](const char* s) {
    c.state = s;
    c.since_ms = ev.ts_ms;
  };

  if (k == "call.arrived") {
    c.caller = str(d, "caller");
    c.number = str(d, "number");
  } else if (k == "call.queued") {
    c.queue = str(d, "queue");
    set_state("queued");
    publish_contact(out, ev, c, "", "contact.queued.v1", json::object());
  } else if (k == "call.ivr_ended") {
    if (auto a = d.find("attached"); a != d.end() && a->is_object()) c.attached.update(*a);
    if (auto id = str(d, "customer_id"); !id.empty()) c.customer_id = id;
  } else if (k == "call.offered") {
    if (auto q = str(d, "queue"); !q.empty()) c.queue = q;
    if (auto v = str(d, "caller"); !v.empty()) c.caller = v;
    if (auto v = str(d, "number"); !v.empty()) c.number = v;
    if (auto a = d.find("attached"); a != d.end() && a->is_object()) c.attached.update(*a);
    if (auto id = str(d, "customer_id"); !id.empty()) c.customer_id = id;
    if (str(d, "kind") == "callback") c.direction = "outbound";
    c.agent = ev.agent;
    set_state("offered");
    if (!ev.agent.empty()) agent(c.tenant, ev.agent).contact = c;
    publish_contact(out, ev, c, c.agent, "contact.offered.v1", json::object());
  } else if (k == "call.answered") {
    if (!ev.agent.empty()) c.agent = ev.agent;
    set_state("connected");
    if (!c.agent.empty()) agent(c.tenant, c.agent).contact = c;
    publish_contact(out, ev, c, c.agent, "contact.connected.v1", json::object());
  } else if (k == "call.ring_no_answer" || k == "call.offer_withdrawn") {
    // The call stays in its queue; for the agent, the offer is over.
    const std::string who = ev.agent.empty() ? c.agent : ev.agent;
    if (c.agent == who) c.agent.clear();
    set_state("queued");
    if (!who.empty()) {
      Agent& a = agent(c.tenant, who);
      if (a.contact && a.contact->call_id == c.call_id) a.contact.reset();
      json data{{"by", "system"}, {"reason", str(d, "reason")}, {"contact", c.to_json()}, {"agent", who}};
      publish(out, agent_topic(c.tenant, who).str(), "contact.ended.v1", ev.ts_ms, data);
      publish(out, tenant_topic(c.tenant).str(), "contact.ended.v1", ev.ts_ms, std::move(data));
    }
  } else if (k == "call.held" || k == "call.retrieved" || k == "call.transfer_cancelled") {
    const bool held = k == "call.held";
    set_state(held ? "held" : "connected");
    json data = json::object();
    if (k == "call.transfer_cancelled") data["reason"] = "transfer_cancelled";
    publish_contact(out, ev, c, c.agent, held ? "contact.held.v1" : "contact.retrieved.v1", std::move(data));
  } else if (k == "call.transfer_started" || k == "call.consult_answered") {
    if (k == "call.transfer_started") {
      c.transfer_to = json{{"type", str(d, "to_type")}, {"target", str(d, "target")}};
      if (str(d, "mode") != "consult") return out;  // a blind transfer says so once done
    }
    set_state("consulting");
    publish_contact(out, ev, c, c.agent, "contact.consulting.v1",
                    json{{"to", c.transfer_to}, {"answered", k == "call.consult_answered"}});
  } else if (k == "call.transferred") {
    json data{{"mode", str(d, "mode")}, {"to", json{{"type", str(d, "to_type")}, {"target", str(d, "target")}}}};
    const std::string from = c.agent;
    c.agent.clear();
    set_state("transferred");
    publish_contact(out, ev, c, from, "contact.transferred.v1", std::move(data));
    if (!from.empty()) end_for_agent(ev, c, from, out);
  } else if (k == "call.conferenced") {
    set_state("conferenced");
    publish_contact(out, ev, c, c.agent, "contact.conferenced.v1", json::object());
  } else if (k == "call.hangup_by_agent") {
    c.ended_by = "agent";
  } else if (k == "call.ended") {
    const std::string reason = str(d, "reason");
    const std::string by = c.ended_by.empty() ? ended_by(reason) : c.ended_by;
    const std::string who = c.agent;
    set_state("ended");
    publish_contact(out, ev, c, who, "contact.ended.v1",
                    json{{"by", by}, {"reason", reason}, {"outcome", str(d, "outcome")}});
    if (!who.empty()) end_for_agent(ev, c, who, out);
    forget(ev.call_id);
  }
  return out;
}

// The contact is over for this agent: its wrap-up, if it had begun, is announced now.
void Translator::end_for_agent(const core::LogEvent& ev, const Contact& c, const std::string& login,
                               std::vector<Event>& out) {
  Agent& a = agent(c.tenant, login);
  if (!a.contact || a.contact->call_id != c.call_id) return;
  a.contact->state = "ended";
  a.contact->since_ms = ev.ts_ms;
  if (a.wrapup_due) {
    a.wrapup_due = false;
    json data{{"agent", login}, {"contact", a.contact->to_json()}};
    publish(out, agent_topic(a.tenant, login).str(), "wrapup.started.v1", ev.ts_ms, data);
    publish(out, tenant_topic(a.tenant).str(), "wrapup.started.v1", ev.ts_ms, std::move(data));
  } else if (idle_state(a.state)) {
    a.contact.reset();
  }
}

void Translator::on_agent_state(const core::LogEvent& ev, const json& d, std::vector<Event>& out) {
  if (ev.agent.empty()) return;
  Agent& a = agent(ev.tenant, ev.agent);
  const std::string previous = a.state;
  a.state = str(d, "to");
  a.reason = str(d, "reason");
  a.pending = str(d, "pending");
  a.since_ms = ev.ts_ms;
  const std::string at = agent_topic(a.tenant, a.login).str(), tt = tenant_topic(a.tenant).str();
  json data{{"agent", a.login},      {"state", a.state},       {"reason", a.reason}, {"pending", a.pending},
            {"since_ms", a.since_ms}, {"previous", previous}};
  publish(out, at, "agent.state_changed.v1", ev.ts_ms, data);
  publish(out, tt, "agent.state_changed.v1", ev.ts_ms, std::move(data));

  if (a.in_wrapup && a.state != "wrap_up") {
    json w{{"agent", a.login}, {"disposition", a.disposition}, {"note", a.note}};
    if (a.contact) w["contact"] = a.contact->to_json();
    publish(out, at, "wrapup.ended.v1", ev.ts_ms, w);
    publish(out, tt, "wrapup.ended.v1", ev.ts_ms, std::move(w));
    a.in_wrapup = a.wrapup_due = false;
    a.disposition.clear();
    a.note.clear();
  }
  if (a.state == "wrap_up" && !a.in_wrapup) {
    a.in_wrapup = true;
    a.disposition.clear();
    a.note.clear();
    if (a.contact && a.contact->state != "ended") {
      a.wrapup_due = true;  // announced right after the contact ends
    } else {
      json w{{"agent", a.login}};
      if (a.contact) w["contact"] = a.contact->to_json();
      publish(out, at, "wrapup.started.v1", ev.ts_ms, w);
      publish(out, tt, "wrapup.started.v1", ev.ts_ms, std::move(w));
    }
  }
  if (idle_state(a.state)) a.contact.reset();
}

json Translator::agent_state(const Agent* a, const core::AgentView* v) const {
  json j;
  j["tenant"] = a ? a->tenant : v->tenant;
  j["agent"] = a ? a->login : v->login;
  j["name"] = v ? v->name : "";
  j["phone"] = v ? v->phone : "";
  j["state"] = a ? a->state : std::string(acd::to_string(v->state));
  j["reason"] = a ? a->reason : v->reason;
  j["pending"] = a ? a->pending : v->pending;
  j["since_ms"] = a ? a->since_ms : v->state_since_ms;
  j["wrap_up"] = a ? a->in_wrapup : v->state == acd::AgentState::WrapUp;
  json contact = nullptr;
  if (a && a->contact) {
    contact = a->contact->to_json();
    contact["state"] = a->contact->state;
    contact["since_ms"] = a->contact->since_ms;
  }
  j["contact"] = std::move(contact);
  return j;
}

std::optional<Snapshot> Translator::snapshot(const Topic& topic, const std::vector<core::AgentView>& agents,
                                             const std::vector<core::QueueView>& queues) const {
  auto agent_of = [&](const core::AgentView& v) -> const Agent* {
    auto it = agents_.find({v.tenant, v.login});
    return it == agents_.end() ? nullptr : &it->second;
  };
  auto queue_state = [&](const core::QueueView& q) {
    json by_state = json::object();
    for (auto s : acd::kAgentStates) by_state[std::string(acd::to_string(s))] = q.agents[static_cast<size_t>(s)];
    json contacts = json::array();
    for (const auto& id : arrival_) {
      auto it = contacts_.find(id);
      if (it == contacts_.end() || it->second.tenant != q.tenant || it->second.queue != q.name) continue;
      json c = it->second.to_json();
      c["state"] = it->second.state;
      c["since_ms"] = it->second.since_ms;
      c["agent"] = it->second.agent;
      contacts.push_back(std::move(c));
    }
    return json{{"tenant", q.tenant},       {"queue", q.name},
                {"display_name", q.display_name}, {"waiting", q.waiting},
                {"ringing", q.ringing},     {"callbacks", q.callbacks},
                {"oldest_wait_ms", q.oldest_wait_ms}, {"ewt_ms", q.ewt_ms},
                {"agents", by_state},       {"offered", q.offered},
                {"answered", q.answered},   {"abandoned", q.abandoned},
                {"overflowed", q.overflowed}, {"answered_in_sl", q.answered_in_sl},
                {"contacts", std::move(contacts)}};
  };

  Snapshot s{topic.str(), seq(topic.str()), nullptr};
  switch (topic.kind) {
    case TopicKind::Agent:
      for (const auto& v : agents) {
        if (v.tenant != topic.tenant || v.login != topic.name) continue;
        s.state = agent_state(agent_of(v), &v);
        return s;
      }
      return std::nullopt;
    case TopicKind::Queue:
      for (const auto& q : queues) {
        if (q.tenant != topic.tenant || q.name != topic.name) continue;
        s.state = queue_state(q);
        return s;
      }
      return std::nullopt;
    case TopicKind::Tenant: {
      json as = json::array(), qs = json::array();
      for (const auto& v : agents)
        if (v.tenant == topic.tenant) as.push_back(agent_state(agent_of(v), &v));
      for (const auto& q : queues)
        if (q.tenant == topic.tenant) qs.push_back(queue_state(q));
      if (as.empty() && qs.empty()) return std::nullopt;
      s.state = json{{"tenant", topic.tenant}, {"agents", std::move(as)}, {"queues", std::move(qs)}};
      return s;
    }
    case TopicKind::Supervision:
      return std::nullopt;  // the supervision board's (app::SupervisionService), not the translator's
  }
  return std::nullopt;
}

}  // namespace plateau::cti
