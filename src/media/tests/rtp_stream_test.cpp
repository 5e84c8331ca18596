#include "media/rtp_stream.h"

#include <gtest/gtest.h>

namespace plateau::media {
namespace {

constexpr uint32_t kSsrc = 0xCAFE0001;

TEST(RtpStreamShaper, LocalFramesAreContiguous) {
  RtpStreamShaper s(kSsrc, 1000, 50'000);
  uint64_t now = 1'000'000;
  OutHeader h = s.local_frame(160, now);
  EXPECT_TRUE(h.marker);
  EXPECT_EQ(h.seq, 1000);
  EXPECT_EQ(h.ts, 50'000u);
  EXPECT_EQ(h.ssrc, kSsrc);
  for (int i = 1; i < 10; ++i) {
    now += 160;
    h = s.local_frame(160, now);
    EXPECT_FALSE(h.marker);
    EXPECT_EQ(h.seq, 1000 + i);
    EXPECT_EQ(h.ts, 50'000u + 160u * i);
    EXPECT_EQ(h.ssrc, kSsrc);
  }
}

TEST(RtpStreamShaper, LateTicksStayContiguousButAPauseStartsATalkspurt) {
  RtpStreamShaper s(kSsrc, 0, 0);
  uint64_t now = 8000;
  s.local_frame(160, now);
  now += 400;  // a late tick (50 ms): still the same talkspurt
  OutHeader h = s.local_frame(160, now);
  EXPECT_FALSE(h.marker);
  EXPECT_EQ(h.ts, 160u);
  now += 8000;  // a second of nothing played
  h = s.local_frame(160, now);
  EXPECT_TRUE(h.marker);
  EXPECT_EQ(h.seq, 2);
  EXPECT_EQ(h.ts, 160u + 8000u);
}

TEST(RtpStreamShaper, PromptRelayPromptSwitchovers) {
  RtpStreamShaper s(kSsrc, 500, 10'000);
  uint64_t now = 0;
  OutHeader h;
  for (int i = 0; i < 5; ++i, now += 160) h = s.local_frame(160, now);
  ASSERT_EQ(h.seq, 504);
  ASSERT_EQ(h.ts, 10'640u);
  // The prompt stopped at now=640 (last frame sent at 640); the relay starts 60 ms after it.
  now = 640 + 480;
  h = s.relay(/*in_seq=*/30'000, /*in_ts=*/7'777'777, /*in_ssrc=*/0xAAAA, false, now);
  EXPECT_TRUE(h.marker);
  EXPECT_EQ(h.ssrc, kSsrc);
  EXPECT_EQ(h.seq, 505);
  EXPECT_EQ(h.ts, 10'640u + 480u);
  for (uint16_t i = 1; i < 4; ++i) {
    now += 160;
    h = s.relay(static_cast<uint16_t>(30'000 + i), 7'777'777 + 160u * i, 0xAAAA, false, now);
    EXPECT_FALSE(h.marker);
    EXPECT_EQ(h.seq, 505 + i);
    EXPECT_EQ(h.ts, 11'120u + 160u * i);
  }
  // The relayed party's own marker passes through.
  now += 160;
  h = s.relay(30'004, 7'777'777 + 160u * 4 + 8000, 0xAAAA, true, now);
  EXPECT_TRUE(h.marker);
  EXPECT_EQ(h.ts, 11'120u + 640u + 8000u);
  // Back to a prompt immediately (same tick): moves on by one packet length.
  h = s.local_frame(160, now);
  EXPECT_TRUE(h.marker);
  EXPECT_EQ(h.seq, 510);
  EXPECT_EQ(h.ts, 11'120u + 640u + 8000u + 160u);
  h = s.local_frame(160, now + 160);
  EXPECT_FALSE(h.marker);
  EXPECT_EQ(h.seq, 511);
  EXPECT_EQ(h.ts, 11'120u + 640u + 8000u + 320u);
}

TEST(RtpStreamShaper, RelayedLossStaysAGapAndReorderIsKept) {
  RtpStreamShaper s(kSsrc, 100, 0);
  uint64_t now = 0;
  OutHeader a = s.relay(10, 1600, 0xB, false, now);
  OutHeader b = s.relay(11, 1760, 0xB, false, now += 160);
  OutHeader d = s.relay(13, 2080, 0xB, false, now += 320);  // 12 lost... or late
  OutHeader c = s.relay(12, 1920, 0xB, false, now += 10);   // ...late
  OutHeader f = s.relay(15, 2400, 0xB, false, now += 320);  // 14 lost for good
  EXPECT_EQ(a.seq, 100);
  EXPECT_EQ(b.seq, 101);
  EXPECT_EQ(d.seq, 103);
  EXPECT_EQ(c.seq, 102);
  EXPECT_EQ(f.seq, 105);
  EXPECT_EQ(b.ts - a.ts, 160u);
  EXPECT_EQ(d.ts - a.ts, 480u);
  EXPECT_EQ(c.ts - a.ts, 320u);
  EXPECT_EQ(f.ts - a.ts, 800u);
  for (const OutHeader& h : {b, c, d, f}) {
    EXPECT_FALSE(h.marker);
    EXPECT_FALSE(h.drop);
  }
  // The late packet did not pull the stream back: the next local frame follows the newest (105).
  OutHeader g = s.local_frame(160, now);
  EXPECT_EQ(g.seq, 106);
  EXPECT_EQ(g.ts, f.ts + 160u);
}

TEST(RtpStreamShaper, SourceSsrcChangeRebases) {
  RtpStreamShaper s(kSsrc, 7, 1000);
  uint64_t now = 0;
  s.relay(40, 90'000, 0x1, false, now);
  OutHeader last = s.relay(41, 90'160, 0x1, false, now += 160);
  // The other party's phone restarts its stream (new SSRC, unrelated numbers) 40 ms later.
  OutHeader h = s.relay(9, 3'000'000'000u, 0x2, false, now += 320);
  EXPECT_TRUE(h.marker);
  EXPECT_EQ(h.seq, static_cast<uint16_t>(last.seq + 1));
  EXPECT_EQ(h.ts, last.ts + 320u);
  OutHeader n = s.relay(10, 3'000'000'160u, 0x2, false, now += 160);
  EXPECT_FALSE(n.marker);
  EXPECT_EQ(n.seq, static_cast<uint16_t>(last.seq + 2));
  EXPECT_EQ(n.ts, last.ts + 480u);
}

TEST(RtpStreamShaper, SameSsrcButRestartedNumbersRebases) {
  RtpStreamShaper s(kSsrc, 7, 1000);
  s.relay(40, 90'000, 0x1, false, 0);
  OutHeader h = s.relay(30'000, 5, 0x1, false, 160);
  EXPECT_TRUE(h.marker);
  EXPECT_EQ(h.seq, 8);
  EXPECT_EQ(h.ts, 1160u);
}

TEST(RtpStreamShaper, LatePacketFromBeforeTheSwitchIsDropped) {
  RtpStreamShaper s(kSsrc, 0, 0);
  s.local_frame(160, 0);
  OutHeader first = s.relay(100, 16'000, 0x5, false, 160);
  EXPECT_EQ(first.seq, 1);
  OutHeader late = s.relay(99, 15'840, 0x5, false, 170);  // would reuse seq 0
  EXPECT_TRUE(late.drop);
  OutHeader next = s.relay(101, 16'160, 0x5, false, 320);
  EXPECT_FALSE(next.drop);
  EXPECT_EQ(next.seq, 2);
}

TEST(RtpStreamShaper, SequenceAndTimestampWrapAround) {
  RtpStreamShaper s(kSsrc, 65'534, 0xFFFF'FF00u);
  uint64_t now = 0;
  OutHeader h0 = s.local_frame(160, now);
  OutHeader h1 = s.local_frame(160, now += 160);
  OutHeader h2 = s.local_frame(160, now += 160);
  EXPECT_EQ(h0.seq, 65'534);
  EXPECT_EQ(h1.seq, 65'535);
  EXPECT_EQ(h2.seq, 0);
  EXPECT_EQ(h1.ts, 0xFFFF'FFA0u);
  EXPECT_EQ(h2.ts, 0x40u);
  EXPECT_FALSE(h2.marker);

  // A relayed source wrapping its own numbers keeps the mapping.
  OutHeader r0 = s.relay(65'535, 0xFFFF'FF60u, 0x9, false, now += 160);
  OutHeader r1 = s.relay(0, 0x0000'0000u, 0x9, false, now += 160);
  OutHeader r2 = s.relay(1, 0x0000'00A0u, 0x9, false, now += 160);
  EXPECT_TRUE(r0.marker);
  EXPECT_EQ(r0.seq, 1);
  EXPECT_EQ(r1.seq, 2);
  EXPECT_EQ(r2.seq, 3);
  EXPECT_FALSE(r1.marker);
  EXPECT_FALSE(r2.marker);
  EXPECT_FALSE(r1.drop);
  EXPECT_EQ(r0.ts, 0x40u + 160u);
  EXPECT_EQ(r1.ts, r0.ts + 0xA0u);
  EXPECT_EQ(r2.ts, r0.ts + 0x140u);
}

TEST(RtpStreamShaper, DefaultConstructedStreamsDiffer) {
  RtpStreamShaper a, b;
  EXPECT_NE(a.ssrc(), b.ssrc());  // 1 in 2^32 chance of a false failure
}

}  // namespace
}  // namespace plateau::media
