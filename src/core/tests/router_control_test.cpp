// Call control by agents: the telephony commands, states, events and records
// the router produces for each action, and the awkward cases.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/next_id.h"
#include "core/router.h"

namespace plateau::core {
namespace {

using namespace model;  // NOLINT(google-build-using-namespace): test file
using nlohmann::json;

// Queues "sales" (agents a1, a2; wrap-up 30 s) and "support" (agent s1);
// phone "desk9" may be chosen at login; a trunk places external calls.
Provisioning control_demo() {
  Provisioning p;
  Tenant t;
  t.name = "t1";
  t.dispositions = {"sale", "info"};
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
  sales.ring_timeout_s = 5;
  sales.wrapup_s = 30;
  Queue support = sales;
  support.name = "support";
  p.queues = {sales, support};
  p.numbers.push_back({"t1", "100", "queue", "", "sales"});
  for (auto [login, queue] : {std::pair{"a1", "sales"}, std::pair{"a2", "sales"}, std::pair{"s1", "support"}}) {
    p.phones.push_back({"t1", login, "pw", ""});
    Agent a;
    a.tenant = "t1";
    a.login = login;
    a.name = std::string("Agent ") + login;
    a.phone = login;
    a.queues = {{"t1", queue, 1}};
    p.agents.push_back(a);
  }
  p.phones.push_back({"t1", "desk9", "pw", ""});
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

std::vector<CallRecord> records(const std::vector<Output>& out) {
  std::vector<CallRecord> v;
  for (const auto& o : out)
    if (auto* r = std::get_if<CallRecord>(&o)) v.push_back(*r);
  return v;
}

class ControlTest : public ::testing::Test {
 protected:
  ManualClock clock;
  Router router{clock, std::make_shared<Directory>(control_demo())};
  CallId call;
  LegId caller;
  LegId agent_leg;
  std::string record_path;

  void SetUp() override {
    for (const char* p : {"a1", "a2", "s1", "desk9"}) router.on_event(PhoneRegistration{p, true, 1});
    // a2 and s1 are not ready until a test wants them: calls go to a1.
    ASSERT_TRUE(router.set_not_ready("t1", "a2", "break"));
    ASSERT_TRUE(router.set_not_ready("t1", "s1", "break"));
  }

  AgentState state_of(const std::string& login) {
    for (auto& a : router.agents())
      if (a.login == login) return a.state;
    ADD_FAILURE() << "no agent " << login;
    return AgentState::LoggedOut;
  }

  // A caller arrives and a1's phone rings.
  RingPhone ring_a1() {
    call = next_id<CallId>();
    caller = next_id<LegId>();
    auto out = router.on_event(InboundCall{call, caller, "sip-1", "t1", "100", "0612345678", clock.now_ms()});
    auto rings = cmds<RingPhone>(out);
    EXPECT_EQ(rings.size(), 1u);
    EXPECT_EQ(rings.at(0).username, "a1");
    return rings.at(0);
  }

  // The caller talks with a1.
  void connect() {
    auto ring = ring_a1();
    clock.advance_ms(2000);
    auto out = router.on_event(LegAnswered{ring.leg});
    auto bridges = cmds<Bridge>(out);
    ASSERT_EQ(bridges.size(), 1u);
    agent_leg = ring.leg;
    record_path = bridges[0].record_path;
    EXPECT_EQ(state_of("a1"), AgentState::Busy);
  }

  std::vector<Output> act(const std::string& login, CallAction a) {
    auto r = router.call_action("t1", login, a);
    EXPECT_TRUE(r) << r.error().message;
    return r ? r.value() : std::vector<Output>{};
  }

  std::vector<Output> transfer(const std::string& login, const std::string& mode, const std::string& type,
                               const std::string& target) {
    auto r = router.transfer("t1", login, {mode, type, target});
    EXPECT_TRUE(r) << r.error().message;
    return r ? r.value() : std::vector<Output>{};
  }

  // The caller hangs up and the recording closes: the record.
  CallRecord finish() {
    auto out = router.on_event(LegEnded{caller, 0, "caller_hangup"});
    auto more = router.on_event(RecordingClosed{call, record_path, true});
    out.insert(out.end(), more.begin(), more.end());
    auto recs = records(out);
    EXPECT_EQ(recs.size(), 1u);
    return recs.empty() ? CallRecord{} : recs[0];
  }
};

TEST_F(ControlTest, TheOfferCarriesTheContactData) {
  ring_a1();
  // (a call without IVR: no attached data)
  auto r = router.contact_of("t1", "a1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->role, "offered");
  EXPECT_EQ(r->caller, "0612345678");
  CallId c2 = next_id<CallId>();
  ASSERT_TRUE(router.set_ready("t1", "a2"));
  auto out = router.on_event(InboundCall{c2, next_id<LegId>(), "sip-2", "t1", "100", "0700000000", clock.now_ms()});
  auto offered = events(out, "call.offered");
  ASSERT_EQ(offered.size(), 1u);
  auto d = json::parse(offered[0].data_json);
  EXPECT_EQ(d["caller"], "0700000000");
  EXPECT_EQ(d["number"], "100");
  EXPECT_EQ(d["queue"], "sales");
  EXPECT_TRUE(d["attached"].is_object());
  EXPECT_EQ(offered[0].agent, "a2");
}

TEST_F(ControlTest, NothingToControlWithoutACall) {
  auto r = router.call_action("t1", "a1", CallAction::Hold);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "cti.no_call");
  auto t = router.transfer("t1", "a1", {"blind", "queue", "support"});
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, "cti.no_call");
  auto u = router.call_action("t1", "nobody", CallAction::Hold);
  ASSERT_FALSE(u);
  EXPECT_EQ(u.error().code, "acd.agent_unknown");
}

TEST_F(ControlTest, AnswerFromTheDesktopRingsThePhoneAgainWithAutoAnswer) {
  auto ring = ring_a1();
  auto out = act("a1", CallAction::Answer);
  auto hangups = cmds<HangupLeg>(out);
  ASSERT_EQ(hangups.size(), 1u);
  EXPECT_EQ(hangups[0].leg, ring.leg);
  auto rings = cmds<RingPhone>(out);
  ASSERT_EQ(rings.size(), 1u);
  EXPECT_EQ(rings[0].username, "a1");
  EXPECT_TRUE(rings[0].auto_answer);
  EXPECT_NE(rings[0].leg, ring.leg);
  // The cancelled leg's end changes nothing; the new leg's answer bridges.
  EXPECT_TRUE(cmds<HangupLeg>(router.on_event(LegEnded{ring.leg, 487, "Request Terminated"})).empty());
  EXPECT_EQ(state_of("a1"), AgentState::Reserved);
  out = router.on_event(LegAnswered{rings[0].leg});
  auto bridges = cmds<Bridge>(out);
  ASSERT_EQ(bridges.size(), 1u);
  EXPECT_EQ(bridges[0].agent_leg, rings[0].leg);
  EXPECT_EQ(state_of("a1"), AgentState::Busy);
  // Once connected there is nothing to answer.
  auto again = router.call_action("t1", "a1", CallAction::Answer);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "cti.bad_state");
}

TEST_F(ControlTest, HoldPlaysMusicRetrieveBridgesAgainAndTheRecordCountsIt) {
  connect();
  auto out = act("a1", CallAction::Hold);
  ASSERT_EQ(cmds<Unbridge>(out).size(), 1u);
  auto plays = cmds<PlayPrompt>(out);
  ASSERT_EQ(plays.size(), 1u);
  EXPECT_EQ(plays[0].leg, caller);
  EXPECT_EQ(plays[0].prompt, "moh");
  EXPECT_TRUE(plays[0].loop);
  EXPECT_EQ(events(out, "call.held").size(), 1u);
  EXPECT_TRUE(router.contact_of("t1", "a1")->held);

  auto twice = router.call_action("t1", "a1", CallAction::Hold);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, "cti.bad_state");

