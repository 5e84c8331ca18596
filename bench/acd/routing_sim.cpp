// routing_sim.cpp — the loaded steady state, the engine's mirror and the naive
// baseline (see routing_sim.h).
#include "bench/acd/routing_sim.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <tuple>

#include "acd/requirement.h"
#include "acd/skills.h"
#include "common/clock.h"

namespace plateau::acd::bench {

namespace {

constexpr uint32_t kNone = ~uint32_t{0};
constexpr size_t kMaxMemberships = 8;
// Midnight UTC: the engine's per-day counters (fewest_contacts) never roll over during a run.
constexpr int64_t kStartMs = 19'676LL * 86'400'000;

// f(), its duration in nanoseconds added to `ns`.
template <class F>
auto timed(int64_t& ns, F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  auto r = f();
  ns += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "plateau-acd-bench: %s\n", what.c_str());
  std::abort();
}

// ---- the mirror ------------------------------------------------------------

struct MMember {
  uint32_t queue = 0;
  int weight = 1;
  int64_t rr_pos = 0;  // as the engine numbers it: the agent's place among the queue's members
};

struct MAgent {
  SkillLevels skills;
  std::vector<MMember> queues;
  AgentState state = AgentState::LoggedOut;
  int64_t idle_since = 0;
  int contacts_today = 0;
  uint64_t draw = 0;        // the naive baseline's own random key (the engine's is private)
  uint32_t contact = kNone;  // slot of the contact offered or connected
  uint32_t list_pos = 0;     // place in RoutingSim::Impl::by_state[state]
};

struct MQueue {
  model::Strategy strategy = model::Strategy::LongestIdle;
  int priority = 0;
  int64_t rr_last = -1;
  std::vector<uint32_t> variant_req;  // compiled requirement (queue's and the variant's) per IVR variant
  std::vector<bool> variant_used;
};

struct MContact {
  uint64_t id = 0;  // engine ContactId: generation << 32 | (slot + 1)
  uint32_t queue = 0, req = 0;
  int priority = 0;
  int64_t seq = 0, arrived = 0;
  enum class Phase : uint8_t { Free, Waiting, Offered, Connected } phase = Phase::Free;
  uint32_t agent = kNone;
  uint32_t wait_pos = 0;  // place in RoutingSim::Impl::waiting
};

using Key = std::pair<int64_t, int64_t>;

}  // namespace

struct RoutingSim::Impl {
  Impl(const Workload& w, Options o) : w(w), o(o), clock(kStartMs), engine(clock, o.seed ^ 0xacdu), rng(o.seed) {}

  const Workload& w;
  Options o;
  ManualClock clock;
  Engine engine;
  Rng rng;

  SkillCatalog catalog;
  std::vector<Requirement> reqs;
  std::vector<MQueue> queues;
  std::vector<MAgent> agents;
  std::array<std::vector<uint32_t>, kAgentStates.size()> by_state;
  std::vector<MContact> contacts;  // by slot; slots are reused (free list), so nothing grows once filled
  std::vector<uint32_t> free_slots;
  std::vector<uint32_t> waiting;   // slots of waiting contacts
  std::vector<std::pair<uint32_t, AgentId>> offers;  // (slot, agent) offered by the last engine call
  int64_t next_seq = 1;
  uint32_t generation = 1;
  size_t target = 0, ready_cap = 0;
  std::string tenant = kBenchTenant;

  int64_t now() const { return clock.monotonic_ms(); }

