// Supervisors on live calls (listen, whisper, barge) and forced agent states:
// the telephony commands, the audit events and what happens to a monitor
// when its call moves on.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/next_id.h"
#include "core/router.h"

namespace plateau::core {
namespace {

using namespace model;  // NOLINT(google-build-using-namespace): test file
using nlohmann::json;

// Queue "sales" (agents a1, a2), phones a1, a2 and the supervisors' sup1, sup2.
Provisioning monitor_demo() {
  Provisioning p;
  Tenant t;
  t.name = "t1";
  p.tenants.push_back(t);
  Queue sales;
  sales.tenant = "t1";
  sales.name = "sales";
  sales.ring_timeout_s = 5;
  sales.wrapup_s = 30;
  p.queues = {sales};
  p.numbers.push_back({"t1", "100", "queue", "", "sales"});
  for (const char* login : {"a1", "a2"}) {
    p.phones.push_back({"t1", login, "pw", ""});
    Agent a;
    a.tenant = "t1";
    a.login = login;
    a.name = std::string("Agent ") + login;
    a.phone = login;
    a.queues = {{"t1", "sales", 1}};
    p.agents.push_back(a);
  }
  p.phones.push_back({"t1", "sup1", "pw", ""});
  p.phones.push_back({"t1", "sup2", "pw", ""});
  p.phones.push_back({"t1", "sup3", "pw", ""});  // never registered
  return p;
}

template <class T>
std::vector<T> cmds(const std::vector<Output>& out) {
  std::vector<T> v;
  for (const auto& o : out)
    if (auto* cmd = std::get_if<TelephonyCommand>(&o))
      if (auto* t = std::get_if<T>(cmd)) v.push_back(*t);
  return v;
}

std::vector<LogEvent> events(const std::vector<Output>& out, const std::string& kind) {
  std::vector<LogEvent> v;
  for (const auto& o : out)
    if (auto* e = std::get_if<LogEvent>(&o); e && e->kind == kind) v.push_back(*e);
  return v;
}

class MonitorTest : public ::testing::Test {
 protected:
  ManualClock clock;
  Router router{clock, std::make_shared<Directory>(monitor_demo())};
  CallId call;
  LegId caller, agent_leg;
  std::string pid, record_path;

  void SetUp() override {
    for (const char* p : {"a1", "a2", "sup1", "sup2"}) router.on_event(PhoneRegistration{p, true, 1});
    ASSERT_TRUE(router.set_not_ready("t1", "a2", "break"));
  }

  AgentView view_of(const std::string& login) {
    for (auto& a : router.agents())
      if (a.login == login) return a;
    ADD_FAILURE() << "no agent " << login;
    return {};
  }

  // The caller talks with a1.
  void connect() {
    call = next_id<CallId>();
    caller = next_id<LegId>();
    pid = call_label(call);
    auto out = router.on_event(InboundCall{call, caller, "sip-1", "t1", "100", "0612345678", clock.now_ms()});
    auto rings = cmds<RingPhone>(out);
    ASSERT_EQ(rings.size(), 1u);
    agent_leg = rings[0].leg;
    out = router.on_event(LegAnswered{agent_leg});
    auto bridges = cmds<Bridge>(out);
    ASSERT_EQ(bridges.size(), 1u);
    record_path = bridges[0].record_path;
  }

  // A supervisor starts monitoring the call: its id and the supervisor's leg (rung).
  std::pair<std::string, LegId> start(MonitorMode mode, const std::string& phone = "sup1",
                                      const std::string& actor = "salma") {
    auto r = router.monitor("t1", pid, mode, phone, actor);
    EXPECT_TRUE(r) << r.error().message;
    if (!r) return {};
    auto rings = cmds<RingPhone>(r.value().out);
    EXPECT_EQ(rings.size(), 1u);
    if (rings.empty()) return {};
    return {r.value().monitor, rings[0].leg};
  }
};

TEST_F(MonitorTest, ListenRingsTheSupervisorWithAutoAnswerThenJoinsItsLeg) {
  connect();
  auto r = router.monitor("t1", pid, MonitorMode::Listen, "sup1", "salma");
  ASSERT_TRUE(r) << r.error().message;
  auto rings = cmds<RingPhone>(r.value().out);
  ASSERT_EQ(rings.size(), 1u);
  EXPECT_EQ(rings[0].username, "sup1");
  EXPECT_TRUE(rings[0].auto_answer);
  EXPECT_EQ(rings[0].call, call);
  auto started = events(r.value().out, "supervisor.monitor_started");
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0].call_id, pid);
  EXPECT_EQ(started[0].agent, "a1");
  EXPECT_EQ(json::parse(started[0].data_json),
            (json{{"actor", "salma"}, {"mode", "listen"}, {"phone", "sup1"}, {"monitor", r.value().monitor}}));
  auto list = router.monitors("t1");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_FALSE(list[0].joined);
  EXPECT_EQ(list[0].call_id, pid);
  EXPECT_TRUE(router.monitors("t2").empty());

