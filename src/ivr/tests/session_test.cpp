// The interpreter with a manual clock: every step, timeouts, retries, invalid
// input, barge-in and type-ahead, look-ups, webhook timeout, voicemail.
#include "ivr/session.h"

#include <gtest/gtest.h>

#include "ivr/parse.h"

namespace plateau::ivr {
namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

// One line per action, e.g. "play fr:hello fr:goodbye", "enqueue sales".
std::string text(const Actions& actions) {
  std::string out;
  for (const Action& a : actions) {
    if (!out.empty()) out += " | ";
    std::visit(Overloaded{
                   [&](const Play& p) {
                     out += "play";
                     for (const auto& i : p.items) out += " " + i.language + ":" + i.prompt;
                   },
                   [&](const StopPlay&) { out += "stop"; },
                   [&](const Lookup& l) { out += "lookup " + std::to_string(int(l.by)) + " " + l.key; },
                   [&](const Webhook& w) { out += "webhook " + w.url + " " + std::to_string(w.timeout_ms); },
                   [&](const Record& r) { out += "record " + std::to_string(r.max_ms); },
                   [&](const StopRecord&) { out += "stop_record"; },
                   [&](const Enqueue& e) {
                     out += "enqueue " + e.queue + " p" + std::to_string(e.priority) + " [" + e.requirement + "]";
                     for (const auto& [k, v] : e.attached) out += " " + k + "=" + v;
                   },
                   [&](const Transfer& t) { out += "transfer " + t.number; },
                   [&](const Callback& c) { out += "callback " + c.queue + " " + c.number; },
                   [&](const Hangup& h) { out += std::string("hangup ") + (h.served ? "served " : "") + h.reason; },
               },
               a);
  }
  return out;
}

const std::string kHead =
    "[flow]\ntenant = \"acme\"\nname = \"main\"\nlanguages = [\"fr\", \"ar\", \"en\"]\nstart = \"a\"\n"
    "agent_key = \"0\"\nagent_step = \"agent\"\n"
    "[prompts]\nhello = { fr = \"Bonjour\", ar = \"مرحبا\", en = \"Hello\" }\n"
    "[[step]]\nid = \"agent\"\ntype = \"enqueue\"\nqueue = \"sales\"\nrequires = \"lang_{language} >= 3\"\n"
    "attach = [\"id\", \"language\", \"reason\"]\n";

class SessionTest : public ::testing::Test {
 protected:
  // The flow's head, then `steps`; without the agent step and key when the
  // steps never lead to it (it would be unreachable).
  void load(const std::string& steps, bool agent = true) {
    std::string head = kHead;
    if (!agent) head = head.substr(0, head.find("agent_key")) + head.substr(head.find("[prompts]"), head.find("[[step]]") - head.find("[prompts]"));
    auto f = parse_flow(head + steps, "t.toml");
    ASSERT_TRUE(f) << f.error().message;
    f->version = 7;
    flow_ = std::make_shared<Flow>(std::move(*f));
    SessionEnv env{&clock_, [this](const std::string& name) -> std::optional<HoursState> {
                     if (name != "office") return std::nullopt;
                     return hours_;
                   }};
    s_ = std::make_unique<Session>(flow_, env, "+212600000001", "fr");
  }
  // Advances the clock to the session's deadline and fires it.
  Actions expire() {
    auto d = s_->deadline();
    EXPECT_TRUE(d);
    if (d) clock_.advance_ms(*d - clock_.monotonic_ms());
    return s_->on_time();
  }
  ManualClock clock_;
  HoursState hours_ = HoursState::Open;
  std::shared_ptr<Flow> flow_;
  std::unique_ptr<Session> s_;
};

const std::string kMenu =
    "[[step]]\nid = \"a\"\ntype = \"menu\"\nprompt = \"hello\"\nchoices = { \"1\" = \"bye\", \"2\" = \"agent\" }\n"
    "into = \"reason\"\ntimeout = 5\nretries = 2\n"
    "[[step]]\nid = \"bye\"\ntype = \"hangup\"\nprompt = \"goodbye\"\n";

TEST_F(SessionTest, MenuChoiceLeadsToItsStep) {
  load(kMenu);
  EXPECT_EQ(text(s_->start()), "play fr:acme.main.hello");
  EXPECT_FALSE(s_->deadline());  // the timeout starts once the prompt has played
  EXPECT_EQ(text(s_->on_prompt_done()), "");
  EXPECT_EQ(*s_->deadline(), clock_.monotonic_ms() + 5000);
  EXPECT_EQ(text(s_->on_digit('1')), "play fr:goodbye");
  EXPECT_EQ(text(s_->on_prompt_done()), "hangup served served");
  EXPECT_TRUE(s_->done());
  EXPECT_EQ(s_->attributes().at("reason"), "1");
  EXPECT_EQ(s_->path().summary(), "a>bye");
  EXPECT_EQ(s_->path().end, PathEnd::Served);
  EXPECT_EQ(s_->path().visits[0].input, "1");
  EXPECT_EQ(s_->path().visits[0].result, "1");
}

TEST_F(SessionTest, MenuInvalidThenTimeoutThenFailureGoesToTheAgentStep) {
  load(kMenu);
  s_->start();
  s_->on_prompt_done();
  EXPECT_EQ(text(s_->on_digit('7')), "play fr:invalid_input fr:acme.main.hello");
  EXPECT_FALSE(s_->deadline());
  s_->on_prompt_done();
  EXPECT_EQ(text(expire()), "play fr:no_input fr:acme.main.hello");
  s_->on_prompt_done();
  // Third failure with retries = 2: on_failure, by default the agent step.
  EXPECT_EQ(text(s_->on_digit('5')), "enqueue sales p-1 [lang_fr >= 3] language=fr");
  EXPECT_EQ(s_->path().end, PathEnd::Enqueued);
  EXPECT_EQ(s_->path().visits[0].input, "75");
  EXPECT_EQ(s_->path().visits[0].result, "failed");
}

TEST_F(SessionTest, BargeInStopsThePromptAndTheAgentKeyWorksFromAnyMenu) {
  load(kMenu);
  s_->start();
  EXPECT_EQ(text(s_->on_digit('0')), "stop | enqueue sales p-1 [lang_fr >= 3] language=fr");
  EXPECT_EQ(s_->path().visits[0].result, "agent_key");
}

TEST_F(SessionTest, LanguageMenuSaysEachChoiceInItsLanguageAndTheChoiceSticks) {
  load("[[step]]\nid = \"a\"\ntype = \"language\"\nchoices = { \"1\" = \"fr\", \"2\" = \"ar\", \"3\" = \"en\" }\n"
       "default = \"en\"\nnext = \"m\"\n"
       "[[step]]\nid = \"m\"\ntype = \"menu\"\nprompt = \"hello\"\nchoices = { \"2\" = \"agent\" }\n");
  EXPECT_EQ(text(s_->start()),
            "play fr:for_language fr:n_1 ar:for_language ar:n_2 en:for_language en:n_3");
  EXPECT_EQ(text(s_->on_digit('2')), "stop | play ar:acme.main.hello");
  EXPECT_EQ(s_->language(), "ar");
  EXPECT_EQ(text(s_->on_digit('2')), "stop | enqueue sales p-1 [lang_ar >= 3] language=ar");
}

TEST_F(SessionTest, LanguageMenuWithoutChoiceTakesTheDefault) {
  load("[[step]]\nid = \"a\"\ntype = \"language\"\nchoices = { \"1\" = \"fr\", \"3\" = \"en\" }\n"
       "default = \"en\"\nretries = 0\nnext = \"m\"\n"
       "[[step]]\nid = \"m\"\ntype = \"hangup\"\nprompt = \"goodbye\"\n", false);
  s_->start();
  s_->on_prompt_done();
  EXPECT_EQ(text(expire()), "play en:goodbye");
  EXPECT_EQ(s_->path().visits[0].result, "default en");
}

const std::string kCollect =
    "[[step]]\nid = \"a\"\ntype = \"collect\"\nprompt = \"hello\"\ninto = \"id\"\nmin = 6\nmax = 6\n"
    "pattern = \"^[1-9][0-9]{5}$\"\ninter_digit_timeout = 3\nretries = 1\nnext = \"done\"\n"
    "[[step]]\nid = \"done\"\ntype = \"hangup\"\n";

TEST_F(SessionTest, CollectWrongThenRightEntry) {
  load(kCollect);
  s_->start();
  s_->on_prompt_done();
  for (char d : std::string("12345#")) s_->on_digit(d);  // one digit short
  EXPECT_EQ(s_->path().visits[0].result, "invalid");
  s_->on_prompt_done();
  Actions last;
  for (char d : std::string("100234")) last = s_->on_digit(d);
  EXPECT_EQ(text(last), "hangup served served");
  EXPECT_EQ(s_->attributes().at("id"), "100234");
}

TEST_F(SessionTest, CollectEndsOnTerminatorOrInterDigitTimeoutAndRefusesShortEntries) {
  load(kCollect);
  s_->start();
  s_->on_prompt_done();
  s_->on_digit('1');
  s_->on_digit('2');
  EXPECT_EQ(*s_->deadline(), clock_.monotonic_ms() + 3000);  // inter-digit
  EXPECT_EQ(text(expire()), "play fr:invalid_input fr:acme.main.hello");  // too short
  s_->on_prompt_done();
  s_->on_digit('#');  // nothing typed: no input, the last retry used
  EXPECT_EQ(s_->path().end, PathEnd::Enqueued);
}

TEST_F(SessionTest, CollectConfirmationSaysTheDigitsBack) {
  load("[[step]]\nid = \"a\"\ntype = \"collect\"\nprompt = \"hello\"\ninto = \"card\"\nmin = 4\nmax = 16\n"
       "check = \"luhn\"\nconfirm = true\nsecret = true\nnext = \"agent2\"\n"
       "[[step]]\nid = \"agent2\"\ntype = \"enqueue\"\nqueue = \"sales\"\n");
  s_->start();
  for (char d : std::string("4539#")) s_->on_digit(d);  // fails the Luhn check
  EXPECT_EQ(s_->path().visits[0].result, "invalid");
  s_->on_prompt_done();
  Actions a;
  for (char d : std::string("79927398713#")) a = s_->on_digit(d);
  EXPECT_EQ(text(a), "play fr:you_entered fr:n_7 fr:n_9 fr:n_9 fr:n_2 fr:n_7 fr:n_3 fr:n_9 fr:n_8 fr:n_7 fr:n_1 "
                     "fr:n_3 fr:confirm_entry");
  EXPECT_EQ(text(s_->on_digit('2')), "stop | play fr:acme.main.hello");  // re-enter
  for (char d : std::string("79927398713#")) s_->on_digit(d);
  s_->on_prompt_done();
  a = s_->on_digit('1');
  // A secret entry travels neither in the attached data nor in the path.
  EXPECT_EQ(text(a), "enqueue sales p-1 [] caller=+212600000001 language=fr");
  EXPECT_EQ(s_->path().visits[0].input.find('7'), std::string::npos);
}

TEST_F(SessionTest, TypeAheadDuringAPlayStepFeedsTheNextMenu) {
  load("[[step]]\nid = \"a\"\ntype = \"play\"\nprompt = \"hello\"\nnext = \"m\"\n"
       "[[step]]\nid = \"m\"\ntype = \"menu\"\nprompt = \"hello\"\nchoices = { \"1\" = \"bye\" }\n"
       "[[step]]\nid = \"bye\"\ntype = \"hangup\"\nprompt = \"goodbye\"\n");
  EXPECT_EQ(text(s_->start()), "play fr:acme.main.hello");
  // The digit stops the welcome; the menu takes it without playing its prompt.
  EXPECT_EQ(text(s_->on_digit('1')), "stop | play fr:goodbye");
  EXPECT_EQ(s_->path().summary(), "a>m>bye");
  EXPECT_EQ(s_->path().visits[1].input, "1");
}

TEST_F(SessionTest, RecordingNoticeIsHeardWholeAndStored) {
  load("[[step]]\nid = \"a\"\ntype = \"play\"\nprompt = \"recording_notice\"\nnotice = true\nnext = \"m\"\n"
       "[[step]]\nid = \"m\"\ntype = \"menu\"\nprompt = \"hello\"\nchoices = { \"2\" = \"agent\" }\n");
  s_->start();
  EXPECT_EQ(text(s_->on_digit('2')), "");  // no barge-in on the notice; the digit waits
  EXPECT_FALSE(s_->notice_played());
  EXPECT_EQ(text(s_->on_prompt_done()), "enqueue sales p-1 [lang_fr >= 3] language=fr");
  EXPECT_TRUE(s_->notice_played());
}

TEST_F(SessionTest, HoursBranchOpenClosedHoliday) {
  const std::string steps =
      "[[step]]\nid = \"a\"\ntype = \"hours\"\nschedule = \"office\"\nopen = \"agent\"\nclosed = \"c\"\n"
      "holiday = \"h\"\n"
      "[[step]]\nid = \"c\"\ntype = \"hangup\"\nprompt = \"no_agent\"\nserved = false\n"
      "[[step]]\nid = \"h\"\ntype = \"voicemail\"\n";
  load(steps);
  EXPECT_EQ(text(s_->start()), "enqueue sales p-1 [lang_fr >= 3] language=fr");
  hours_ = HoursState::Closed;
  load(steps);
  EXPECT_EQ(text(s_->start()), "play fr:no_agent");
  hours_ = HoursState::Holiday;
  load(steps);
  EXPECT_EQ(text(s_->start()), "play fr:voicemail_invite fr:beep");
  EXPECT_EQ(s_->attributes().at("hours"), "holiday");
}

TEST_F(SessionTest, LookupFoundSetsAttributesAndTheCustomersLanguage) {
  load("[[step]]\nid = \"a\"\ntype = \"lookup\"\nby = \"caller\"\nfound = \"s\"\nnot_found = \"agent\"\n"
       "[[step]]\nid = \"s\"\ntype = \"say\"\nwhat = \"amount\"\nvalue = \"{account.balance}\"\n"
       "currency = \"{account.currency}\"\nbefore = \"hello\"\nnext = \"agent\"\n");
  EXPECT_EQ(text(s_->start()), "lookup 0 +212600000001");
  LookupResult r;
  r.found = true;
  r.language = "en";
  r.attributes = {{"customer.id", "100234"}, {"account.balance", "21.50"}, {"account.currency", "EUR"}};
  EXPECT_EQ(text(s_->on_lookup(r)),
            "play en:acme.main.hello en:n_20 en:n_1 en:u_euro_p en:w_and en:n_50 en:u_cent_p");
  EXPECT_EQ(s_->attributes().at("customer.found"), "yes");
  EXPECT_EQ(text(s_->on_prompt_done()), "enqueue sales p-1 [lang_en >= 3] language=en");
}

TEST_F(SessionTest, LookupWithoutAnEnteredIdIsNotFound) {
  load("[[step]]\nid = \"a\"\ntype = \"lookup\"\nby = \"any\"\nfrom = \"id\"\nfound = \"agent\"\nnot_found = \"nf\"\n"
       "[[step]]\nid = \"nf\"\ntype = \"hangup\"\nprompt = \"goodbye\"\n");
  EXPECT_EQ(text(s_->start()), "play fr:goodbye");
  EXPECT_EQ(s_->path().visits[0].result, "no_key");
}

TEST_F(SessionTest, LookupErrorAndTimeoutTakeTheErrorBranch) {
  load("[[step]]\nid = \"a\"\ntype = \"set\"\nvalues = { id = \"42\" }\nnext = \"l\"\n"
       "[[step]]\nid = \"l\"\ntype = \"lookup\"\nby = \"customer\"\nfrom = \"id\"\nfound = \"agent\"\n"
       "not_found = \"nf\"\nerror = \"err\"\n"
       "[[step]]\nid = \"nf\"\ntype = \"hangup\"\nprompt = \"goodbye\"\n"
       "[[step]]\nid = \"err\"\ntype = \"hangup\"\nprompt = \"technical_problem\"\nserved = false\n");
  EXPECT_EQ(text(s_->start()), "lookup 1 42");
  EXPECT_EQ(text(s_->on_lookup({false, false, {}, ""})), "play fr:technical_problem");
  s_->on_prompt_done();
  EXPECT_EQ(s_->path().end, PathEnd::Failed);
  load("[[step]]\nid = \"a\"\ntype = \"set\"\nvalues = { id = \"42\" }\nnext = \"l\"\n"
       "[[step]]\nid = \"l\"\ntype = \"lookup\"\nby = \"customer\"\nfrom = \"id\"\nfound = \"agent\"\n"
       "not_found = \"nf\"\n"
       "[[step]]\nid = \"nf\"\ntype = \"hangup\"\nprompt = \"goodbye\"\n");
  s_->start();
  EXPECT_EQ(text(s_->on_lookup({true, false, {}, ""})), "play fr:goodbye");
  EXPECT_EQ(s_->attributes().at("customer.found"), "no");
}

const std::string kWebhook =
    "[[step]]\nid = \"a\"\ntype = \"webhook\"\nurl = \"http://127.0.0.1:9/check\"\ntimeout_ms = 800\n"
    "ok = \"b\"\nfallback = \"agent\"\n"
    "[[step]]\nid = \"b\"\ntype = \"branch\"\ncases = [{ when = \"webhook.blocked == \\\"yes\\\"\", goto = \"x\" }]\n"
    "else = \"agent\"\n"
    "[[step]]\nid = \"x\"\ntype = \"hangup\"\nprompt = \"goodbye\"\n";

TEST_F(SessionTest, WebhookReplyIsReadIntoAttributes) {
  load(kWebhook);
  EXPECT_EQ(text(s_->start()), "webhook http://127.0.0.1:9/check 800");
  WebhookResult r{true, 200, "", {{"blocked", "yes"}}};
  EXPECT_EQ(text(s_->on_webhook(r)), "play fr:goodbye");
  EXPECT_EQ(s_->attributes().at("webhook.status"), "200");
}

TEST_F(SessionTest, WebhookTimeoutTakesTheFallbackAndALateReplyIsIgnored) {
  load(kWebhook);
  s_->start();
  clock_.advance_ms(799);
  EXPECT_EQ(text(s_->on_time()), "");
  clock_.advance_ms(1);
  EXPECT_EQ(text(s_->on_time()), "enqueue sales p-1 [lang_fr >= 3] language=fr");
  EXPECT_EQ(s_->path().visits[0].result, "timeout");
  EXPECT_EQ(text(s_->on_webhook({true, 200, "", {{"blocked", "yes"}}})), "");
}

TEST_F(SessionTest, WebhookErrorStatusTakesTheFallback) {
  load(kWebhook);
  s_->start();
  EXPECT_EQ(text(s_->on_webhook({true, 500, "", {}})), "enqueue sales p-1 [lang_fr >= 3] language=fr");
  EXPECT_EQ(s_->path().visits[0].result, "status 500");
}

TEST_F(SessionTest, VoicemailRecordsUntilHashThenThanks) {
  load("[[step]]\nid = \"a\"\ntype = \"voicemail\"\nmax_seconds = 60\n", false);
  EXPECT_EQ(text(s_->start()), "play fr:voicemail_invite fr:beep");
  EXPECT_EQ(text(s_->on_digit('5')), "");  // the invitation plays whole
  EXPECT_EQ(text(s_->on_prompt_done()), "record 60000");
  EXPECT_EQ(text(s_->on_digit('#')), "stop_record");
  EXPECT_EQ(text(s_->on_recorded(true, 12'400)), "play fr:voicemail_thanks");
  EXPECT_EQ(text(s_->on_prompt_done()), "hangup served voicemail");
  EXPECT_EQ(s_->path().end, PathEnd::Voicemail);
  EXPECT_EQ(s_->path().visits[0].result, "recorded 12 s");
}

TEST_F(SessionTest, HangingUpDuringTheMessageKeepsTheVoicemail) {
  load("[[step]]\nid = \"a\"\ntype = \"voicemail\"\n", false);
  s_->start();
  s_->on_prompt_done();
  s_->on_hangup();
  EXPECT_EQ(s_->path().end, PathEnd::Voicemail);
  EXPECT_TRUE(s_->done());
}

TEST_F(SessionTest, HangupInAMenuIsAnAbandonAtThatStep) {
  load(kMenu);
  s_->start();
  clock_.advance_ms(2500);
  s_->on_hangup();
  EXPECT_EQ(s_->path().end, PathEnd::Abandoned);
  EXPECT_EQ(s_->path().end_step, "a");
  EXPECT_FALSE(s_->deadline());
  auto json = s_->path().to_json();
  EXPECT_NE(json.find("\"end\":\"abandoned\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"version\":7"), std::string::npos) << json;
}

TEST_F(SessionTest, SetBranchTransferAndCallback) {
  const std::string steps =
      "[[step]]\nid = \"s2\"\ntype = \"set\"\nvalues = { ext = \"{entered}\", to = \"0522{ext}\" }\nnext = \"b\"\n"
      "[[step]]\nid = \"b\"\ntype = \"branch\"\ncases = [{ when = \"ext > 200000\", goto = \"cb\" }]\nelse = \"t\"\n"
      "[[step]]\nid = \"t\"\ntype = \"transfer\"\nnumber = \"{to}\"\nprompt = \"transfer\"\n"
      "[[step]]\nid = \"cb\"\ntype = \"callback\"\nqueue = \"sales\"\n";
  load("[[step]]\nid = \"a\"\ntype = \"set\"\nvalues = { entered = \"123456\" }\nnext = \"s2\"\n" + steps, false);
  EXPECT_EQ(text(s_->start()), "play fr:transfer");
  EXPECT_EQ(text(s_->on_prompt_done()), "transfer 0522123456");
  EXPECT_EQ(s_->path().end, PathEnd::Transferred);
  load("[[step]]\nid = \"a\"\ntype = \"set\"\nvalues = { entered = \"654321\" }\nnext = \"s2\"\n" + steps, false);
  EXPECT_EQ(text(s_->start()), "callback sales +212600000001");
}

TEST_F(SessionTest, MaxStepsStopsARunawayFlow) {
  load("[[step]]\nid = \"a\"\ntype = \"play\"\nprompt = \"hello\"\nnext = \"b\"\n"
       "[[step]]\nid = \"b\"\ntype = \"menu\"\nprompt = \"hello\"\nchoices = { \"1\" = \"a\" }\n");
  flow_->max_steps = 10;
  s_->start();
  Actions a;
  for (int i = 0; i < 5; ++i) {
    s_->on_prompt_done();
    a = s_->on_digit('1');
  }
  EXPECT_EQ(text(a), "stop | play fr:technical_problem");
  EXPECT_EQ(text(s_->on_prompt_done()), "hangup max_steps");
}

}  // namespace
}  // namespace plateau::ivr
