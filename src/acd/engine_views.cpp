// engine_views.cpp — read-only views of agents, queues and contacts, and the
// brute-force check of the engine's invariants.
#include <map>

#include "acd/engine_state.h"

namespace plateau::acd {

namespace {

std::string pending_of(const AgentRec& a) {
  switch (a.pending) {
    case AgentRec::Pending::None: return "";
    case AgentRec::Pending::NotReady: return "not_ready:" + a.pending_reason;
    case AgentRec::Pending::LoggedOut: return "logged_out";
  }
  return "";
}

const char* phase_name(Contact::Phase p) {
  switch (p) {
    case Contact::Phase::Waiting: return "waiting";
    case Contact::Phase::Delayed: return "delayed";
    case Contact::Phase::Offered: return "offered";
    case Contact::Phase::Connected: return "connected";
  }
  return "waiting";
}

}  // namespace

std::optional<AgentId> Engine::agent_id(const std::string& tenant, const std::string& login) const {
  auto it = s_->agent_ids.find(State::key(tenant, login));
  if (it == s_->agent_ids.end() || !s_->agents[it->second].provisioned) return std::nullopt;
  return it->second;
}

std::optional<AgentView> Engine::agent(AgentId id) const {
  if (id >= s_->agents.size()) return std::nullopt;
  const AgentRec& a = s_->agents[id];
  AgentView v;
  v.id = a.id;
  v.tenant = a.tenant;
  v.login = a.login;
  v.state = a.state;
  v.reason = a.reason;
  v.pending = pending_of(a);
  v.since_mono = a.since;
  v.contact = a.contact;
  v.contacts_today = a.contacts_today;
  v.talk_today_ms = a.talk_today;
  v.time_in_ms = a.time_in;
  v.logged_in_ms = a.logged_in_ms;
  return v;
}

std::vector<AgentView> Engine::agents() const {
  std::vector<AgentView> v;
  for (const auto& a : s_->agents)
    if (a.provisioned || a.state != AgentState::LoggedOut) v.push_back(*agent(a.id));
  return v;
}

std::vector<QueueView> Engine::queues() const {
  std::vector<QueueView> v;
  const int64_t t = s_->now();
  std::map<QueueId, int64_t> oldest;
  std::map<QueueId, int> callbacks;
  for (const auto& [id, c] : s_->contacts) {
    if (c.phase == Contact::Phase::Connected) continue;
    if (c.kind == ContactKind::Callback) callbacks[c.queue]++;
    auto [it, fresh] = oldest.try_emplace(c.queue, c.arrived);
    if (!fresh && c.arrived < it->second) it->second = c.arrived;
  }
  for (const auto& q : s_->queues) {
    if (!q.provisioned) continue;
    QueueView qv;
    qv.id = q.id;
    qv.tenant = q.tenant;
    qv.name = q.name;
    qv.waiting = static_cast<int>(q.positions.size());
    qv.ringing = q.ringing;
    qv.callbacks = callbacks[q.id];
    if (auto it = oldest.find(q.id); it != oldest.end()) qv.oldest_wait_ms = t - it->second;
    qv.agents = q.by_state;
    qv.ewt_ms = s_->ewt(q, qv.waiting + 1);
    qv.aht_ms = q.aht_ms;
    qv.entered = q.entered;
    qv.answered = q.answered;
    qv.abandoned = q.abandoned;
    qv.overflowed = q.overflowed;
    qv.answered_in_sl = q.answered_in_sl;
    v.push_back(qv);
  }
  return v;
}

std::optional<ContactView> Engine::contact(ContactId id) const {
  auto it = s_->contacts.find(id);
  if (it == s_->contacts.end()) return std::nullopt;
  const Contact& c = it->second;
  const QueueState& q = s_->queues[c.queue];
  ContactView v;
  v.id = c.id;
  v.tenant = q.tenant;
  v.queue = q.name;
  v.kind = c.kind;
  v.phase = phase_name(c.phase);
  v.requirement = s_->reqs[c.req].text();
  v.position = s_->position(c);
  v.waited_ms = s_->now() - c.arrived;
  v.ewt_ms = c.phase == Contact::Phase::Waiting ? s_->ewt(q, v.position) : -1;
  v.callback_attempts = c.attempts;
  v.agents = c.phase == Contact::Phase::Connected ? std::vector<AgentId>{c.agent} : c.offered;
  return v;
}

std::vector<ContactView> Engine::contacts() const {
  std::vector<ContactView> v;
  for (const auto& [id, c] : s_->contacts) v.push_back(*contact(id));
  return v;
}

size_t Engine::contact_count() const { return s_->contacts.size(); }

std::vector<std::string> Engine::self_check() const {
  const State& s = *s_;
  std::vector<std::string> bad;
  auto who = [&](AgentId a) { return s.agents[a].tenant + "/" + s.agents[a].login; };
  auto cid = [](ContactId c) { return std::to_string(c.value); };
  const int64_t t = s.now();

  std::map<AgentId, int> offers_held;
  for (const auto& [id, c] : s.contacts) {
    const QueueState& q = s.queues[c.queue];
    const bool filed = q.positions.find({c.key.first, c.key.second, id.value}) != q.positions.end();
    if (filed != (c.phase == Contact::Phase::Waiting))
      bad.push_back("contact " + cid(id) + " is " + phase_name(c.phase) + " but " + (filed ? "" : "not ") + "in line");
    if (c.phase == Contact::Phase::Offered) {
      if (c.offered.empty()) bad.push_back("contact " + cid(id) + " offered to nobody");
      if (c.offered.size() > 1 && q.rules->strategy != model::Strategy::RingAll)
        bad.push_back("contact " + cid(id) + " offered to " + std::to_string(c.offered.size()) + " agents");
      for (AgentId a : c.offered) {
        offers_held[a]++;
        if (s.agents[a].state != AgentState::Reserved || s.agents[a].contact != id)
          bad.push_back("contact " + cid(id) + " offered to " + who(a) + " who is not reserved for it");
      }
    }
    if (c.phase == Contact::Phase::Connected &&
        (c.agent == kNoAgent || (s.agents[c.agent].contact != id && s.agents[c.agent].state == AgentState::Busy)))
      bad.push_back("contact " + cid(id) + " connected without its agent");
    if (c.phase != Contact::Phase::Waiting) continue;
    // No contact waits while a ready agent who qualifies exists.
    for (AgentId a : q.members) {
      const AgentRec& ag = s.agents[a];
      if (ag.state == AgentState::Ready && s.reqs[c.req].matches(ag.skills))
        bad.push_back("contact " + cid(id) + " waits in " + q.name + " while " + who(a) + " is ready and qualifies");
    }
  }
  for (const auto& [a, n] : offers_held)
    if (n > 1) bad.push_back(who(a) + " holds " + std::to_string(n) + " offers");

  for (const auto& q : s.queues) {
    std::array<int, kAgentStates.size()> by{};
    for (AgentId a : q.members) by[static_cast<size_t>(s.agents[a].state)]++;
    if (by != q.by_state) bad.push_back("queue " + q.name + ": agents-by-state counters drifted");
    size_t in_classes = 0;
    for (const auto& [rid, ci] : q.classes) {
      in_classes += ci.waiting.size();
      for (const auto& [k, a] : ci.ready) {
        if (s.agents[a].state != AgentState::Ready || !s.reqs[rid].matches(s.agents[a].skills))
          bad.push_back("queue " + q.name + ": " + who(a) + " indexed as ready for a class it does not belong to");
      }
      for (AgentId a : q.members) {
        const AgentRec& ag = s.agents[a];
        if (ag.state != AgentState::Ready || !s.reqs[rid].matches(ag.skills)) continue;
        bool found = false;
        for (const auto& [k, x] : ci.ready) found = found || x == a;
        if (!found) bad.push_back("queue " + q.name + ": ready " + who(a) + " missing from a class index");
      }
    }
    if (in_classes != q.positions.size()) bad.push_back("queue " + q.name + ": class and line sizes differ");
    size_t nonempty = 0;
    for (const auto& [rid, ci] : q.classes) nonempty += ci.waiting.empty() ? 0 : 1;
    if (nonempty != q.waiting_classes.size()) bad.push_back("queue " + q.name + ": waiting classes list drifted");
  }

  for (const auto& a : s.agents) {
    if (a.state == AgentState::Reserved && !s.contacts.count(a.contact))
      bad.push_back(who(a.id) + " reserved for a contact that does not exist");
    int64_t closed = 0;
    for (size_t i = 1; i < a.time_in.size(); ++i) closed += a.time_in[i];
    const int64_t session = a.state == AgentState::LoggedOut ? 0 : t - a.login_since;
    const int64_t stretch = a.state == AgentState::LoggedOut ? 0 : t - a.since;
    if (closed + stretch != a.logged_in_ms + session)
      bad.push_back(who(a.id) + ": time in states (" + std::to_string(closed + stretch) + " ms) != time logged in (" +
                    std::to_string(a.logged_in_ms + session) + " ms)");
  }
  return bad;
}

}  // namespace plateau::acd
