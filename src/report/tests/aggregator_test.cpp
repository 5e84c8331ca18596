// Hand-computed KPIs of a scripted quarter of an hour, and intervals across
// Casablanca's Ramadan changes. Every expected figure is worked out in the
// comments from the timeline.
#include <gtest/gtest.h>

#include "report/aggregator.h"
#include "report/kpi.h"
#include "report/zone.h"

namespace plateau::report {
namespace {

constexpr int64_t kS = 1000;
constexpr int64_t kHour = 3'600'000;

struct Script {
  int64_t t0;
  std::vector<Event> events;
  int64_t id = 1;
  void call(int64_t s, Kind k, const std::string& call, const std::string& agent = "", const std::string& queue = "",
            const std::string& outcome = "") {
    Event e;
    e.id = id++;
    e.ts_ms = t0 + s * kS;
    e.kind = k;
    e.call_id = call;
    e.agent = agent;
    e.queue = queue;
    e.outcome = outcome;
    events.push_back(e);
  }
  void state(int64_t s, const std::string& agent, const std::string& from, const std::string& to,
             const std::string& reason = "", const std::string& from_reason = "", int64_t in_previous_ms = 0) {
    Event e;
    e.id = id++;
    e.ts_ms = t0 + s * kS;
    e.kind = Kind::AgentState;
    e.agent = agent;
    e.from = from;
    e.to = to;
    e.reason = reason;
    e.from_reason = from_reason;
    e.in_previous_ms = in_previous_ms;
    events.push_back(e);
  }
};

// 2026-12-01 08:00-08:15 (+01:00), queue q1, T = 20 s, S = 5 s; agents a1 and a2
// (both in q1, a2 also in q2). Seconds from 08:00:
//   c1 queued 10, offered a1 12, answered 15 (wait 5), held 100-130, ends 315
//      (talk 315-15-30 = 270, hold 30); a1 wrap-up 315-345 (30).
//   c2 queued 20, offered a2 20, ring-no-answer 35 (a2 not ready "missed",
//      then "lunch" at 60, logged out at 600); offered a1 345, answered 350
//      (wait 330), ends 470 (talk 120); a1 wrap-up 470-480 (10).
//   c3 queued 30, abandoned 33 (wait 3: short, within T).
//   c4 queued 40, abandoned 55 (wait 15: within T).
//   c5 queued 50, abandoned 120 (wait 70).
//   c6 queued 500, offered a1 500, answered 502 (wait 2), transferred by a1 at
//      560 (a1 wrap-up 560-570: 10), ends 620 (talk 118).
//   c7 queued 1000: after the range, not counted; c0 queued before it, not counted.
Script quarter(int64_t t0) {
  Script s{t0, {}};
  s.call(-100, Kind::Queued, "c0", "", "q1");
  s.state(0, "a1", "logged_out", "ready", "", "", 5000);
  s.state(0, "a2", "logged_out", "ready");
  s.call(10, Kind::Queued, "c1", "", "q1");
  s.call(12, Kind::Offered, "c1", "a1");
  s.state(12, "a1", "ready", "reserved");
  s.call(15, Kind::Answered, "c1", "a1", "q1");
  s.state(15, "a1", "reserved", "busy");
  s.call(20, Kind::Queued, "c2", "", "q1");
  s.call(20, Kind::Offered, "c2", "a2");
  s.state(20, "a2", "ready", "reserved");
  s.call(30, Kind::Queued, "c3", "", "q1");
  s.call(33, Kind::Ended, "c3", "", "q1", "abandoned");
  s.call(35, Kind::RingNoAnswer, "c2", "a2");
  s.state(35, "a2", "reserved", "not_ready", "missed");
  s.call(40, Kind::Queued, "c4", "", "q1");
  s.call(50, Kind::Queued, "c5", "", "q1");
  s.call(55, Kind::Ended, "c4", "", "q1", "abandoned");
  s.state(60, "a2", "not_ready", "not_ready", "lunch", "missed", 25000);
  s.state(70, "a2", "not_ready", "not_ready", "lunch", "lunch", 0);  // a pending state noted: no time closed
  s.call(100, Kind::Held, "c1", "a1");
  s.call(120, Kind::Ended, "c5", "", "q1", "abandoned");
  s.call(130, Kind::Retrieved, "c1", "a1");
  s.call(315, Kind::Ended, "c1", "a1", "q1", "answered");
  s.state(315, "a1", "busy", "wrap_up");
  s.state(345, "a1", "wrap_up", "ready");
  s.call(345, Kind::Offered, "c2", "a1");
  s.state(345, "a1", "ready", "reserved");
  s.call(350, Kind::Answered, "c2", "a1", "q1");
  s.state(350, "a1", "reserved", "busy");
  s.call(470, Kind::Ended, "c2", "a1", "q1", "answered");
  s.state(470, "a1", "busy", "wrap_up");
  s.state(480, "a1", "wrap_up", "ready");
  s.call(500, Kind::Queued, "c6", "", "q1");
  s.call(500, Kind::Offered, "c6", "a1");
  s.state(500, "a1", "ready", "reserved");
  s.call(502, Kind::Answered, "c6", "a1", "q1");
  s.state(502, "a1", "reserved", "busy");
  s.call(560, Kind::Transferred, "c6", "a1");
  s.state(560, "a1", "busy", "wrap_up");
  s.state(570, "a1", "wrap_up", "ready");
  s.state(600, "a2", "not_ready", "logged_out", "logout", "lunch");
  s.call(620, Kind::Ended, "c6", "", "q1", "answered");
  s.call(1000, Kind::Queued, "c7", "", "q1");
  s.call(1010, Kind::Ended, "c0", "", "q1", "abandoned");
  return s;
}

Options options(int64_t t0, By by) {
  Options o;
  o.from_ms = t0;
  o.to_ms = t0 + 900 * kS;
  o.by = by;
  o.sl_ms = 20 * kS;
  o.short_ms = 5 * kS;
  o.agent_queues = {{"a1", {"q1"}}, {"a2", {"q1", "q2"}}};
  return o;
}

Aggregator run(const Script& s, Options o, int64_t end_s = 1100) {
  Aggregator a(std::move(o));
  for (const auto& e : s.events) a.add(e);
  a.finish(s.t0 + end_s * kS);
  return a;
}

TEST(Aggregator, EveryKpiOfTheScriptedQuarter) {
  Zone z = Zone::locate("Africa/Casablanca").value();
  const int64_t t0 = z.day_start("2026-12-01").value() + 8 * kHour;
  Aggregator a = run(quarter(t0), options(t0, By::tenant));
  ASSERT_EQ(a.table().size(), 1u);
  const Counters& c = a.table().begin()->second;
  EXPECT_EQ(a.table().begin()->first.start, t0);
  // O 6 (c1..c6), A 3 (c1 c2 c6), A_T 2 (c1 5 s, c6 2 s), Ab 3, Ab_T 2 (3 s, 15 s), Ab_S 1 (3 s).
  EXPECT_EQ(c.offered, 6);
  EXPECT_EQ(c.answered, 3);
  EXPECT_EQ(c.answered_within, 2);
  EXPECT_EQ(c.abandoned, 3);
  EXPECT_EQ(c.abandoned_within, 2);
  EXPECT_EQ(c.short_abandoned, 1);
  EXPECT_EQ(c.handled, 3);
  EXPECT_EQ(c.ring_no_answer, 1);
  EXPECT_EQ(c.transfers, 1);
  EXPECT_EQ(c.talk_ms, (270 + 120 + 118) * kS);
  EXPECT_EQ(c.hold_ms, 30 * kS);
  EXPECT_EQ(c.wrap_ms, (30 + 10 + 10) * kS);
  // a1: ready 12+0+20+330, reserved 3+5+2, busy 300+120+58, wrap 30+10+10 (900 s);
  // a2: ready 20, reserved 15, not ready 25 missed + 540 lunch (600 s).
  EXPECT_EQ(c.state(State::ready), 382 * kS);
  EXPECT_EQ(c.state(State::reserved), 25 * kS);
  EXPECT_EQ(c.state(State::busy), 478 * kS);
  EXPECT_EQ(c.state(State::wrap_up), 50 * kS);
  EXPECT_EQ(c.state(State::not_ready), 565 * kS);
  EXPECT_EQ(c.not_ready_ms.at("missed"), 25 * kS);
  EXPECT_EQ(c.not_ready_ms.at("lunch"), 540 * kS);

  Kpis k = kpis(c, 900 * kS);
  EXPECT_DOUBLE_EQ(*k.sl_answered, 2.0 / 3);        // A_T / A
  EXPECT_DOUBLE_EQ(*k.sl_strict, 2.0 / 6);          // A_T / (A + Ab)
  EXPECT_DOUBLE_EQ(*k.sl_neutral, 2.0 / 4);         // A_T / (A + Ab - Ab_T)
  EXPECT_DOUBLE_EQ(*k.sl_met, 4.0 / 6);             // (A_T + Ab_T) / (A + Ab)
  EXPECT_DOUBLE_EQ(*k.sl_short_excluded, 2.0 / 5);  // A_T / (A + Ab - Ab_S)
  EXPECT_DOUBLE_EQ(*k.asa_s, 337.0 / 3);            // (5 + 330 + 2) / 3
  EXPECT_DOUBLE_EQ(*k.aht_s, 588.0 / 3);            // (508 + 30 + 50) / 3
  EXPECT_DOUBLE_EQ(*k.abandon_rate, 3.0 / 6);
  EXPECT_DOUBLE_EQ(*k.abandon_rate_excl_short, 2.0 / 5);
  EXPECT_DOUBLE_EQ(*k.occupancy, 528.0 / 910);  // (478 + 50) / (478 + 50 + 382)
  EXPECT_DOUBLE_EQ(*k.utilisation, 528.0 / 1500);
  EXPECT_DOUBLE_EQ(k.staffed_agents, 1500.0 / 900);
  EXPECT_EQ(a.open_contacts(), 0u);
}

TEST(Aggregator, RowsByAgentAndByQueue) {
  Zone z = Zone::locate("Africa/Casablanca").value();
  const int64_t t0 = z.day_start("2026-12-01").value() + 8 * kHour;
  Aggregator by_agent = run(quarter(t0), options(t0, By::agent));
  ASSERT_EQ(by_agent.table().size(), 2u);
  const Counters& a1 = by_agent.table().at(Key{t0, "", "a1"});
  const Counters& a2 = by_agent.table().at(Key{t0, "", "a2"});
  EXPECT_EQ(a1.offered, 3);  // offers rung to a1: c1, c2, c6
  EXPECT_EQ(a1.answered, 3);
  EXPECT_EQ(a1.answered_within, 2);
  EXPECT_EQ(a1.abandoned, 0);
  EXPECT_EQ(a1.handled, 3);
  EXPECT_EQ(a1.wrap_ms, 50 * kS);
  EXPECT_EQ(a1.transfers, 1);
  EXPECT_EQ(a1.logged_in_ms(), 900 * kS);
  EXPECT_EQ(a2.offered, 1);
  EXPECT_EQ(a2.answered, 0);
  EXPECT_EQ(a2.ring_no_answer, 1);
  EXPECT_EQ(a2.logged_in_ms(), 600 * kS);
  EXPECT_FALSE(kpis(a2, 900 * kS).aht_s.has_value());  // nothing handled: null
  // The total counts each contact once.
  EXPECT_EQ(by_agent.total().offered, 6);

  // By queue: q1 has every contact and both agents' time; q2 only a2's time.
  Aggregator by_queue = run(quarter(t0), options(t0, By::queue));
  const Counters& q1 = by_queue.table().at(Key{t0, "q1", ""});
  const Counters& q2 = by_queue.table().at(Key{t0, "q2", ""});
  EXPECT_EQ(q1.offered, 6);
  EXPECT_EQ(q1.logged_in_ms(), 1500 * kS);
  EXPECT_EQ(q2.offered, 0);
  EXPECT_EQ(q2.logged_in_ms(), 600 * kS);
  EXPECT_EQ(by_queue.total().logged_in_ms(), 1500 * kS);  // once per agent

  // The queue filter keeps q2's agents (a2) and q2's contacts (none).
  Options o = options(t0, By::tenant);
  o.queue = "q2";
  Aggregator only_q2 = run(quarter(t0), o);
  EXPECT_EQ(only_q2.total().offered, 0);
  EXPECT_EQ(only_q2.total().logged_in_ms(), 600 * kS);
}

TEST(Aggregator, QuarterHoursRollUpIntoHalfHoursAndDays) {
  Zone z = Zone::locate("Africa/Casablanca").value();
  const int64_t t0 = z.day_start("2026-12-01").value() + 8 * kHour;
  Options o = options(t0, By::tenant);
  o.to_ms = t0 + 3600 * kS;
  Aggregator a = run(quarter(t0), o, 1800);
  // c7 (08:16:40) is now in the range: its own quarter, the same half hour.
  ASSERT_EQ(a.table().size(), 2u);
  auto half = roll_up(a.table(), z, Interval::m30, o.from_ms, o.to_ms);
  ASSERT_EQ(half.size(), 1u);
  EXPECT_EQ(half[0].counters.offered, 7);
  EXPECT_EQ(half[0].end - half[0].start, 1800 * kS);
  // a1 ready until the end of data (08:30), then nothing: 1800 s; a2 600 s.
  EXPECT_EQ(half[0].counters.logged_in_ms(), 2400 * kS);
  auto day = roll_up(a.table(), z, Interval::day, o.from_ms, o.to_ms);
  ASSERT_EQ(day.size(), 1u);
  EXPECT_EQ(z.iso(day[0].start), "2026-12-01T08:00:00+01:00");  // clipped to the range
}

// A day across the Ramadan change of 15 February 2026 (03:00 +01 -> 02:00 +00):
// an agent logged in ready all day long (25 hours) is 1.0 staffed agent; two
// calls at 02:30 local, one before and one after the change, fall in the two
// distinct hours that read 02:00.
TEST(Aggregator, IntervalsAcrossTheRamadanChangeInCasablanca) {
  Zone z = Zone::locate("Africa/Casablanca").value();
  const int64_t from = z.day_start("2026-02-15").value(), to = z.day_end("2026-02-15").value();
  ASSERT_EQ(to - from, 25 * kHour);
  Script s{from, {}};
  s.state(-60, "a1", "logged_out", "ready");
  s.call(2 * 3600 + 1800, Kind::Queued, "early", "", "q1");  // 02:30 +01
  s.call(2 * 3600 + 1810, Kind::Ended, "early", "", "q1", "abandoned");
  s.call(3 * 3600 + 1800, Kind::Queued, "late", "", "q1");  // 02:30 +00
  s.call(3 * 3600 + 1801, Kind::Ended, "late", "", "q1", "abandoned");
  s.state(25 * 3600 + 60, "a1", "ready", "logged_out");
  Options o;
  o.from_ms = from;
  o.to_ms = to;
  o.sl_ms = 20 * kS;
  o.short_ms = 5 * kS;
  Aggregator a(o);
  for (const auto& e : s.events) a.add(e);
  a.finish(to + kHour);
  auto hours = roll_up(a.table(), z, Interval::hour, from, to);
  ASSERT_EQ(hours.size(), 25u);
  EXPECT_EQ(z.iso(hours[2].start), "2026-02-15T02:00:00+01:00");
  EXPECT_EQ(z.iso(hours[3].start), "2026-02-15T02:00:00+00:00");
  EXPECT_EQ(hours[2].counters.abandoned, 1);
  EXPECT_EQ(hours[2].counters.short_abandoned, 0);  // 10 s
  EXPECT_EQ(hours[3].counters.abandoned, 1);
  EXPECT_EQ(hours[3].counters.short_abandoned, 1);  // 1 s
  for (const auto& h : hours) EXPECT_EQ(h.counters.logged_in_ms(), kHour) << z.iso(h.start);
  auto day = roll_up(a.table(), z, Interval::day, from, to);
  ASSERT_EQ(day.size(), 1u);
  EXPECT_DOUBLE_EQ(kpis(day[0].counters, day[0].end - day[0].start).staffed_agents, 1.0);
  EXPECT_EQ(day[0].counters.offered, 2);

  // Counting straight into hours of the zone gives the roll-up of the quarter hours.
  o.zone = z;
  o.interval = Interval::hour;
  Aggregator direct(o);
  for (const auto& e : s.events) direct.add(e);
  direct.finish(to + kHour);
  auto same = roll_up(direct.table(), z, Interval::hour, from, to);
  ASSERT_EQ(same.size(), hours.size());
  for (size_t i = 0; i < same.size(); ++i) {
    EXPECT_EQ(same[i].start, hours[i].start);
    EXPECT_EQ(same[i].counters.logged_in_ms(), hours[i].counters.logged_in_ms());
    EXPECT_EQ(same[i].counters.abandoned, hours[i].counters.abandoned);
    EXPECT_EQ(same[i].counters.short_abandoned, hours[i].counters.short_abandoned);
  }
}

TEST(Aggregator, CallsWithoutAnEndAreForgottenAfterTheLimit) {
  Options o;
  o.from_ms = 0;
  o.to_ms = 100 * kHour;
  o.max_open_ms = kHour;
  Aggregator a(o);
  Event e;
  e.kind = Kind::Queued;
  e.queue = "q1";
  for (int i = 0; i < 1000; ++i) {
    e.id = i + 1;
    e.call_id = "c" + std::to_string(i);
    e.ts_ms = i * 60 * kS;  // one a minute, none ends
    a.add(e);
  }
  EXPECT_LE(a.open_contacts(), 61u);
  EXPECT_EQ(a.total().offered, 1000);
}

TEST(Kpi, RatiosAreNullWithoutDenominator) {
  Counters c;
  Kpis k = kpis(c, 900 * kS);
  EXPECT_FALSE(k.sl_answered);
  EXPECT_FALSE(k.sl_strict);
  EXPECT_FALSE(k.asa_s);
  EXPECT_FALSE(k.occupancy);
  EXPECT_EQ(k.staffed_agents, 0);
  SlRow r = sl_row("q1", c, 0.95);
  EXPECT_FALSE(r.sl);
  EXPECT_TRUE(r.met);
  c.answered = 20;
  c.answered_within = 19;
  c.abandoned = 1;
  r = sl_row("q1", c, 0.95);
  EXPECT_DOUBLE_EQ(*r.sl, 19.0 / 21);
  EXPECT_FALSE(r.met);
}

TEST(Event, ParsesStoredRows) {
  Event e = parse_event(7, 1000, "agent.state", "", "a1",
                        R"({"from":"not_ready","to":"ready","from_reason":"lunch","reason":"","in_previous_ms":600000})");
  EXPECT_EQ(e.kind, Kind::AgentState);
  EXPECT_EQ(e.from_reason, "lunch");
  EXPECT_EQ(e.in_previous_ms, 600000);
  EXPECT_EQ(parse_event(8, 1, "call.overflow", "c", "", R"({"to":"q2"})").queue, "q2");
  EXPECT_EQ(parse_event(9, 1, "call.queued", "c", "", "not json").queue, "");
  EXPECT_EQ(parse_event(9, 1, "call.dtmf_sent", "c", "", "{}").kind, Kind::Other);
}

}  // namespace
}  // namespace plateau::report
