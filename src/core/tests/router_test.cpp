#include "core/router.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

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

// The data of the log events of `kind`, in order.
std::vector<nlohmann::json> logged(const std::vector<Output>& out, const std::string& kind) {
  std::vector<nlohmann::json> v;
  for (const auto& o : out)
    if (auto* e = std::get_if<LogEvent>(&o); e && e->kind == kind) {
      auto j = nlohmann::json::parse(e->data_json);
      j["@agent"] = e->agent;
      v.push_back(j);
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

// The facts reports are computed from (docs/EVENTS.md): queue entry with its
// priority, ring with the agent, answer with the wait, end with talk and wait,
// abandon with the place in line, state changes with the reason left.
TEST_F(RouterTest, TheLogCarriesTheReportFacts) {
  register_phone("2001");
  auto [call, leg] = arrive();
  auto out = router.on_event(PromptDone{leg});
  auto queued = logged(out, "call.queued");
  ASSERT_EQ(queued.size(), 1u);
  EXPECT_EQ(queued[0]["queue"], "sales");
  EXPECT_EQ(queued[0]["priority"], 0);
  auto ring = only<RingPhone>(out).at(0);
  clock.advance_ms(1200);
  auto ringing = logged(router.on_event(LegRinging{ring.leg}), "call.ringing");
  ASSERT_EQ(ringing.size(), 1u);
  EXPECT_EQ(ringing[0]["@agent"], "2001");
  clock.advance_ms(800);
  out = router.on_event(LegAnswered{ring.leg});
  auto answered = logged(out, "call.answered");
  ASSERT_EQ(answered.size(), 1u);
  EXPECT_EQ(answered[0]["wait_ms"], 2000);
  EXPECT_EQ(answered[0]["ring_ms"], 2000);
  EXPECT_EQ(answered[0]["queue"], "sales");
  EXPECT_EQ(answered[0]["first"], true);
  clock.advance_ms(30000);
  out = router.on_event(LegEnded{leg, 0, "caller_hangup"});
  auto ended = logged(out, "call.ended");
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0]["outcome"], "answered");
  EXPECT_EQ(ended[0]["wait_ms"], 2000);
  EXPECT_EQ(ended[0]["talk_ms"], 30000);
  EXPECT_EQ(ended[0]["queue"], "sales");

  // Two callers wait (the agent is on a break); the second leaves from place 2.
  ASSERT_TRUE(router.set_not_ready("t1", "2001", "break").ok());
  auto second = arrive();
  router.on_event(PromptDone{second.second});
  auto third = arrive();
  router.on_event(PromptDone{third.second});
  clock.advance_ms(4000);
  out = router.on_event(LegEnded{third.second, 0, "caller_hangup"});
  auto left = logged(out, "contact.left");
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0]["reason"], "abandoned");
  EXPECT_EQ(left[0]["position"], 2);
  EXPECT_EQ(left[0]["waited_ms"], 4000);
  EXPECT_EQ(logged(out, "call.ended").at(0)["outcome"], "abandoned");

  auto ready = router.set_ready("t1", "2001");
  ASSERT_TRUE(ready.ok());
  auto states = logged(ready.value(), "agent.state");
  ASSERT_FALSE(states.empty());
  EXPECT_EQ(states[0]["from"], "not_ready");
  EXPECT_EQ(states[0]["from_reason"], "break");
  EXPECT_EQ(states[0]["in_previous_ms"], 4000);
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

