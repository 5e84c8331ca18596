#include "crm/cases.h"

#include <gtest/gtest.h>

namespace plateau::crm {
namespace {

TEST(CaseStatus, NamesGoBothWays) {
  for (CaseStatus s : kCaseStatuses) EXPECT_EQ(parse_case_status(to_string(s)), s);
  EXPECT_EQ(parse_case_status("Open"), std::nullopt);
  EXPECT_EQ(parse_case_status(""), std::nullopt);
}

TEST(CaseStatus, AllowedTransitions) {
  using S = CaseStatus;
  EXPECT_TRUE(transition_allowed(S::Open, S::InProgress));
  EXPECT_TRUE(transition_allowed(S::Open, S::Closed));
  EXPECT_TRUE(transition_allowed(S::InProgress, S::WaitingCustomer));
  EXPECT_TRUE(transition_allowed(S::WaitingCustomer, S::InProgress));
  EXPECT_TRUE(transition_allowed(S::Resolved, S::InProgress));
  EXPECT_TRUE(transition_allowed(S::Resolved, S::Closed));
  EXPECT_FALSE(transition_allowed(S::WaitingCustomer, S::Open));
  EXPECT_FALSE(transition_allowed(S::Resolved, S::Open));
  EXPECT_FALSE(transition_allowed(S::Resolved, S::WaitingCustomer));
  for (S to : kCaseStatuses) {
    EXPECT_FALSE(transition_allowed(S::Closed, to)) << to_string(to);
    EXPECT_FALSE(transition_allowed(to, to)) << to_string(to);
  }
}

TEST(CaseStatus, RefusalsSayWhatIsAllowed) {
  EXPECT_TRUE(check_transition("open", "resolved").ok());
  auto st = check_transition("resolved", "open");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "crm.bad_transition");
  EXPECT_EQ(st.error().message, "a case cannot go from resolved to open (from resolved: in_progress, closed)");
  st = check_transition("closed", "open");
  EXPECT_EQ(st.error().message, "a case cannot go from closed to open (a closed case stays so)");
  st = check_transition("open", "done");
  EXPECT_EQ(st.error().code, "crm.bad_status");
}

TEST(CasePriority, Known) {
  EXPECT_TRUE(is_case_priority("urgent"));
  EXPECT_FALSE(is_case_priority("URGENT"));
  EXPECT_FALSE(is_case_priority(""));
}

TEST(CaseCategories, DefaultsWhenTheTenantDeclaresNone) {
  model::Tenant t{.name = "t1"};
  auto list = case_categories_of(t);
  ASSERT_EQ(list.size(), 4u);
  const auto* vm = find_category(list, "voicemail");
  ASSERT_NE(vm, nullptr);
  EXPECT_EQ(vm->sla_hours, 24);
  EXPECT_EQ(vm->tenant, "t1");
  EXPECT_EQ(find_category(list, "complaint")->sla_hours, 48);
  EXPECT_EQ(find_category(list, "request")->sla_hours, 72);
  EXPECT_EQ(find_category(list, "technical")->default_priority, "high");
  t.case_categories = {{"t1", "billing", 8, "high"}};
  list = case_categories_of(t);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(find_category(list, "complaint"), nullptr);
}

TEST(CaseDue, SlaHoursAfterCreation) {
  EXPECT_EQ(case_due_ms(1'000, 24), 1'000 + 86'400'000);
  EXPECT_EQ(case_due_ms(1'796'000'000'000, 48), 1'796'000'000'000 + 172'800'000);
}

TEST(CaseReference, PrefixYearSequence) {
  EXPECT_EQ(reference_prefix("t1"), "T1");
  EXPECT_EQ(reference_prefix("acme-bank"), "ACMEBANK");
  EXPECT_EQ(reference_prefix("a-very-long-tenant-name"), "AVERYLONGTEN");
  EXPECT_EQ(reference_prefix("--"), "CASE");
  EXPECT_EQ(year_of(0), 1970);
  EXPECT_EQ(year_of(1'798'761'599'999), 2026);  // 2026-12-31T23:59:59.999Z
  EXPECT_EQ(year_of(1'798'761'600'000), 2027);
  EXPECT_EQ(year_of(951'782'400'000), 2000);    // 2000-02-29
  EXPECT_EQ(year_of(-1), 1969);
  EXPECT_EQ(format_reference("T1", 2026, 42), "T1-2026-000042");
  EXPECT_EQ(format_reference("T1", 2026, 1234567), "T1-2026-1234567");
}

TEST(CaseReference, Parse) {
  auto p = parse_reference("t1-2026-000042");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->prefix, "T1");
  EXPECT_EQ(p->year, 2026);
  EXPECT_EQ(p->sequence, 42);
  EXPECT_TRUE(parse_reference("ACMEBANK-2027-1234567"));
  for (const char* bad : {"", "T1", "T1-2026", "T1-2026-42", "T1-26-000042", "T-1-2026-000042", "-2026-000042",
                          "T1-2026-000000", "T1-2026--00042", "T1-2026-0000x2", "T1-+026-000042"}) {
    EXPECT_FALSE(parse_reference(bad)) << bad;
  }
}

}  // namespace
}  // namespace plateau::crm
