#include "core/router.h"

#include <gtest/gtest.h>

#include "common/next_id.h"

namespace plateau::core {
namespace {

using namespace model;  // NOLINT(google-build-using-namespace): test file

Provisioning demo() {
  Provisioning p;
  p.tenants.push_back({"t1", "T1", "Africa/Casablanca", "fr"});
  p.trunks.push_back({"t1", "local", {"127.0.0.0/8"}});
  Queue q;
  q.tenant = "t1";
  q.name = "sales";
  q.ring_timeout_s = 5;
  q.max_wait_s = 60;
  p.queues.push_back(q);
  p.numbers.push_back({"t1", "100", "queue", "welcome", "sales"});
  for (std::string l : {"2001", "2002"}) {
    p.phones.push_back({"t1", l, "pw", ""});
    Agent a;
    a.tenant = "t1";
    a.login = l;
    a.name = "Agent " + l;
    a.queues = {{"t1", "sales", 1}};
    a.phone = l;
    p.agents.push_back(a);
  }
  return p;
}

template <class T>
std::vector<T> only(const std::vector<Output>& out) {
  std::vector<T> v;
  for (const auto& o : out) {
    if (auto* cmd = std::get_if<TelephonyCommand>(&o)) {
      if (auto* t = std::get_if<T>(cmd)) v.push_back(*t);
    }
  }
  return v;
}

std::vector<CallRecord> records(const std::vector<Output>& out) {
  std::vector<CallRecord> v;
  for (const auto& o : out)
    if (auto* r = std::get_if<CallRecord>(&o)) v.push_back(*r);
  return v;
}

class RouterTest : public ::testing::Test {
 protected:
  ManualClock clock;
  Router router{clock, std::make_shared<Directory>(demo())};

  void register_phone(const std::string& u) { router.on_event(PhoneRegistration{u, true, 1}); }

  std::pair<CallId, LegId> arrive() {
    CallId c = next_id<CallId>();
    LegId l = next_id<LegId>();
    auto out = router.on_event(InboundCall{c, l, "sip-1", "t1", "100", "0612345678", clock.now_ms()});
    auto plays = only<PlayPrompt>(out);
    EXPECT_EQ(plays.size(), 1u);
    EXPECT_EQ(plays.at(0).prompt, "welcome");
    return {c, l};
  }

  AgentState state_of(const std::string& login) {
    for (auto& a : router.agents())
      if (a.login == login) return a.state;
    ADD_FAILURE() << "no agent " << login;
    return AgentState::LoggedOut;
  }
};

TEST_F(RouterTest, GreetingThenQueueThenLongestIdleAgentThenRecord) {
  register_phone("2001");
  clock.advance_ms(1000);
  register_phone("2002");  // 2001 has been idle longer
  auto [call, leg] = arrive();
  auto out = router.on_event(PromptDone{leg});
  auto plays = only<PlayPrompt>(out);
  ASSERT_EQ(plays.size(), 1u);
  EXPECT_EQ(plays[0].prompt, "moh");
  EXPECT_TRUE(plays[0].loop);
  auto rings = only<RingPhone>(out);
  ASSERT_EQ(rings.size(), 1u);
  EXPECT_EQ(rings[0].username, "2001");
  EXPECT_EQ(state_of("2001"), AgentState::Reserved);

  clock.advance_ms(3000);
  out = router.on_event(LegAnswered{rings[0].leg});
  auto bridges = only<Bridge>(out);
  ASSERT_EQ(bridges.size(), 1u);
  EXPECT_EQ(bridges[0].caller_leg, leg);
  EXPECT_FALSE(bridges[0].record_path.empty());
  EXPECT_EQ(state_of("2001"), AgentState::Busy);

  clock.advance_ms(60000);
  out = router.on_event(LegEnded{leg, 0, "caller_hangup"});
  auto hangups = only<HangupLeg>(out);
  ASSERT_EQ(hangups.size(), 1u);
  EXPECT_EQ(hangups[0].leg, rings[0].leg);
  EXPECT_TRUE(records(out).empty()) << "record waits for the recording to close";
  EXPECT_EQ(state_of("2001"), AgentState::Ready);

  out = router.on_event(RecordingClosed{call, bridges[0].record_path, true});
  auto recs = records(out);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].outcome, CallOutcome::Answered);
  EXPECT_EQ(recs[0].agent, "2001");
  EXPECT_EQ(recs[0].wait_ms, 3000);
  EXPECT_EQ(recs[0].ring_ms, 3000);
  EXPECT_EQ(recs[0].talk_ms, 60000);
  EXPECT_EQ(recs[0].recording, bridges[0].record_path);
  router.on_record_committed(recs[0].id);
  EXPECT_EQ(router.active_calls(), 0u);
}

TEST_F(RouterTest, RingNoAnswerSetsNotReadyAndOffersNextAgent) {
  register_phone("2001");
  clock.advance_ms(10);
  register_phone("2002");
  auto [call, leg] = arrive();
  auto out = router.on_event(PromptDone{leg});
  auto first = only<RingPhone>(out).at(0);
  EXPECT_EQ(first.username, "2001");
  clock.advance_ms(4999);
  EXPECT_TRUE(router.on_time().empty());
  clock.advance_ms(1);
  out = router.on_time();
  auto hangups = only<HangupLeg>(out);
  ASSERT_EQ(hangups.size(), 1u);
  EXPECT_EQ(hangups[0].leg, first.leg);
  auto second = only<RingPhone>(out);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].username, "2002");
  EXPECT_EQ(state_of("2001"), AgentState::NotReady);
  out = router.on_event(LegAnswered{second[0].leg});
  out = router.on_event(LegEnded{second[0].leg, 0, "agent_hangup"});
  EXPECT_EQ(only<HangupLeg>(out).at(0).leg, leg);
  out = router.on_event(RecordingClosed{call, "x.wav", true});
  auto rec = records(out).at(0);
  EXPECT_EQ(rec.agent, "2002");
  EXPECT_EQ(rec.ring_ms, 5000);
  EXPECT_EQ(rec.reason, "agent_hangup");
}