  auto out = router.on_event(LegAnswered{rings[0].leg});
  auto mon = cmds<Monitor>(out);
  ASSERT_EQ(mon.size(), 1u);
  EXPECT_EQ(mon[0].call, call);
  EXPECT_EQ(mon[0].leg, rings[0].leg);
  EXPECT_EQ(mon[0].agent_leg, agent_leg);
  EXPECT_EQ(mon[0].mode, MonitorMode::Listen);
  EXPECT_TRUE(cmds<Bridge>(out).empty());
  EXPECT_TRUE(router.monitors("t1")[0].joined);
  // The agent's view of its contact says nothing of it.
  EXPECT_EQ(router.contact_of("t1", "a1")->role, "connected");
}

TEST_F(MonitorTest, TheModeChangesWithoutANewCallAndIsAudited) {
  connect();
  auto [id, leg] = start(MonitorMode::Listen);
  // Before the answer: only remembered.
  auto early = router.set_monitor_mode("t1", id, MonitorMode::Whisper, "salma");
  ASSERT_TRUE(early);
  EXPECT_TRUE(cmds<Monitor>(early.value()).empty());
  auto out = router.on_event(LegAnswered{leg});
  ASSERT_EQ(cmds<Monitor>(out).size(), 1u);
  EXPECT_EQ(cmds<Monitor>(out)[0].mode, MonitorMode::Whisper);
  auto barge = router.set_monitor_mode("t1", id, MonitorMode::Barge, "karim");
  ASSERT_TRUE(barge);
  auto mon = cmds<Monitor>(barge.value());
  ASSERT_EQ(mon.size(), 1u);
  EXPECT_EQ(mon[0].leg, leg);
  EXPECT_EQ(mon[0].mode, MonitorMode::Barge);
  EXPECT_TRUE(cmds<RingPhone>(barge.value()).empty());
  auto changed = events(barge.value(), "supervisor.monitor_changed");
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(json::parse(changed[0].data_json), (json{{"actor", "karim"}, {"mode", "barge"}, {"monitor", id}}));
  EXPECT_EQ(changed[0].agent, "a1");
  EXPECT_EQ(router.monitors("t1")[0].mode, MonitorMode::Barge);
}

TEST_F(MonitorTest, TheSupervisorHangingUpLeavesTheCallUp) {
  connect();
  auto [id, leg] = start(MonitorMode::Barge);
  router.on_event(LegAnswered{leg});
  auto out = router.on_event(LegEnded{leg, 0, "agent_hangup"});
  EXPECT_TRUE(cmds<HangupLeg>(out).empty());
  auto ended = events(out, "supervisor.monitor_ended");
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(json::parse(ended[0].data_json), (json{{"actor", "salma"}, {"monitor", id}, {"reason", "supervisor_hangup"}}));
  EXPECT_TRUE(router.monitors("t1").empty());
  EXPECT_EQ(router.contact_of("t1", "a1")->role, "connected");
  EXPECT_EQ(view_of("a1").state, AgentState::Busy);
  // The call still ends as usual.
  out = router.on_event(LegEnded{caller, 0, "caller_hangup"});
  EXPECT_EQ(cmds<HangupLeg>(out).size(), 1u);
  EXPECT_TRUE(events(out, "supervisor.monitor_ended").empty());
}

TEST_F(MonitorTest, StopHangsTheSupervisorUpAndTheCallGoesOn) {
  connect();
  auto [id, leg] = start(MonitorMode::Listen);
  router.on_event(LegAnswered{leg});
  auto other = router.stop_monitor("t2", id, "x");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, "monitor.unknown");
  auto r = router.stop_monitor("t1", id, "karim");
  ASSERT_TRUE(r);
  auto h = cmds<HangupLeg>(r.value());
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].leg, leg);
  auto ended = events(r.value(), "supervisor.monitor_ended");
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(json::parse(ended[0].data_json)["reason"], "stopped");
  EXPECT_EQ(json::parse(ended[0].data_json)["actor"], "karim");
  // The leg's own end afterwards changes nothing.
  EXPECT_TRUE(router.on_event(LegEnded{leg, 0, "agent_hangup"}).empty());
  auto again = router.stop_monitor("t1", id, "karim");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "monitor.unknown");
  EXPECT_EQ(view_of("a1").state, AgentState::Busy);
}

