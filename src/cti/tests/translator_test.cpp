#include "cti/translator.h"

#include <gtest/gtest.h>

#include "common/next_id.h"

namespace plateau::cti {
namespace {

using nlohmann::json;
using core::LogEvent;

LogEvent ev(int64_t ts, std::string kind, std::string call, std::string agent, json data) {
  return LogEvent{ts, "t1", std::move(kind), std::move(call), std::move(agent), data.dump()};
}

LogEvent state(int64_t ts, const std::string& agent, const std::string& from, const std::string& to,
               const std::string& reason = "", const std::string& pending = "") {
  return ev(ts, "agent.state", "", agent, json{{"from", from}, {"to", to}, {"reason", reason}, {"pending", pending}});
}

// The events of one topic, in order.
struct Collector {
  Translator& t;
  std::vector<Event> all;
  void feed(const LogEvent& e) {
    for (auto& x : t.on_log(e)) all.push_back(std::move(x));
  }
  std::vector<Event> on(const std::string& topic) const {
    std::vector<Event> v;
    for (const auto& e : all)
      if (e.topic == topic) v.push_back(e);
    return v;
  }
  std::vector<std::string> names(const std::string& topic) const {
    std::vector<std::string> v;
    for (const auto& e : on(topic)) v.push_back(e.name);
    return v;
  }
};

core::AgentView agent_view(const std::string& login, acd::AgentState s = acd::AgentState::LoggedOut) {
  core::AgentView v;
  v.tenant = "t1";
  v.login = login;
  v.name = "Agent " + login;
  v.state = s;
  v.state_since_ms = 5;
  return v;
}

core::QueueView queue_view(const std::string& name) {
  core::QueueView q;
  q.tenant = "t1";
  q.name = name;
  q.display_name = "Sales";
  q.waiting = 1;
  return q;
}

// A call answered by 1001, hung up by the caller, wrapped up with a disposition.
void answered_call(Collector& c, const std::string& call = "c1") {
  c.feed(ev(100, "call.arrived", call, "", {{"number", "0522000000"}, {"caller", "0612345678"}}));
  c.feed(ev(110, "call.ivr_ended", call, "", {{"end", "enqueued"}, {"attached", {{"customer.id", "C-1"}}}}));
  c.feed(ev(120, "call.queued", call, "", {{"queue", "sales"}}));
  c.feed(state(130, "1001", "ready", "reserved"));
  c.feed(ev(130, "call.offered", call, "1001",
            {{"queue", "sales"}, {"kind", "offer"}, {"attached", {{"reason", "billing"}}}, {"customer_id", "C-1"}}));
  c.feed(ev(131, "call.ringing", call, "", json::object()));
  c.feed(state(140, "1001", "reserved", "busy"));
  c.feed(ev(140, "call.answered", call, "1001", json::object()));
  c.feed(state(200, "1001", "busy", "wrap_up"));
  c.feed(ev(200, "call.ended", call, "1001", {{"outcome", "answered"}, {"reason", "caller_hangup"}}));
}

TEST(TranslatorTest, ACallOnTheAgentTopicInOrderWithSeqFromOne) {
  Translator t;
  Collector c{t};
  c.feed(state(50, "1001", "logged_out", "ready"));
  answered_call(c);
  c.feed(ev(250, "contact.disposition", "", "", {{"code", "sale"}, {"agent", "1001"}, {"queue", "sales"}}));
  c.feed(state(250, "1001", "wrap_up", "ready", "wrap_up_done"));

  const auto events = c.on("agent:t1:1001");
  const std::vector<std::string> want = {"agent.state_changed.v1", "agent.state_changed.v1", "contact.offered.v1",
                                         "agent.state_changed.v1", "contact.connected.v1",   "agent.state_changed.v1",
                                         "contact.ended.v1",       "wrapup.started.v1",      "agent.state_changed.v1",
                                         "wrapup.ended.v1"};
  EXPECT_EQ(c.names("agent:t1:1001"), want);
  for (size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].seq, i + 1) << i;
  EXPECT_EQ(t.seq("agent:t1:1001"), events.size());

