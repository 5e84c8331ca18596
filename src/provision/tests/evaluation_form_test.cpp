// [[evaluation_form]] and a tenant's recording_retention_days: what valid ones
// read into, and each fault with its place.
#include <gtest/gtest.h>

#include "provision/tests/error_util.h"

namespace plateau::provision {
namespace {

using testing::errors;
using testing::kBase;

const std::string kForm =
    "[[evaluation_form]]\n"   // 12
    "tenant = \"acme\"\n"     // 13
    "name = \"standard\"\n";  // 14

TEST(ProvisionEvaluationForm, GoesToItsTenantWithItsCriteria) {
  auto r = parse_string(kBase + kForm +
                            "criteria = [\n"
                            "  { id = \"greeting\", labels = { fr = \"Accueil\", ar = \"الترحيب\" }, weight = 2, max_score = 5 },\n"
                            "  { id = \"accuracy\", labels = { en = \"Accuracy\" } },\n"
                            "]\n",
                        "t.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& forms = r->tenants[0].evaluation_forms;
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_EQ(forms[0].tenant, "acme");
  EXPECT_EQ(forms[0].name, "standard");
  ASSERT_EQ(forms[0].criteria.size(), 2u);
  EXPECT_EQ(forms[0].criteria[0],
            (model::Criterion{"greeting", {{"fr", "Accueil"}, {"ar", "الترحيب"}}, 2, 5}));
  EXPECT_EQ(forms[0].criteria[1], (model::Criterion{"accuracy", {{"en", "Accuracy"}}, 1, 5}));
  EXPECT_EQ(r->tenants[0].recording_retention_days, 0);
}

TEST(ProvisionEvaluationForm, RetentionDays) {
  auto r = parse_string(kBase + "", "t.toml");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->tenants[0].recording_retention_days, 0);
  auto t = parse_string("[[tenant]]\nname = \"x\"\nrecording_retention_days = 90\n", "t.toml");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->tenants[0].recording_retention_days, 90);
  EXPECT_EQ(errors("[[tenant]]\nname = \"x\"\nrecording_retention_days = -1\n"),
            "t.toml:3:28: [[tenant]] #1 (x): recording_retention_days must be 0..36600 (got -1)");
}

TEST(ProvisionEvaluationForm, Faults) {
  EXPECT_EQ(errors(kBase + kForm),
            "t.toml:12:1: [[evaluation_form]] #1 (standard): missing required key \"criteria\"");
  EXPECT_EQ(errors(kBase + kForm + "criteria = []\n"),
            "t.toml:15:12: [[evaluation_form]] #1 (standard): criteria must list 1-50 criteria, e.g. [{ id = "
            "\"greeting\", labels = { fr = \"Accueil\" }, weight = 2, max_score = 5 }]");
  EXPECT_EQ(errors(kBase + kForm + "criteria = [{ labels = { fr = \"A\" } }]\n"),
            "t.toml:15:13: [[evaluation_form]] #1 (standard): missing required key \"criteria[0].id\"");
  EXPECT_EQ(errors(kBase + kForm + "criteria = [{ id = \"Greeting\", labels = { fr = \"A\" } }]\n"),
            "t.toml:15:20: [[evaluation_form]] #1 (standard): criteria[0].id \"Greeting\" must be 1-32 characters "
            "among a-z 0-9 _");
  EXPECT_EQ(errors(kBase + kForm + "criteria = [{ id = \"a\", labels = { fr = \"A\" } }, { id = \"a\", labels = { fr = \"B\" } }]\n"),
            "t.toml:15:57: [[evaluation_form]] #1 (standard): criteria[1].id \"a\" is used by another criterion of "
            "the form");
  EXPECT_EQ(errors(kBase + kForm + "criteria = [{ id = \"a\", labels = { de = \"A\" } }]\n"),
            "t.toml:15:36: [[evaluation_form]] #1 (standard): criteria[0].labels has a label in \"de\"; languages "
            "are fr, en, es, ar");
  EXPECT_EQ(errors(kBase + kForm + "criteria = [{ id = \"a\", labels = {} }]\n"),
            "t.toml:15:34: [[evaluation_form]] #1 (standard): criteria[0].labels must give at least one label, e.g. "
            "{ fr = \"Accueil\" }");
  EXPECT_EQ(errors(kBase + kForm + "criteria = [{ id = \"a\", labels = { fr = \"A\" }, weight = 0 }]\n"),
            "t.toml:15:57: [[evaluation_form]] #1 (standard): criteria[0].weight must be 1..100 (got 0)");
  EXPECT_EQ(errors(kBase + kForm + "criteria = [{ id = \"a\", labels = { fr = \"A\" }, max_score = 101 }]\n"),
            "t.toml:15:60: [[evaluation_form]] #1 (standard): criteria[0].max_score must be 1..100 (got 101)");
  EXPECT_EQ(errors(kBase + kForm + "criteria = [{ id = \"a\", labels = { fr = \"A\" }, points = 3 }]\n"),
            "t.toml:15:48: [[evaluation_form]] #1 (standard): unknown key \"criteria[0].points\"");
  EXPECT_EQ(errors(kBase + "[[evaluation_form]]\ntenant = \"other\"\nname = \"standard\"\n"
                           "criteria = [{ id = \"a\", labels = { fr = \"A\" } }]\n"),
            "t.toml:13:10: [[evaluation_form]] #1 (standard): tenant \"other\" is not defined by any [[tenant]]");
  const std::string ok = "criteria = [{ id = \"a\", labels = { fr = \"A\" } }]\n";
  EXPECT_EQ(errors(kBase + kForm + ok + kForm + ok),
            "t.toml:18:8: [[evaluation_form]] #2 (standard): duplicate evaluation form name \"standard\" in tenant "
            "\"acme\" (already defined at line 14)");
}

}  // namespace
}  // namespace plateau::provision