TEST_F(MonitorTest, TheEndOfTheCallHangsEverySupervisorUp) {
  connect();
  auto [id1, leg1] = start(MonitorMode::Listen, "sup1", "salma");
  auto [id2, leg2] = start(MonitorMode::Whisper, "sup2", "karim");
  EXPECT_NE(id1, id2);
  router.on_event(LegAnswered{leg1});  // the second still rings
  EXPECT_EQ(router.monitors("t1").size(), 2u);
  auto out = router.on_event(LegEnded{caller, 0, "caller_hangup"});
  auto h = cmds<HangupLeg>(out);
  std::set<uint64_t> legs;
  for (auto& x : h) legs.insert(x.leg.value);
  EXPECT_TRUE(legs.count(leg1.value) && legs.count(leg2.value) && legs.count(agent_leg.value));
  auto ended = events(out, "supervisor.monitor_ended");
  ASSERT_EQ(ended.size(), 2u);
  for (auto& e : ended) {
    EXPECT_EQ(json::parse(e.data_json)["reason"], "call_ended");
    EXPECT_EQ(json::parse(e.data_json)["actor"], "system");
    EXPECT_EQ(e.call_id, pid);
  }
  EXPECT_TRUE(router.monitors("t1").empty());
  // A late answer of a leg already hung up is nothing.
  EXPECT_TRUE(router.on_event(LegAnswered{leg2}).empty());
}

TEST_F(MonitorTest, HoldAndRetrieveKeepTheMonitorABlindTransferEndsIt) {
  connect();
  auto [id, leg] = start(MonitorMode::Whisper);
  router.on_event(LegAnswered{leg});
  auto out = router.call_action("t1", "a1", CallAction::Hold);
  ASSERT_TRUE(out);
  EXPECT_TRUE(cmds<HangupLeg>(out.value()).empty());
  out = router.call_action("t1", "a1", CallAction::Retrieve);
  ASSERT_TRUE(out);
  EXPECT_TRUE(cmds<HangupLeg>(out.value()).empty());
  EXPECT_EQ(router.monitors("t1").size(), 1u);
  ASSERT_TRUE(router.set_ready("t1", "a2"));
  auto t = router.transfer("t1", "a1", {"blind", "agent", "a2"});
  ASSERT_TRUE(t) << t.error().message;
  auto h = cmds<HangupLeg>(t.value());
  ASSERT_EQ(h.size(), 2u);  // the supervisor's leg and a1's
  EXPECT_EQ(h[0].leg, leg);
  auto ended = events(t.value(), "supervisor.monitor_ended");
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(json::parse(ended[0].data_json)["reason"], "transferred");
  EXPECT_TRUE(router.monitors("t1").empty());
}

TEST_F(MonitorTest, AConsultedTransferCompletedEndsTheMonitorOfTheAgentWhoLeft) {
  connect();
  auto [id, leg] = start(MonitorMode::Listen);
  router.on_event(LegAnswered{leg});
  ASSERT_TRUE(router.set_ready("t1", "a2"));
  auto t = router.transfer("t1", "a1", {"consult", "agent", "a2"});
  ASSERT_TRUE(t) << t.error().message;
  auto rings = cmds<RingPhone>(t.value());
  ASSERT_EQ(rings.size(), 1u);
  router.on_event(LegAnswered{rings[0].leg});
  EXPECT_EQ(router.monitors("t1").size(), 1u) << "the supervisor hears the consultation";
  auto done = router.call_action("t1", "a1", CallAction::CompleteTransfer);
  ASSERT_TRUE(done);
  auto ended = events(done.value(), "supervisor.monitor_ended");
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(json::parse(ended[0].data_json)["reason"], "agent_left");
}

TEST_F(MonitorTest, RefusedRequests) {
  auto none = router.monitor("t1", "c-nope", MonitorMode::Listen, "sup1", "salma");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, "monitor.call_unknown");
  // A call still ringing its agent.
  call = next_id<CallId>();
  caller = next_id<LegId>();
  pid = call_label(call);
  router.on_event(InboundCall{call, caller, "sip-1", "t1", "100", "0612345678", clock.now_ms()});
  auto ringing = router.monitor("t1", pid, MonitorMode::Listen, "sup1", "salma");
  ASSERT_FALSE(ringing);
  EXPECT_EQ(ringing.error().code, "monitor.not_connected");
  router.on_event(LegEnded{caller, 0, "caller_hangup"});
  connect();
  auto other_tenant = router.monitor("t2", pid, MonitorMode::Listen, "sup1", "x");
  ASSERT_FALSE(other_tenant);
  EXPECT_EQ(other_tenant.error().code, "monitor.call_unknown");
  for (auto [phone, code] : {std::pair{"nophone", "monitor.phone_unknown"}, std::pair{"", "monitor.phone_unknown"},
                             std::pair{"sup3", "monitor.phone_unregistered"}, std::pair{"a1", "monitor.bad_request"}}) {
    auto r = router.monitor("t1", pid, MonitorMode::Listen, phone, "salma");
    ASSERT_FALSE(r) << phone;
    EXPECT_EQ(r.error().code, code) << phone;
  }
  auto unknown = router.set_monitor_mode("t1", "m-nope", MonitorMode::Barge, "salma");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "monitor.unknown");
  EXPECT_TRUE(router.monitors("t1").empty());
}

