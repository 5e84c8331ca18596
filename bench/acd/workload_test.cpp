// The ACD benchmark's workload and steady state, at a small size: the
// generator is deterministic and realistic, the engine accepts it, and the
// decisions the benchmark times leave the engine consistent and agree with
// the naive baseline.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "acd/requirement.h"
#include "bench/acd/routing_sim.h"
#include "bench/acd/workload.h"

namespace plateau::acd::bench {
namespace {

std::string describe(const Workload& w) {
  std::string s;
  for (const auto& q : w.provisioning.queues)
    s += q.name + ":" + std::string(model::to_string(q.strategy)) + ":" + q.requirement + ";";
  for (const auto& a : w.provisioning.agents) {
    s += a.login + "[";
    for (const auto& m : a.queues) s += m.queue + "*" + std::to_string(m.weight) + ",";
    for (const auto& [k, v] : a.skills) s += k + "=" + std::to_string(v) + ",";
    s += "]";
  }
  for (const auto& p : w.plans)
    for (const auto& v : p.variants) s += v + "|";
  return s;
}

TEST(AcdBenchWorkload, SameSeedSameWorkloadAndTheShapeAsked) {
  const Workload w = make_workload({.agents = 300, .seed = 7});
  EXPECT_EQ(describe(w), describe(make_workload({.agents = 300, .seed = 7})));
  EXPECT_NE(describe(w), describe(make_workload({.agents = 300, .seed = 8})));

  EXPECT_EQ(w.provisioning.agents.size(), 300u);
  EXPECT_EQ(w.provisioning.queues.size(), 30u);
  EXPECT_EQ(w.skills.size(), 100u);
  EXPECT_EQ(w.size.waiting_count(), 150);
  for (const auto& a : w.provisioning.agents) {
    EXPECT_GE(a.queues.size(), 2u);
    EXPECT_LE(a.queues.size(), 5u);
    EXPECT_GE(a.skills.size(), 3u);
    EXPECT_LE(a.skills.size(), 8u);
    for (const auto& [skill, level] : a.skills) {
      EXPECT_GE(level, 1);
      EXPECT_LE(level, 5);
    }
  }
  std::map<model::Strategy, int> strategies;
  for (size_t i = 0; i < w.plans.size(); ++i) {
    strategies[w.provisioning.queues[i].strategy]++;
    const auto& p = w.plans[i];
    EXPECT_GE(p.variants.size(), 3u);
    EXPECT_LE(p.variants.size(), 6u);
    EXPECT_EQ(std::set<std::string>(p.variants.begin(), p.variants.end()).size(), p.variants.size());
    for (const auto& v : p.variants) EXPECT_TRUE(check_requirement(v)) << v;
  }
  // Every IVR branch (with the queue's own requirement) is met by a member of the queue.
  SkillCatalog catalog;
  std::vector<SkillLevels> levels;
  for (const auto& a : w.provisioning.agents) levels.emplace_back(a.skills, catalog);
  for (size_t i = 0; i < w.plans.size(); ++i) {
    const auto& q = w.provisioning.queues[i];
    for (const auto& v : w.plans[i].variants) {
      auto req = compile_requirement(conjunction(q.requirement, v), catalog);
      ASSERT_TRUE(req) << v;
      bool served = false;
      for (size_t a = 0; a < levels.size() && !served; ++a)
        for (const auto& m : w.provisioning.agents[a].queues)
          served = served || (m.queue == q.name && req.value().matches(levels[a]));
      EXPECT_TRUE(served) << q.name << ": nobody meets " << conjunction(q.requirement, v);
    }
  }
  EXPECT_GE(strategies.size(), 3u);
  for (const auto& [s, n] : strategies) EXPECT_LE(n, strategies[model::Strategy::LongestIdle]) << model::to_string(s);

  Rng rng(1);
  std::map<size_t, int> variants;
  for (int i = 0; i < 2000; ++i) {
    const ContactDraw d = draw_contact(w, rng);
    ASSERT_LT(d.queue, w.plans.size());
    ASSERT_LT(d.variant, w.plans[d.queue].variants.size());
    variants[d.variant]++;
  }
  EXPECT_GT(variants[0], variants[2]);  // the French menu is the most used
}

TEST(AcdBenchWorkload, SteadyStateDecisionsKeepTheEngineConsistentAndAgreeWithTheNaiveScan) {
  const Workload w = make_workload({.agents = 200, .seed = 3});
  RoutingSim sim(w, {.seed = 3});
  ASSERT_TRUE(sim.start());
  ASSERT_TRUE(sim.fill());
  for (const auto& v : sim.engine().self_check()) ADD_FAILURE() << v;
  const Population filled = sim.population();
  EXPECT_EQ(filled.waiting, 100u);
  EXPECT_GT(filled.busy, 150u);  // loaded: most agents are on a call
  EXPECT_LE(filled.ready, 10u);

  int offers_arrive = 0, offers_ready = 0, same = 0, arrivals = 0;
  for (int round = 0; round < 300; ++round) {
    Decision d = sim.agent_ready();
    offers_ready += d.offered;
    EXPECT_NE(d.agreement, Agreement::Differs) << "round " << round << ": agent ready";
    same += d.agreement == Agreement::Same;
    do {
      d = sim.contact_arrives();
      arrivals++;
      offers_arrive += d.offered;
      EXPECT_NE(d.agreement, Agreement::Differs) << "round " << round << ": contact arrives";
      same += d.agreement == Agreement::Same;
    } while (sim.waiting() < sim.waiting_target());
    sim.rebalance();
    if (round % 25 == 0)
      for (const auto& v : sim.engine().self_check()) ADD_FAILURE() << "round " << round << ": " << v;
  }
  for (const auto& v : sim.engine().self_check()) ADD_FAILURE() << v;
  // Real decisions: agents becoming ready mostly take a waiting contact;
  // arriving contacts sometimes find a ready agent who qualifies.
  EXPECT_GT(offers_ready, 200);
  EXPECT_GT(offers_arrive, 0);
  EXPECT_LT(offers_arrive, arrivals);
  EXPECT_GT(same, 400);
  EXPECT_EQ(sim.population().waiting, 100u);
}

}  // namespace
}  // namespace plateau::acd::bench
