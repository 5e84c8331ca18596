// Each validation rule on a small broken file, with the exact place it reports.
#include <gtest/gtest.h>

#include "provision/tests/error_util.h"

namespace plateau::provision {
namespace {

using testing::errors;
using testing::kBase;

TEST(ProvisionErrors, BaseIsValid) { EXPECT_EQ(errors(kBase), "(valid)"); }

TEST(ProvisionErrors, MissingRequiredKey) {
  EXPECT_EQ(errors(kBase + "[[phone]]\ntenant = \"acme\"\nusername = \"2002\"\n"),
            "t.toml:12:1: [[phone]] #2 (2002): missing required key \"password\"");
  EXPECT_EQ(errors(kBase + "[[queue]]\ntenant = \"acme\"\n"),
            "t.toml:12:1: [[queue]] #2: missing required key \"name\"");
  EXPECT_EQ(errors(kBase + "[[number]]\ntenant = \"acme\"\ndid = \"3000\"\n"),
            "t.toml:12:1: [[number]] #1 (3000): missing required key \"queue\"");
}

TEST(ProvisionErrors, UnknownKeysAndSections) {
  EXPECT_EQ(
      errors(kBase +
             "[[trunk]]\ntenant = \"acme\"\nname = \"t\"\naddresses = [\"10.0.0.1\"]\n  colour = \"red\"\n"),
      "t.toml:16:3: [[trunk]] #1 (t): unknown key \"colour\"");
  EXPECT_EQ(errors(kBase + "[[tenants]]\nname = \"x\"\n"),
            "t.toml:12:3: unknown section \"tenants\" (expected [[tenant]], [[trunk]], [[queue]], "
            "[[number]], [[phone]], [[agent]], [[schedule]], [[case_category]] or [[evaluation_form]])");
  EXPECT_EQ(errors("[trunk]\nname = \"x\"\n"), "t.toml:1:2: trunk must be written as [[trunk]] tables");
}

TEST(ProvisionErrors, Types) {
  EXPECT_EQ(errors(kBase + "[[queue]]\ntenant = \"acme\"\nname = \"q2\"\nwrapup = \"5\"\n"),
            "t.toml:15:10: [[queue]] #2 (q2): wrapup must be an integer, not a string");
  EXPECT_EQ(
      errors(kBase +
             "[[agent]]\ntenant = \"acme\"\nlogin = \"9\"\nready_on_register = 1\nqueues = \"sales\"\n"),
      "t.toml:15:21: [[agent]] #1 (9): ready_on_register must be true or false, not an integer\n"
      "t.toml:16:10: [[agent]] #1 (9): queues must be an array of strings, not a string");
  EXPECT_EQ(errors(kBase + "[[agent]]\ntenant = \"acme\"\nlogin = \"9\"\nqueues = [\"sales\", 7]\n"),
            "t.toml:15:20: [[agent]] #1 (9): queues[1] must be a string, not an integer");
}

TEST(ProvisionErrors, Ranges) {
  EXPECT_EQ(errors(kBase +
                   "[[queue]]\ntenant = \"acme\"\nname = \"support\"\nring_timeout = 0\nmax_wait = 86401\n"),
            "t.toml:15:16: [[queue]] #2 (support): ring_timeout must be 1..600 (got 0)\n"
            "t.toml:16:12: [[queue]] #2 (support): max_wait must be 1..86400 (got 86401)");
  EXPECT_EQ(errors(kBase + "[[queue]]\ntenant = \"acme\"\nname = \"s\"\nwrapup = -1\n"),
            "t.toml:15:10: [[queue]] #2 (s): wrapup must be 0..3600 (got -1)");
}

TEST(ProvisionErrors, Duplicates) {
  // Same tenant name twice; the same queue name in another tenant is fine.
  EXPECT_EQ(errors(kBase + "[[tenant]]\nname = \"acme\"\n[[tenant]]\nname = \"beta\"\n"
                           "[[queue]]\ntenant = \"beta\"\nname = \"sales\"\n"),
            "t.toml:13:8: [[tenant]] #2 (acme): duplicate tenant name \"acme\" (already defined at line 2)");
  EXPECT_EQ(errors(kBase + "[[queue]]\ntenant = \"acme\"\nname = \"sales\"\n"),
            "t.toml:14:8: [[queue]] #2 (sales): duplicate queue name \"sales\" in tenant \"acme\" (already "
            "defined at "
            "line 6)");
  // Phone usernames are platform-wide: another tenant cannot reuse one.
  EXPECT_EQ(errors(kBase + "[[tenant]]\nname = \"beta\"\n[[phone]]\ntenant = \"beta\"\nusername = \"2001\"\n"
                           "password = \"x\"\n"),
            "t.toml:16:12: [[phone]] #2 (2001): duplicate phone username \"2001\" (already defined at line "
            "10; unique "
            "across all tenants)");
  EXPECT_EQ(
      errors(kBase + "[[number]]\ntenant = \"acme\"\ndid = \"3000\"\nqueue = \"sales\"\n"
                     "[[number]]\ntenant = \"acme\"\ndid = \"3000\"\nqueue = \"sales\"\n"),
      "t.toml:18:7: [[number]] #2 (3000): duplicate number did \"3000\" (already defined at line 14; unique "
      "across all tenants)");
  EXPECT_EQ(
      errors(kBase +
             "[[agent]]\ntenant = \"acme\"\nlogin = \"a\"\n[[agent]]\ntenant = \"acme\"\nlogin = \"a\"\n"),
      "t.toml:17:9: [[agent]] #2 (a): duplicate agent login \"a\" in tenant \"acme\" (already defined at "
      "line 14)");
  EXPECT_EQ(errors(kBase + "[[trunk]]\ntenant = \"acme\"\nname = \"t\"\naddresses = [\"::1\"]\n"
                           "[[trunk]]\ntenant = \"acme\"\nname = \"t\"\naddresses = [\"::1\"]\n"),
            "t.toml:18:8: [[trunk]] #2 (t): duplicate trunk name \"t\" in tenant \"acme\" (already defined "
            "at line 14)");
}

TEST(ProvisionErrors, References) {
  EXPECT_EQ(errors(kBase + "[[queue]]\ntenant = \"nope\"\nname = \"q\"\n"),
            "t.toml:13:10: [[queue]] #2 (q): tenant \"nope\" is not defined by any [[tenant]]");
  // The queue exists, but in another tenant.
  EXPECT_EQ(
      errors(kBase +
             "[[tenant]]\nname = \"beta\"\n[[number]]\ntenant = \"beta\"\ndid = \"1\"\nqueue = \"sales\"\n"),
      "t.toml:17:9: [[number]] #1 (1): queue \"sales\" is not defined in tenant \"beta\"");
  EXPECT_EQ(
      errors(kBase + "[[agent]]\ntenant = \"acme\"\nlogin = \"a\"\nqueues = [\"sales\", \"vip\", \"sales\"]\n"
                     "phone = \"9999\"\n"),
      "t.toml:15:20: [[agent]] #1 (a): queue \"vip\" is not defined in tenant \"acme\"\n"
      "t.toml:15:27: [[agent]] #1 (a): queue \"sales\" is listed twice\n"
      "t.toml:16:9: [[agent]] #1 (a): phone \"9999\" is not defined by any [[phone]]");
  EXPECT_EQ(
      errors(kBase +
             "[[tenant]]\nname = \"beta\"\n[[agent]]\ntenant = \"beta\"\nlogin = \"a\"\nphone = \"2001\"\n"),
      "t.toml:17:9: [[agent]] #1 (a): phone \"2001\" belongs to tenant \"acme\", not \"beta\"");
}

TEST(ProvisionErrors, Flow) {
  EXPECT_EQ(errors(kBase + "[[number]]\ntenant = \"acme\"\ndid = \"1\"\nflow = \"Menu Principal\"\nqueue = \"sales\"\n"),
            "t.toml:15:8: [[number]] #1 (1): flow must be \"queue\" or the name of an IVR flow (a-z, 0-9, '_', "
            "'-'), not \"Menu Principal\"");
  // The queue flow needs its queue; an IVR flow names its own.
  EXPECT_EQ(errors(kBase + "[[number]]\ntenant = \"acme\"\ndid = \"1\"\n"),
            "t.toml:12:1: [[number]] #1 (1): missing required key \"queue\"");
  EXPECT_EQ(errors(kBase + "[[number]]\ntenant = \"acme\"\ndid = \"1\"\nflow = \"accueil\"\n"), "(valid)");
}

TEST(ProvisionErrors, TrunkAddresses) {
  EXPECT_EQ(errors(kBase + "[[trunk]]\ntenant = \"acme\"\nname = \"t\"\n"
                           "addresses = [\"10.0.0.0/8\", \"10.0.0.0/33\", \"pbx.example.com\"]\n"),
            "t.toml:15:28: [[trunk]] #1 (t): addresses[1] \"10.0.0.0/33\" is not an IPv4/IPv6 address or "
            "CIDR block\n"
            "t.toml:15:43: [[trunk]] #1 (t): addresses[2] \"pbx.example.com\" is not an IPv4/IPv6 address or "
            "CIDR block");
  EXPECT_EQ(errors(kBase + "[[trunk]]\ntenant = \"acme\"\nname = \"t\"\naddresses = []\n"),
            "t.toml:15:13: [[trunk]] #1 (t): addresses must list at least one address or CIDR block");
}

TEST(ProvisionErrors, TimezoneAndLanguage) {
  EXPECT_EQ(
      errors("[[tenant]]\nname = \"a\"\ntimezone = \"Mars/Olympus_Mons\"\nlanguage = \"de\"\n"),
      "t.toml:3:12: [[tenant]] #1 (a): timezone \"Mars/Olympus_Mons\" is not an IANA time zone name (e.g. "
      "Africa/Casablanca)\n"
      "t.toml:4:12: [[tenant]] #1 (a): language \"de\" must be one of fr, ar, es, en");
  EXPECT_EQ(
      errors("[[tenant]]\nname = \"a\"\ntimezone = \"../../etc/passwd\"\n"),
      "t.toml:3:12: [[tenant]] #1 (a): timezone \"../../etc/passwd\" is not an IANA time zone name (e.g. "
      "Africa/Casablanca)");
  EXPECT_EQ(errors("[[tenant]]\nname = \"a\"\ntimezone = \"Europe/Paris\"\nlanguage = \"ar\"\n"), "(valid)");
}

TEST(ProvisionErrors, IdentifierCharacters) {
  EXPECT_EQ(
      errors(kBase + "[[phone]]\ntenant = \"acme\"\nusername = \"bob@x\"\npassword = \"p\"\n"),
      "t.toml:14:12: [[phone]] #2: username \"bob@x\" must be 1-64 characters among 0-9 A-Z a-z + . _ -");
  EXPECT_EQ(errors(kBase + "[[number]]\ntenant = \"acme\"\ndid = \"05 22\"\nqueue = \"sales\"\n"),
            "t.toml:14:7: [[number]] #1: did \"05 22\" must be 1-64 characters among 0-9 A-Z a-z + . _ -");
  EXPECT_EQ(
      errors(kBase +
             "[[number]]\ntenant = \"acme\"\ndid = \"+2125\"\ngreeting = \"../secret\"\nqueue = \"sales\"\n"),
      "t.toml:15:12: [[number]] #1 (+2125): greeting \"../secret\" is not a prompt name (1-64 characters "
      "among "
      "0-9 A-Z a-z . _ -, not starting with a dot)");
}

TEST(ProvisionErrors, AllFaultsAreListedInFileOrder) {
  const std::string msg = errors(
      "[[agent]]\ntenant = \"ghost\"\nlogin = \"a\"\n"                   // 1-3
      "[[tenant]]\nname = \"x\"\nlanguage = \"xx\"\n"                    // 4-6
      "[[queue]]\ntenant = \"x\"\nname = \"q\"\nring_timeout = 601\n");  // 7-10
  EXPECT_EQ(msg,
            "t.toml:2:10: [[agent]] #1 (a): tenant \"ghost\" is not defined by any [[tenant]]\n"
            "t.toml:6:12: [[tenant]] #1 (x): language \"xx\" must be one of fr, ar, es, en\n"
            "t.toml:10:16: [[queue]] #1 (q): ring_timeout must be 1..600 (got 601)");
}

}  // namespace
}  // namespace plateau::provision
