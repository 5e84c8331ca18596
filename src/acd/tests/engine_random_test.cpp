// Randomised sequences of arrivals, abandons, answers, refusals, ring-no-answers,
// state changes, callbacks and configuration swaps, with the invariants of
// docs/ACD.md checked after every event.
#include <random>

#include "acd/engine.h"
#include "acd/tests/engine_fixture.h"

namespace plateau::acd::testing {
namespace {

using model::Strategy;

const std::vector<std::string> kReqs = {"", "lang_fr >= 2", "lang_ar >= 1", "lang_es >= 3 or lang_fr >= 4",
                                        "billing >= 2", "not vip", "lang_fr >= 1 and billing >= 1"};
const std::vector<std::string> kSkills = {"lang_fr", "lang_ar", "lang_es", "billing", "vip"};
const std::vector<Strategy> kStrategies = {Strategy::LongestIdle, Strategy::FewestContacts, Strategy::LeastTalkTime,
                                           Strategy::BestSkill,   Strategy::RoundRobin,     Strategy::RingAll,
                                           Strategy::Random};

struct World {
  std::mt19937_64 rng;
  explicit World(uint64_t seed) : rng(seed) {}
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }

  model::Provisioning provisioning() {
    auto p = base();
    p.tenants[0].not_ready_reasons = {"break", "lunch"};
    for (int i = 0; i < 4; ++i) {
      auto q = queue("q" + std::to_string(i), kStrategies[static_cast<size_t>(pick(7))]);
      q.priority = pick(3);
      q.ring_timeout_s = 5 + pick(10);
      q.max_wait_s = 30 + pick(120);
      q.wrapup_s = pick(3) * 5;
      q.wrapup_requires_disposition = chance(0.2);
      q.priority_step_s = chance(0.5) ? 0 : 5;
      q.max_length = chance(0.3) ? 5 : 0;
      q.callback = chance(0.5);
      q.announce_every_s = chance(0.5) ? 20 : 0;
      q.requirement = chance(0.3) ? kReqs[static_cast<size_t>(1 + pick(6))] : "";
      if (chance(0.5)) q.relax = {{10 + pick(20), chance(0.5) ? "lang_fr >= 1" : "", chance(0.5)}, {60, "", false}};
      q.on_timeout = chance(0.3) ? model::Overflow{model::OverflowKind::Queue, "q" + std::to_string((i + 1) % 4)}
                                 : model::Overflow{};
      if (i == 3 && q.on_timeout.kind == model::OverflowKind::Queue) q.on_timeout = {};  // no cycle
      if (chance(0.2)) q.on_no_agent = {model::OverflowKind::Hangup, ""};
      p.queues.push_back(q);
    }
    for (int i = 0; i < 12; ++i) {
      std::vector<std::string> qs;
      for (int j = 0; j < 4; ++j)
        if (chance(0.5)) qs.push_back("q" + std::to_string(j));
      std::map<std::string, int> skills;
      for (const auto& s : kSkills)
        if (chance(0.5)) skills[s] = 1 + pick(5);
      auto a = agent("a" + std::to_string(i), qs, skills);
      for (auto& m : a.queues) m.weight = 1 + pick(3);
      p.agents.push_back(a);
    }
    return p;
  }
};

class EngineRandom : public EngineTest, public ::testing::WithParamInterface<uint64_t> {};

TEST_P(EngineRandom, InvariantsHoldAfterEveryEvent) {
  World w(GetParam());
  auto prov = w.provisioning();
  configure(prov);
  std::map<std::string, std::array<int64_t, kAgentStates.size()>> from_events;
  auto account = [&](const Outputs& out) {
    for (const auto& c : only<AgentChanged>(out))
      if (c.from != AgentState::LoggedOut) from_events[c.login][static_cast<size_t>(c.from)] += c.in_previous_ms;
  };
  std::vector<ContactId> live;
  int offers = 0, answers = 0, overflows = 0, callbacks = 0, swaps = 0;

  for (int step = 0; step < 3000; ++step) {
    SCOPED_TRACE("seed " + std::to_string(GetParam()) + " step " + std::to_string(step));
    const auto before = engine.contacts();
    Outputs out;
    const int what = w.pick(100);
    const std::string login = "a" + std::to_string(w.pick(12));
    if (what < 25) {
      ContactSpec s;
      s.id = ContactId{next_contact++};
      s.tenant = "t1";
      s.queue = "q" + std::to_string(w.pick(4));
      s.priority = w.pick(3);
      s.requirement = w.chance(0.5) ? kReqs[static_cast<size_t>(w.pick(7))] : "";
      auto r = engine.enqueue(s);
      ASSERT_TRUE(r) << r.error().message;
      out = r.value();
      live.push_back(s.id);
    } else if (what < 33 && !live.empty()) {
      out = engine.remove(live[static_cast<size_t>(w.pick(static_cast<int>(live.size())))], "abandoned");
    } else if (what < 50) {
      // An offered agent answers, refuses, or a connected call ends.
      for (const auto& c : engine.contacts()) {
        if (c.phase == "offered" && w.chance(0.5)) {
          const AgentId a = c.agents[static_cast<size_t>(w.pick(static_cast<int>(c.agents.size())))];
          out = w.chance(0.8) ? engine.answered(c.id, a) : engine.refused(c.id, a, "busy");
          if (w.chance(0.8)) answers++;
          break;
        }
        if (c.phase == "connected" && w.chance(0.5)) {
          out = c.kind == ContactKind::Callback && w.chance(0.5) ? engine.callback_failed(c.id).second
                                                                 : engine.ended(c.id);
          break;
        }
      }
    } else if (what < 62) {
      auto r = engine.agent(id(login))->state == AgentState::LoggedOut ? engine.login("t1", login, w.chance(0.7), "agent")
                                                                      : engine.set_ready("t1", login, "agent");
      if (r) out = r.value();
    } else if (what < 68) {
      auto r = engine.set_not_ready("t1", login, w.chance(0.5) ? "break" : "lunch", "agent");
      if (r) out = r.value();
    } else if (what < 71) {
      auto r = engine.logout("t1", login, "phone_unregistered", "phone");
      if (r) out = r.value();
    } else if (what < 75) {
      auto r = engine.end_wrapup("t1", login, w.chance(0.7) ? "sale" : "", "agent");
      if (r) out = r.value();
    } else if (what < 78) {
      for (const auto& c : engine.contacts()) {
        if (c.phase == "waiting" && c.kind == ContactKind::Inbound) {
          if (engine.request_callback(c.id)) callbacks++;
          break;
        }
      }
    } else if (what < 79) {
      prov = w.provisioning();
      auto r = engine.configure(prov);
      ASSERT_TRUE(r) << r.error().message;
      out = r.value();
      swaps++;
    } else {
      clock.advance_ms(w.pick(8000));
      out = engine.on_time();
    }
    account(out);
    offers += static_cast<int>(only<Offer>(out).size());
    overflows += static_cast<int>(only<Overflowed>(out).size());
    for (const auto& v : engine.self_check()) FAIL() << v;

    // First come, first served within equal priority: a contact newly
    // offered never leaves behind an earlier one of the same queue, priority
    // and requirement that is still waiting.
    std::map<uint64_t, ContactView> was;
    for (const auto& c : before) was[c.id.value] = c;
    const auto after = engine.contacts();
    for (const auto& o : only<Offer>(out)) {
      auto now_c = engine.contact(o.contact);
      if (!now_c || now_c->phase != "offered") continue;
      for (const auto& d : after) {
        if (d.phase != "waiting" || d.queue != now_c->queue || d.requirement != now_c->requirement) continue;
        if (d.kind != now_c->kind) continue;
        auto prev = was.find(d.id.value);
        if (prev == was.end()) continue;
        int pd = -1, pc = -1;
        for (const auto& x : before) {
          if (x.id == d.id) pd = x.position;
          if (x.id == o.contact) pc = x.position;
        }
        if (pc > 0 && pd > 0 && pd < pc)
          FAIL() << "contact " << o.contact.value << " offered before " << d.id.value << " which was ahead of it";
      }
    }
  }
  // The time in each state, summed from the events, is what the engine reports.
  for (const auto& v : engine.agents()) {
    for (size_t s = 1; s < kAgentStates.size(); ++s)
      EXPECT_EQ(from_events[v.login][s], v.time_in_ms[s]) << v.login << " " << to_string(kAgentStates[s]);
  }
  // The sequence exercised what it should.
  EXPECT_GT(offers, 100);
  EXPECT_GT(answers, 50);
  EXPECT_GT(swaps, 5);
  RecordProperty("overflows", overflows);
  RecordProperty("callbacks", callbacks);
}

INSTANTIATE_TEST_SUITE_P(Seeds, EngineRandom, ::testing::Range<uint64_t>(1, 21));

}  // namespace
}  // namespace plateau::acd::testing