  const json& offered = events[2].data;
  EXPECT_EQ(events[2].ts_ms, 130);
  EXPECT_EQ(offered["agent"], "1001");
  EXPECT_EQ(offered["contact"]["call_id"], "c1");
  EXPECT_EQ(offered["contact"]["caller"], "0612345678");
  EXPECT_EQ(offered["contact"]["number"], "0522000000");
  EXPECT_EQ(offered["contact"]["queue"], "sales");
  EXPECT_EQ(offered["contact"]["direction"], "inbound");
  EXPECT_EQ(offered["contact"]["attached"], (json{{"customer.id", "C-1"}, {"reason", "billing"}}));
  EXPECT_EQ(offered["contact"]["customer_id"], "C-1");

  EXPECT_EQ(events[0].data["state"], "ready");
  EXPECT_EQ(events[0].data["previous"], "logged_out");
  EXPECT_EQ(events[0].data["since_ms"], 50);
  EXPECT_EQ(events[6].data["by"], "caller");
  EXPECT_EQ(events[6].data["reason"], "caller_hangup");
  EXPECT_EQ(events[7].data["contact"]["call_id"], "c1");
  EXPECT_EQ(events[9].data["disposition"], "sale");

  // The queue's topic has the contact's life; the tenant's has everything.
  EXPECT_EQ(c.names("queue:t1:sales"),
            (std::vector<std::string>{"contact.queued.v1", "contact.offered.v1", "contact.connected.v1",
                                      "contact.ended.v1"}));
  const auto tenant = c.on("tenant:t1");
  EXPECT_EQ(tenant.size(), events.size() + 1);  // + contact.queued
  for (size_t i = 0; i < tenant.size(); ++i) EXPECT_EQ(tenant[i].seq, i + 1);
  EXPECT_EQ(t.contacts(), 0u) << "an ended call is forgotten";
}

TEST(TranslatorTest, EventTextIsTheContractsEnvelope) {
  Translator t;
  auto out = t.on_log(state(50, "1001", "logged_out", "not_ready", "break", "logged_out"));
  ASSERT_EQ(out.size(), 2u);
  json j = json::parse(out[0].to_json());
  EXPECT_EQ(j["type"], "event");
  EXPECT_EQ(j["topic"], "agent:t1:1001");
  EXPECT_EQ(j["seq"], 1);
  EXPECT_EQ(j["name"], "agent.state_changed.v1");
  EXPECT_EQ(j["ts_ms"], 50);
  EXPECT_EQ(j["data"]["reason"], "break");
  EXPECT_EQ(j["data"]["pending"], "logged_out");
}

TEST(TranslatorTest, RecordingPauseEvents) {
  Translator t;
  Collector c{t};
  c.feed(ev(100, "call.arrived", "c1", "", {{"number", "100"}, {"caller", "200"}}));
  c.feed(ev(101, "call.queued", "c1", "", {{"queue", "sales"}}));
  c.feed(ev(102, "call.offered", "c1", "1001", {{"queue", "sales"}}));
  c.feed(ev(103, "call.answered", "c1", "1001", json::object()));
  c.feed(ev(104, "recording.paused", "c1", "1001", {{"actor", "1001"}, {"offset_ms", 4000}}));
  c.feed(ev(105, "recording.resumed", "c1", "1001", {{"actor", "sup"}, {"offset_ms", 9000}}));
  c.feed(ev(106, "recording.paused", "gone", "1001", {{"actor", "1001"}, {"offset_ms", 1}}));  // unknown call
  EXPECT_EQ(c.names("agent:t1:1001"),
            (std::vector<std::string>{"contact.offered.v1", "contact.connected.v1", "contact.recording_paused.v1",
                                      "contact.recording_resumed.v1"}));
  auto a = c.on("agent:t1:1001");
  EXPECT_EQ(a[2].data["by"], "1001");
  EXPECT_EQ(a[2].data["offset_ms"], 4000);
  EXPECT_EQ(a[2].data["contact"]["call_id"], "c1");
  EXPECT_EQ(a[3].data["by"], "sup");
  EXPECT_EQ(c.names("tenant:t1").back(), "contact.recording_resumed.v1");
}

TEST(TranslatorTest, CallControlEvents) {
  Translator t;
  Collector c{t};
  c.feed(ev(100, "call.arrived", "c1", "", {{"number", "100"}, {"caller", "200"}}));
  c.feed(ev(101, "call.queued", "c1", "", {{"queue", "sales"}}));
  c.feed(ev(102, "call.offered", "c1", "1001", {{"queue", "sales"}}));
  c.feed(ev(103, "call.answered", "c1", "1001", json::object()));
  c.feed(ev(104, "call.held", "c1", "1001", json::object()));
  c.feed(ev(105, "call.retrieved", "c1", "1001", json::object()));
  c.feed(ev(106, "call.transfer_started", "c1", "1001", {{"mode", "consult"}, {"to_type", "agent"}, {"target", "1002"}}));
  c.feed(ev(107, "call.consult_answered", "c1", "1001", json::object()));
  c.feed(ev(108, "call.transfer_cancelled", "c1", "1001", json::object()));
  c.feed(ev(109, "call.conferenced", "c1", "1001", json::object()));
  c.feed(ev(110, "call.dtmf_sent", "c1", "1001", {{"digits", "12"}}));
  c.feed(ev(111, "call.transfer_started", "c1", "1001", {{"mode", "blind"}, {"to_type", "queue"}, {"target", "support"}}));
  c.feed(ev(112, "call.transferred", "c1", "1001", {{"mode", "blind"}, {"to_type", "queue"}, {"target", "support"}}));
  c.feed(ev(113, "call.offered", "c1", "1002", {{"queue", "support"}}));
  c.feed(ev(114, "call.answered", "c1", "1002", json::object()));
  c.feed(ev(115, "call.hangup_by_agent", "c1", "1002", json::object()));
  c.feed(ev(116, "call.ended", "c1", "1002", {{"outcome", "answered"}, {"reason", "agent_hangup"}}));

  EXPECT_EQ(c.names("agent:t1:1001"),
            (std::vector<std::string>{"contact.offered.v1", "contact.connected.v1", "contact.held.v1",
                                      "contact.retrieved.v1", "contact.consulting.v1", "contact.consulting.v1",
                                      "contact.retrieved.v1", "contact.conferenced.v1", "contact.transferred.v1"}));
  auto a1 = c.on("agent:t1:1001");
  EXPECT_EQ(a1[4].data["to"], (json{{"type", "agent"}, {"target", "1002"}}));
  EXPECT_EQ(a1[4].data["answered"], false);
  EXPECT_EQ(a1[5].data["answered"], true);
  EXPECT_EQ(a1[6].data["reason"], "transfer_cancelled");
  EXPECT_EQ(a1[8].data["mode"], "blind");
  EXPECT_EQ(a1[8].data["to"], (json{{"type", "queue"}, {"target", "support"}}));
  EXPECT_EQ(c.names("agent:t1:1002"),
            (std::vector<std::string>{"contact.offered.v1", "contact.connected.v1", "contact.ended.v1"}));
  auto a2 = c.on("agent:t1:1002");
  EXPECT_EQ(a2[0].data["contact"]["queue"], "support");
  EXPECT_EQ(a2[0].data["contact"]["caller"], "200");
  EXPECT_EQ(a2[2].data["by"], "agent");
  EXPECT_EQ(c.names("queue:t1:support"),
            (std::vector<std::string>{"contact.offered.v1", "contact.connected.v1", "contact.ended.v1"}));
}

TEST(TranslatorTest, AnOfferNotAnsweredEndsForTheAgentOnly) {
  Translator t;
  Collector c{t};
  c.feed(ev(100, "call.arrived", "c1", "", {{"number", "100"}, {"caller", "200"}}));
  c.feed(ev(101, "call.queued", "c1", "", {{"queue", "sales"}}));
  c.feed(ev(102, "call.offered", "c1", "1001", {{"queue", "sales"}}));
  c.feed(ev(107, "call.ring_no_answer", "c1", "1001", {{"reason", "ring_no_answer"}}));
  c.feed(state(107, "1001", "reserved", "not_ready", "missed"));
  auto a = c.on("agent:t1:1001");
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[1].name, "contact.ended.v1");
  EXPECT_EQ(a[1].data["reason"], "ring_no_answer");
  EXPECT_EQ(a[1].data["by"], "system");
  EXPECT_EQ(c.names("queue:t1:sales"), (std::vector<std::string>{"contact.queued.v1", "contact.offered.v1"}));
  EXPECT_EQ(t.contacts(), 1u) << "the call is still waiting";
  auto s = t.snapshot(agent_topic("t1", "1001"), {agent_view("1001")}, {});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->state["state"], "not_ready");
  EXPECT_EQ(s->state["reason"], "missed");
  EXPECT_TRUE(s->state["contact"].is_null());
  auto q = t.snapshot(queue_topic("t1", "sales"), {}, {queue_view("sales")});
  ASSERT_TRUE(q);
  ASSERT_EQ(q->state["contacts"].size(), 1u);
  EXPECT_EQ(q->state["contacts"][0]["state"], "queued");
  EXPECT_EQ(q->state["contacts"][0]["agent"], "");
  EXPECT_EQ(q->seq, 2u);
}

