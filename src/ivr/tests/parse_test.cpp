// The flow file: a flow using every step type parses; each broken flow gives
// its precise error with its place.
#include "ivr/parse.h"

#include <gtest/gtest.h>

#include <regex>

namespace plateau::ivr {
namespace {

const std::string kHead =
    "[flow]\n"                       // 1
    "tenant = \"acme\"\n"            // 2
    "name = \"main\"\n"              // 3
    "languages = [\"fr\", \"ar\"]\n" // 4
    "start = \"a\"\n";               // 5

std::string errors(const std::string& text, const FlowContext& ctx = {}) {
  auto r = parse_flow(text, "f.toml", ctx);
  if (r) return "(valid)";
  return r.error().message;
}

TEST(FlowParse, TheDemoFlowIsValid) {
  auto f = parse_flow_file(std::string(PLATEAU_SOURCE_DIR) + "/data/demo/flows/accueil.toml");
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->tenant, "demo");
  EXPECT_EQ(f->name, "accueil");
  EXPECT_EQ(f->languages, std::vector<std::string>({"fr", "ar", "es", "en"}));
  EXPECT_EQ(f->steps[f->start].id, "annonce");
  EXPECT_EQ(f->agent_key, '0');
  EXPECT_EQ(f->steps[f->agent_step].id, "conseiller");
  EXPECT_EQ(f->prompt_file("balance_is"), "demo.accueil.balance_is");
  EXPECT_EQ(f->prompt_file("goodbye"), "goodbye");
}

TEST(FlowParse, EveryStepType) {
  const std::string text = kHead +
                           "agent_key = \"0\"\nagent_step = \"agent\"\n"
                           "[prompts]\nhello = { fr = \"Bonjour\", ar = \"مرحبا\" }\n"
                           "[[step]]\nid = \"a\"\ntype = \"play\"\nprompt = \"hello\"\nnext = \"lang\"\n"
                           "[[step]]\nid = \"lang\"\ntype = \"language\"\nchoices = { \"1\" = \"fr\", \"2\" = \"ar\" }\nnext = \"h\"\n"
                           "[[step]]\nid = \"h\"\ntype = \"hours\"\nschedule = \"office\"\nopen = \"m\"\nclosed = \"vm\"\n"
                           "[[step]]\nid = \"m\"\ntype = \"menu\"\nprompt = [\"hello\", \"goodbye\"]\n"
                           "choices = { \"1\" = \"c\", \"2\" = \"w\", \"3\" = \"t\", \"4\" = \"cb\", \"9\" = \"bye\" }\n"
                           "timeout = 4\nretries = 1\n"
                           "[[step]]\nid = \"c\"\ntype = \"collect\"\nprompt = \"hello\"\ninto = \"id\"\nmin = 4\nmax = 8\n"
                           "pattern = \"^[0-9]+$\"\ncheck = \"luhn\"\nconfirm = true\nnext = \"l\"\n"
                           "[[step]]\nid = \"l\"\ntype = \"lookup\"\nby = \"any\"\nfrom = \"id\"\nfound = \"s\"\nnot_found = \"agent\"\n"
                           "[[step]]\nid = \"s\"\ntype = \"say\"\nwhat = \"amount\"\nvalue = \"{account.balance}\"\n"
                           "currency = \"EUR\"\nnext = \"set\"\n"
                           "[[step]]\nid = \"set\"\ntype = \"set\"\nvalues = { reason = \"balance\" }\nnext = \"b\"\n"
                           "[[step]]\nid = \"b\"\ntype = \"branch\"\ncases = [{ when = \"account.balance > 0\", goto = \"agent\" }]\n"
                           "else = \"bye\"\n"
                           "[[step]]\nid = \"w\"\ntype = \"webhook\"\nurl = \"http://127.0.0.1:9/x\"\ntimeout_ms = 500\n"
                           "ok = \"agent\"\nfallback = \"bye\"\n"
                           "[[step]]\nid = \"t\"\ntype = \"transfer\"\nnumber = \"0522000000\"\n"
                           "[[step]]\nid = \"cb\"\ntype = \"callback\"\nqueue = \"sales\"\n"
                           "[[step]]\nid = \"vm\"\ntype = \"voicemail\"\nmax_seconds = 60\n"
                           "[[step]]\nid = \"bye\"\ntype = \"hangup\"\nprompt = \"goodbye\"\n"
                           "[[step]]\nid = \"agent\"\ntype = \"enqueue\"\nqueue = \"sales\"\npriority = 3\n"
                           "requires = \"lang_{language} >= 3\"\n";
  auto f = parse_flow(text, "f.toml");
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->steps.size(), 15u);
  for (size_t i = 0; i < std::size(kStepTypes); ++i) {
    bool seen = false;
    for (const auto& s : f->steps) seen = seen || s.body.index() == i;
    EXPECT_TRUE(seen) << kStepTypes[i];
  }
  const auto& menu = std::get<MenuStep>(f->steps[f->find("m")].body);
  EXPECT_EQ(menu.rules.timeout_ms, 4000);
  EXPECT_EQ(menu.rules.retries, 1);
  EXPECT_EQ(f->steps[menu.choices.at('3')].id, "t");
  // With the tenant's provisioning: the schedule and queue must exist.
  std::set<std::string, std::less<>> queues{"sales"}, schedules{"office"};
  EXPECT_EQ(errors(text, {&queues, &schedules, nullptr}), "(valid)");
  std::set<std::string, std::less<>> none;
  EXPECT_EQ(errors(text, {&none, &none, nullptr}),
            "f.toml:23:12: [[step]] #3 (h): unknown schedule \"office\" in tenant acme\n"
            "f.toml:82:9: [[step]] #12 (cb): unknown queue \"sales\" in tenant acme\n"
            "f.toml:94:9: [[step]] #15 (agent): unknown queue \"sales\" in tenant acme");
}