  clock.advance_ms(7000);
  out = act("a1", CallAction::Retrieve);
  auto bridges = cmds<Bridge>(out);
  ASSERT_EQ(bridges.size(), 1u);
  EXPECT_EQ(bridges[0].caller_leg, caller);
  EXPECT_EQ(bridges[0].agent_leg, agent_leg);
  EXPECT_TRUE(bridges[0].record_path.empty()) << "the recording goes on";
  EXPECT_EQ(events(out, "call.retrieved").size(), 1u);
  auto again = router.call_action("t1", "a1", CallAction::Retrieve);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "cti.bad_state");

  act("a1", CallAction::Hold);
  clock.advance_ms(3000);
  auto rec = finish();  // the caller hangs up while held
  EXPECT_EQ(rec.outcome, CallOutcome::Answered);
  EXPECT_EQ(rec.holds, 2);
  EXPECT_EQ(rec.hold_ms, 10'000);
  EXPECT_EQ(rec.agent, "a1");
  EXPECT_EQ(state_of("a1"), AgentState::WrapUp);
}

TEST_F(ControlTest, PauseAndResumeTheRecordingAreLoggedWithTheirOffsetAndCounted) {
  auto none = router.pause_recording("t1", "a1", true, "a1");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, "cti.no_call");
  connect();
  clock.advance_ms(4000);
  auto out = router.pause_recording("t1", "a1", true, "a1");
  ASSERT_TRUE(out) << out.error().message;
  auto pauses = cmds<PauseRecording>(*out);
  ASSERT_EQ(pauses.size(), 1u);
  EXPECT_EQ(pauses[0].call, call);
  EXPECT_TRUE(pauses[0].paused);
  auto ev = events(*out, "recording.paused");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].agent, "a1");
  EXPECT_EQ(json::parse(ev[0].data_json), (json{{"actor", "a1"}, {"offset_ms", 4000}}));
  EXPECT_TRUE(router.contact_of("t1", "a1")->recording_paused);
  auto twice = router.pause_recording("t1", "a1", true, "a1");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, "cti.bad_state");

  clock.advance_ms(6000);
  out = router.pause_recording("t1", "a1", false, "sup");
  ASSERT_TRUE(out);
  ASSERT_EQ(cmds<PauseRecording>(*out).size(), 1u);
  EXPECT_FALSE(cmds<PauseRecording>(*out)[0].paused);
  ev = events(*out, "recording.resumed");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(json::parse(ev[0].data_json), (json{{"actor", "sup"}, {"offset_ms", 10000}}));
  EXPECT_EQ(router.pause_recording("t1", "a1", false, "a1").error().code, "cti.bad_state");

  clock.advance_ms(1000);
  ASSERT_TRUE(router.pause_recording("t1", "a1", true, "a1"));
  clock.advance_ms(2500);
  auto rec = finish();  // ends while paused: the pause counts up to the end
  EXPECT_EQ(rec.recording_pauses, 2);
  EXPECT_EQ(rec.recording_paused_ms, 8500);
}