TEST(TranslatorTest, SnapshotsSayTheStateAndTheSeqOfTheLastEventIncluded) {
  Translator t;
  // Agent 1001 was ready before anything was logged; 1002 never changed.
  t.seed({agent_view("1001", acd::AgentState::Ready), agent_view("1002")});
  auto s = t.snapshot(agent_topic("t1", "1001"), {agent_view("1001", acd::AgentState::Ready)}, {});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->seq, 0u);
  EXPECT_EQ(s->state["state"], "ready");
  EXPECT_EQ(s->state["name"], "Agent 1001");
  EXPECT_EQ(s->state["since_ms"], 5);

  Collector c{t};
  c.feed(ev(100, "call.arrived", "c1", "", {{"number", "0522000000"}, {"caller", "0612345678"}}));
  c.feed(ev(120, "call.queued", "c1", "", {{"queue", "sales"}}));
  c.feed(state(130, "1001", "ready", "reserved"));
  c.feed(ev(130, "call.offered", "c1", "1001", {{"queue", "sales"}, {"attached", {{"lang", "fr"}}}}));
  c.feed(state(140, "1001", "reserved", "busy"));
  c.feed(ev(140, "call.answered", "c1", "1001", json::object()));
  const std::vector<core::AgentView> views = {agent_view("1001", acd::AgentState::Busy), agent_view("1002")};
  s = t.snapshot(agent_topic("t1", "1001"), views, {});
  ASSERT_TRUE(s);
  EXPECT_EQ(s->topic, "agent:t1:1001");
  EXPECT_EQ(s->seq, 4u);
  EXPECT_EQ(s->state["state"], "busy");
  EXPECT_EQ(s->state["since_ms"], 140);
  EXPECT_EQ(s->state["contact"]["call_id"], "c1");
  EXPECT_EQ(s->state["contact"]["state"], "connected");
  EXPECT_EQ(s->state["contact"]["attached"]["lang"], "fr");

  auto ten = t.snapshot(tenant_topic("t1"), views, {queue_view("sales")});
  ASSERT_TRUE(ten);
  EXPECT_EQ(ten->seq, t.seq("tenant:t1"));
  EXPECT_EQ(ten->state["agents"].size(), 2u);
  EXPECT_EQ(ten->state["queues"].size(), 1u);
  EXPECT_EQ(ten->state["queues"][0]["contacts"][0]["agent"], "1001");
  EXPECT_EQ(ten->state["queues"][0]["waiting"], 1);

  // After the wrap-up: the agent's contact is gone.
  c.feed(state(200, "1001", "busy", "wrap_up"));
  c.feed(ev(200, "call.ended", "c1", "1001", {{"outcome", "answered"}, {"reason", "caller_hangup"}}));
  s = t.snapshot(agent_topic("t1", "1001"), views, {});
  EXPECT_EQ(s->state["state"], "wrap_up");
  EXPECT_EQ(s->state["wrap_up"], true);
  EXPECT_EQ(s->state["contact"]["state"], "ended");
  c.feed(state(210, "1001", "wrap_up", "ready", "wrap_up_done"));
  s = t.snapshot(agent_topic("t1", "1001"), views, {});
  EXPECT_TRUE(s->state["contact"].is_null());
  EXPECT_EQ(s->seq, t.seq("agent:t1:1001"));

  EXPECT_FALSE(t.snapshot(agent_topic("t1", "9999"), views, {}));
  EXPECT_FALSE(t.snapshot(queue_topic("t1", "nope"), views, {queue_view("sales")}));
  EXPECT_FALSE(t.snapshot(tenant_topic("t2"), views, {queue_view("sales")}));
}

