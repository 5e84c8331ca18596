#include "sip/hearing.h"

#include <gtest/gtest.h>

namespace plateau::sip {
namespace {

using model::MonitorMode;

// hears(m, listener, speaker), for readable expectations.
bool hears(const std::vector<uint8_t>& m, size_t n, size_t listener, size_t speaker) {
  return m[listener * n + speaker] != 0;
}

constexpr size_t kCaller = 0, kAgent = 1, kSup = 2;

TEST(HearingMatrix, WithoutMonitorsEveryPartyHearsTheOthers) {
  const auto m = hearing_matrix(3, {});
  ASSERT_EQ(m.size(), 9u);
  for (size_t i = 0; i < 3; ++i)
    for (size_t j = 0; j < 3; ++j) EXPECT_EQ(hears(m, 3, i, j), i != j) << i << " hears " << j;
}

TEST(HearingMatrix, ListenHearsBothAndIsHeardByNobody) {
  const auto m = hearing_matrix(2, {{MonitorMode::Listen, kAgent}});
  EXPECT_TRUE(hears(m, 3, kSup, kCaller));
  EXPECT_TRUE(hears(m, 3, kSup, kAgent));
  EXPECT_FALSE(hears(m, 3, kCaller, kSup));
  EXPECT_FALSE(hears(m, 3, kAgent, kSup));
  EXPECT_TRUE(hears(m, 3, kCaller, kAgent));
  EXPECT_TRUE(hears(m, 3, kAgent, kCaller));
}

TEST(HearingMatrix, WhisperIsHeardByTheAgentOnly) {
  const auto m = hearing_matrix(2, {{MonitorMode::Whisper, kAgent}});
  EXPECT_TRUE(hears(m, 3, kAgent, kSup));
  EXPECT_FALSE(hears(m, 3, kCaller, kSup));
  EXPECT_TRUE(hears(m, 3, kSup, kCaller));
  EXPECT_TRUE(hears(m, 3, kSup, kAgent));
  EXPECT_TRUE(hears(m, 3, kCaller, kAgent));
}

TEST(HearingMatrix, WhisperToAnAgentNotInTheCallIsHeardByNoParty) {
  const auto m = hearing_matrix(2, {{MonitorMode::Whisper, MonitorSeat::kNoAgent}});
  EXPECT_FALSE(hears(m, 3, kCaller, kSup));
  EXPECT_FALSE(hears(m, 3, kAgent, kSup));
}

TEST(HearingMatrix, BargeIsAThreeWayCall) {
  const auto m = hearing_matrix(2, {{MonitorMode::Barge, kAgent}});
  for (size_t i = 0; i < 3; ++i)
    for (size_t j = 0; j < 3; ++j) EXPECT_EQ(hears(m, 3, i, j), i != j) << i << " hears " << j;
}

TEST(HearingMatrix, SupervisorsHearTheOnesWhoSpeakInTheCall) {
  // A conference of three parties (the agent is the second), a listener, a
  // whisperer, a barger.
  const auto m = hearing_matrix(3, {{MonitorMode::Listen, 1}, {MonitorMode::Whisper, 1}, {MonitorMode::Barge, 1}});
  const size_t n = 6, listen = 3, whisper = 4, barge = 5;
  for (size_t s : {listen, whisper, barge}) {
    for (size_t p = 0; p < 3; ++p) EXPECT_TRUE(hears(m, n, s, p)) << s << " hears party " << p;
    EXPECT_FALSE(hears(m, n, s, listen)) << s;
    EXPECT_EQ(hears(m, n, s, whisper), s != whisper) << s;
    EXPECT_EQ(hears(m, n, s, barge), s != barge) << s;
  }
  EXPECT_TRUE(hears(m, n, 1, whisper));
  EXPECT_FALSE(hears(m, n, 0, whisper));
  EXPECT_FALSE(hears(m, n, 2, whisper));
  for (size_t p = 0; p < 3; ++p) {
    EXPECT_TRUE(hears(m, n, p, barge));
    EXPECT_FALSE(hears(m, n, p, listen));
  }
}

}  // namespace
}  // namespace plateau::sip