TEST_F(ControlTest, HangupFromTheDesktopEndsBothLegsAndWritesTheRecord) {
  connect();
  clock.advance_ms(5000);
  auto out = act("a1", CallAction::Hangup);
  auto hangups = cmds<HangupLeg>(out);
  ASSERT_EQ(hangups.size(), 2u);
  EXPECT_EQ(hangups[0].leg, caller);
  EXPECT_EQ(hangups[1].leg, agent_leg);
  EXPECT_EQ(events(out, "call.hangup_by_agent").size(), 1u);
  EXPECT_EQ(state_of("a1"), AgentState::WrapUp);
  // The legs' own ends change nothing more.
  EXPECT_TRUE(router.on_event(LegEnded{caller, 0, "bye"}).empty());
  out = router.on_event(RecordingClosed{call, record_path, true});
  auto recs = records(out);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].outcome, CallOutcome::Answered);
  EXPECT_EQ(recs[0].reason, "agent_hangup");
  EXPECT_EQ(recs[0].talk_ms, 5000);
  EXPECT_EQ(recs[0].recording, record_path);

  // The end of wrap-up is logged with the disposition and the note.
  auto end = router.end_wrapup("t1", "a1", "sale", "wants a callback");
  ASSERT_TRUE(end) << end.error().message;
  auto ended = events(end.value(), "call.wrapup_ended");
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].call_id, recs[0].id);
  EXPECT_EQ(json::parse(ended[0].data_json)["note"], "wants a callback");
}

TEST_F(ControlTest, DigitsGoToTheCallersLeg) {
  connect();
  auto out = router.send_digits("t1", "a1", "12#");
  ASSERT_TRUE(out);
  auto d = cmds<SendDigits>(out.value());
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].leg, caller);
  EXPECT_EQ(d[0].digits, "12#");
  EXPECT_EQ(events(out.value(), "call.dtmf_sent").size(), 1u);
  auto bad = router.send_digits("t1", "a1", "12x");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "cti.bad_request");
}