TEST(TranslatorTest, WrapUpStartedAtOnceWhenTheContactEndedFirst) {
  Translator t;
  Collector c{t};
  answered_call(c);  // the core logs wrap_up before call.ended
  c.feed(ev(300, "call.arrived", "c2", "", {{"number", "1"}, {"caller", "2"}}));
  c.feed(ev(300, "call.queued", "c2", "", {{"queue", "sales"}}));
  c.feed(state(301, "1002", "ready", "reserved"));
  c.feed(ev(301, "call.offered", "c2", "1002", {{"queue", "sales"}}));
  c.feed(state(302, "1002", "reserved", "busy"));
  c.feed(ev(302, "call.answered", "c2", "1002", json::object()));
  c.feed(ev(303, "call.ended", "c2", "1002", {{"outcome", "answered"}, {"reason", "agent_hangup"}}));
  c.feed(state(303, "1002", "busy", "wrap_up"));
  auto names = c.names("agent:t1:1002");
  ASSERT_GE(names.size(), 2u);
  EXPECT_EQ(names[names.size() - 3], "contact.ended.v1");
  EXPECT_EQ(names[names.size() - 2], "agent.state_changed.v1");
  EXPECT_EQ(names.back(), "wrapup.started.v1");
  EXPECT_EQ(c.on("agent:t1:1002").back().data["contact"]["call_id"], "c2");
}