  void build() {
    const auto& p = w.provisioning;
    target = static_cast<size_t>(w.size.waiting_count());
    ready_cap = std::max<size_t>(1, p.agents.size() * static_cast<size_t>(o.ready_cap_pct) / 100);
    std::unordered_map<std::string, uint32_t> qidx;
    for (size_t i = 0; i < p.queues.size(); ++i) {
      const auto& q = p.queues[i];
      qidx[q.name] = static_cast<uint32_t>(i);
      MQueue mq;
      mq.strategy = q.strategy;
      mq.priority = q.priority;
      for (const auto& v : w.plans[i].variants) {
        auto r = compile_requirement(conjunction(q.requirement, v), catalog);
        if (!r) die(r.error().message);
        mq.variant_req.push_back(static_cast<uint32_t>(reqs.size()));
        reqs.push_back(std::move(r.value()));
      }
      mq.variant_used.assign(mq.variant_req.size(), false);
      queues.push_back(std::move(mq));
    }
    std::vector<int64_t> members(queues.size(), 0);
    for (const auto& a : p.agents) {
      MAgent m;
      m.skills = SkillLevels(a.skills, catalog);
      for (const auto& aq : a.queues) {
        const uint32_t q = qidx.at(aq.queue);
        m.queues.push_back({q, aq.weight, members[q]++});
      }
      if (m.queues.size() > kMaxMemberships) die("an agent in more than 8 queues");
      agents.push_back(std::move(m));
    }
    // Everything the run needs, allocated and touched now: the heap measured
    // around start() and fill() is the engine's.
    const size_t most = agents.size() + target + 64;
    for (auto& l : by_state) {
      l.resize(agents.size());
      l.clear();
    }
    by_state[static_cast<size_t>(AgentState::LoggedOut)].resize(agents.size());
    for (uint32_t i = 0; i < agents.size(); ++i) {
      by_state[static_cast<size_t>(AgentState::LoggedOut)][i] = i;
      agents[i].list_pos = i;
    }
    contacts.resize(most);
    free_slots.resize(most);
    for (size_t i = 0; i < most; ++i) free_slots[i] = static_cast<uint32_t>(most - 1 - i);
    waiting.resize(most);
    waiting.clear();
    offers.reserve(64);
  }

  // -- mirror updates, from the engine's outputs --

  void move_agent(uint32_t id, AgentState to) {
    MAgent& a = agents[id];
    auto& from = by_state[static_cast<size_t>(a.state)];
    const uint32_t last = from.back();
    from[a.list_pos] = last;
    agents[last].list_pos = a.list_pos;
    from.pop_back();
    auto& dest = by_state[static_cast<size_t>(to)];
    a.list_pos = static_cast<uint32_t>(dest.size());
    dest.push_back(id);
    a.state = to;
  }

  void unwait(uint32_t slot) {
    MContact& c = contacts[slot];
    const uint32_t last = waiting.back();
    waiting[c.wait_pos] = last;
    contacts[last].wait_pos = c.wait_pos;
    waiting.pop_back();
  }