TEST_F(ControlTest, BlindTransferToAQueueEnqueuesTheCallerAgainAndTheFirstAgentWrapsUp) {
  connect();
  ASSERT_TRUE(router.set_ready("t1", "s1"));
  auto out = transfer("a1", "blind", "queue", "support");
  EXPECT_EQ(cmds<Unbridge>(out).size(), 1u);
  auto hangups = cmds<HangupLeg>(out);
  ASSERT_EQ(hangups.size(), 1u);
  EXPECT_EQ(hangups[0].leg, agent_leg);
  auto plays = cmds<PlayPrompt>(out);
  ASSERT_FALSE(plays.empty());
  EXPECT_EQ(plays[0].prompt, "moh");
  auto rings = cmds<RingPhone>(out);
  ASSERT_EQ(rings.size(), 1u);
  EXPECT_EQ(rings[0].username, "s1");
  EXPECT_EQ(state_of("a1"), AgentState::WrapUp);
  EXPECT_EQ(events(out, "call.transferred").size(), 1u);
  // The agent's own leg ending is no hang-up of the call.
  EXPECT_TRUE(cmds<HangupLeg>(router.on_event(LegEnded{agent_leg, 0, "bye"})).empty());

  clock.advance_ms(1000);
  out = router.on_event(LegAnswered{rings[0].leg});
  auto bridges = cmds<Bridge>(out);
  ASSERT_EQ(bridges.size(), 1u);
  EXPECT_EQ(bridges[0].caller_leg, caller);
  EXPECT_EQ(bridges[0].agent_leg, rings[0].leg);
  EXPECT_EQ(state_of("s1"), AgentState::Busy);
  auto rec = finish();
  EXPECT_EQ(rec.outcome, CallOutcome::Answered);
  EXPECT_EQ(rec.agent, "s1");
  EXPECT_EQ(rec.queue, "support");
  auto t = json::parse(rec.transfers);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0]["mode"], "blind");
  EXPECT_EQ(t[0]["to_type"], "queue");
  EXPECT_EQ(t[0]["from_agent"], "a1");
}