TEST_F(RouterTest, CallerAbandonsWhileQueuedWithNoReadyAgent) {
  auto [call, leg] = arrive();
  router.on_event(PromptDone{leg});
  clock.advance_ms(7000);
  auto out = router.on_event(LegEnded{leg, 0, "caller_hangup"});
  auto rec = records(out);
  ASSERT_EQ(rec.size(), 1u);
  EXPECT_EQ(rec[0].outcome, CallOutcome::Abandoned);
  EXPECT_EQ(rec[0].wait_ms, 7000);
  EXPECT_EQ(rec[0].agent, "");
}

TEST_F(RouterTest, MaxWaitPlaysNoAgentThenHangsUp) {
  auto [call, leg] = arrive();
  router.on_event(PromptDone{leg});
  clock.advance_ms(60000);
  auto out = router.on_time();
  ASSERT_EQ(only<PlayPrompt>(out).at(0).prompt, "no_agent");
  clock.advance_ms(4000);  // the prompt plays: not queue waiting any more
  out = router.on_event(PromptDone{leg});
  ASSERT_EQ(only<HangupLeg>(out).at(0).code, 480);
  // Telephony reports nothing for a leg the core hung up: the record comes now.
  auto rec = records(out);
  ASSERT_EQ(rec.size(), 1u);
  EXPECT_EQ(rec[0].outcome, CallOutcome::NoAgent);
  EXPECT_EQ(rec[0].wait_ms, 60000);
  router.on_record_committed(rec[0].id);
  EXPECT_EQ(router.active_calls(), 0u);
}

TEST_F(RouterTest, CallerHangsUpWhileAgentRingsCancelsAgentLeg) {
  register_phone("2001");
  auto [call, leg] = arrive();
  auto ring = only<RingPhone>(router.on_event(PromptDone{leg})).at(0);
  auto out = router.on_event(LegEnded{leg, 0, "caller_hangup"});
  ASSERT_EQ(only<HangupLeg>(out).at(0).leg, ring.leg);
  EXPECT_EQ(records(out).at(0).outcome, CallOutcome::Abandoned);
  EXPECT_EQ(state_of("2001"), AgentState::Ready);
}

TEST_F(RouterTest, BusyPhoneMakesAgentNotReadyAndCallKeepsItsPlace) {
  register_phone("2001");
  auto [c1, l1] = arrive();
  auto ring = only<RingPhone>(router.on_event(PromptDone{l1})).at(0);
  auto [c2, l2] = arrive();
  router.on_event(PromptDone{l2});
  register_phone("2002");
  // 2002 became ready: the second call waits behind the first only if it is already offered;
  // the first call is being offered to 2001, so the second goes to 2002.
  auto out = router.on_event(LegEnded{ring.leg, 486, "Busy Here"});
  EXPECT_EQ(state_of("2001"), AgentState::NotReady);
  auto qs = router.queues();
  ASSERT_EQ(qs.size(), 1u);
  EXPECT_EQ(qs[0].waiting, 1) << "the first call is back in the queue, nobody is ready";
}

TEST_F(RouterTest, NotReadyDuringCallTakesEffectAtItsEnd) {
  register_phone("2001");
  auto [call, leg] = arrive();
  auto ring = only<RingPhone>(router.on_event(PromptDone{leg})).at(0);
  router.on_event(LegAnswered{ring.leg});
  ASSERT_TRUE(router.set_not_ready("t1", "2001", "lunch").ok());
  EXPECT_EQ(state_of("2001"), AgentState::Busy);
  router.on_event(LegEnded{leg, 0, "caller_hangup"});
  EXPECT_EQ(state_of("2001"), AgentState::NotReady);
  EXPECT_FALSE(router.set_ready("t1", "nobody").ok());
  EXPECT_FALSE(router.set_ready("t2", "2001").ok()) << "another tenant's agent is unknown";
}

TEST_F(RouterTest, ShutdownEmitsARecordForEveryCallInProgress) {
  register_phone("2001");
  auto [c1, l1] = arrive();
  auto ring = only<RingPhone>(router.on_event(PromptDone{l1})).at(0);
  router.on_event(LegAnswered{ring.leg});
  arrive();  // a second call, still in its greeting
  clock.advance_ms(2000);
  auto recs = records(router.shutdown());
  ASSERT_EQ(recs.size(), 2u);
  for (const auto& r : recs) {
    EXPECT_EQ(r.outcome, CallOutcome::Failed);
    EXPECT_EQ(r.reason, "shutdown");
  }
  EXPECT_TRUE(records(router.shutdown()).empty()) << "records are emitted once";
}

TEST_F(RouterTest, RejectedCallGivesARecord) {
  auto out = router.on_event(CallRejected{next_id<CallId>(), "x", "", "999", "0611", 404, "Not Found", 5});
  auto rec = records(out).at(0);
  EXPECT_EQ(rec.outcome, CallOutcome::Rejected);
  EXPECT_EQ(rec.reason, "404 Not Found");
}

}  // namespace
}  // namespace plateau::core