  uint32_t slot_of(ContactId id) const { return static_cast<uint32_t>(id.value & 0xffff'ffffu) - 1; }

  void release(uint32_t slot) {
    MContact& c = contacts[slot];
    if (c.agent != kNone && agents[c.agent].contact == slot) agents[c.agent].contact = kNone;
    c = MContact{};
    free_slots.push_back(slot);
  }

  const MMember* membership(const MAgent& a, uint32_t q) const {
    for (const auto& m : a.queues)
      if (m.queue == q) return &m;
    return nullptr;
  }

  void apply(const Outputs& out) {
    for (const auto& o : out) {
      if (const auto* ch = std::get_if<AgentChanged>(&o)) {
        MAgent& a = agents[ch->agent];
        if (ch->from == ch->to) continue;
        if (ch->from == AgentState::Busy) a.contacts_today++;
        if (ch->to == AgentState::Ready) {
          if (ch->from != AgentState::Reserved) a.idle_since = now();
          a.draw = rng.next();
        }
        move_agent(ch->agent, ch->to);
      } else if (const auto* of = std::get_if<Offer>(&o)) {
        const uint32_t slot = slot_of(of->contact);
        MContact& c = contacts[slot];
        if (c.phase == MContact::Phase::Waiting) unwait(slot);
        c.phase = MContact::Phase::Offered;
        c.agent = of->agent;
        agents[of->agent].contact = slot;
        MQueue& q = queues[c.queue];
        if (q.strategy == model::Strategy::RoundRobin) q.rr_last = membership(agents[of->agent], c.queue)->rr_pos;
        offers.emplace_back(slot, of->agent);
      } else if (std::holds_alternative<Overflowed>(o) || std::holds_alternative<OfferWithdrawn>(o)) {
        die("unexpected overflow or withdrawn offer in the steady state");
      }
    }
  }

  // Every offer of the last call is answered at once.
  void answer_offers() {
    while (!offers.empty()) {
      const auto [slot, agent] = offers.back();
      offers.pop_back();
      MContact& c = contacts[slot];
      apply(engine.answered(ContactId{c.id}, agent));
      c.phase = MContact::Phase::Connected;
    }
  }

  // -- the naive baseline: scans, no index --

  Key agent_key(const MAgent& a, const MQueue& q, const MMember& m, const Requirement& req) const {
    switch (q.strategy) {
      case model::Strategy::FewestContacts: return {a.contacts_today, a.idle_since};
      case model::Strategy::BestSkill: return {-req.score(a.skills), a.idle_since};
      case model::Strategy::RoundRobin: return {m.rr_pos, 0};
      case model::Strategy::Random: return {static_cast<int64_t>(a.draw >> 1), 0};
      default: return {a.idle_since, 0};
    }
  }

  // The ready agent a contact goes to: every agent is looked at.
  uint32_t naive_agent_for(const MContact& c) const {
    const MQueue& q = queues[c.queue];
    const Requirement& req = reqs[c.req];
    const bool rr = q.strategy == model::Strategy::RoundRobin;
    std::pair<Key, uint32_t> best{}, after{};
    bool have = false, have_after = false;
    for (uint32_t id = 0; id < agents.size(); ++id) {
      const MAgent& a = agents[id];
      if (a.state != AgentState::Ready) continue;
      const MMember* m = membership(a, c.queue);
      if (!m || !req.matches(a.skills)) continue;
      const std::pair<Key, uint32_t> cand{agent_key(a, q, *m, req), id};
      if (!have || cand < best) best = cand, have = true;
      if (rr && m->rr_pos > q.rr_last && (!have_after || cand < after)) after = cand, have_after = true;
    }
    if (have_after) return after.second;
    return have ? best.second : kNone;
  }

  // The waiting contact an agent takes: every waiting contact is looked at;
  // the first of each of the agent's queues, then the best queue (higher
  // queue priority, heavier membership, earlier arrival).
  uint32_t naive_contact_for(uint32_t agent) const {
    const MAgent& a = agents[agent];
    std::array<uint32_t, kMaxMemberships> head;
    head.fill(kNone);
    for (uint32_t slot : waiting) {
      const MContact& c = contacts[slot];
      size_t k = 0;
      while (k < a.queues.size() && a.queues[k].queue != c.queue) ++k;
      if (k == a.queues.size() || !reqs[c.req].matches(a.skills)) continue;
      if (head[k] == kNone) {
        head[k] = slot;
        continue;
      }
      const MContact& h = contacts[head[k]];
      if (Key{-c.priority, c.seq} < Key{-h.priority, h.seq}) head[k] = slot;
    }
    using Rank = std::tuple<int, int, int64_t, int64_t>;
    uint32_t best = kNone;
    Rank best_rank{};
    for (size_t k = 0; k < a.queues.size(); ++k) {
      if (head[k] == kNone) continue;
      const MContact& c = contacts[head[k]];
      const Rank r{-queues[c.queue].priority, -a.queues[k].weight, c.arrived, c.seq};
      if (best == kNone || r < best_rank) best = head[k], best_rank = r;
    }
    return best;
  }

  // -- events --

  Decision contact_arrives(bool naive_too) {
    clock.advance_ms(1);
    if (free_slots.empty()) die("no free contact slot");
    const ContactDraw d = draw_contact(w, rng);
    const uint32_t slot = free_slots.back();
    free_slots.pop_back();
    MContact& c = contacts[slot];
    c.id = (uint64_t{generation++} << 32) | (slot + 1);
    c.queue = static_cast<uint32_t>(d.queue);
    c.req = queues[d.queue].variant_req[d.variant];
    queues[d.queue].variant_used[d.variant] = true;
    c.priority = d.priority;
    c.seq = next_seq++;
    c.arrived = now();
    c.phase = MContact::Phase::Waiting;
    ContactSpec spec;
    spec.id = ContactId{c.id};
    spec.tenant = tenant;
    spec.queue = w.provisioning.queues[d.queue].name;
    spec.priority = d.priority;
    spec.requirement = w.plans[d.queue].variants[d.variant];

    Decision dec;
    const uint32_t naive = naive_too ? timed(dec.naive_ns, [&] { return naive_agent_for(c); }) : kNone;
    auto r = timed(dec.engine_ns, [&] { return engine.enqueue(spec); });
    if (!r) die("enqueue: " + r.error().message);
    c.wait_pos = static_cast<uint32_t>(waiting.size());
    waiting.push_back(slot);
    apply(r.value());
    const uint32_t chosen = contacts[slot].phase == MContact::Phase::Offered ? contacts[slot].agent : kNone;
    dec.offered = chosen != kNone;
    if (naive_too && queues[c.queue].strategy != model::Strategy::Random)
      dec.agreement = naive == chosen ? Agreement::Same : Agreement::Differs;
    answer_offers();
    return dec;
  }

  uint32_t pick(AgentState s) {
    const auto& l = by_state[static_cast<size_t>(s)];
    return l.empty() ? kNone : l[rng.below(l.size())];
  }

  Decision agent_ready(bool naive_too) {
    clock.advance_ms(1);
    const bool from_break = by_state[static_cast<size_t>(AgentState::Busy)].empty() ||
                            (!by_state[static_cast<size_t>(AgentState::NotReady)].empty() && rng.percent(o.set_ready_pct));
    const uint32_t agent = pick(from_break ? AgentState::NotReady : AgentState::Busy);
    if (agent == kNone) die("no agent to make ready");
    Decision dec;
    const uint32_t naive = naive_too ? timed(dec.naive_ns, [&] { return naive_contact_for(agent); }) : kNone;
    Outputs out;
    if (from_break) {
      const std::string& login = w.provisioning.agents[agent].login;
      auto r = timed(dec.engine_ns, [&] { return engine.set_ready(tenant, login, "agent"); });
      if (!r) die("set_ready: " + r.error().message);
      out = std::move(r.value());
    } else {
      const uint32_t slot = agents[agent].contact;
      const ContactId id{contacts[slot].id};
      out = timed(dec.engine_ns, [&] { return engine.ended(id); });
      release(slot);
    }
    apply(out);
    uint32_t chosen = kNone;
    for (const auto& [slot, a] : offers)
      if (a == agent) chosen = slot;
    dec.offered = chosen != kNone;
    if (naive_too) dec.agreement = naive == chosen ? Agreement::Same : Agreement::Differs;
    answer_offers();
    return dec;
  }

  void rebalance() {
    while (waiting.size() > target) {
      // The caller who has waited longest gives up (contacts nobody can serve would otherwise pile up).
      clock.advance_ms(1);
      uint32_t slot = waiting.front();
      for (uint32_t s : waiting)
        if (contacts[s].seq < contacts[slot].seq) slot = s;
      const ContactId id{contacts[slot].id};
      unwait(slot);
      release(slot);
      apply(engine.remove(id, "abandoned"));
    }
    while (by_state[static_cast<size_t>(AgentState::Ready)].size() > ready_cap) {
      clock.advance_ms(1);
      const uint32_t agent = pick(AgentState::Ready);
      auto r = engine.set_not_ready(tenant, w.provisioning.agents[agent].login, "break", "agent");
      if (!r) die("set_not_ready: " + r.error().message);
      apply(r.value());
    }
  }
};

RoutingSim::RoutingSim(const Workload& w, Options o) : d_(std::make_unique<Impl>(w, o)) { d_->build(); }
RoutingSim::~RoutingSim() = default;

Status RoutingSim::start() {
  Impl& d = *d_;
  auto r = d.engine.configure(d.w.provisioning);
  if (!r) return r.error();
  for (uint32_t i = 0; i < d.agents.size(); ++i) {
    const auto& login = d.w.provisioning.agents[i].login;
    if (d.engine.agent_id(d.tenant, login) != i) return make_error("bench.ids", "agent ids differ from the order");
    if (i % 16 == 0) d.clock.advance_ms(1);
    auto in = d.engine.login(d.tenant, login, true, "agent");
    if (!in) return in.error();
    d.apply(in.value());
  }
  return {};
}

Status RoutingSim::fill() {
  Impl& d = *d_;
  const size_t limit = 4 * (d.agents.size() + d.target);
  for (size_t n = 0; d.waiting.size() < d.target; ++n) {
    if (n == limit) return make_error("bench.fill", "the waiting contacts do not build up");
    d.contact_arrives(false);
  }
  d.rebalance();
  return {};
}

Decision RoutingSim::contact_arrives(bool naive) { return d_->contact_arrives(naive); }
Decision RoutingSim::agent_ready(bool naive) { return d_->agent_ready(naive); }
void RoutingSim::rebalance() { d_->rebalance(); }
size_t RoutingSim::waiting() const { return d_->waiting.size(); }
size_t RoutingSim::waiting_target() const { return d_->target; }
const Engine& RoutingSim::engine() const { return d_->engine; }

Population RoutingSim::population() const {
  const Impl& d = *d_;
  Population p;
  auto n = [&](AgentState s) { return d.by_state[static_cast<size_t>(s)].size(); };
  p.ready = n(AgentState::Ready);
  p.reserved = n(AgentState::Reserved);
  p.busy = n(AgentState::Busy);
  p.not_ready = n(AgentState::NotReady);
  p.waiting = d.waiting.size();
  for (const auto& q : d.queues)
    for (bool used : q.variant_used) p.classes += used ? 1 : 0;
  return p;
}

}  // namespace plateau::acd::bench