TEST(TranslatorTest, MemoryIsBounded) {
  Translator t(100);
  // Calls that end are forgotten.
  for (int i = 0; i < 1000; ++i) {
    Collector c{t};
    answered_call(c, "e" + std::to_string(i));
    c.feed(state(300, "1001", "wrap_up", "ready"));
  }
  EXPECT_EQ(t.contacts(), 0u);
  // Calls whose end never comes: the oldest are dropped past the bound.
  for (int i = 0; i < 1000; ++i) {
    t.on_log(ev(i, "call.arrived", "lost" + std::to_string(i), "", {{"number", "1"}, {"caller", "2"}}));
    t.on_log(ev(i, "call.queued", "lost" + std::to_string(i), "", {{"queue", "sales"}}));
  }
  EXPECT_EQ(t.contacts(), 100u);
  auto q = t.snapshot(queue_topic("t1", "sales"), {}, {queue_view("sales")});
  ASSERT_TRUE(q);
  ASSERT_EQ(q->state["contacts"].size(), 100u);
  EXPECT_EQ(q->state["contacts"][0]["call_id"], "lost900");
  // A late event of a forgotten call brings nothing back.
  EXPECT_TRUE(t.on_log(ev(2000, "call.answered", "lost0", "1001", json::object())).empty());
  EXPECT_TRUE(t.on_log(ev(2000, "call.ended", "e1", "1001", {{"reason", "x"}})).empty());
  EXPECT_EQ(t.contacts(), 100u);
}

TEST(TranslatorTest, SupervisorsActionsGoToTheTenantTopicOnly) {
  Translator t;
  Collector c{t};
  answered_call(c, "c7");
  const size_t before = c.all.size();
  c.feed(ev(150, "supervisor.monitor_started", "c7", "1001",
            {{"actor", "salma"}, {"mode", "listen"}, {"phone", "sup1"}, {"monitor", "m-1"}}));
  c.feed(ev(160, "supervisor.monitor_changed", "c7", "1001", {{"actor", "salma"}, {"mode", "whisper"}, {"monitor", "m-1"}}));
  c.feed(ev(170, "supervisor.monitor_ended", "c7", "1001", {{"actor", "salma"}, {"monitor", "m-1"}, {"reason", "stopped"}}));
  c.feed(ev(180, "supervisor.forced_state", "", "1001", {{"actor", "salma"}, {"to", "not_ready"}, {"reason", "break"}}));
  ASSERT_EQ(c.all.size(), before + 4);
  for (size_t i = before; i < c.all.size(); ++i) EXPECT_EQ(c.all[i].topic, "tenant:t1") << c.all[i].name;
  EXPECT_EQ(c.all[before].name, "supervisor.monitor_started.v1");
  EXPECT_EQ(c.all[before].data["agent"], "1001");
  EXPECT_EQ(c.all[before].data["call_id"], "c7");
  EXPECT_EQ(c.all[before].data["mode"], "listen");
  EXPECT_EQ(c.all[before + 1].name, "supervisor.monitor_changed.v1");
  EXPECT_EQ(c.all[before + 2].name, "supervisor.monitor_ended.v1");
  EXPECT_EQ(c.all[before + 3].name, "supervisor.forced_state.v1");
  EXPECT_EQ(c.all[before + 3].data["to"], "not_ready");
  for (const auto& e : c.on("agent:t1:1001")) EXPECT_EQ(e.name.rfind("supervisor.", 0), std::string::npos) << e.name;
}