TEST_F(MonitorTest, APhoneThatDoesNotAnswerEndsTheMonitorAndTheCallGoesOn) {
  connect();
  auto [id, leg] = start(MonitorMode::Listen);
  auto out = router.on_event(LegEnded{leg, 486, "486 Busy Here"});
  auto ended = events(out, "supervisor.monitor_ended");
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(json::parse(ended[0].data_json)["reason"], "not_answered 486 486 Busy Here");
  EXPECT_TRUE(cmds<HangupLeg>(out).empty());
  // Ringing past the limit: hung up.
  auto [id2, leg2] = start(MonitorMode::Listen);
  ASSERT_TRUE(router.next_deadline());
  clock.advance_ms(kDialRingMs);
  out = router.on_time();
  auto h = cmds<HangupLeg>(out);
  ASSERT_EQ(h.size(), 1u);
  EXPECT_EQ(h[0].leg, leg2);
  EXPECT_EQ(json::parse(events(out, "supervisor.monitor_ended").at(0).data_json)["reason"], "not_answered");
  EXPECT_EQ(view_of("a1").state, AgentState::Busy);
}

TEST_F(MonitorTest, AForcedNotReadyDuringACallIsPendingUntilItsEnd) {
  connect();
  auto r = router.force_state("t1", "a1", "not_ready", "nap", "salma");
  ASSERT_FALSE(r);  // not a reason of the tenant
  EXPECT_EQ(r.error().code, "acd.reason_unknown");
  r = router.force_state("t1", "a1", "not_ready", "", "salma");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(view_of("a1").state, AgentState::Busy);
  EXPECT_EQ(view_of("a1").pending, "not_ready:break");
  auto forced = events(r.value(), "supervisor.forced_state");
  ASSERT_EQ(forced.size(), 1u);
  EXPECT_EQ(forced[0].agent, "a1");
  EXPECT_EQ(forced[0].call_id, pid);
  EXPECT_EQ(json::parse(forced[0].data_json),
            (json{{"actor", "salma"}, {"to", "not_ready"}, {"reason", "break"}, {"pending", true}}));
  auto st = events(r.value(), "agent.state");
  ASSERT_EQ(st.size(), 1u);
  EXPECT_EQ(json::parse(st[0].data_json)["actor"], "salma");
  EXPECT_EQ(json::parse(st[0].data_json)["pending"], "not_ready:break");
  // At the end of the call (and of wrap-up) the agent is not ready.
  router.on_event(LegEnded{caller, 0, "caller_hangup"});
  EXPECT_EQ(view_of("a1").state, AgentState::WrapUp);
  clock.advance_ms(31'000);
  router.on_time();
  EXPECT_EQ(view_of("a1").state, AgentState::NotReady);
  EXPECT_EQ(view_of("a1").reason, "break");
}

TEST_F(MonitorTest, AForcedLogoutDuringACallTakesEffectAtItsEndAndReadyAtOnce) {
  auto r = router.force_state("t1", "a2", "ready", "", "salma");
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(view_of("a2").state, AgentState::Ready);
  auto st = events(r.value(), "agent.state");
  ASSERT_EQ(st.size(), 1u);
  EXPECT_EQ(json::parse(st[0].data_json)["actor"], "salma");
  EXPECT_EQ(json::parse(events(r.value(), "supervisor.forced_state").at(0).data_json)["pending"], false);
  ASSERT_TRUE(router.set_not_ready("t1", "a2", "break"));

  connect();
  r = router.force_state("t1", "a1", "logged_out", "", "salma");
  ASSERT_TRUE(r);
  EXPECT_EQ(view_of("a1").state, AgentState::Busy);
  EXPECT_EQ(view_of("a1").pending, "logged_out");
  EXPECT_EQ(json::parse(events(r.value(), "supervisor.forced_state").at(0).data_json)["reason"], "forced_logout");
  router.on_event(LegEnded{caller, 0, "caller_hangup"});
  clock.advance_ms(31'000);
  router.on_time();
  EXPECT_EQ(view_of("a1").state, AgentState::LoggedOut);

  auto bad = router.force_state("t1", "a2", "busy", "", "salma");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "acd.bad_state_name");
  auto nobody = router.force_state("t1", "zz", "ready", "", "salma");
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().code, "acd.agent_unknown");
  auto out_already = router.force_state("t1", "a1", "ready", "", "salma");
  ASSERT_FALSE(out_already);
  EXPECT_EQ(out_already.error().code, "acd.logged_out");
}

}  // namespace
}  // namespace plateau::core
