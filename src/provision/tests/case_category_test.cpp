// [[case_category]]: what a valid one reads into, and each of its faults with its place.
#include <gtest/gtest.h>

#include "provision/tests/error_util.h"

namespace plateau::provision {
namespace {

using testing::errors;
using testing::kBase;

const std::string kCategory =
    "[[case_category]]\n"     // 12
    "tenant = \"acme\"\n"     // 13
    "name = \"billing\"\n";   // 14

TEST(ProvisionCaseCategory, GoesToItsTenantInFileOrder) {
  auto r = parse_string(kBase + kCategory + "sla_hours = 8\ndefault_priority = \"high\"\n" +
                            "[[case_category]]\ntenant = \"acme\"\nname = \"complaint\"\nsla_hours = 48\n",
                        "t.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->tenants.size(), 1u);
  const auto& list = r->tenants[0].case_categories;
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0], (model::CaseCategory{"acme", "billing", 8, "high"}));
  EXPECT_EQ(list[1], (model::CaseCategory{"acme", "complaint", 48, "normal"}));
}

TEST(ProvisionCaseCategory, NoneDeclared) {
  auto r = parse_string(kBase, "t.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->tenants[0].case_categories.empty());
}

TEST(ProvisionCaseCategory, Faults) {
  EXPECT_EQ(errors(kBase + kCategory),
            "t.toml:12:1: [[case_category]] #1 (billing): missing required key \"sla_hours\"");
  EXPECT_EQ(errors(kBase + kCategory + "sla_hours = 0\n"),
            "t.toml:15:13: [[case_category]] #1 (billing): sla_hours must be 1..8784 (got 0)");
  EXPECT_EQ(errors(kBase + kCategory + "sla_hours = \"48\"\n"),
            "t.toml:15:13: [[case_category]] #1 (billing): sla_hours must be an integer, not a string");
  EXPECT_EQ(errors(kBase + kCategory + "sla_hours = 8\ndefault_priority = \"asap\"\n"),
            "t.toml:16:20: [[case_category]] #1 (billing): default_priority must be low, normal, high or "
            "urgent, not \"asap\"");
  EXPECT_EQ(errors(kBase + "[[case_category]]\ntenant = \"acme\"\nname = \"Billing\"\nsla_hours = 8\n"),
            "t.toml:14:8: [[case_category]] #1 (Billing): name \"Billing\" must be 1-32 characters among a-z 0-9 _");
  EXPECT_EQ(errors(kBase + "[[case_category]]\ntenant = \"acme\"\nname = \"Billing Issues\"\nsla_hours = 8\n"),
            "t.toml:14:8: [[case_category]] #1: name \"Billing Issues\" must be 1-64 characters among 0-9 A-Z a-z + . "
            "_ -");
  EXPECT_EQ(errors(kBase + "[[case_category]]\ntenant = \"other\"\nname = \"billing\"\nsla_hours = 8\n"),
            "t.toml:13:10: [[case_category]] #1 (billing): tenant \"other\" is not defined by any [[tenant]]");
  EXPECT_EQ(errors(kBase + kCategory + "sla_hours = 8\n" + kCategory + "sla_hours = 9\n"),
            "t.toml:18:8: [[case_category]] #2 (billing): duplicate case category \"billing\" in tenant \"acme\" "
            "(already defined at line 14)");
  EXPECT_EQ(errors(kBase + kCategory + "sla_hours = 8\nsla = 3\n"),
            "t.toml:16:1: [[case_category]] #1 (billing): unknown key \"sla\"");
}

}  // namespace
}  // namespace plateau::provision