TEST_F(ControlTest, BlindTransferToAnAgentRingsThatAgentOnly) {
  connect();
  auto not_ready = router.transfer("t1", "a1", {"blind", "agent", "a2"});
  ASSERT_FALSE(not_ready);
  EXPECT_EQ(not_ready.error().code, "cti.target_not_ready");
  auto unknown = router.transfer("t1", "a1", {"blind", "agent", "zz"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "cti.target_unknown");
  auto bad = router.transfer("t1", "a1", {"sideways", "agent", "a2"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "cti.bad_request");
  EXPECT_EQ(state_of("a1"), AgentState::Busy) << "a refused transfer changes nothing";

  ASSERT_TRUE(router.set_ready("t1", "a2"));
  auto out = transfer("a1", "blind", "agent", "a2");
  auto rings = cmds<RingPhone>(out);
  ASSERT_EQ(rings.size(), 1u);
  EXPECT_EQ(rings[0].username, "a2");
  EXPECT_EQ(state_of("a2"), AgentState::Reserved);
  EXPECT_EQ(state_of("a1"), AgentState::WrapUp);
  out = router.on_event(LegAnswered{rings[0].leg});
  ASSERT_EQ(cmds<Bridge>(out).size(), 1u);
  auto rec = finish();
  EXPECT_EQ(rec.agent, "a2");
  EXPECT_EQ(json::parse(rec.transfers)[0]["to_agent"], "a2");
}

TEST_F(ControlTest, ABlindTransferThatTheAgentDoesNotAnswerReturnsToTheQueue) {
  connect();
  ASSERT_TRUE(router.set_ready("t1", "s1"));
  auto out = transfer("a1", "blind", "agent", "s1");
  auto rings = cmds<RingPhone>(out);
  ASSERT_EQ(rings.size(), 1u);
  clock.advance_ms(5000);  // support's ring timeout
  out = router.on_time();
  auto hangups = cmds<HangupLeg>(out);
  ASSERT_EQ(hangups.size(), 1u);
  EXPECT_EQ(hangups[0].leg, rings[0].leg);
  EXPECT_EQ(events(out, "call.transfer_failed").size(), 1u);
  EXPECT_EQ(state_of("s1"), AgentState::NotReady);
  // The caller waits in the call's queue (sales): a2 gets it when ready.
  out = router.set_ready("t1", "a2").value();
  rings = cmds<RingPhone>(out);
  ASSERT_EQ(rings.size(), 1u);
  EXPECT_EQ(rings[0].username, "a2");
}

TEST_F(ControlTest, ConsultationThenCompleteTransfer) {
  connect();
  ASSERT_TRUE(router.set_ready("t1", "a2"));
  auto out = transfer("a1", "consult", "agent", "a2");
  EXPECT_EQ(cmds<Unbridge>(out).size(), 1u);
  EXPECT_EQ(cmds<PlayPrompt>(out).at(0).leg, caller);
  auto rings = cmds<RingPhone>(out);
  ASSERT_EQ(rings.size(), 1u);
  EXPECT_EQ(rings[0].username, "a2");
  EXPECT_EQ(events(out, "call.transfer_started").size(), 1u);
  auto offered = events(out, "call.offered");
  ASSERT_EQ(offered.size(), 1u);
  EXPECT_EQ(offered[0].agent, "a2");
  EXPECT_EQ(router.contact_of("t1", "a2")->role, "offered");

  auto early = router.call_action("t1", "a1", CallAction::CompleteTransfer);
  ASSERT_FALSE(early);
  EXPECT_EQ(early.error().code, "cti.bad_state");

  out = router.on_event(LegAnswered{rings[0].leg});
  auto bridges = cmds<Bridge>(out);
  ASSERT_EQ(bridges.size(), 1u);
  EXPECT_EQ(bridges[0].caller_leg, agent_leg);
  EXPECT_EQ(bridges[0].agent_leg, rings[0].leg);
  EXPECT_EQ(events(out, "call.consult_answered").size(), 1u);
  EXPECT_EQ(state_of("a2"), AgentState::Busy);
  EXPECT_EQ(router.contact_of("t1", "a2")->role, "consulted");

  out = act("a1", CallAction::CompleteTransfer);
  bridges = cmds<Bridge>(out);
  ASSERT_EQ(bridges.size(), 1u);
  EXPECT_EQ(bridges[0].caller_leg, caller);
  EXPECT_EQ(bridges[0].agent_leg, rings[0].leg);
  auto hangups = cmds<HangupLeg>(out);
  ASSERT_EQ(hangups.size(), 1u);
  EXPECT_EQ(hangups[0].leg, agent_leg);
  EXPECT_EQ(state_of("a1"), AgentState::WrapUp);
  EXPECT_EQ(state_of("a2"), AgentState::Busy);
  EXPECT_FALSE(router.contact_of("t1", "a1"));
  EXPECT_EQ(router.contact_of("t1", "a2")->role, "connected");

  // a2 now controls the call.
  out = act("a2", CallAction::Hold);
  EXPECT_EQ(cmds<Unbridge>(out).size(), 1u);
  act("a2", CallAction::Retrieve);
  auto rec = finish();
  EXPECT_EQ(rec.agent, "a2");
  EXPECT_EQ(rec.holds, 2);
  auto t = json::parse(rec.transfers);
  EXPECT_EQ(t[0]["mode"], "consult");
  EXPECT_EQ(t[0]["to_agent"], "a2");
  EXPECT_EQ(state_of("a2"), AgentState::WrapUp);
}

TEST_F(ControlTest, CancelledConsultationReturnsToTheCaller) {
  connect();
  ASSERT_TRUE(router.set_ready("t1", "a2"));
  auto rings = cmds<RingPhone>(transfer("a1", "consult", "agent", "a2"));
  router.on_event(LegAnswered{rings.at(0).leg});
  auto out = act("a1", CallAction::CancelTransfer);
  auto hangups = cmds<HangupLeg>(out);
  ASSERT_EQ(hangups.size(), 1u);
  EXPECT_EQ(hangups[0].leg, rings[0].leg);
  auto bridges = cmds<Bridge>(out);
  ASSERT_EQ(bridges.size(), 1u);
  EXPECT_EQ(bridges[0].caller_leg, caller);
  EXPECT_EQ(bridges[0].agent_leg, agent_leg);
  EXPECT_EQ(events(out, "call.transfer_cancelled").size(), 1u);
  EXPECT_EQ(state_of("a2"), AgentState::WrapUp) << "the consulted agent talked";
  EXPECT_EQ(state_of("a1"), AgentState::Busy);
  EXPECT_TRUE(cmds<HangupLeg>(router.on_event(LegEnded{rings[0].leg, 0, "bye"})).empty());
  auto rec = finish();
  EXPECT_EQ(rec.agent, "a1");
  EXPECT_TRUE(rec.transfers.empty());
}

TEST_F(ControlTest, AConsultedAgentWhoDoesNotAnswerLeavesTheCallerOnHold) {
  connect();
  ASSERT_TRUE(router.set_ready("t1", "a2"));
  auto rings = cmds<RingPhone>(transfer("a1", "consult", "agent", "a2"));
  clock.advance_ms(5000);
  auto out = router.on_time();
  auto hangups = cmds<HangupLeg>(out);
  ASSERT_EQ(hangups.size(), 1u);
  EXPECT_EQ(hangups[0].leg, rings.at(0).leg);
  ASSERT_EQ(events(out, "call.transfer_cancelled").size(), 1u);
  EXPECT_EQ(state_of("a2"), AgentState::NotReady);
  EXPECT_TRUE(router.contact_of("t1", "a1")->held);
  out = act("a1", CallAction::Retrieve);
  EXPECT_EQ(cmds<Bridge>(out).size(), 1u);
}

TEST_F(ControlTest, ABusyConsultedPhoneEndsTheConsultation) {
  connect();
  ASSERT_TRUE(router.set_ready("t1", "a2"));
  auto rings = cmds<RingPhone>(transfer("a1", "consult", "agent", "a2"));
  auto out = router.on_event(LegEnded{rings.at(0).leg, 486, "Busy Here"});
  EXPECT_EQ(events(out, "call.transfer_cancelled").size(), 1u);
  EXPECT_EQ(state_of("a2"), AgentState::NotReady);
  EXPECT_FALSE(router.contact_of("t1", "a1")->consult_type.size());
}

TEST_F(ControlTest, TheCallerHangsUpDuringAConsultation) {
  connect();
  ASSERT_TRUE(router.set_ready("t1", "a2"));
  auto rings = cmds<RingPhone>(transfer("a1", "consult", "agent", "a2"));
  router.on_event(LegAnswered{rings.at(0).leg});
  auto out = router.on_event(LegEnded{caller, 0, "caller_hangup"});
  auto hangups = cmds<HangupLeg>(out);
  ASSERT_EQ(hangups.size(), 2u);
  EXPECT_EQ(hangups[0].leg, rings[0].leg);
  EXPECT_EQ(hangups[1].leg, agent_leg);
  EXPECT_EQ(state_of("a1"), AgentState::WrapUp);
  EXPECT_EQ(state_of("a2"), AgentState::WrapUp);
  out = router.on_event(RecordingClosed{call, record_path, true});
  auto recs = records(out);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].agent, "a1");
  EXPECT_EQ(recs[0].holds, 1);
}

