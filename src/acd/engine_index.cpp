// engine_index.cpp — the indexes behind routing decisions, and matching.
//
// Per queue and per requirement in use (a "class"), two ordered sets: the
// ready agents who qualify, best first by the queue's strategy, and the
// waiting contacts, first first. Matching reads the head of a set instead of
// scanning agents or contacts.
#include <limits>

#include "acd/engine_state.h"

namespace plateau::acd {

namespace {

constexpr size_t kRingAllMax = 50;

}  // namespace

Result<ReqId> Engine::State::intern(const std::string& text) {
  auto it = req_ids.find(text);
  if (it != req_ids.end()) return it->second;
  auto r = compile_requirement(text, skills);
  if (!r) return r.error();
  // Two spellings of one expression share one class.
  if (auto same = req_ids.find(r.value().text()); same != req_ids.end()) {
    req_ids.emplace(text, same->second);
    return same->second;
  }
  const auto id = static_cast<ReqId>(reqs.size());
  req_ids.emplace(r.value().text(), id);
  if (text != r.value().text()) req_ids.emplace(text, id);
  reqs.push_back(std::move(r.value()));
  return id;
}

AgentKey Engine::State::agent_key(const AgentRec& a, const QueueState& q, const Membership& m, ReqId req) const {
  switch (q.rules->strategy) {
    case model::Strategy::LongestIdle: return {a.idle_since, 0};
    case model::Strategy::FewestContacts: return {a.contacts_today, a.idle_since};
    case model::Strategy::LeastTalkTime: return {a.talk_today, a.idle_since};
    case model::Strategy::BestSkill: return {-reqs[req].score(a.skills), a.idle_since};
    case model::Strategy::RoundRobin: return {m.rr_pos, 0};
    case model::Strategy::RingAll: return {a.idle_since, 0};
    case model::Strategy::Random: return {static_cast<int64_t>(a.draw >> 1), 0};
  }
  return {a.idle_since, 0};
}

namespace {

const Membership* membership(const AgentRec& a, QueueId q) {
  for (const auto& m : a.queues)
    if (m.queue == q) return &m;
  return nullptr;
}

}  // namespace

ClassIndex& Engine::State::class_of(QueueState& q, ReqId req) {
  auto [it, created] = q.classes.try_emplace(req);
  ClassIndex& ci = it->second;
  if (!created) return ci;
  ci.req = req;
  for (AgentId id : q.members) {
    const AgentRec& a = agents[id];
    if (a.state != AgentState::Ready || !reqs[req].matches(a.skills)) continue;
    if (const Membership* m = membership(a, q.id)) ci.ready.insert({agent_key(a, q, *m, req), id});
  }
  return ci;
}

void Engine::State::index_agent(AgentRec& a) {
  for (const auto& m : a.queues) {
    QueueState& q = queues[m.queue];
    for (auto& [rid, ci] : q.classes)
      if (reqs[rid].matches(a.skills)) ci.ready.insert({agent_key(a, q, m, rid), a.id});
  }
}

void Engine::State::unindex_agent(AgentRec& a) {
  for (const auto& m : a.queues) {
    QueueState& q = queues[m.queue];
    for (auto& [rid, ci] : q.classes) ci.ready.erase({agent_key(a, q, m, rid), a.id});
  }
}

void Engine::State::file_waiting(Contact& c) {
  QueueState& q = queues[c.queue];
  ClassIndex& ci = class_of(q, c.req);
  if (ci.waiting.empty()) q.waiting_classes.push_back(c.req);
  ci.waiting.insert({c.key, c.id.value});
  q.positions.insert({c.key.first, c.key.second, c.id.value});
  c.phase = Contact::Phase::Waiting;
}

void Engine::State::unfile_waiting(Contact& c) {
  if (c.phase != Contact::Phase::Waiting) return;
  QueueState& q = queues[c.queue];
  if (auto it = q.classes.find(c.req); it != q.classes.end()) {
    it->second.waiting.erase({c.key, c.id.value});
    if (it->second.waiting.empty()) std::erase(q.waiting_classes, c.req);
  }
  q.positions.erase({c.key.first, c.key.second, c.id.value});
}

void Engine::State::match_contact(Contact& c, Outputs& out) {
  if (c.phase != Contact::Phase::Waiting) return;
  QueueState& q = queues[c.queue];
  ClassIndex& ci = class_of(q, c.req);
  if (ci.ready.empty()) return;
  std::vector<AgentId> chosen;
  switch (q.rules->strategy) {
    case model::Strategy::RingAll:
      for (auto it = ci.ready.begin(); it != ci.ready.end() && chosen.size() < kRingAllMax; ++it)
        chosen.push_back(it->second);
      break;
    case model::Strategy::RoundRobin: {
      auto it = ci.ready.lower_bound({{q.rr_last + 1, std::numeric_limits<int64_t>::min()}, 0});
      if (it == ci.ready.end()) it = ci.ready.begin();
      q.rr_last = it->first.first;
      chosen.push_back(it->second);
      break;
    }
    default:
      chosen.push_back(ci.ready.begin()->second);
  }
  offer(c, chosen, out);
}

void Engine::State::match_agent(AgentRec& a, Outputs& out) {
  // The best waiting contact of each queue the agent qualifies for, then the
  // best queue: inbound before outbound, higher queue priority, heavier
  // membership weight, longest waiting, earliest arrival.
  using Rank = std::tuple<int, int, int, int64_t, int64_t>;
  Contact* best = nullptr;
  Rank best_rank{};
  const Membership* best_m = nullptr;
  for (const auto& m : a.queues) {
    QueueState& q = queues[m.queue];
    if (q.positions.empty()) continue;
    const std::pair<ContactKey, uint64_t>* head = nullptr;
    for (ReqId rid : q.waiting_classes) {
      const ClassIndex& ci = q.classes.at(rid);
      if (!reqs[rid].matches(a.skills)) continue;
      if (!head || *ci.waiting.begin() < *head) head = &*ci.waiting.begin();
    }
    if (!head) continue;
    Contact& c = contacts.at(ContactId{head->second});
    Rank r{c.kind == ContactKind::Outbound ? 1 : 0, -q.rules->priority, -m.weight, c.arrived, c.key.second};
    if (!best || r < best_rank) {
      best = &c;
      best_rank = r;
      best_m = &m;
    }
  }
  if (!best) {
    index_agent(a);
    return;
  }
  QueueState& q = queues[best->queue];
  if (q.rules->strategy == model::Strategy::RoundRobin) q.rr_last = best_m->rr_pos;
  offer(*best, {a.id}, out, false);
}

void Engine::State::offer(Contact& c, const std::vector<AgentId>& chosen, Outputs& out, bool indexed) {
  QueueState& q = queues[c.queue];
  unfile_waiting(c);
  c.phase = Contact::Phase::Offered;
  c.offered = chosen;
  c.ring_deadline = now() + c.rules->ring_timeout_ms;
  q.ringing++;
  for (AgentId id : chosen) {
    AgentRec& a = agents[id];
    if (indexed) unindex_agent(a);
    a.contact = c.id;
    set_state(a, AgentState::Reserved, "", "system", out, c.id);
    out.emplace_back(Offer{c.id, id, c.kind});
  }
  schedule(c);
}

}  // namespace plateau::acd
