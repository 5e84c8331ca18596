// engine_config.cpp — building the engine's queues and agents from the
// provisioning, and swapping a new configuration in without a restart.
#include "acd/engine_state.h"

namespace plateau::acd {

Engine::Engine(const Clock& clock, uint64_t seed) : s_(std::make_unique<State>(clock, seed)) {}
Engine::~Engine() = default;

Result<Outputs> Engine::configure(const model::Provisioning& p) {
  State& s = *s_;
  // Build and check everything first: on error nothing changes.
  std::vector<std::shared_ptr<const QueueRules>> rules;
  for (const auto& q : p.queues) {
    auto r = queue_rules(q);
    if (!r) return r.error();
    rules.push_back(std::make_shared<const QueueRules>(std::move(r.value())));
  }
  {
    SkillCatalog scratch;
    for (const auto& q : rules) {
      for (const auto& n : p.numbers) {
        if (n.tenant == q->tenant && n.queue == q->name) {
          if (auto r = compile_requirement(n.requirement, scratch); !r)
            return make_error("acd.requirement", "number " + n.did + ": " + r.error().message);
        }
      }
    }
  }

  Outputs out;
  // Take every ready agent and waiting contact out of the indexes; they go
  // back in below under the new rules.
  for (auto& q : s.queues) {
    q.classes.clear();
    q.waiting_classes.clear();
    q.positions.clear();
    q.members.clear();
    q.by_state.fill(0);
    q.provisioned = false;
  }
  s.tenants.clear();
  for (const auto& t : p.tenants) s.tenants[t.name] = tenant_rules(t);

  for (auto& r : rules) {
    const std::string k = State::key(r->tenant, r->name);
    auto [it, created] = s.queue_ids.try_emplace(k, static_cast<QueueId>(s.queues.size()));
    if (created) {
      QueueState q;
      q.id = it->second;
      q.tenant = r->tenant;
      q.name = r->name;
      s.queues.push_back(std::move(q));
    }
    QueueState& q = s.queues[it->second];
    q.rules = r;
    q.provisioned = true;
  }

  for (auto& a : s.agents) a.provisioned = false;
  for (const auto& pa : p.agents) {
    const std::string k = State::key(pa.tenant, pa.login);
    auto [it, created] = s.agent_ids.try_emplace(k, static_cast<AgentId>(s.agents.size()));
    if (created) {
      AgentRec a;
      a.id = it->second;
      a.tenant = pa.tenant;
      a.login = pa.login;
      a.since = s.now();
      s.agents.push_back(std::move(a));
    }
    AgentRec& a = s.agents[it->second];
    a.provisioned = true;
    a.skills = SkillLevels(pa.skills, s.skills);
    a.queues.clear();
    for (const auto& m : pa.queues) {
      auto q = s.queue_ids.find(State::key(m.tenant, m.queue));
      if (q == s.queue_ids.end() || !s.queues[q->second].provisioned) continue;
      a.queues.push_back({q->second, m.weight, 0});
    }
  }
  for (auto& a : s.agents) {
    if (!a.provisioned) a.queues.clear();
    for (auto& m : a.queues) {
      QueueState& q = s.queues[m.queue];
      m.rr_pos = static_cast<int64_t>(q.members.size());
      q.members.push_back(a.id);
      q.by_state[static_cast<size_t>(a.state)]++;
    }
  }

  // Waiting contacts back in their queues (each keeps its own rules).
  for (auto& [id, c] : s.contacts)
    if (c.phase == Contact::Phase::Waiting) s.file_waiting(c);

  // Agents no longer provisioned leave (at the end of their contact).
  for (auto& a : s.agents) {
    if (a.provisioned || a.state == AgentState::LoggedOut) continue;
    switch (a.state) {
      case AgentState::Busy:
        a.pending = AgentRec::Pending::LoggedOut;
        a.pending_reason = "deprovisioned";
        break;
      case AgentState::Reserved: {
        auto cit = s.contacts.find(a.contact);
        a.contact = {};
        s.set_state(a, AgentState::LoggedOut, "deprovisioned", "config", out);
        if (cit != s.contacts.end()) {
          Contact& c = cit->second;
          std::erase(c.offered, a.id);
          out.emplace_back(OfferWithdrawn{c.id, a.id, "agent_logged_out"});
          if (c.offered.empty()) {
            s.queues[c.queue].ringing--;
            s.requeue(c, out);
          }
        }
        break;
      }
      default:
        if (a.wrap_deadline >= 0) s.agent_timers.erase({a.wrap_deadline, a.id});
        a.wrap_deadline = -1;
        a.contact = {};
        s.set_state(a, AgentState::LoggedOut, "deprovisioned", "config", out);
    }
  }

  // New skills or memberships may match waiting contacts with ready agents:
  // every ready agent looks for work again, longest idle first.
  std::vector<AgentId> ready;
  for (const auto& a : s.agents)
    if (a.state == AgentState::Ready) ready.push_back(a.id);
  std::sort(ready.begin(), ready.end(),
            [&](AgentId x, AgentId y) { return s.agents[x].idle_since < s.agents[y].idle_since; });
  for (AgentId id : ready) {
    AgentRec& a = s.agents[id];
    if (a.state != AgentState::Ready) continue;
    s.unindex_agent(a);
    s.match_agent(a, out);
  }
  return out;
}

}  // namespace plateau::acd