TEST_F(ControlTest, TheAgentHangingUpDuringAnAnsweredConsultationCompletesTheTransfer) {
  connect();
  ASSERT_TRUE(router.set_ready("t1", "a2"));
  auto rings = cmds<RingPhone>(transfer("a1", "consult", "agent", "a2"));
  router.on_event(LegAnswered{rings.at(0).leg});
  auto out = router.on_event(LegEnded{agent_leg, 0, "agent_hangup"});
  auto bridges = cmds<Bridge>(out);
  ASSERT_EQ(bridges.size(), 1u);
  EXPECT_EQ(bridges[0].caller_leg, caller);
  EXPECT_EQ(bridges[0].agent_leg, rings[0].leg);
  EXPECT_TRUE(cmds<HangupLeg>(out).empty());
  EXPECT_EQ(state_of("a1"), AgentState::WrapUp);
  auto rec = finish();
  EXPECT_EQ(rec.agent, "a2");
}

TEST_F(ControlTest, TheAgentHangingUpWhileTheTargetRingsEndsTheCall) {
  connect();
  ASSERT_TRUE(router.set_ready("t1", "a2"));
  auto rings = cmds<RingPhone>(transfer("a1", "consult", "agent", "a2"));
  auto out = router.on_event(LegEnded{agent_leg, 0, "agent_hangup"});
  auto hangups = cmds<HangupLeg>(out);
  ASSERT_EQ(hangups.size(), 2u);
  EXPECT_EQ(hangups[0].leg, rings.at(0).leg);
  EXPECT_EQ(hangups[1].leg, caller);
  EXPECT_EQ(state_of("a2"), AgentState::Ready);
  EXPECT_EQ(events(out, "call.ended").size(), 1u);
}

