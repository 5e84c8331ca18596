// workload.h — a seeded, deterministic contact-centre provisioning for the ACD
// routing benchmark (plateau-acd-bench) and its unit test.
//
// One tenant; N agents, Q queues (default N/10), S skills (lang_fr, lang_ar,
// lang_es, lang_en, then business skills). Each agent belongs to 2-5 queues
// (weight 1, sometimes 2-3) and has 3-8 skills at levels 1-5: one or two
// languages, mostly the topic skill of each of its queues, and others at
// random. Each queue has a topic skill, a base requirement ("" or
// "<topic> >= 1"), a strategy (mostly longest_idle; some fewest_contacts,
// best_skill, round_robin, random) and a handful (3-6) of contact requirements
// its IVR produces ("lang_fr >= 2", "lang_ar >= 2 and billing >= 1", ...),
// each met by at least one member of the queue, drawn with unequal weights:
// so the distinct requirements per queue, the engine's classes, stay a
// handful whatever N (WorkloadSize::variants raises them, to see what classes
// cost).
//
// Same seed, same workload (the draws use the generator's bits directly, not
// the library's distributions). Pure; no I/O.
#pragma once

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "model/provisioning.h"

namespace plateau::acd::bench {

// splitmix64: tiny, seedable, identical everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // 0 .. n-1 (n > 0)
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<size_t>(hi - lo + 1))); }
  bool percent(int p) { return static_cast<int>(below(100)) < p; }

 private:
  uint64_t s_;
};

struct WorkloadSize {
  int agents = 10'000;
  int queues = 0;    // 0: agents / 10 (at least 5)
  int contacts = 0;  // waiting contacts in the steady state; 0: agents / 2
  int skills = 100;  // languages included (at least 12)
  int variants = 0;  // contact requirements per queue (IVR branches); 0: 3-6 drawn per queue
  uint64_t seed = 1;

  int queue_count() const { return queues > 0 ? queues : std::max(5, agents / 10); }
  int waiting_count() const { return contacts > 0 ? contacts : std::max(1, agents / 2); }
};

inline const std::vector<std::string>& languages() {
  static const std::vector<std::string> l = {"lang_fr", "lang_ar", "lang_es", "lang_en"};
  return l;
}

// What a queue's IVR asks of an agent, and how often.
struct QueuePlan {
  std::string topic;                  // the queue's business skill
  std::vector<std::string> variants;  // contact requirements (ContactSpec::requirement)
  std::vector<int> weights;           // relative frequency of each variant
  int total_weight = 0;
};

struct Workload {
  WorkloadSize size;
  model::Provisioning provisioning;  // tenant "bench"; queues and agents in index order
  std::vector<QueuePlan> plans;      // parallel to provisioning.queues
  std::vector<std::string> skills;   // languages first, then business skills
};

// A contact to enqueue: queue index, requirement variant, priority.
struct ContactDraw {
  size_t queue = 0;
  size_t variant = 0;
  int priority = 0;
};

inline constexpr char kBenchTenant[] = "bench";