TEST(TranslatorTest, UnknownAndMalformedLogEventsMakeNothing) {
  Translator t;
  EXPECT_TRUE(t.on_log(ev(1, "call.voicemail_failed", "c9", "", json::object())).empty());
  EXPECT_TRUE(t.on_log(LogEvent{1, "t1", "call.queued", "", "", "{}"}).empty());
  EXPECT_TRUE(t.on_log(LogEvent{1, "t1", "agent.state", "", "", "not json"}).empty());
  auto out = t.on_log(LogEvent{1, "t1", "call.arrived", "c9", "", "not json"});
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(t.contacts(), 1u);
}

// The router's own log events, from a real call through the core.
TEST(TranslatorTest, TheRoutersLogOfARealCall) {
  using namespace model;  // NOLINT(google-build-using-namespace): test
  Provisioning p;
  p.tenants.push_back({"t1", "T1", "Africa/Casablanca", "fr"});
  p.trunks.push_back({"t1", "local", {"127.0.0.0/8"}});
  Queue q;
  q.tenant = "t1";
  q.name = "sales";
  q.ring_timeout_s = 5;
  q.max_wait_s = 60;
  q.wrapup_s = 30;
  p.queues.push_back(q);
  p.numbers.push_back({"t1", "100", "queue", "", "sales"});
  p.phones.push_back({"t1", "2001", "pw", ""});
  model::Agent a;
  a.tenant = "t1";
  a.login = "2001";
  a.queues = {{"t1", "sales", 1}};
  a.phone = "2001";
  p.agents.push_back(a);
  ManualClock clock;
  core::Router router(clock, std::make_shared<core::Directory>(p));

  Translator t;
  t.seed(router.agents());
  Collector c{t};
  auto feed = [&](const std::vector<core::Output>& out) -> std::optional<RingPhone> {
    std::optional<RingPhone> ring;
    for (const auto& o : out) {
      if (auto* l = std::get_if<LogEvent>(&o)) c.feed(*l);
      if (auto* cmd = std::get_if<TelephonyCommand>(&o))
        if (auto* r = std::get_if<RingPhone>(cmd)) ring = *r;
    }
    return ring;
  };
  feed(router.on_event(PhoneRegistration{"2001", true, 1}));
  const CallId call = next_id<CallId>();
  const LegId leg = next_id<LegId>();
  auto ring = feed(router.on_event(InboundCall{call, leg, "sip-1", "t1", "100", "0612345678", clock.now_ms()}));
  ASSERT_TRUE(ring);
  clock.advance_ms(2000);
  feed(router.on_event(LegAnswered{ring->leg}));
  clock.advance_ms(2000);
  feed(router.on_event(LegEnded{leg, 0, "caller_hangup"}));

  std::vector<std::string> contact_names;
  for (const auto& n : c.names("agent:t1:2001"))
    if (n != "agent.state_changed.v1") contact_names.push_back(n);
  EXPECT_EQ(contact_names, (std::vector<std::string>{"contact.offered.v1", "contact.connected.v1", "contact.ended.v1",
                                                     "wrapup.started.v1"}));
  auto events = c.on("agent:t1:2001");
  for (size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].seq, i + 1);
  EXPECT_EQ(events.front().data["state"], "ready");
  EXPECT_EQ(events[1].data["state"], "reserved");
  EXPECT_EQ(events.back().data["contact"]["caller"], "0612345678");
  auto s = t.snapshot(agent_topic("t1", "2001"), router.agents(), router.queues());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->state["state"], "wrap_up");
  EXPECT_EQ(s->state["contact"]["state"], "ended");
}

}  // namespace
}  // namespace plateau::cti
