// The router with a number that runs an IVR flow: answer, prompts in several
// languages, digits, a customer look-up, enqueue with attached data, and a
// voicemail kept when the caller hangs up while recording.
#include <gtest/gtest.h>

#include "common/next_id.h"
#include "core/router.h"
#include "ivr/parse.h"

namespace plateau::core {
namespace {

using namespace model;  // NOLINT(google-build-using-namespace): test file

Provisioning with_ivr() {
  Provisioning p;
  p.tenants.push_back({"t1", "T1", "Africa/Casablanca", "fr"});
  p.trunks.push_back({"t1", "local", {"127.0.0.0/8"}, "127.0.0.1:5080", "0522000000"});
  Queue q;
  q.tenant = "t1";
  q.name = "sales";
  p.queues.push_back(q);
  q.name = "later";
  q.callback = true;
  q.callback_trunk = "local";
  p.queues.push_back(q);
  p.numbers.push_back({"t1", "700", "main", "", "", 0, ""});
  p.numbers.push_back({"t1", "701", "missing", "", "", 0, ""});
  p.numbers.push_back({"t1", "702", "cb", "", "", 0, ""});
  p.phones.push_back({"t1", "2001", "pw", ""});
  Agent a;
  a.tenant = "t1";
  a.login = "2001";
  a.queues = {{"t1", "sales", 1}};
  a.skills = {{"lang_ar", 5}};
  a.phone = "2001";
  p.agents.push_back(a);
  return p;
}

const char* kFlow = R"(
[flow]
tenant = "t1"
name = "main"
languages = ["fr", "ar"]
start = "lang"

[[step]]
id = "lang"
type = "language"
choices = { "1" = "fr", "2" = "ar" }
next = "who"

[[step]]
id = "who"
type = "lookup"
by = "caller"
found = "agent"
not_found = "vm"

[[step]]
id = "agent"
type = "enqueue"
queue = "sales"
priority = 7
requires = "lang_{language} >= 3"
attach = ["customer.id", "language"]

[[step]]
id = "vm"
type = "voicemail"
max_seconds = 30
)";

const char* kCallbackFlow = R"(
[flow]
tenant = "t1"
name = "cb"
start = "number"

[[step]]
id = "number"
type = "collect"
prompt = "you_entered"
into = "to"
min = 10
max = 10
next = "cb"

[[step]]
id = "cb"
type = "callback"
queue = "later"
number = "{to}"
)";

template <class T>
std::vector<T> only(const std::vector<Output>& out) {
  std::vector<T> v;
  for (const auto& o : out)
    if (auto* cmd = std::get_if<TelephonyCommand>(&o))
      if (auto* t = std::get_if<T>(cmd)) v.push_back(*t);
  return v;
}

template <class T>
std::vector<T> outputs(const std::vector<Output>& out) {
  std::vector<T> v;
  for (const auto& o : out)
    if (auto* t = std::get_if<T>(&o)) v.push_back(*t);
  return v;
}

class RouterIvrTest : public ::testing::Test {
 protected:
  RouterIvrTest() {
    auto set = std::make_shared<ivr::FlowSet>();
    for (const char* text : {kFlow, kCallbackFlow}) {
      auto f = ivr::parse_flow(text, "flow.toml");
      EXPECT_TRUE(f) << f.error().message;
      f->version = 4;
      set->add(std::make_shared<const ivr::Flow>(std::move(*f)));
    }
    router.set_flows(set);
  }
  std::vector<Output> arrive(const std::string& did) {
    return router.on_event(InboundCall{call, leg, "sip-1", "t1", did, "0600000001", clock.now_ms()});
  }
  ManualClock clock;
  Router router{clock, std::make_shared<Directory>(with_ivr())};
  CallId call = next_id<CallId>();
  LegId leg = next_id<LegId>();
};

