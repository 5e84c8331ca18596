// Each rule on the ACD settings (docs/PROVISIONING.md) on a small broken file,
// with the exact place it reports.
#include <gtest/gtest.h>

#include "provision/tests/error_util.h"

namespace plateau::provision {
namespace {

using testing::errors;
using testing::kBase;

// kBase plus a trunk with a gateway (lines 12-16) and dispositions; more from line 17.
const std::string kCalling = kBase +
                             "[[trunk]]\n"                      // 12
                             "tenant = \"acme\"\n"              // 13
                             "name = \"out\"\n"                 // 14
                             "addresses = [\"192.0.2.1\"]\n"    // 15
                             "gateway = \"192.0.2.1:5060\"\n";  // 16

// A queue of acme named `name` with `keys` (one per line), appended at line 12 of kBase.
std::string queue(const std::string& name, const std::string& keys) {
  return "[[queue]]\ntenant = \"acme\"\nname = \"" + name + "\"\n" + keys;
}

TEST(ProvisionAcdErrors, CodesAreShortLowerCaseIds) {
  EXPECT_EQ(
      errors("[[tenant]]\nname = \"a\"\nnot_ready_reasons = [\"Lunch\", \"\", "
             "\"a_very_long_reason_code_over_32_chars\"]\n"),
      "t.toml:3:22: [[tenant]] #1 (a): not_ready_reasons[0] \"Lunch\" must be 1-32 characters among a-z 0-9 "
      "_\n"
      "t.toml:3:31: [[tenant]] #1 (a): not_ready_reasons[1] \"\" must be 1-32 characters among a-z 0-9 _\n"
      "t.toml:3:35: [[tenant]] #1 (a): not_ready_reasons[2] \"a_very_long_reason_code_over_32_chars\" must "
      "be "
      "1-32 characters among a-z 0-9 _");
  EXPECT_EQ(errors("[[tenant]]\nname = \"a\"\ndispositions = [\"sale\", 3]\n"),
            "t.toml:3:25: [[tenant]] #1 (a): dispositions[1] must be a string, not an integer");
}

TEST(ProvisionAcdErrors, CodesAreNotSystemReasons) {
  EXPECT_EQ(
      errors("[[tenant]]\nname = \"a\"\nnot_ready_reasons = [\"break\", \"missed\"]\n"
             "dispositions = [\"no_disposition\"]\n"),
      "t.toml:3:31: [[tenant]] #1 (a): not_ready_reasons[1] \"missed\" is a system reason (missed, busy, "
      "declined, unreachable, login, phone_unregistered, no_disposition and failed are always known); choose "
      "another code\n"
      "t.toml:4:17: [[tenant]] #1 (a): dispositions[0] \"no_disposition\" is a system reason (missed, busy, "
      "declined, unreachable, login, phone_unregistered, no_disposition and failed are always known); choose "
      "another code");
}

TEST(ProvisionAcdErrors, CodesAreListedOnce) {
  EXPECT_EQ(errors("[[tenant]]\nname = \"a\"\ndispositions = [\"sale\", \"callback\", \"sale\"]\n"),
            "t.toml:3:37: [[tenant]] #1 (a): dispositions[2] \"sale\" is listed twice");
  // The same code may be a reason and a disposition.
  EXPECT_EQ(errors("[[tenant]]\nname = \"a\"\nnot_ready_reasons = [\"admin\"]\ndispositions = [\"admin\"]\n"),
            "(valid)");
}

TEST(ProvisionAcdErrors, AgentsFromNamesOtherDefinedTenants) {
  EXPECT_EQ(
      errors(kBase +
             "[[tenant]]\nname = \"beta\"\nagents_from = [\"acme\", \"beta\", \"ghost\", \"acme\"]\n"),
      "t.toml:14:24: [[tenant]] #2 (beta): agents_from[1] \"beta\" is the tenant itself (its own agents "
      "always serve its queues)\n"
      "t.toml:14:32: [[tenant]] #2 (beta): agents_from names tenant \"ghost\", which is not defined by any "
      "[[tenant]]\n"
      "t.toml:14:41: [[tenant]] #2 (beta): agents_from[3] \"acme\" is listed twice");
}

TEST(ProvisionAcdErrors, TrunkGateway) {
  EXPECT_EQ(
      errors(kBase + "[[trunk]]\ntenant = \"acme\"\nname = \"t\"\naddresses = [\"::1\"]\n"
                     "gateway = \"::1:5060:x\"\n"),
      "t.toml:16:11: [[trunk]] #1 (t): gateway \"::1:5060:x\" must be \"host\" or \"host:port\" (a DNS name, "
      "an IPv4 address, or an IPv6 address, in brackets when a port follows: \"[2001:db8::1]:5060\")");
  EXPECT_EQ(errors(kBase + "[[trunk]]\ntenant = \"acme\"\nname = \"t\"\naddresses = [\"::1\"]\n"
                           "gateway = \"[::1]:5080\"\n"),
            "(valid)");
}

TEST(ProvisionAcdErrors, TrunkCallerId) {
  EXPECT_EQ(
      errors(kBase + "[[trunk]]\ntenant = \"acme\"\nname = \"t\"\naddresses = [\"::1\"]\n"
                     "caller_id = \"05 22\"\n"),
      "t.toml:16:13: [[trunk]] #1 (t): caller_id \"05 22\" must be 1-32 digits with an optional leading + "
      "(e.g. \"+212522000000\")");
}

TEST(ProvisionAcdErrors, NumberPriority) {
  EXPECT_EQ(errors(kBase + "[[number]]\ntenant = \"acme\"\ndid = \"1\"\nqueue = \"sales\"\npriority = 101\n"),
            "t.toml:16:12: [[number]] #1 (1): priority must be -100..100 (got 101)");
}

TEST(ProvisionAcdErrors, NumberRequirementAtItsKey) {
  EXPECT_EQ(errors(kBase + "[[number]]\ntenant = \"acme\"\ndid = \"1\"\nqueue = \"sales\"\n"
                           "requires = \"lang_es >= x\"\n"),
            "t.toml:16:12: [[number]] #1 (1): requires is not a skill requirement (e.g. \"lang_fr >= 3 and "
            "billing\"): column 12: expected a level (0-100) after \">=\", found \"x\" in \"lang_es >= x\"");
}

TEST(ProvisionAcdErrors, QueueRanges) {
  EXPECT_EQ(errors(kBase + queue("q",
                                 "priority = -101\nsl_threshold = 0\nsl_target = 101\nmax_length = 100001\n"
                                 "priority_step = 3601\ncallback_attempts = 0\ncallback_retry = 29\n")),
            "t.toml:15:12: [[queue]] #2 (q): priority must be -100..100 (got -101)\n"
            "t.toml:16:16: [[queue]] #2 (q): sl_threshold must be 1..3600 (got 0)\n"
            "t.toml:17:13: [[queue]] #2 (q): sl_target must be 1..100 (got 101)\n"
            "t.toml:18:14: [[queue]] #2 (q): max_length must be 0..100000 (got 100001)\n"
            "t.toml:19:17: [[queue]] #2 (q): priority_step must be 0..3600 (got 3601)\n"
            "t.toml:20:21: [[queue]] #2 (q): callback_attempts must be 1..10 (got 0)\n"
            "t.toml:21:18: [[queue]] #2 (q): callback_retry must be 30..86400 (got 29)");
}

TEST(ProvisionAcdErrors, QueueStrategy) {
  EXPECT_EQ(errors(kBase + queue("q", "strategy = \"fastest\"\n")),
            "t.toml:15:12: [[queue]] #2 (q): strategy \"fastest\" is unknown (expected one of longest_idle, "
            "fewest_contacts, least_talk_time, best_skill, round_robin, ring_all, random)");
}

TEST(ProvisionAcdErrors, QueueAnnounceEvery) {
  EXPECT_EQ(errors(kBase + queue("q", "announce_every = 10\n") + queue("r", "announce_every = 3601\n") +
                   queue("never", "announce_every = 0\n")),
            "t.toml:15:18: [[queue]] #2 (q): announce_every must be 0 (never) or 15..3600 (got 10)\n"
            "t.toml:19:18: [[queue]] #3 (r): announce_every must be 0 (never) or 15..3600 (got 3601)");
}

TEST(ProvisionAcdErrors, QueueRequirement) {
  EXPECT_EQ(
      errors(kBase + queue("q", "requires = \"billing and\"\n")),
      "t.toml:15:12: [[queue]] #2 (q): requires is not a skill requirement (e.g. \"lang_fr >= 3 and "
      "billing\"): column 12: expected a skill name, \"not\" or \"(\", found the end in \"billing and\"");
}

TEST(ProvisionAcdErrors, RelaxSteps) {
  EXPECT_EQ(errors(kBase + queue("q",
                                 "relax = [\n"
                                 "  { after = 30, requires = \"billing >= 2\" },\n"
                                 "  { after = 30, requires = \"billing >\" },\n"
                                 "  { requires = \"\", colour = \"red\" },\n"
                                 "  { after = 86401 },\n"
                                 "  \"later\",\n"
                                 "]\n")),
            "t.toml:20:3: [[queue]] #2 (q): relax[4] must be an inline table, not a string");
  EXPECT_EQ(
      errors(kBase + queue("q",
                           "relax = [\n"
                           "  { after = 30, requires = \"billing >= 2\" },\n"
                           "  { after = 30, requires = \"billing >\" },\n"
                           "  { requires = \"\", colour = \"red\" },\n"
                           "  { after = 86401, keep_contact = 1 },\n"
                           "]\n")),
      "t.toml:17:13: [[queue]] #2 (q): relax[1].after must be more than relax[0].after (30): steps are "
      "listed by increasing wait\n"
      "t.toml:17:28: [[queue]] #2 (q): relax[1].requires is not a skill requirement (e.g. \"lang_fr >= 3 "
      "and billing\"): column 10: expected a level (0-100) after \">\", found the end in \"billing >\"\n"
      "t.toml:18:3: [[queue]] #2 (q): missing required key \"relax[2].after\"\n"
      "t.toml:18:20: [[queue]] #2 (q): unknown key \"relax[2].colour\"\n"
      "t.toml:19:13: [[queue]] #2 (q): relax[3].after must be 1..86400 (got 86401)\n"
      "t.toml:19:35: [[queue]] #2 (q): relax[3].keep_contact must be true or false, not an integer");
  EXPECT_EQ(errors(kBase + queue("q", "relax = { after = 30 }\n")),
            "t.toml:15:9: [[queue]] #2 (q): relax must be an array of inline tables, not a table");
}

TEST(ProvisionAcdErrors, OverflowActions) {
  EXPECT_EQ(
      errors(kBase + queue("q", "on_timeout = \"none\"\non_full = \"none\"\non_no_agent = \"queue\"\n")),
      "t.toml:15:14: [[queue]] #2 (q): on_timeout cannot be \"none\": the caller must leave the queue "
      "(expected \"hangup\", \"queue:<name>\", \"callback\" or \"external:<number>\"; only on_no_agent may "
      "keep callers waiting)\n"
      "t.toml:16:11: [[queue]] #2 (q): on_full cannot be \"none\": the caller must leave the queue (expected "
      "\"hangup\", \"queue:<name>\", \"callback\" or \"external:<number>\"; only on_no_agent may keep "
      "callers "
      "waiting)\n"
      "t.toml:17:15: [[queue]] #2 (q): on_no_agent \"queue\" is not an overflow action (expected \"none\", "
      "\"hangup\", \"queue:<name>\", \"callback\" or \"external:<number>\")");
  EXPECT_EQ(errors(kBase + queue("q", "on_timeout = \"hangup\"\non_no_agent = \"none\"\n")), "(valid)");
}

TEST(ProvisionAcdErrors, OverflowQueueIsAnotherQueueOfTheTenant) {
  EXPECT_EQ(errors(kBase + queue("q", "on_timeout = \"queue:q\"\non_full = \"queue:vip\"\n") +
                   "[[tenant]]\nname = \"beta\"\n[[queue]]\ntenant = \"beta\"\nname = \"vip\"\n"),
            "t.toml:15:14: [[queue]] #2 (q): on_timeout \"queue:q\" names the queue itself (expected another "
            "queue of tenant \"acme\")\n"
            "t.toml:16:11: [[queue]] #2 (q): on_full \"queue:vip\": queue \"vip\" is not defined in tenant "
            "\"acme\"");
  EXPECT_EQ(errors(kBase + queue("q", "on_timeout = \"queue:sales\"\non_full = \"queue:sales\"\n")),
            "(valid)");
}

TEST(ProvisionAcdErrors, OverflowCycleIsReported) {
  // a -> b -> c -> a through three different actions; c -> sales leads out of it.
  EXPECT_EQ(
      errors(kBase + queue("a", "on_full = \"queue:b\"\n") + queue("b", "on_no_agent = \"queue:c\"\n") +
             queue("c", "on_timeout = \"queue:a\"\non_full = \"queue:sales\"\n")),
      "t.toml:23:14: [[queue]] #4 (c): on_timeout \"queue:a\" closes a cycle of overflows (a --on_full--> b "
      "--on_no_agent--> c --on_timeout--> a): a caller could be moved between these queues forever");
  EXPECT_EQ(
      errors(kBase + queue("a", "on_timeout = \"queue:b\"\n") + queue("b", "on_timeout = \"queue:a\"\n")),
      "t.toml:19:14: [[queue]] #3 (b): on_timeout \"queue:a\" closes a cycle of overflows (a --on_timeout--> "
      "b "
      "--on_timeout--> a): a caller could be moved between these queues forever");
  // Two paths to the same queue are no cycle.
  EXPECT_EQ(errors(kBase + queue("a", "on_timeout = \"queue:b\"\non_full = \"queue:sales\"\n") +
                   queue("b", "on_timeout = \"queue:sales\"\n")),
            "(valid)");
}

TEST(ProvisionAcdErrors, CallbackNeedsATrunk) {
  EXPECT_EQ(
      errors(kCalling + queue("q", "callback = true\n") + queue("r", "on_full = \"callback\"\n")),
      "t.toml:20:12: [[queue]] #2 (q): callback = true needs callback_trunk (the trunk that calls the "
      "callers back)\n"
      "t.toml:24:11: [[queue]] #3 (r): on_full \"callback\" needs callback_trunk (the trunk that calls the "
      "callers back)");
  EXPECT_EQ(errors(kCalling + queue("q", "on_full = \"callback\"\ncallback_trunk = \"out\"\n")), "(valid)");
}

TEST(ProvisionAcdErrors, CallbackTrunkIsATrunkOfTheTenantWithAGateway) {
  // Lines 12-15: trunk "in" takes calls but places none.
  EXPECT_EQ(
      errors(kBase + "[[trunk]]\ntenant = \"acme\"\nname = \"in\"\naddresses = [\"::1\"]\n" +
             queue("q", "callback = true\ncallback_trunk = \"nope\"\n") +
             queue("r", "callback = true\ncallback_trunk = \"in\"\n")),
      "t.toml:20:18: [[queue]] #2 (q): callback_trunk \"nope\" is not a trunk of tenant \"acme\"\n"
      "t.toml:25:18: [[queue]] #3 (r): callback_trunk \"in\" has no gateway, so it cannot place calls (set "
      "its gateway = \"host:port\")");
}

TEST(ProvisionAcdErrors, ExternalOverflow) {
  EXPECT_EQ(
      errors(kCalling + queue("q", "on_timeout = \"external:05 22\"\n")),
      "t.toml:20:14: [[queue]] #2 (q): on_timeout \"external:05 22\": the number must be 1-32 digits with "
      "an optional leading + (e.g. \"external:+212522000000\")");
  EXPECT_EQ(
      errors(kBase + queue("q", "on_timeout = \"external:+212522000000\"\n")),
      "t.toml:15:14: [[queue]] #2 (q): on_timeout \"external:+212522000000\": tenant \"acme\" has no trunk "
      "with a gateway to place the call (set gateway on one of its [[trunk]])");
  EXPECT_EQ(errors(kCalling + queue("q", "on_timeout = \"external:+212522000000\"\n")), "(valid)");
}

TEST(ProvisionAcdErrors, WrapupDispositionNeedsDispositions) {
  EXPECT_EQ(
      errors(kBase + queue("q", "wrapup_requires_disposition = true\n")),
      "t.toml:15:31: [[queue]] #2 (q): wrapup_requires_disposition = true needs dispositions, and tenant "
      "\"acme\" defines none (add dispositions = [...] to its [[tenant]])");
  EXPECT_EQ(errors("[[tenant]]\nname = \"acme\"\ndispositions = [\"sale\"]\n" +
                   queue("q", "wrapup_requires_disposition = true\n")),
            "(valid)");
}

// Tenant beta, its `agents_from` line if any, and its queue "vip": lines 12-16 or 12-17.
std::string beta(const std::string& agents_from) {
  return "[[tenant]]\nname = \"beta\"\n" + agents_from + "[[queue]]\ntenant = \"beta\"\nname = \"vip\"\n";
}

TEST(ProvisionAcdErrors, AnotherTenantsQueueNeedsItsAgentsFrom) {
  const std::string agent =
      "[[agent]]\ntenant = \"acme\"\nlogin = \"a\"\nqueues = [\"sales\", \"beta/vip\"]\n";
  EXPECT_EQ(
      errors(kBase + beta("") + agent),
      "t.toml:20:20: [[agent]] #1 (a): queue \"beta/vip\" belongs to tenant \"beta\", which does not take "
      "agents of tenant \"acme\" (its agents_from must list \"acme\")");
  EXPECT_EQ(errors(kBase + beta("agents_from = [\"acme\"]\n") + agent), "(valid)");
}

TEST(ProvisionAcdErrors, AnotherTenantsQueueMustExist) {
  EXPECT_EQ(
      errors(
          kBase + beta("agents_from = [\"acme\"]\n") +
          "[[agent]]\ntenant = \"acme\"\nlogin = \"a\"\n"
          "queues = [\"ghost/vip\", \"beta/gold\", \"beta/vip/x\", \"/vip\", \"beta/vip\", \"beta/vip\"]\n"),
      "t.toml:21:11: [[agent]] #1 (a): queue \"ghost/vip\": tenant \"ghost\" is not defined by any "
      "[[tenant]]\n"
      "t.toml:21:24: [[agent]] #1 (a): queue \"gold\" is not defined in tenant \"beta\"\n"
      "t.toml:21:37: [[agent]] #1 (a): queues[2] \"beta/vip/x\" must be \"queue\" (of the agent's tenant) or "
      "\"tenant/queue\"\n"
      "t.toml:21:51: [[agent]] #1 (a): queues[3] \"/vip\" must be \"queue\" (of the agent's tenant) or "
      "\"tenant/queue\"\n"
      "t.toml:21:71: [[agent]] #1 (a): queue \"beta/vip\" is listed twice");
}

TEST(ProvisionAcdErrors, Weights) {
  EXPECT_EQ(
      errors(kBase + beta("agents_from = [\"acme\"]\n") +
             "[[agent]]\ntenant = \"acme\"\nlogin = \"a\"\nqueues = [\"sales\", \"beta/vip\"]\n"
             "weights = { sales = 0, \"beta/vip\" = \"2\", support = 3, \"acme/sales\" = 2 }\n"),
      "t.toml:22:21: [[agent]] #1 (a): weights.sales must be 1..100 (got 0)\n"
      "t.toml:22:37: [[agent]] #1 (a): weights.\"beta/vip\" must be an integer, not a string\n"
      "t.toml:22:42: [[agent]] #1 (a): weights.support names a queue the agent does not serve (the key must "
      "be one of queues; \"tenant/queue\" in quotes for another tenant's)");
  EXPECT_EQ(
      errors(kBase + "[[agent]]\ntenant = \"acme\"\nlogin = \"a\"\nqueues = [\"sales\"]\n"
                     "weights = { sales = 2, \"acme/sales\" = 3 }\n"),
      "t.toml:16:24: [[agent]] #1 (a): weights.\"acme/sales\" weighs queue \"acme/sales\" a second time");
  EXPECT_EQ(errors(kBase + "[[agent]]\ntenant = \"acme\"\nlogin = \"a\"\nweights = [2]\n"),
            "t.toml:15:11: [[agent]] #1 (a): weights must be an inline table of integers, not an array");
}

TEST(ProvisionAcdErrors, Skills) {
  EXPECT_EQ(
      errors(kBase +
             "[[agent]]\ntenant = \"acme\"\nlogin = \"a\"\n"
             "skills = { lang_fr = 5, 2fa = 1, \"lang-es\" = 3, not = 2, billing = 101, vip = true }\n"),
      "t.toml:15:25: [[agent]] #1 (a): skills.2fa: a skill name is 1-64 characters among A-Z a-z 0-9 _, not "
      "starting with a digit, and not \"and\", \"or\" or \"not\"\n"
      "t.toml:15:34: [[agent]] #1 (a): skills.lang-es: a skill name is 1-64 characters among A-Z a-z 0-9 _, "
      "not starting with a digit, and not \"and\", \"or\" or \"not\"\n"
      "t.toml:15:49: [[agent]] #1 (a): skills.not: a skill name is 1-64 characters among A-Z a-z 0-9 _, not "
      "starting with a digit, and not \"and\", \"or\" or \"not\"\n"
      "t.toml:15:68: [[agent]] #1 (a): skills.billing must be 0..100 (got 101)\n"
      "t.toml:15:79: [[agent]] #1 (a): skills.vip must be an integer, not a boolean");
}

}  // namespace
}  // namespace plateau::provision
