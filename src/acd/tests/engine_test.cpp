#include "acd/engine.h"

#include "acd/tests/engine_fixture.h"

namespace plateau::acd::testing {
namespace {

using model::Strategy;

TEST_F(EngineTest, SkillsRouteToTheAgentWhoQualifiesNotTheLongestIdle) {
  auto p = base();
  p.queues.push_back(queue("q"));
  p.agents.push_back(agent("fr", {"q"}, {{"lang_fr", 5}}));
  p.agents.push_back(agent("es", {"q"}, {{"lang_es", 4}, {"lang_fr", 1}}));
  configure(p);
  ready("fr");
  clock.advance_ms(1000);
  ready("es");
  auto [c1, out1] = arrive("q", 0, "lang_es >= 3");
  EXPECT_EQ(offered_to(out1, c1), "es");
  auto [c2, out2] = arrive("q", 0, "lang_ar >= 1");
  EXPECT_EQ(offered_to(out2, c2), "");
  EXPECT_EQ(engine.contact(c2)->phase, "waiting");
  // An agent with the skill appears through a configuration swap: served at once.
  p.agents.push_back(agent("ar", {"q"}, {{"lang_ar", 3}}));
  configure(p);
  auto out3 = ready("ar");
  EXPECT_EQ(offered_to(out3, c2), "ar");
}

TEST_F(EngineTest, LongestIdleWithTiesToTheFirstProvisioned) {
  auto p = base();
  p.queues.push_back(queue("q"));
  for (auto l : {"a", "b", "c"}) p.agents.push_back(agent(l, {"q"}));
  configure(p);
  ready("b");
  ready("a");  // same millisecond as b: tie broken by id (provisioning order)
  clock.advance_ms(5);
  ready("c");
  auto [c1, o1] = arrive("q");
  EXPECT_EQ(offered_to(o1, c1), "a");
  auto [c2, o2] = arrive("q");
  EXPECT_EQ(offered_to(o2, c2), "b");
  auto [c3, o3] = arrive("q");
  EXPECT_EQ(offered_to(o3, c3), "c");
}

TEST_F(EngineTest, PriorityFirstThenFirstComeFirstServed) {
  auto p = base();
  p.queues.push_back(queue("q"));
  p.agents.push_back(agent("a", {"q"}));
  configure(p);
  auto [c1, o1] = arrive("q", 0);
  clock.advance_ms(10);
  auto [c2, o2] = arrive("q", 5);
  clock.advance_ms(10);
  auto [c3, o3] = arrive("q", 0);
  EXPECT_EQ(engine.contact(c2)->position, 1);
  EXPECT_EQ(engine.contact(c1)->position, 2);
  EXPECT_EQ(engine.contact(c3)->position, 3);
  auto out = ready("a");
  EXPECT_EQ(offered_to(out, c2), "a");
}

TEST_F(EngineTest, AgeingMakesAPriorityPointWorthSecondsOfWaiting) {
  auto p = base();
  auto q = queue("q");
  q.priority_step_s = 10;  // priority 1 = 10 s of waiting
  p.queues.push_back(q);
  p.agents.push_back(agent("a", {"q"}));
  configure(p);
  auto [old, o1] = arrive("q", 0);
  clock.advance_ms(15'000);
  auto [vip, o2] = arrive("q", 1);  // 10 s head start, but the other waited 15 s
  EXPECT_EQ(offered_to(ready("a"), old), "a");
  (void)vip;
}

TEST_F(EngineTest, AnAgentInSeveralQueuesServesHigherPriorityThenHeavierWeight) {
  auto p = base();
  auto low = queue("low");
  auto high = queue("high");
  high.priority = 5;
  auto w = queue("weighted");
  p.queues = {low, high, w};
  auto a = agent("a", {"low", "high", "weighted"});
  a.queues[2].weight = 3;
  p.agents.push_back(a);
  configure(p);
  auto [cl, o1] = arrive("low");
  auto [cw, o2] = arrive("weighted");
  auto [ch, o3] = arrive("high");
  EXPECT_EQ(offered_to(ready("a"), ch), "a");
  engine.answered(ch, id("a"));
  engine.ended(ch);
  check();
  // Then the heavier membership, although the low queue's contact is older.
  EXPECT_EQ(engine.contact(cw)->phase, "offered");
  EXPECT_EQ(engine.contact(cl)->phase, "waiting");
}

TEST_F(EngineTest, RingNoAnswerMakesTheAgentMissedAndReoffersAtTheOriginalPlace) {
  auto p = base();
  p.queues.push_back(queue("q"));
  p.agents.push_back(agent("a", {"q"}));
  p.agents.push_back(agent("b", {"q"}));
  configure(p);
  ready("a");
  auto [c1, o1] = arrive("q");
  EXPECT_EQ(offered_to(o1, c1), "a");
  auto [c2, o2] = arrive("q");
  EXPECT_EQ(engine.contact(c2)->position, 1);
  auto out = tick(10'000);
  ASSERT_EQ(only<OfferWithdrawn>(out).size(), 1u);
  EXPECT_EQ(only<OfferWithdrawn>(out)[0].reason, "ring_no_answer");
  EXPECT_EQ(state("a"), AgentState::NotReady);
  EXPECT_EQ(reason("a"), "missed");
  EXPECT_EQ(engine.contact(c1)->position, 1);  // ahead of c2 again
  EXPECT_EQ(offered_to(ready("b"), c1), "b");
}

TEST_F(EngineTest, RefusalSetsTheReasonAndTheContactGoesToTheNextAgent) {
  auto p = base();
  p.queues.push_back(queue("q"));
  p.agents.push_back(agent("a", {"q"}));
  p.agents.push_back(agent("b", {"q"}));
  configure(p);
  ready("a");
  clock.advance_ms(1);
  ready("b");
  auto [c, o] = arrive("q");
  EXPECT_EQ(offered_to(o, c), "a");
  auto out = engine.refused(c, id("a"), "busy");
  check();
  EXPECT_EQ(reason("a"), "busy");
  EXPECT_EQ(offered_to(out, c), "b");
}

TEST_F(EngineTest, NotReadyDuringACallTakesEffectAtItsEndAfterWrapUp) {
  auto p = base();
  auto q = queue("q");
  q.wrapup_s = 30;
  p.queues.push_back(q);
  p.agents.push_back(agent("a", {"q"}));
  configure(p);
  ready("a");
  auto [c, o] = arrive("q");
  engine.answered(c, id("a"));
  ASSERT_TRUE(engine.set_not_ready("t1", "a", "lunch", "agent").value().empty() == false);
  EXPECT_EQ(engine.agent(id("a"))->pending, "not_ready:lunch");
  EXPECT_EQ(state("a"), AgentState::Busy);
  engine.ended(c);
  check();
  EXPECT_EQ(state("a"), AgentState::WrapUp);
  tick(30'000);
  EXPECT_EQ(state("a"), AgentState::NotReady);
  EXPECT_EQ(reason("a"), "lunch");
  EXPECT_EQ(engine.agent(id("a"))->pending, "");
}

TEST_F(EngineTest, WrapUpEndsEarlyOnReadyAndMayRequireADisposition) {
  auto p = base();
  auto q = queue("q");
  q.wrapup_s = 60;
  q.wrapup_requires_disposition = true;
  p.queues.push_back(q);
  p.agents.push_back(agent("a", {"q"}));
  configure(p);
  ready("a");
  auto [c, o] = arrive("q");
  engine.answered(c, id("a"));
  engine.ended(c);
  EXPECT_EQ(engine.set_ready("t1", "a", "agent").error().code, "acd.disposition_required");
  EXPECT_EQ(engine.end_wrapup("t1", "a", "nope", "agent").error().code, "acd.disposition_unknown");
  auto out = engine.end_wrapup("t1", "a", "sale", "agent");
  ASSERT_TRUE(out);
  check();
  EXPECT_EQ(state("a"), AgentState::Ready);
  ASSERT_EQ(only<ContactLog>(out.value()).size(), 1u);
  EXPECT_EQ(only<ContactLog>(out.value())[0].kind, "disposition");
  // Without a disposition, the timer leaves the agent not-ready ("no_disposition").
  auto [c2, o2] = arrive("q");
  engine.answered(c2, id("a"));
  engine.ended(c2);
  tick(60'000);
  EXPECT_EQ(state("a"), AgentState::NotReady);
  EXPECT_EQ(reason("a"), "no_disposition");
}

TEST_F(EngineTest, UnknownReasonAndUnknownAgentAreErrors) {
  auto p = base();
  p.queues.push_back(queue("q"));
  p.agents.push_back(agent("a", {"q"}));
  configure(p);
  EXPECT_EQ(engine.set_ready("t1", "a", "agent").error().code, "acd.logged_out");
  ready("a");
  EXPECT_EQ(engine.set_not_ready("t1", "a", "nap", "agent").error().code, "acd.reason_unknown");
  EXPECT_EQ(engine.set_ready("t1", "zz", "agent").error().code, "acd.agent_unknown");
  EXPECT_EQ(engine.set_ready("t2", "a", "agent").error().code, "acd.agent_unknown");
}

TEST_F(EngineTest, LogoutWhileRingingRequeuesTheContact) {
  auto p = base();
  p.queues.push_back(queue("q"));
  p.agents.push_back(agent("a", {"q"}));
  configure(p);
  ready("a");
  auto [c, o] = arrive("q");
  auto out = engine.logout("t1", "a", "phone_unregistered", "phone");
  ASSERT_TRUE(out);
  check();
  EXPECT_EQ(only<OfferWithdrawn>(out.value()).size(), 1u);
  EXPECT_EQ(engine.contact(c)->phase, "waiting");
  EXPECT_EQ(state("a"), AgentState::LoggedOut);
}

TEST_F(EngineTest, CallerLeavingWhileRingingFreesTheAgentWithoutPenalty) {
  auto p = base();
  p.queues.push_back(queue("q"));
  p.agents.push_back(agent("a", {"q"}));
  configure(p);
  ready("a");
  auto [c, o] = arrive("q");
  auto out = engine.remove(c, "abandoned");
  check();
  EXPECT_EQ(state("a"), AgentState::Ready);
  EXPECT_EQ(engine.queues()[0].abandoned, 1);
  EXPECT_EQ(engine.contact_count(), 0u);
}

TEST_F(EngineTest, MaxWaitOverflowsToAnotherQueue) {
  auto p = base();
  auto q = queue("first");
  q.max_wait_s = 20;
  q.on_timeout = {model::OverflowKind::Queue, "second"};
  p.queues = {q, queue("second")};
  p.agents.push_back(agent("b", {"second"}));
  configure(p);
  ready("b");
  engine.set_not_ready("t1", "b", "break", "agent");
  auto [c, o] = arrive("first");
  auto out = tick(20'000);
  auto ov = only<Overflowed>(out);
  ASSERT_EQ(ov.size(), 1u);
  EXPECT_EQ(ov[0].why, "timeout");
  EXPECT_EQ(ov[0].to_queue, "second");
  EXPECT_EQ(engine.contact(c)->queue, "second");
  EXPECT_EQ(offered_to(ready("b"), c), "b");
}

TEST_F(EngineTest, FullQueueAndNoAgentLoggedInOverflowOnEntry) {
  auto p = base();
  auto q = queue("q");
  q.max_length = 1;
  q.on_full = {model::OverflowKind::Hangup, ""};
  auto empty = queue("empty");
  empty.on_no_agent = {model::OverflowKind::Queue, "q"};
  p.queues = {q, empty};
  p.agents.push_back(agent("a", {"q"}));
  configure(p);
  auto [c1, o1] = arrive("q");
  EXPECT_TRUE(only<Overflowed>(o1).empty());
  auto [c2, o2] = arrive("q");
  ASSERT_EQ(only<Overflowed>(o2).size(), 1u);
  EXPECT_EQ(only<Overflowed>(o2)[0].why, "full");
  EXPECT_FALSE(engine.contact(c2));
  auto [c3, o3] = arrive("empty");  // nobody logged in: to q, which is full: hang up
  auto ov = only<Overflowed>(o3);
  ASSERT_EQ(ov.size(), 2u);
  EXPECT_EQ(ov[0].why, "no_agent");
  EXPECT_EQ(ov[1].why, "full");
  EXPECT_EQ(ov[1].action.kind, model::OverflowKind::Hangup);
}

TEST_F(EngineTest, RequirementsRelaxOverWaitingTime) {
  auto p = base();
  auto q = queue("q");
  q.requirement = "billing >= 2";
  q.relax = {{30, "billing >= 1", true}, {60, "", false}};
  p.queues.push_back(q);
  p.agents.push_back(agent("junior", {"q"}, {{"billing", 1}, {"lang_fr", 5}}));
  p.agents.push_back(agent("other", {"q"}, {}));
  configure(p);
  ready("junior");
  ready("other");
  auto [c, o] = arrive("q", 0, "lang_fr >= 3");
  EXPECT_EQ(offered_to(o, c), "");
  auto out = tick(30'000);
  EXPECT_EQ(offered_to(out, c), "junior");
  engine.refused(c, id("junior"), "declined");
  out = tick(30'000);
  EXPECT_EQ(offered_to(out, c), "other");
}

TEST_F(EngineTest, RingAllOffersEveryQualifiedAgentAndTheFirstAnswerWins) {
  auto p = base();
  p.queues.push_back(queue("q", Strategy::RingAll));
  for (auto l : {"a", "b", "c"}) p.agents.push_back(agent(l, {"q"}));
  configure(p);
  for (auto l : {"a", "b", "c"}) ready(l);
  auto [c, o] = arrive("q");
  EXPECT_EQ(only<Offer>(o).size(), 3u);
  auto out = engine.answered(c, id("b"));
  check();
  EXPECT_EQ(only<OfferWithdrawn>(out).size(), 2u);
  EXPECT_EQ(state("a"), AgentState::Ready);
  EXPECT_EQ(state("b"), AgentState::Busy);
}

TEST_F(EngineTest, RoundRobinRemembersWhereItStopped) {
  auto p = base();
  p.queues.push_back(queue("q", Strategy::RoundRobin));
  for (auto l : {"a", "b", "c"}) p.agents.push_back(agent(l, {"q"}));
  configure(p);
  for (auto l : {"c", "b", "a"}) ready(l);
  std::vector<std::string> order;
  for (int i = 0; i < 6; ++i) {
    auto [c, o] = arrive("q");
    order.push_back(offered_to(o, c));
    engine.answered(c, id(order.back()));
    engine.ended(c);
    check();
  }
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "c", "a", "b", "c"}));
}

TEST_F(EngineTest, FewestContactsAndLeastTalkTimeAndBestSkill) {
  auto p = base();
  p.queues = {queue("few", Strategy::FewestContacts), queue("talk", Strategy::LeastTalkTime),
              queue("skill", Strategy::BestSkill)};
  p.agents.push_back(agent("a", {"few", "talk", "skill"}, {{"x", 2}}));
  p.agents.push_back(agent("b", {"few", "talk", "skill"}, {{"x", 4}}));
  configure(p);
  ready("a");
  // a handles two short contacts, then b one long one.
  for (int i = 0; i < 2; ++i) {
    auto [c, o] = arrive("few");
    ASSERT_EQ(offered_to(o, c), "a");
    engine.answered(c, id("a"));
    clock.advance_ms(1000);
    engine.ended(c);
  }
  engine.set_not_ready("t1", "a", "break", "agent");
  ready("b");
  auto [cb, ob] = arrive("few");
  ASSERT_EQ(offered_to(ob, cb), "b");
  engine.answered(cb, id("b"));
  clock.advance_ms(60'000);
  engine.ended(cb);
  ready("a");
  check();
  auto [c1, o1] = arrive("few");
  EXPECT_EQ(offered_to(o1, c1), "b");  // 1 contact against 2
  engine.remove(c1, "abandoned");
  auto [c2, o2] = arrive("talk");
  EXPECT_EQ(offered_to(o2, c2), "a");  // 2 s of talk against 60 s
  engine.remove(c2, "abandoned");
  auto [c3, o3] = arrive("skill", 0, "x >= 1");
  EXPECT_EQ(offered_to(o3, c3), "b");  // level 4 against 2
}

TEST_F(EngineTest, RandomIsSeededAndSpreads) {
  auto p = base();
  p.queues.push_back(queue("q", Strategy::Random));
  for (auto l : {"a", "b", "c", "d"}) p.agents.push_back(agent(l, {"q"}));
  configure(p);
  for (auto l : {"a", "b", "c", "d"}) ready(l);
  std::map<std::string, int> seen;
  for (int i = 0; i < 200; ++i) {
    auto [c, o] = arrive("q");
    const std::string who = offered_to(o, c);
    seen[who]++;
    engine.answered(c, id(who));
    engine.ended(c);
  }
  check();
  EXPECT_EQ(seen.size(), 4u);
  for (const auto& [who, n] : seen) EXPECT_GT(n, 20) << who;
}

TEST_F(EngineTest, QueuedCallbackKeepsItsPlaceAndRetries) {
  auto p = base();
  auto q = queue("q");
  q.callback = true;
  q.callback_attempts = 2;
  q.callback_retry_s = 120;
  q.max_wait_s = 60;
  p.queues.push_back(q);
  p.agents.push_back(agent("a", {"q"}));
  configure(p);
  auto [c1, o1] = arrive("q");
  clock.advance_ms(1000);
  auto [c2, o2] = arrive("q");
  ASSERT_TRUE(engine.request_callback(c1));
  EXPECT_EQ(engine.contact(c1)->kind, ContactKind::Callback);
  EXPECT_EQ(engine.contact(c1)->position, 1);
  tick(60'000);  // past max wait: the callback stays, the caller on the line overflows
  EXPECT_TRUE(engine.contact(c1));
  EXPECT_FALSE(engine.contact(c2));
  auto out = ready("a");
  ASSERT_EQ(only<Offer>(out).size(), 1u);
  EXPECT_EQ(only<Offer>(out)[0].kind, ContactKind::Callback);
  engine.answered(c1, id("a"));
  auto [next, out2] = engine.callback_failed(c1);
  check();
  EXPECT_EQ(next, CallbackNext::Retry);
  EXPECT_EQ(state("a"), AgentState::Ready);
  EXPECT_EQ(engine.contact(c1)->phase, "delayed");
  auto out3 = tick(120'000);
  EXPECT_EQ(offered_to(out3, c1), "a");
  engine.answered(c1, id("a"));
  EXPECT_EQ(engine.callback_failed(c1).first, CallbackNext::GaveUp);
  check();
  EXPECT_FALSE(engine.contact(c1));
}

TEST_F(EngineTest, AnnouncementsGivePositionAndEstimatedWait) {
  auto p = base();
  auto q = queue("q");
  q.announce_every_s = 30;
  p.queues.push_back(q);
  p.agents.push_back(agent("a", {"q"}));
  p.agents.push_back(agent("b", {"q"}));
  configure(p);
  ready("a");
  ready("b");
  auto [x, ox] = arrive("q");
  auto [y, oy] = arrive("q");
  engine.answered(x, id("a"));
  engine.answered(y, id("b"));
  auto [c1, o1] = arrive("q");
  auto [c2, o2] = arrive("q");
  auto out = tick(30'000);
  auto ann = only<Announce>(out);
  ASSERT_EQ(ann.size(), 2u);
  std::map<uint64_t, Announce> by;
  for (auto& a : ann) by[a.contact.value] = a;
  EXPECT_EQ(by[c1.value].position, 1);
  EXPECT_EQ(by[c2.value].position, 2);
  // No history yet: 180 s per contact, two agents serving.
  EXPECT_EQ(by[c1.value].ewt_ms, 90'000);
  EXPECT_EQ(by[c2.value].ewt_ms, 180'000);
}

TEST_F(EngineTest, AgentsOfAnotherTenantServeQueuesTheyAreMembersOf) {
  auto p = base();
  model::Tenant out;
  out.name = "bpo";
  p.tenants.push_back(out);
  p.queues.push_back(queue("q"));
  auto a = agent("x", {});
  a.tenant = "bpo";
  a.queues = {{"t1", "q", 1}};
  p.agents.push_back(a);
  configure(p);
  ASSERT_TRUE(engine.login("bpo", "x", true, "agent"));
  auto [c, o] = arrive("q");
  ASSERT_EQ(only<Offer>(o).size(), 1u);
  EXPECT_EQ(engine.agent(only<Offer>(o)[0].agent)->tenant, "bpo");
  EXPECT_FALSE(engine.agent_id("t1", "x"));
}

TEST_F(EngineTest, ConfigurationSwapKeepsContactsRulesAndRejectsBadInput) {
  auto p = base();
  auto q = queue("q");
  q.max_wait_s = 100;
  p.queues.push_back(q);
  p.agents.push_back(agent("a", {"q"}));
  configure(p);
  auto [c, o] = arrive("q");
  p.queues[0].max_wait_s = 10;
  configure(p);
  EXPECT_TRUE(only<Overflowed>(tick(50'000)).empty());  // still 100 s for c
  EXPECT_EQ(only<Overflowed>(tick(50'000)).size(), 1u);
  auto bad = p;
  bad.queues[0].requirement = "lang_fr >=";
  auto r = engine.configure(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "acd.requirement");
  // Deprovisioned agent is logged out.
  ready("a");
  p.agents.clear();
  configure(p);
  EXPECT_FALSE(engine.agent_id("t1", "a"));
}

TEST_F(EngineTest, TimeInStatesAddsUpToTimeLoggedIn) {
  auto p = base();
  auto q = queue("q");
  q.wrapup_s = 5;
  p.queues.push_back(q);
  p.agents.push_back(agent("a", {"q"}));
  configure(p);
  ready("a");
  clock.advance_ms(1000);
  auto [c, o] = arrive("q");
  clock.advance_ms(2000);
  engine.answered(c, id("a"));
  clock.advance_ms(3000);
  engine.ended(c);
  tick(5000);
  clock.advance_ms(700);
  engine.logout("t1", "a", "end_of_shift", "agent");
  check();
  auto v = *engine.agent(id("a"));
  EXPECT_EQ(v.logged_in_ms, 11'700);
  EXPECT_EQ(v.time_in_ms[static_cast<size_t>(AgentState::Ready)], 1700);
  EXPECT_EQ(v.time_in_ms[static_cast<size_t>(AgentState::Reserved)], 2000);
  EXPECT_EQ(v.time_in_ms[static_cast<size_t>(AgentState::Busy)], 3000);
  EXPECT_EQ(v.time_in_ms[static_cast<size_t>(AgentState::WrapUp)], 5000);
  EXPECT_EQ(v.contacts_today, 1);
  EXPECT_EQ(v.talk_today_ms, 3000);
}

}  // namespace
}  // namespace plateau::acd::testing

namespace plateau::acd::testing {

// A contact for one named agent (a transfer): offered to that agent only,
// dropped when it does not answer or refuses; a waiting contact is not taken.
TEST_F(EngineTest, AContactOfferedToANamedAgentGoesToNobodyElse) {
  auto p = base();
  p.queues.push_back(queue("q"));
  p.queues.push_back(queue("other"));
  p.agents.push_back(agent("a", {"q"}));
  p.agents.push_back(agent("b", {"q"}));
  p.agents.push_back(agent("x", {"other"}));
  configure(p);
  ready("a");
  ContactSpec s;
  s.id = ContactId{900};
  s.tenant = "t1";
  s.queue = "q";
  auto refused = engine.offer_to(s, "t1", "b");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "acd.agent_not_ready");
  EXPECT_EQ(engine.offer_to(s, "t1", "zz").error().code, "acd.agent_unknown");
  ready("b");
  ready("x");  // not a member of q: a named agent needs no membership
  auto r = engine.offer_to(s, "t1", "x");
  ASSERT_TRUE(r) << r.error().message;
  check();
  EXPECT_EQ(offered_to(r.value(), s.id), "x");
  EXPECT_EQ(state("x"), AgentState::Reserved);
  EXPECT_EQ(state("a"), AgentState::Ready);
  // Ring timeout (10 s): dropped, not requeued to a or b.
  auto out = tick(10'000);
  EXPECT_TRUE(only<Offer>(out).empty());
  EXPECT_FALSE(engine.contact(s.id));
  EXPECT_EQ(state("x"), AgentState::NotReady);
  auto left = only<ContactLog>(out);
  ASSERT_FALSE(left.empty());
  EXPECT_NE(left.back().detail.find("target_no_answer"), std::string::npos);
  // Refused by the phone: dropped too.
  r = engine.offer_to(s, "t1", "b");
  ASSERT_TRUE(r);
  out = engine.refused(s.id, id("b"), "busy");
  check();
  EXPECT_FALSE(engine.contact(s.id));
  EXPECT_TRUE(only<Offer>(out).empty());
  // Answered: an ordinary connected contact.
  r = engine.offer_to(s, "t1", "a");
  ASSERT_TRUE(r);
  engine.answered(s.id, id("a"));
  EXPECT_EQ(state("a"), AgentState::Busy);
  engine.ended(s.id);
  check();
  EXPECT_FALSE(engine.contact(s.id));
}

}  // namespace plateau::acd::testing
