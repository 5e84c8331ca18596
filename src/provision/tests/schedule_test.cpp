// [[schedule]]: what a valid one reads into, and each of its faults with its place.
#include <gtest/gtest.h>

#include "calendar/text.h"
#include "provision/tests/error_util.h"

namespace plateau::provision {
namespace {

using testing::errors;
using testing::kBase;

const std::string kSchedule =
    "[[schedule]]\n"                                                          // 12
    "tenant = \"acme\"\n"                                                     // 13
    "name = \"service\"\n";                                                   // 14

TEST(ProvisionSchedule, ReadsHoursHolidaysAndDates) {
  auto r = parse_string(kBase + kSchedule +
                            "timezone = \"Europe/Paris\"\n"
                            "hours = { mon = [\"14:00-18:00\", \"08:00-12:30\"], sat = [\"09:00-13:00\"], "
                            "sun = [] }\n"
                            "holidays = [\"FR\", \"MA\"]\n"
                            "closed = [\"2026-12-31 08:00-13:00\", \"2026-06-06\"]\n"
                            "open = [\"2026-11-06\"]\n",
                        "t.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->schedules.size(), 1u);
  const model::Schedule& s = r->schedules[0];
  EXPECT_EQ(s.tenant, "acme");
  EXPECT_EQ(s.name, "service");
  EXPECT_EQ(s.timezone, "Europe/Paris");
  EXPECT_EQ(s.week[0], (std::vector<model::TimeRange>{{480, 750}, {840, 1080}}));  // sorted
  EXPECT_TRUE(s.week[1].empty());
  EXPECT_EQ(s.week[5], (std::vector<model::TimeRange>{{540, 780}}));
  EXPECT_TRUE(s.week[6].empty());
  EXPECT_EQ(s.holidays, (std::vector<std::string>{"FR", "MA"}));
  ASSERT_EQ(s.closed.size(), 2u);
  EXPECT_EQ(calendar::to_string(s.closed[0]), "2026-06-06");  // by date
  EXPECT_EQ(calendar::to_string(s.closed[1]), "2026-12-31 08:00-13:00");
  EXPECT_EQ(s.open, (std::vector<model::Date>{{2026, 11, 6}}));
}

TEST(ProvisionSchedule, TimezoneDefaultsToTheTenants) {
  auto r = parse_string("[[tenant]]\nname = \"acme\"\ntimezone = \"Europe/Madrid\"\n" + kSchedule.substr(0),
                        "t.toml");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->schedules[0].timezone, "Europe/Madrid");
  for (const auto& day : r->schedules[0].week) EXPECT_TRUE(day.empty());  // no hours: never open
}

TEST(ProvisionSchedule, UnknownTimezone) {
  EXPECT_EQ(errors(kBase + kSchedule + "timezone = \"Africa/Rabat\"\n"),
            "t.toml:15:12: [[schedule]] #1 (service): timezone \"Africa/Rabat\" is not a time zone of the tz "
            "database (e.g. \"Africa/Casablanca\", \"Europe/Paris\")");
}

TEST(ProvisionSchedule, BadAndOverlappingRanges) {
  EXPECT_EQ(errors(kBase + kSchedule + "hours = { mon = [\"08:00-12:00\", \"8h-12h\"] }\n"),
            "t.toml:15:33: [[schedule]] #1 (service): hours.mon[1]: \"8h-12h\" is not a time range (expected "
            "\"HH:MM-HH:MM\", e.g. \"08:00-12:30\"; \"00:00-24:00\" for the whole day)");
  EXPECT_EQ(errors(kBase + kSchedule + "hours = { tue = [\"22:00-02:00\"] }\n"),
            "t.toml:15:18: [[schedule]] #1 (service): hours.tue[0]: \"22:00-02:00\": the range must end after it "
            "starts, the same day (a range cannot cross midnight: write \"22:00-24:00\" and \"00:00-06:00\" on "
            "the next day)");
  EXPECT_EQ(errors(kBase + kSchedule + "hours = { wed = [\"08:00-12:00\", \"11:00-14:00\"] }\n"),
            "t.toml:15:17: [[schedule]] #1 (service): hours.wed: \"08:00-12:00\" and \"11:00-14:00\" overlap");
  EXPECT_EQ(errors(kBase + kSchedule + "hours = { monday = [\"08:00-12:00\"], fri = \"08:00-12:00\" }\n"),
            "t.toml:15:11: [[schedule]] #1 (service): unknown key \"hours.monday\"\n"
            "t.toml:15:43: [[schedule]] #1 (service): hours.fri must be an array of strings, not a string");
  EXPECT_EQ(errors(kBase + kSchedule + "hours = [\"08:00-12:00\"]\n"),
            "t.toml:15:9: [[schedule]] #1 (service): hours must be an inline table, not an array");
}

TEST(ProvisionSchedule, HolidaySets) {
  EXPECT_EQ(errors(kBase + kSchedule + "holidays = [\"MA\", \"DE\", \"MA\"]\n"),
            "t.toml:15:19: [[schedule]] #1 (service): holidays[1] \"DE\" is not a holiday set (expected MA, FR, "
            "FR-ALSACE, ES)\n"
            "t.toml:15:25: [[schedule]] #1 (service): holidays[2] \"MA\" is listed twice");
}

TEST(ProvisionSchedule, ClosedAndOpenDates) {
  EXPECT_EQ(errors(kBase + kSchedule + "closed = [\"2026-02-30\", \"2026-12-31 08:00-13:00 12:00-14:00\"]\n"),
            "t.toml:15:11: [[schedule]] #1 (service): closed[0]: \"2026-02-30\" is not a date of the Gregorian "
            "calendar (years 1900..9999)\n"
            "t.toml:15:25: [[schedule]] #1 (service): closed[1]: \"08:00-13:00\" and \"12:00-14:00\" overlap");
  EXPECT_EQ(errors(kBase + kSchedule + "closed = [\"2026-06-06\"]\nopen = [\"2026-06-06\", \"06/11/2026\"]\n"),
            "t.toml:16:9: [[schedule]] #1 (service): open[0]: 2026-06-06 is already listed in closed or open (a "
            "date has one rule)\n"
            "t.toml:16:23: [[schedule]] #1 (service): open[1]: \"06/11/2026\" is not a date (expected "
            "\"YYYY-MM-DD\", e.g. \"2026-12-31\")");
}

TEST(ProvisionSchedule, TenantAndDuplicateName) {
  EXPECT_EQ(errors(kBase + kSchedule + kSchedule),
            "t.toml:17:8: [[schedule]] #2 (service): duplicate schedule name \"service\" in tenant \"acme\" "
            "(already defined at line 14)");
  EXPECT_EQ(errors(kBase + "[[schedule]]\ntenant = \"nobody\"\nname = \"s\"\n"),
            "t.toml:13:10: [[schedule]] #1 (s): tenant \"nobody\" is not defined by any [[tenant]]");
}

}  // namespace
}  // namespace plateau::provision
