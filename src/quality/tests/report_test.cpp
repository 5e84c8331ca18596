// The quality report: periods in the tenant's zone (a Sunday evening in UTC is
// already Monday in Casablanca), means per agent and criterion, and the dates
// the API takes.
#include <gtest/gtest.h>

#include "quality/report.h"

namespace plateau::quality {
namespace {

// 2026-11-30 is a Monday. Africa/Casablanca is UTC+1 all of 2026 but Ramadan.
constexpr int64_t kMon30Nov0000Casa = 1'795'993'200'000;  // 2026-11-29T23:00Z
constexpr int64_t kHour = 3'600'000;

model::Evaluation ev(const std::string& agent, int64_t ts, double score, std::optional<int> greeting,
                     std::optional<int> accuracy) {
  return {0, "demo", "c", agent, "standard", "sup", ts, score, "",
          {{"greeting", greeting, 5, 2}, {"accuracy", accuracy, 10, 1}}};
}

TEST(QualityReport, LocalDates) {
  EXPECT_EQ(*local_day_start_ms("Africa/Casablanca", "2026-11-30"), kMon30Nov0000Casa);
  EXPECT_EQ(*parse_bound("Africa/Casablanca", "2026-11-30", true, 0), kMon30Nov0000Casa + 24 * kHour);
  EXPECT_EQ(*parse_bound("Africa/Casablanca", "1795993200000", false, 0), kMon30Nov0000Casa);
  EXPECT_EQ(*parse_bound("Africa/Casablanca", "", false, 7), 7);
  EXPECT_EQ(parse_bound("Africa/Casablanca", "2026-02-30", false, 0).error().code, "quality.bad_date");
  EXPECT_EQ(parse_bound("Africa/Casablanca", "30/11/2026", false, 0).error().code, "quality.bad_date");
  EXPECT_EQ(parse_bound("Nowhere/City", "2026-11-30", false, 0).error().code, "quality.bad_zone");
}

TEST(QualityReport, WeeksPerAgentAndCriterion) {
  std::vector<model::Evaluation> evs = {
      // Sunday 29 Nov 23:30 UTC = Monday 30 Nov 00:30 in Casablanca: week of the 30th.
      ev("a1", kMon30Nov0000Casa + kHour / 2, 80, 4, 8),
      ev("a1", kMon30Nov0000Casa + 50 * kHour, 60, 3, std::nullopt),
      // Sunday 29 Nov 22:00 UTC = 23:00 local: the week of the 23rd.
      ev("a1", kMon30Nov0000Casa - kHour, 40, 2, 4),
      ev("a2", kMon30Nov0000Casa + 2 * kHour, 100, 5, 10),
  };
  auto rows = quality_report(evs, "Africa/Casablanca", Interval::Week);
  ASSERT_TRUE(rows) << rows.error().message;
  std::vector<ReportRow> want = {
      {"2026-11-23", kMon30Nov0000Casa - 7 * 24 * kHour, "a1", "", 1, 40, 40, 40},
      {"2026-11-23", kMon30Nov0000Casa - 7 * 24 * kHour, "a1", "accuracy", 1, 40, 40, 40},
      {"2026-11-23", kMon30Nov0000Casa - 7 * 24 * kHour, "a1", "greeting", 1, 40, 40, 40},
      {"2026-11-30", kMon30Nov0000Casa, "a1", "", 2, 70, 60, 80},
      {"2026-11-30", kMon30Nov0000Casa, "a1", "accuracy", 1, 80, 80, 80},  // n/a once: one evaluation counts
      {"2026-11-30", kMon30Nov0000Casa, "a1", "greeting", 2, 70, 60, 80},
      {"2026-11-30", kMon30Nov0000Casa, "a2", "", 1, 100, 100, 100},
      {"2026-11-30", kMon30Nov0000Casa, "a2", "accuracy", 1, 100, 100, 100},
      {"2026-11-30", kMon30Nov0000Casa, "a2", "greeting", 1, 100, 100, 100},
  };
  EXPECT_EQ(*rows, want);
}

TEST(QualityReport, Months) {
  std::vector<model::Evaluation> evs = {ev("a1", kMon30Nov0000Casa + kHour, 50, 1, 9),
                                        ev("a1", kMon30Nov0000Casa + 30 * kHour, 90, 5, 6)};  // 1 Dec local
  auto rows = quality_report(evs, "Africa/Casablanca", Interval::Month);
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 6u);
  EXPECT_EQ((*rows)[0].start, "2026-11-01");
  EXPECT_EQ((*rows)[0].mean, 50);
  EXPECT_EQ((*rows)[3].start, "2026-12-01");
  EXPECT_EQ((*rows)[3].mean, 90);
  EXPECT_EQ((*rows)[5].criterion, "greeting");
  EXPECT_EQ((*rows)[5].mean, 100);
}

}  // namespace
}  // namespace plateau::quality