inline Workload make_workload(const WorkloadSize& size) {
  Rng rng(size.seed);
  Workload w;
  w.size = size;
  const int nq = size.queue_count();
  const int nskills = std::max(12, size.skills);

  // Business skills: readable names, numbered past the list.
  static const char* kTopics[] = {"billing", "sales",   "tech_internet", "tech_mobile", "retention", "claims",
                                  "roaming", "fiber",   "tv",            "payments",    "fraud",     "moving",
                                  "b2b",     "vip",     "insurance",     "loans",       "cards",     "delivery",
                                  "returns", "booking", "refunds",       "accounts",    "energy",    "hardware"};
  w.skills = languages();
  for (int i = 0; static_cast<int>(w.skills.size()) < nskills; ++i) {
    const std::string base = kTopics[i % std::size(kTopics)];
    w.skills.push_back(i < static_cast<int>(std::size(kTopics)) ? base
                                                                : base + "_" + std::to_string(i / std::size(kTopics)));
  }
  const size_t nbiz = w.skills.size() - languages().size();
  auto business = [&](size_t i) -> const std::string& { return w.skills[languages().size() + i % nbiz]; };

  model::Tenant t;
  t.name = kBenchTenant;
  t.display_name = "Bench";
  w.provisioning.tenants.push_back(t);

  std::vector<std::string> topics;
  for (int i = 0; i < nq; ++i) {
    model::Queue q;
    q.tenant = kBenchTenant;
    q.name = "q" + std::to_string(i);
    q.ring_timeout_s = 20;
    q.max_wait_s = 7 * 86'400;  // nobody leaves by time: the benchmark never calls on_time()
    q.wrapup_s = 0;             // the end of a conversation makes the agent ready at once
    const int s = rng.between(0, 99);
    q.strategy = s < 60   ? model::Strategy::LongestIdle
                 : s < 72 ? model::Strategy::FewestContacts
                 : s < 86 ? model::Strategy::BestSkill
                 : s < 93 ? model::Strategy::RoundRobin
                          : model::Strategy::Random;
    const int p = rng.between(0, 99);
    q.priority = p < 80 ? 0 : p < 95 ? 1 : 2;
    topics.push_back(business(rng.below(nbiz)));
    w.provisioning.queues.push_back(std::move(q));
  }

  std::vector<std::vector<size_t>> members(static_cast<size_t>(nq));
  for (int i = 0; i < size.agents; ++i) {
    model::Agent a;
    a.tenant = kBenchTenant;
    a.login = "a" + std::to_string(i);
    a.name = "Agent " + std::to_string(i);
    a.phone = a.login;
    const int nqueues = std::min(nq, rng.between(2, 5));
    std::vector<size_t> qs;
    while (static_cast<int>(qs.size()) < nqueues) {
      const size_t q = rng.below(static_cast<size_t>(nq));
      if (std::find(qs.begin(), qs.end(), q) == qs.end()) qs.push_back(q);
    }
    for (size_t q : qs) {
      a.queues.push_back({kBenchTenant, w.provisioning.queues[q].name, rng.percent(80) ? 1 : rng.between(2, 3)});
      members[q].push_back(static_cast<size_t>(i));
    }
    // Languages: French or Arabic mostly, a second one often.
    const int l = rng.between(0, 99);
    const std::string& first = languages()[l < 48 ? 0 : l < 92 ? 1 : l < 96 ? 2 : 3];
    a.skills[first] = rng.between(3, 5);
    if (rng.percent(60)) a.skills[languages()[rng.below(languages().size())]] = rng.between(1, 4);
    const size_t want = static_cast<size_t>(rng.between(3, 8));
    for (size_t q : qs)
      if (a.skills.size() < 8 && rng.percent(85)) a.skills[topics[q]] = rng.between(1, 5);
    while (a.skills.size() < want) a.skills[business(rng.below(nbiz))] = rng.between(1, 5);
    w.provisioning.agents.push_back(std::move(a));
  }

  // Requirements: a conjunction of "skill >= level" terms, at most one "or".
  // Every one is met by at least one member of the queue (a centre opens an
  // IVR branch for agents it has): contacts wait because those agents are busy.
  auto level = [&](size_t agent, const std::string& skill) {
    const auto& k = w.provisioning.agents[agent].skills;
    auto it = k.find(skill);
    return it == k.end() ? 0 : it->second;
  };
  for (size_t i = 0; i < static_cast<size_t>(nq); ++i) {
    model::Queue& q = w.provisioning.queues[i];
    QueuePlan plan;
    plan.topic = topics[i];
    std::vector<size_t> eligible;
    const bool topic_required = rng.percent(60);
    for (size_t m : members[i])
      if (!topic_required || level(m, plan.topic) >= 1) eligible.push_back(m);
    if (topic_required && !eligible.empty()) q.requirement = plan.topic + " >= 1";
    else eligible = members[i];
    const size_t nvariants = size.variants > 0 ? static_cast<size_t>(size.variants) : rng.below(4) + 3;
    auto add = [&](const std::string& v, int weight) {
      if (std::find(plan.variants.begin(), plan.variants.end(), v) != plan.variants.end()) return;
      plan.variants.push_back(v);
      plan.weights.push_back(weight);
    };
    // The IVR: French and Arabic menus first, then specialised branches,
    // each modelled on one member (the witness that it can be served).
    for (const auto& [lang, weight] : {std::pair{languages()[0], 40}, std::pair{languages()[1], 35}})
      for (size_t m : eligible)
        if (level(m, lang) >= 2) {
          add(lang + " >= 2", weight);
          break;
        }
    for (size_t attempt = 0; plan.variants.size() < nvariants && !eligible.empty() && attempt < 64 * nvariants;
         ++attempt) {
      const size_t m = eligible[rng.below(eligible.size())];
      std::vector<std::pair<std::string, int>> langs, biz;
      for (const auto& [skill, lv] : w.provisioning.agents[m].skills)
        (skill.rfind("lang_", 0) == 0 ? langs : biz).emplace_back(skill, lv);
      if (biz.empty()) continue;
      const auto& [ls, ll] = langs[rng.below(langs.size())];
      const auto& [bs, bl] = biz[rng.below(biz.size())];
      const std::string lang = ls + " >= " + std::to_string(rng.between(1, std::min(ll, 4)));
      const std::string skill = bs + " >= " + std::to_string(rng.between(1, std::min(bl, 4)));
      std::string v;
      switch (rng.below(5)) {
        case 0: v = lang; break;
        case 1: v = skill; break;
        case 2: v = lang + " and " + skill; break;
        case 3: {
          const std::string& b2 = biz[rng.below(biz.size())].first;
          v = lang + " and " + skill + (b2 == bs ? "" : " and " + b2 + " >= 1");
          break;
        }
        default:
          if (std::max(level(m, "lang_fr"), level(m, "lang_ar")) < 2) continue;
          v = "(lang_fr >= 2 or lang_ar >= 2) and " + skill;
      }
      add(v, size.variants > 6 ? rng.between(1, 5) : rng.between(3, 10));
    }
    if (plan.variants.empty()) add("", 1);
    for (int x : plan.weights) plan.total_weight += x;
    w.plans.push_back(std::move(plan));
  }
  return w;
}

// A contact arriving in a random queue, with one of the queue's IVR variants.
inline ContactDraw draw_contact(const Workload& w, Rng& rng) {
  ContactDraw d;
  d.queue = rng.below(w.plans.size());
  const QueuePlan& plan = w.plans[d.queue];
  int x = static_cast<int>(rng.below(static_cast<size_t>(plan.total_weight)));
  while (x >= plan.weights[d.variant]) x -= plan.weights[d.variant++];
  d.priority = rng.percent(10) ? 1 : 0;
  return d;
}

}  // namespace plateau::acd::bench