namespace plateau::core {
namespace {

using namespace model;  // NOLINT(google-build-using-namespace): test file

// Two queues: "sales" (callback allowed, overflow after 20 s to "expert",
// announcements every 30 s) and "expert"; number 100 needs Spanish.
Provisioning acd_demo() {
  Provisioning p;
  Tenant t;
  t.name = "t1";
  p.tenants.push_back(t);
  Trunk tr;
  tr.tenant = "t1";
  tr.name = "carrier";
  tr.addresses = {"127.0.0.1"};
  tr.gateway = "127.0.0.1:5090";
  tr.caller_id = "0522000000";
  p.trunks.push_back(tr);
  Queue sales;
  sales.tenant = "t1";
  sales.name = "sales";
  sales.max_wait_s = 20;
  sales.on_timeout = {OverflowKind::Queue, "expert"};
  sales.callback = true;
  sales.callback_trunk = "carrier";
  sales.announce_every_s = 30;
  Queue expert = sales;
  expert.name = "expert";
  expert.max_wait_s = 600;
  expert.on_timeout = {OverflowKind::External, "0699999999"};
  p.queues = {sales, expert};
  Number n;
  n.tenant = "t1";
  n.did = "100";
  n.queue = "sales";
  n.requirement = "lang_es >= 3";
  p.numbers.push_back(n);
  for (auto [login, skills, queue] : {std::tuple{"fr", std::map<std::string, int>{{"lang_fr", 5}}, "sales"},
                                      std::tuple{"es", std::map<std::string, int>{{"lang_es", 4}}, "sales"},
                                      std::tuple{"ex", std::map<std::string, int>{{"lang_es", 5}}, "expert"}}) {
    p.phones.push_back({"t1", login, "pw", ""});
    Agent a;
    a.tenant = "t1";
    a.login = login;
    a.phone = login;
    a.skills = skills;
    a.queues = {{"t1", queue, 1}};
    p.agents.push_back(a);
  }
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

class AcdRouterTest : public ::testing::Test {
 protected:
  ManualClock clock;
  Router router{clock, std::make_shared<Directory>(acd_demo())};

  std::pair<CallId, LegId> arrive(const std::string& caller = "0612345678") {
    CallId c = next_id<CallId>();
    LegId l = next_id<LegId>();
    last = router.on_event(InboundCall{c, l, "sip", "t1", "100", caller, clock.now_ms()});
    return {c, l};
  }
  std::vector<Output> last;
};

TEST_F(AcdRouterTest, TheNumbersRequirementPicksTheSpanishSpeaker) {
  router.on_event(PhoneRegistration{"fr", true, 1});
  clock.advance_ms(10);
  arrive();
  EXPECT_TRUE(cmds<RingPhone>(last).empty()) << "the French speaker does not qualify";
  clock.advance_ms(15'000);
  auto out = router.on_event(PhoneRegistration{"es", true, 1});
  auto ring = cmds<RingPhone>(out);
  ASSERT_EQ(ring.size(), 1u);
  EXPECT_EQ(ring[0].username, "es");
  router.on_event(LegAnswered{ring[0].leg});
  EXPECT_EQ(router.agents()[1].state, AgentState::Busy);
}

TEST_F(AcdRouterTest, PositionIsAnnouncedThenMusicResumes) {
  auto l = arrive().second;
  clock.advance_ms(19'000);
  router.on_time();
  // sales overflows at 20 s; expert announces 30 s after entry.
  clock.advance_ms(1'000);
  auto out = router.on_time();
  clock.advance_ms(30'000);
  out = router.on_time();
  auto seq = cmds<PlaySequence>(out);
  ASSERT_EQ(seq.size(), 1u);
  EXPECT_EQ(seq[0].prompts.front(), "position_is");
  out = router.on_event(PromptDone{l});
  ASSERT_EQ(cmds<PlayPrompt>(out).size(), 1u);
  EXPECT_TRUE(cmds<PlayPrompt>(out)[0].loop);
}

TEST_F(AcdRouterTest, OverflowOnTimeoutMovesTheCallToTheOtherQueue) {
  router.on_event(PhoneRegistration{"ex", true, 1});
  router.set_not_ready("t1", "ex", "break");
  auto [c, l] = arrive();
  clock.advance_ms(20'000);
  router.on_time();
  auto qs = router.queues();
  EXPECT_EQ(qs[1].name, "expert");
  EXPECT_EQ(qs[1].waiting, 1);
  auto out = router.set_ready("t1", "ex");
  ASSERT_TRUE(out);
  ASSERT_EQ(cmds<RingPhone>(out.value()).size(), 1u);
  auto ring = cmds<RingPhone>(out.value())[0];
  out = router.on_event(LegAnswered{ring.leg});
  router.on_event(LegEnded{l, 0, "caller_hangup"});
  auto recs = router.on_event(RecordingClosed{c, "x", true});
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(std::get<CallRecord>(recs[0]).queue, "expert");
  EXPECT_EQ(std::get<CallRecord>(recs[0]).wait_ms, 20'000);
}

TEST_F(AcdRouterTest, QueuedCallbackIsStoredConfirmedThenPlacedWhenAnAgentIsFree) {
  auto [c, l] = arrive("0611223344");
  auto out = router.on_event(Digit{l, '1'});
  std::vector<CallbackEntry> saved;
  for (auto& o : out)
    if (auto* cb = std::get_if<CallbackEntry>(&o)) saved.push_back(*cb);
  ASSERT_EQ(saved.size(), 1u);
  EXPECT_EQ(saved[0].number, "0611223344");
  EXPECT_TRUE(cmds<PlaySequence>(out).empty()) << "confirmed only once stored";
  out = router.on_callback_committed(saved[0].id);
  ASSERT_EQ(cmds<PlaySequence>(out).at(0).prompts.at(0), "callback_confirm");
  out = router.on_event(PromptDone{l});
  EXPECT_EQ(cmds<HangupLeg>(out).at(0).leg, l);
  bool recorded = false;
  for (auto& o : out)
    if (auto* r = std::get_if<CallRecord>(&o)) recorded = r->outcome == CallOutcome::CallbackRequested;
  EXPECT_TRUE(recorded);
  router.on_record_committed(saved[0].id);
  // Past max wait: a callback does not overflow.
  clock.advance_ms(60'000);
  router.on_time();
  out = router.on_event(PhoneRegistration{"es", true, 1});
  auto ring = cmds<RingPhone>(out);
  ASSERT_EQ(ring.size(), 1u);
  EXPECT_EQ(ring[0].caller, "0611223344");
  out = router.on_event(LegAnswered{ring[0].leg});
  auto dial = cmds<Dial>(out);
  ASSERT_EQ(dial.size(), 1u);
  EXPECT_EQ(dial[0].number, "0611223344");
  EXPECT_EQ(dial[0].gateway, "127.0.0.1:5090");
  EXPECT_EQ(dial[0].caller_id, "0522000000");
  // First attempt: busy. The agent is free again; the callback waits its retry.
  out = router.on_event(LegEnded{dial[0].leg, 486, "Busy Here"});
  EXPECT_EQ(router.agents()[1].state, AgentState::Ready);
  clock.advance_ms(300'000);
  out = router.on_time();
  ring = cmds<RingPhone>(out);
  ASSERT_EQ(ring.size(), 1u);
  out = router.on_event(LegAnswered{ring[0].leg});
  dial = cmds<Dial>(out);
  ASSERT_EQ(dial.size(), 1u);
  out = router.on_event(LegAnswered{dial[0].leg});
  auto br = cmds<Bridge>(out);
  ASSERT_EQ(br.size(), 1u);
  EXPECT_EQ(br[0].caller_leg, dial[0].leg);
  EXPECT_EQ(br[0].agent_leg, ring[0].leg);
  out = router.on_event(LegEnded{dial[0].leg, 0, "caller_hangup"});
  std::string state;
  for (auto& o : out)
    if (auto* cb = std::get_if<CallbackEntry>(&o)) state = cb->state + "/" + std::to_string(cb->attempts);
  EXPECT_EQ(state, "done/1");
}

TEST_F(AcdRouterTest, OverflowToAnExternalNumberDialsAndBridges) {
  auto [c, l] = arrive();
  clock.advance_ms(20'000);
  router.on_time();  // to expert
  clock.advance_ms(600'000);
  auto out = router.on_time();
  auto dial = cmds<Dial>(out);
  ASSERT_EQ(dial.size(), 1u);
  EXPECT_EQ(dial[0].number, "0699999999");
  out = router.on_event(LegAnswered{dial[0].leg});
  ASSERT_EQ(cmds<Bridge>(out).size(), 1u);
  out = router.on_event(LegEnded{l, 0, "caller_hangup"});
  EXPECT_EQ(cmds<HangupLeg>(out).at(0).leg, dial[0].leg);
  out = router.on_event(RecordingClosed{c, "x", true});
  EXPECT_EQ(std::get<CallRecord>(out.at(0)).outcome, CallOutcome::Transferred);
}

}  // namespace
}  // namespace plateau::core

namespace plateau::core {
namespace {

TEST(RouterLogin, AnAgentLogsInOnlyWithARegisteredPhone) {
  ManualClock clock;
  Router router{clock, std::make_shared<Directory>(acd_demo())};
  auto r = router.login("t1", "es");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "acd.phone_unregistered");
  router.on_event(model::PhoneRegistration{"es", true, 1});
  ASSERT_TRUE(router.logout("t1", "es"));
  EXPECT_EQ(router.agents()[1].state, AgentState::LoggedOut);
  ASSERT_TRUE(router.login("t1", "es"));
  EXPECT_EQ(router.agents()[1].state, AgentState::Ready);
  // The registration expires: the agent is logged out by the phone.
  router.on_event(model::PhoneRegistration{"es", false, 0});
  EXPECT_EQ(router.agents()[1].state, AgentState::LoggedOut);
  EXPECT_EQ(router.agents()[1].reason, "phone_unregistered");
}

}  // namespace
}  // namespace plateau::core

namespace plateau::core {
namespace {

TEST_F(AcdRouterTest, ANumberDialledThatRingsUnansweredIsGivenUp) {
  // External overflow: 30 s of ringing, then goodbye.
  auto l = arrive().second;
  clock.advance_ms(20'000);
  router.on_time();
  clock.advance_ms(600'000);
  auto dial = cmds<Dial>(router.on_time());
  ASSERT_EQ(dial.size(), 1u);
  clock.advance_ms(kDialRingMs);
  auto out = router.on_time();
  ASSERT_EQ(cmds<HangupLeg>(out).size(), 1u);
  EXPECT_EQ(cmds<HangupLeg>(out)[0].leg, dial[0].leg);
  ASSERT_EQ(cmds<PlayPrompt>(out).size(), 1u);
  EXPECT_EQ(cmds<PlayPrompt>(out)[0].prompt, "no_agent");
  EXPECT_EQ(cmds<PlayPrompt>(out)[0].leg, l);
}

}  // namespace
}  // namespace plateau::core
