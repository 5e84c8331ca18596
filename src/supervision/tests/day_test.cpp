#include "supervision/day.h"

#include <gtest/gtest.h>

namespace plateau::supervision {
namespace {

TEST(LocalDay, CasablancaIsUtcPlusOneOutsideRamadan) {
  // 2026-12-01T10:00Z is 11:00 in Casablanca: the day began at 2026-11-30T23:00Z.
  const LocalDay d = local_day("Africa/Casablanca", 1796119200000);
  EXPECT_EQ(d.start_ms, 1796079600000);
  EXPECT_EQ(d.end_ms, 1796166000000);
  // 2026-11-30T23:30Z is already 00:30 on 1 December there.
  EXPECT_EQ(local_day("Africa/Casablanca", 1796081400000).start_ms, 1796079600000);
}

TEST(LocalDay, CasablancaIsUtcDuringRamadan) {
  // 2026-03-01T12:00Z, during Ramadan (UTC+0): midnight is 00:00Z.
  const LocalDay d = local_day("Africa/Casablanca", 1772366400000);
  EXPECT_EQ(d.start_ms, 1772323200000);
  EXPECT_EQ(d.end_ms, 1772409600000);
}

TEST(LocalDay, ADayOfTwentyThreeHoursWhenClocksGoForward) {
  // Paris, 29 March 2026: midnight is 23:00Z the day before, the next one 22:00Z.
  const LocalDay d = local_day("Europe/Paris", 1774785600000);
  EXPECT_EQ(d.start_ms, 1774738800000);
  EXPECT_EQ(d.end_ms, 1774821600000);
  EXPECT_EQ(d.end_ms - d.start_ms, 23 * 3'600'000);
}

TEST(LocalDay, AnUnknownZoneIsUtc) {
  const LocalDay d = local_day("Mars/Olympus", 1796119200000);
  EXPECT_EQ(d.start_ms, 1796083200000);
  EXPECT_EQ(d.end_ms, 1796169600000);
}

}  // namespace
}  // namespace plateau::supervision