TEST_F(ControlTest, ConferenceOfThreeThenTheFirstAgentLeaves) {
  connect();
  ASSERT_TRUE(router.set_ready("t1", "a2"));
  auto rings = cmds<RingPhone>(transfer("a1", "consult", "agent", "a2"));
  router.on_event(LegAnswered{rings.at(0).leg});
  auto out = act("a1", CallAction::Conference);
  auto conf = cmds<Conference>(out);
  ASSERT_EQ(conf.size(), 1u);
  EXPECT_EQ(conf[0].legs, (std::vector<LegId>{caller, agent_leg, rings[0].leg}));
  EXPECT_EQ(events(out, "call.conferenced").size(), 1u);
  auto hold = router.call_action("t1", "a1", CallAction::Hold);
  ASSERT_FALSE(hold);
  EXPECT_EQ(hold.error().code, "cti.bad_state");

  out = act("a1", CallAction::Hangup);  // a1 leaves; the caller and a2 stay
  auto bridges = cmds<Bridge>(out);
  ASSERT_EQ(bridges.size(), 1u);
  EXPECT_EQ(bridges[0].caller_leg, caller);
  EXPECT_EQ(bridges[0].agent_leg, rings[0].leg);
  EXPECT_EQ(state_of("a1"), AgentState::WrapUp);
  EXPECT_EQ(state_of("a2"), AgentState::Busy);
  auto rec = finish();
  EXPECT_TRUE(rec.conference);
  EXPECT_EQ(rec.agent, "a2");
}

TEST_F(ControlTest, ConferenceThenTheTargetLeaves) {
  connect();
  ASSERT_TRUE(router.set_ready("t1", "a2"));
  auto rings = cmds<RingPhone>(transfer("a1", "consult", "agent", "a2"));
  router.on_event(LegAnswered{rings.at(0).leg});
  act("a1", CallAction::Conference);
  auto out = router.on_event(LegEnded{rings[0].leg, 0, "bye"});
  auto bridges = cmds<Bridge>(out);
  ASSERT_EQ(bridges.size(), 1u);
  EXPECT_EQ(bridges[0].caller_leg, caller);
  EXPECT_EQ(bridges[0].agent_leg, agent_leg);
  EXPECT_EQ(state_of("a2"), AgentState::WrapUp);
  EXPECT_EQ(state_of("a1"), AgentState::Busy);
  auto rec = finish();
  EXPECT_TRUE(rec.conference);
  EXPECT_EQ(rec.agent, "a1");
}

TEST_F(ControlTest, ConsultationOfAQueueLetsTheAgentWaitWithMusic) {
  connect();
  auto out = transfer("a1", "consult", "queue", "support");
  auto plays = cmds<PlayPrompt>(out);
  ASSERT_EQ(plays.size(), 2u);
  EXPECT_EQ(plays[0].leg, caller);
  EXPECT_EQ(plays[1].leg, agent_leg);
  EXPECT_TRUE(cmds<RingPhone>(out).empty()) << "nobody ready in support";
  out = router.set_ready("t1", "s1").value();
  auto rings = cmds<RingPhone>(out);
  ASSERT_EQ(rings.size(), 1u);
  EXPECT_EQ(rings[0].username, "s1");
  out = router.on_event(LegAnswered{rings[0].leg});
  ASSERT_EQ(cmds<Bridge>(out).size(), 1u);
  out = act("a1", CallAction::CompleteTransfer);
  EXPECT_EQ(cmds<Bridge>(out).at(0).agent_leg, rings[0].leg);
  auto rec = finish();
  EXPECT_EQ(rec.agent, "s1");
  EXPECT_EQ(json::parse(rec.transfers)[0]["to_type"], "queue");
}