TEST(FlowParse, UnknownStepTypeAndKey) {
  EXPECT_EQ(errors(kHead + "[[step]]\nid = \"a\"\ntype = \"dance\"\n"),
            "f.toml:8:8: [[step]] #1 (a): unknown step type \"dance\" (expected one of play, say, menu, collect, "
            "language, set, branch, hours, lookup, webhook, enqueue, transfer, voicemail, callback, hangup)");
  EXPECT_EQ(errors(kHead + "[[step]]\nid = \"a\"\ntype = \"hangup\"\nprompts = \"goodbye\"\nserved = true\ncolour = 1\n"),
            "f.toml:11:1: [[step]] #1 (a): unknown key \"colour\"");
}

TEST(FlowParse, UnknownStepReference) {
  EXPECT_EQ(errors(kHead + "[[step]]\nid = \"a\"\ntype = \"menu\"\nprompt = \"goodbye\"\n"
                           "choices = { \"1\" = \"billing\" }\n"),
            "f.toml:10:19: [[step]] #1 (a): choices.1: unknown step \"billing\"");
}

TEST(FlowParse, UnreachableStep) {
  EXPECT_EQ(errors(kHead + "[[step]]\nid = \"a\"\ntype = \"hangup\"\n"
                           "[[step]]\nid = \"orphan\"\ntype = \"hangup\"\n"),
            "f.toml:9:1: [[step]] #2 (orphan): unreachable: no path from the start (\"a\") leads to it");
}

TEST(FlowParse, MissingPromptForALanguage) {
  EXPECT_EQ(errors(kHead + "[prompts]\nhello = { fr = \"Bonjour\" }\n"
                           "[[step]]\nid = \"a\"\ntype = \"hangup\"\nprompt = \"hello\"\n"),
            "f.toml:7:1: [prompts]: hello has no text in \"ar\", a language the flow offers");
  EXPECT_EQ(errors(kHead + "[[step]]\nid = \"a\"\ntype = \"hangup\"\nprompt = \"helo\"\n"),
            "f.toml:9:10: [[step]] #1 (a): unknown prompt \"helo\" (neither built in nor in [prompts])");
}