TEST_F(RouterIvrTest, AnswersPlaysEachChoiceInItsLanguageThenEnqueuesWithTheAttachedData) {
  router.on_event(PhoneRegistration{"2001", true, 1});
  auto out = arrive("700");
  ASSERT_EQ(only<AnswerLeg>(out).size(), 1u);
  auto seq = only<PlaySequence>(out);
  ASSERT_EQ(seq.size(), 1u);
  EXPECT_EQ(seq[0].prompts, (std::vector<std::string>{"for_language", "n_1", "for_language", "n_2"}));
  EXPECT_EQ(seq[0].language, "fr");
  EXPECT_EQ(seq[0].languages, (std::vector<std::string>{"", "", "ar", "ar"}));

  out = router.on_event(Digit{leg, '2'});
  EXPECT_EQ(only<StopPrompt>(out).size(), 1u);
  auto lookups = outputs<CustomerLookup>(out);
  ASSERT_EQ(lookups.size(), 1u);
  EXPECT_EQ(lookups[0].key, "0600000001");
  EXPECT_EQ(lookups[0].tenant, "t1");

  ivr::LookupResult found;
  found.found = true;
  found.attributes = {{"customer.id", "100234"}, {"customer.name", "Salma"}};
  out = router.on_lookup_result(call, found);
  auto rings = only<RingPhone>(out);
  ASSERT_EQ(rings.size(), 1u) << "the Arabic speaker qualifies for lang_ar >= 3";
  EXPECT_EQ(rings[0].username, "2001");

  out = router.on_event(LegAnswered{rings[0].leg});
  ASSERT_EQ(only<Bridge>(out).size(), 1u);
  out = router.on_event(LegEnded{leg, 0, "caller_hangup"});
  out = router.on_event(RecordingClosed{call, "", false});
  auto recs = outputs<CallRecord>(out);
  ASSERT_EQ(recs.size(), 1u);
  const CallRecord& r = recs[0];
  EXPECT_EQ(r.outcome, CallOutcome::Answered);
  EXPECT_EQ(r.flow, "main");
  EXPECT_EQ(r.flow_version, 4);
  EXPECT_EQ(r.ivr_end, "enqueued");
  EXPECT_EQ(r.attached, R"({"customer.id":"100234","language":"ar"})");
  EXPECT_NE(r.ivr_path.find(R"("step":"who")"), std::string::npos) << r.ivr_path;
}

TEST_F(RouterIvrTest, AVoicemailLeftBeforeHangingUpIsStoredAndTheRecordWaitsForIt) {
  arrive("700");
  router.on_event(Digit{leg, '1'});
  auto out = router.on_lookup_result(call, ivr::LookupResult{});  // not found: voicemail
  auto seq = only<PlaySequence>(out);
  ASSERT_EQ(seq.size(), 1u);
  EXPECT_EQ(seq[0].prompts, (std::vector<std::string>{"voicemail_invite", "beep"}));
  out = router.on_event(PromptDone{leg});
  auto rec = only<RecordLeg>(out);
  ASSERT_EQ(rec.size(), 1u);
  EXPECT_EQ(rec[0].max_ms, 30'000);
  EXPECT_EQ(rec[0].leg, leg);
  // The caller speaks, then hangs up: the file comes after the hang-up.
  out = router.on_event(LegEnded{leg, 0, "caller_hangup"});
  EXPECT_TRUE(outputs<CallRecord>(out).empty()) << "waits for the voicemail";
  out = router.on_event(LegRecorded{call, leg, rec[0].path, 9'500, true});
  auto vms = outputs<VoicemailEntry>(out);
  ASSERT_EQ(vms.size(), 1u);
  EXPECT_EQ(vms[0].voicemail.path, rec[0].path);
  EXPECT_EQ(vms[0].voicemail.duration_ms, 9'500);
  EXPECT_EQ(vms[0].voicemail.caller, "0600000001");
  EXPECT_TRUE(outputs<CallRecord>(out).empty()) << "waits for the commit";
  out = router.on_voicemail_committed(call, true);
  auto recs = outputs<CallRecord>(out);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].outcome, CallOutcome::Voicemail);
  EXPECT_EQ(recs[0].recording, rec[0].path);
}

TEST_F(RouterIvrTest, ACallbackToTheNumberTypedIsStoredThenConfirmed) {
  arrive("702");
  std::vector<Output> out;
  for (char d : std::string("0612345678")) out = router.on_event(Digit{leg, d});
  auto cbs = outputs<CallbackEntry>(out);
  ASSERT_EQ(cbs.size(), 1u);
  EXPECT_EQ(cbs[0].number, "0612345678");
  EXPECT_EQ(cbs[0].queue, "later");
  out = router.on_callback_committed(cbs[0].id);
  auto seq = only<PlaySequence>(out);
  ASSERT_EQ(seq.size(), 1u);
  EXPECT_EQ(seq[0].prompts, (std::vector<std::string>{"callback_confirm"}));
  out = router.on_event(PromptDone{leg});
  auto recs = outputs<CallRecord>(out);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].outcome, CallOutcome::CallbackRequested);
  EXPECT_EQ(recs[0].ivr_end, "callback");
}

TEST_F(RouterIvrTest, AnUnpublishedFlowWithoutQueueIsATechnicalProblem) {
  auto out = arrive("701");
  auto plays = only<PlayPrompt>(out);
  ASSERT_EQ(plays.size(), 1u);
  EXPECT_EQ(plays[0].prompt, "technical_problem");
}

TEST_F(RouterIvrTest, InputTimeoutsRunOnTheRouterClock) {
  arrive("700");
  router.on_event(PromptDone{leg});  // the language menu has played: its timeout starts
  auto deadline = router.next_deadline();
  ASSERT_TRUE(deadline);
  EXPECT_EQ(*deadline, clock.monotonic_ms() + 5'000);
  clock.advance_ms(5'000);
  auto out = router.on_time();
  auto seq = only<PlaySequence>(out);
  ASSERT_EQ(seq.size(), 1u);
  EXPECT_EQ(seq[0].prompts.front(), "no_input");
}

}  // namespace
}  // namespace plateau::core