TEST_F(ControlTest, ConsultationOfAnExternalNumber) {
  connect();
  auto out = transfer("a1", "consult", "external", "0611111111");
  auto dials = cmds<Dial>(out);
  ASSERT_EQ(dials.size(), 1u);
  EXPECT_EQ(dials[0].number, "0611111111");
  EXPECT_EQ(dials[0].gateway, "127.0.0.1:5090");
  out = router.on_event(LegAnswered{dials[0].leg});
  auto bridges = cmds<Bridge>(out);
  ASSERT_EQ(bridges.size(), 1u);
  EXPECT_EQ(bridges[0].caller_leg, agent_leg);
  out = act("a1", CallAction::CompleteTransfer);
  EXPECT_EQ(cmds<Bridge>(out).at(0).agent_leg, dials[0].leg);
  EXPECT_EQ(state_of("a1"), AgentState::WrapUp);
  // The external party hangs up: the caller goes too.
  out = router.on_event(LegEnded{dials[0].leg, 0, "bye"});
  auto hangups = cmds<HangupLeg>(out);
  ASSERT_EQ(hangups.size(), 1u);
  EXPECT_EQ(hangups[0].leg, caller);
  out = router.on_event(RecordingClosed{call, record_path, true});
  auto recs = records(out);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].outcome, CallOutcome::Answered);
  EXPECT_EQ(recs[0].agent, "a1");
}

TEST_F(ControlTest, AnExternalNumberThatDoesNotAnswerIsGivenUp) {
  connect();
  auto dials = cmds<Dial>(transfer("a1", "consult", "external", "0611111111"));
  clock.advance_ms(kDialRingMs);
  auto out = router.on_time();
  auto hangups = cmds<HangupLeg>(out);
  ASSERT_EQ(hangups.size(), 1u);
  EXPECT_EQ(hangups[0].leg, dials.at(0).leg);
  EXPECT_EQ(events(out, "call.transfer_cancelled").size(), 1u);
}

TEST_F(ControlTest, BlindTransferToAnExternalNumberDialsThroughTheTrunk) {
  connect();
  auto out = transfer("a1", "blind", "external", "0611111111");
  auto dials = cmds<Dial>(out);
  ASSERT_EQ(dials.size(), 1u);
  EXPECT_EQ(state_of("a1"), AgentState::WrapUp);
  out = router.on_event(LegAnswered{dials[0].leg});
  auto bridges = cmds<Bridge>(out);
  ASSERT_EQ(bridges.size(), 1u);
  EXPECT_EQ(bridges[0].agent_leg, dials[0].leg);
  auto rec = finish();
  EXPECT_EQ(rec.outcome, CallOutcome::Answered);
  EXPECT_EQ(json::parse(rec.transfers)[0]["target"], "0611111111");
}

TEST_F(ControlTest, TheConsultedAgentCanOnlyHangUp) {
  connect();
  ASSERT_TRUE(router.set_ready("t1", "a2"));
  auto rings = cmds<RingPhone>(transfer("a1", "consult", "agent", "a2"));
  router.on_event(LegAnswered{rings.at(0).leg});
  auto hold = router.call_action("t1", "a2", CallAction::Hold);
  ASSERT_FALSE(hold);
  EXPECT_EQ(hold.error().code, "cti.bad_state");
  auto out = act("a2", CallAction::Hangup);
  auto hangups = cmds<HangupLeg>(out);
  ASSERT_EQ(hangups.size(), 1u);
  EXPECT_EQ(hangups[0].leg, rings[0].leg);
  EXPECT_EQ(events(out, "call.transfer_cancelled").size(), 1u);
  EXPECT_EQ(state_of("a2"), AgentState::WrapUp);
  EXPECT_TRUE(router.contact_of("t1", "a1")->held) << "the caller waits for a1";
}

TEST_F(ControlTest, LoginWithAChosenPhoneRingsThatPhone) {
  ASSERT_TRUE(router.logout("t1", "a1"));
  auto unknown = router.login("t1", "a1", "nope");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, "acd.phone_unknown");
  ASSERT_TRUE(router.login("t1", "a1", "desk9"));
  for (auto& a : router.agents())
    if (a.login == "a1") {
      EXPECT_EQ(a.phone, "desk9");
    }
  call = next_id<CallId>();
  auto out = router.on_event(InboundCall{call, next_id<LegId>(), "sip-1", "t1", "100", "0612345678", clock.now_ms()});
  auto rings = cmds<RingPhone>(out);
  ASSERT_EQ(rings.size(), 1u);
  EXPECT_EQ(rings[0].username, "desk9");
  // The chosen phone unregisters: the agent is logged out with it.
  router.on_event(LegEnded{rings[0].leg, 480, "Temporarily Unavailable"});
  router.on_event(PhoneRegistration{"desk9", false, 0});
  EXPECT_EQ(state_of("a1"), AgentState::LoggedOut);
}

}  // namespace
}  // namespace plateau::core