TEST(FlowParse, LoopWithoutExit) {
  EXPECT_EQ(errors(kHead + "[[step]]\nid = \"a\"\ntype = \"play\"\nprompt = \"goodbye\"\nnext = \"b\"\n"
                           "[[step]]\nid = \"b\"\ntype = \"play\"\nprompt = \"goodbye\"\nnext = \"a\"\n"),
            "f.toml:6:1: [[step]] #1 (a): loop without exit: no path from this step ends the call (enqueue, "
            "transfer, voicemail, callback or hangup)\n"
            "f.toml:11:1: [[step]] #2 (b): loop without exit: no path from this step ends the call (enqueue, "
            "transfer, voicemail, callback or hangup)");
}

TEST(FlowParse, CycleThatNeverWaits) {
  EXPECT_EQ(errors(kHead + "[[step]]\nid = \"a\"\ntype = \"set\"\nvalues = { x = \"1\" }\nnext = \"b\"\n"
                           "[[step]]\nid = \"b\"\ntype = \"branch\"\ncases = [{ when = \"x == 1\", goto = \"a\" }]\n"
                           "else = \"c\"\n"
                           "[[step]]\nid = \"c\"\ntype = \"hangup\"\n"),
            "f.toml:6:1: [[step]] #1 (a): cycle of steps that neither play nor wait for the caller (set, branch, "
            "hours): it would never end");
}

TEST(FlowParse, BadExpressionTemplateAndPattern) {
  EXPECT_EQ(errors(kHead + "[[step]]\nid = \"a\"\ntype = \"branch\"\n"
                           "cases = [{ when = \"balance >\", goto = \"c\" }]\nelse = \"c\"\n"
                           "[[step]]\nid = \"c\"\ntype = \"hangup\"\n"),
            "f.toml:9:19: [[step]] #1 (a): cases[0].when: column 10: expected an operand after \">\"");
  EXPECT_EQ(errors(kHead + "[[step]]\nid = \"a\"\ntype = \"transfer\"\nnumber = \"{to\"\n"),
            "f.toml:9:10: [[step]] #1 (a): number: column 1: \"{\" without \"}\"");
  EXPECT_EQ(errors(kHead + "[[step]]\nid = \"a\"\ntype = \"collect\"\nprompt = \"goodbye\"\ninto = \"x\"\n"
                           "pattern = \"([0-9]\"\nmin = 5\nmax = 3\nnext = \"c\"\n"
                           "[[step]]\nid = \"c\"\ntype = \"hangup\"\n"),
            std::string("f.toml:11:11: [[step]] #1 (a): pattern is not a valid regular expression: ") +
                [] {
                  try {
                    std::regex("([0-9]");
                  } catch (const std::regex_error& e) {
                    return std::string(e.what());
                  }
                  return std::string();
                }() +
                "\nf.toml:12:7: [[step]] #1 (a): min is greater than max");
}

TEST(FlowParse, FlowSectionFaults) {
  EXPECT_EQ(errors("[flow]\ntenant = \"acme\"\nname = \"Main Menu\"\nlanguages = [\"fr\", \"de\"]\nstart = \"x\"\n"
                   "agent_key = \"0\"\n[[step]]\nid = \"a\"\ntype = \"hangup\"\n"),
            "f.toml:3:8: [flow]: name must be 1-64 of a-z, 0-9, '_' and '-' (got \"Main Menu\")\n"
            "f.toml:4:20: [flow]: unknown language \"de\" (expected fr, ar, es or en)\n"
            "f.toml:5:9: [flow]: start: unknown step \"x\"\n"
            "f.toml:6:13: [flow]: agent_key needs agent_step, the step it leads to");
  EXPECT_EQ(errors("[[step]]\nid = \"a\"\ntype = \"hangup\"\n"), "f.toml:1:1: missing [flow] (tenant, name, start)");
  auto r = parse_flow("[flow\n", "f.toml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "ivr.syntax");
  EXPECT_EQ(parse_flow_file("/nonexistent/flow.toml").error().code, "ivr.io");
}

}  // namespace
}  // namespace plateau::ivr
