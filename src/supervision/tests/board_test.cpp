// The live figures computed by hand from a short scripted morning.
#include "supervision/board.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace plateau::supervision {
namespace {

using nlohmann::json;

constexpr int64_t kBase = 1796115600000;  // 2026-12-01T09:00:00Z, 10:00 in Casablanca
constexpr int64_t kS = 1000;

core::Directory directory() {
  model::Provisioning p;
  p.tenants.push_back({.name = "t1", .timezone = "Africa/Casablanca"});
  p.tenants.push_back({.name = "t2", .timezone = "Europe/Madrid"});
  model::Queue sales{.tenant = "t1", .name = "sales", .display_name = "Ventes"};
  sales.thresholds = model::queue_thresholds_for(20, 80);
  model::Queue support{.tenant = "t1", .name = "support", .display_name = "Support", .sl_threshold_s = 10};
  support.thresholds = model::queue_thresholds_for(10, 80);
  p.queues = {sales, support, model::Queue{.tenant = "t2", .name = "sales"}};
  return core::Directory(std::move(p));
}

core::LogEvent ev(int64_t at_s, std::string kind, std::string call, std::string agent, json data,
                  std::string tenant = "t1") {
  return {kBase + at_s * kS, std::move(tenant), std::move(kind), std::move(call), std::move(agent), data.dump()};
}

core::LogEvent queued(int64_t at_s, std::string call, std::string queue = "sales") {
  return ev(at_s, "call.queued", std::move(call), "", {{"queue", queue}});
}
core::LogEvent ended(int64_t at_s, std::string call, std::string outcome) {
  return ev(at_s, "call.ended", std::move(call), "", {{"outcome", outcome}, {"reason", "x"}});
}
core::LogEvent state(int64_t at_s, std::string agent, std::string from, std::string to) {
  return ev(at_s, "agent.state", "", std::move(agent), {{"from", from}, {"to", to}, {"reason", ""}});
}

// The morning: five calls into sales, one overflowing to support; agent 1001 handles two.
std::vector<core::LogEvent> morning() {
  return {
      ev(0, "call.arrived", "c1", "", {{"caller", "0612000001"}, {"number", "0522"}}),
      queued(0, "c1"),
      queued(1, "c2"),
      queued(2, "c3"),
      queued(3, "c4"),
      queued(4, "c5"),
      ended(5, "c3", "abandoned"),  // waited 3 s: within T and short
      state(9, "1001", "ready", "reserved"),
      ev(9, "call.offered", "c1", "1001", {{"caller", "0612000001"}, {"queue", "sales"}, {"kind", "inbound"}}),
      ev(10, "call.answered", "c1", "1001", json::object()),  // waited 10 s: within T
      state(10, "1001", "reserved", "busy"),
      ev(31, "call.answered", "c2", "1002", json::object()),  // waited 30 s
      ended(43, "c4", "abandoned"),                          // waited 40 s
      ev(64, "call.overflow", "c5", "",
         {{"why", "timeout"}, {"action", "queue:support"}, {"from", "sales"}, {"to", "support"}}),
      ev(70, "call.answered", "c5", "1003", json::object()),  // 6 s in support: within its 10 s
      ended(70, "c1", "answered"),
      state(70, "1001", "busy", "wrap_up"),
      state(80, "1001", "wrap_up", "ready"),  // handled 1, 70 s
      state(100, "1001", "ready", "reserved"),
      state(101, "1001", "reserved", "busy"),
      state(131, "1001", "busy", "ready"),  // handled 2, 30 s more
      queued(200, "x1", "sales") /* t2's: another tenant */,
  };
}

void feed(Board& b, const core::Directory& dir, const std::vector<core::LogEvent>& events) {
  for (auto e : events) {
    if (e.call_id == "x1") e.tenant = "t2";
    b.on_event(e, dir);
  }
}

TEST(Board, CountsTodayPerQueue) {
  const auto dir = directory();
  Board b;
  feed(b, dir, morning());
  const QueueCounts s = b.queue_counts("t1", "sales");
  EXPECT_EQ(s.offered, 5);
  EXPECT_EQ(s.answered, 2);
  EXPECT_EQ(s.answered_within, 1);
  EXPECT_EQ(s.abandoned, 2);
  EXPECT_EQ(s.abandoned_within, 1);
  EXPECT_EQ(s.short_abandoned, 1);
  EXPECT_EQ(s.answered_wait_ms, 40 * kS);
  // A_T / (A + Ab - Ab_T) = 1 / (2 + 2 - 1)
  EXPECT_DOUBLE_EQ(*service_level(s), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(*asa_s(s), 20.0);
  const QueueCounts p = b.queue_counts("t1", "support");
  EXPECT_EQ(p, (QueueCounts{.offered = 1, .answered = 1, .answered_within = 1, .answered_wait_ms = 6 * kS}));
  EXPECT_DOUBLE_EQ(*service_level(p), 1.0);
  EXPECT_EQ(b.queue_counts("t2", "sales").offered, 1);
  EXPECT_EQ(b.queue_counts("t1", "nothing"), QueueCounts{});
  EXPECT_FALSE(service_level(QueueCounts{}));
  EXPECT_FALSE(asa_s(QueueCounts{}));
  // Only abandons within T: the neutral variant has nothing to divide by.
  EXPECT_FALSE(service_level(QueueCounts{.offered = 1, .abandoned = 1, .abandoned_within = 1}));
}

TEST(Board, CountsHandledContactsAndHandleTimePerAgent) {
  const auto dir = directory();
  Board b;
  feed(b, dir, morning());
  EXPECT_EQ(b.agent_counts("t1", "1001"), (AgentCounts{.handled = 2, .handle_ms = 100 * kS}));
  EXPECT_EQ(b.agent_counts("t1", "1002"), AgentCounts{});
}

TEST(Board, ANewLocalDayStartsFromZero) {
  const auto dir = directory();
  Board b;
  feed(b, dir, morning());
  // 2026-12-01T23:30Z is 00:30 on 2 December in Casablanca.
  const int64_t next = (1796081400000 + 86'400'000 - kBase) / kS;
  b.on_event(queued(next, "d1"), dir);
  EXPECT_EQ(b.queue_counts("t1", "sales"), (QueueCounts{.offered = 1}));
  EXPECT_EQ(b.agent_counts("t1", "1001"), AgentCounts{});
  // 22:59:59Z on 30 November is 23:59:59 there, still 30 November: the morning starts a new day.
  Board b2;
  b2.on_event(queued((1796079600000 - kBase) / kS - 1, "e0"), dir);
  b2.on_event(queued(0, "e1"), dir);
  EXPECT_EQ(b2.queue_counts("t1", "sales").offered, 1);
}

TEST(Board, AReplayKeepsTheCountersAndForgetsWhatWasInProgress) {
  const auto dir = directory();
  Board b;
  auto events = morning();
  events.push_back(queued(300, "c9"));
  events.push_back(state(301, "1002", "ready", "busy"));
  feed(b, dir, events);
  b.end_of_replay();
  EXPECT_EQ(b.calls_tracked(), 0u);
  EXPECT_EQ(b.queue_counts("t1", "sales").offered, 6);
  // c9 died with the previous process: its end after the restart counts nothing.
  b.on_event(ended(400, "c9", "abandoned"), dir);
  EXPECT_EQ(b.queue_counts("t1", "sales").abandoned, 2);
  b.on_event(state(400, "1002", "busy", "ready"), dir);
  EXPECT_EQ(b.agent_counts("t1", "1002").handled, 0);
}

TEST(Board, LevelsTurnAmberThenRed) {
  EXPECT_EQ(level_high(4, 5, 10), Level::Ok);
  EXPECT_EQ(level_high(5, 5, 10), Level::Amber);
  EXPECT_EQ(level_high(10, 5, 10), Level::Red);
  EXPECT_EQ(level_low(80, 80, 70), Level::Ok);
  EXPECT_EQ(level_low(79.9, 80, 70), Level::Amber);
  EXPECT_EQ(level_low(69.9, 80, 70), Level::Red);
}

TEST(Board, SnapshotJoinsTheLiveViews) {
  const auto dir = directory();
  Board b;
  feed(b, dir, morning());
  core::QueueView sales{.tenant = "t1", .name = "sales", .display_name = "Ventes", .waiting = 4, .ringing = 1,
                        .oldest_wait_ms = 45'500, .ewt_ms = 30'000};
  sales.agents[static_cast<size_t>(acd::AgentState::Ready)] = 1;
  sales.agents[static_cast<size_t>(acd::AgentState::Busy)] = 2;
  core::QueueView other{.tenant = "t2", .name = "sales"};
  core::AgentView a1{.tenant = "t1", .login = "1001", .name = "Salma", .state = acd::AgentState::Busy,
                     .state_since_ms = kBase + 101 * kS, .call_id = "c1"};
  core::AgentView a2{.tenant = "t1", .login = "1002", .name = "Youssef", .state = acd::AgentState::NotReady,
                     .reason = "lunch", .state_since_ms = kBase};
  const json s = b.snapshot("t1", kBase + 140 * kS, dir, {a1, a2}, {sales, other});
  EXPECT_EQ(s["tenant"], "t1");
  EXPECT_EQ(s["day_start_ms"], 1796079600000);
  EXPECT_EQ(s["time_zone"], "Africa/Casablanca");
  ASSERT_EQ(s["queues"].size(), 1u);
  const json& q = s["queues"][0];
  EXPECT_EQ(q["queue"], "sales");
  EXPECT_EQ(q["name"], "Ventes");
  EXPECT_EQ(q["waiting"], 5);
  EXPECT_EQ(q["longest_wait_s"], 45);
  EXPECT_EQ(q["agents"], (json{{"ready", 1}, {"reserved", 0}, {"busy", 2}, {"wrap_up", 0}, {"not_ready", 0}}));
  EXPECT_EQ(q["offered"], 5);
  EXPECT_EQ(q["answered"], 2);
  EXPECT_EQ(q["abandoned"], 2);
  EXPECT_EQ(q["service_level"], 0.3333);
  EXPECT_EQ(q["service_level_formula"], "A_T / (A + Ab - Ab_T)");
  EXPECT_EQ(q["sl_threshold_s"], 20);
  EXPECT_EQ(q["asa_s"], 20.0);
  EXPECT_EQ(q["estimated_wait_s"], 30);
  // waiting 5 >= amber 5; oldest 45 s >= red 40 s; SL 33 % < red 70 %; ASA 20 s >= red 20 s.
  EXPECT_EQ(q["levels"], (json{{"waiting", "amber"}, {"longest_wait", "red"}, {"service_level", "red"}, {"asa", "red"}}));
  ASSERT_EQ(s["agents"].size(), 2u);
  const json& x = s["agents"][0];
  EXPECT_EQ(x["login"], "1001");
  EXPECT_EQ(x["state"], "busy");
  EXPECT_EQ(x["since_ms"], kBase + 101 * kS);
  EXPECT_EQ(x["call_id"], "c1");
  EXPECT_EQ(x["contact"], (json{{"caller", "0612000001"}, {"queue", "sales"}}));
  EXPECT_EQ(x["handled"], 2);
  EXPECT_EQ(x["aht_s"], 50.0);
  const json& y = s["agents"][1];
  EXPECT_EQ(y["state"], "not_ready");
  EXPECT_EQ(y["reason"], "lunch");
  EXPECT_TRUE(y["contact"].is_null());
  EXPECT_TRUE(y["aht_s"].is_null());
  // Nobody answered in support's view yet: no estimate, no ratio.
  const json e = Board().snapshot("t2", kBase, dir, {}, {other});
  EXPECT_TRUE(e["queues"][0]["service_level"].is_null());
  EXPECT_TRUE(e["queues"][0]["asa_s"].is_null());
  EXPECT_TRUE(e["queues"][0]["estimated_wait_s"].is_null());
  EXPECT_EQ(e["queues"][0]["levels"]["service_level"], "ok");
}

}  // namespace
}  // namespace plateau::supervision
