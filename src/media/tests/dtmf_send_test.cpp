#include "media/dtmf_send.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "media/rtp_stream.h"

namespace plateau::media {
namespace {

TEST(DigitEvents, CodesAndPayload) {
  EXPECT_EQ(digit_event('0'), 0);
  EXPECT_EQ(digit_event('9'), 9);
  EXPECT_EQ(digit_event('*'), 10);
  EXPECT_EQ(digit_event('#'), 11);
  EXPECT_EQ(digit_event('A'), 12);
  EXPECT_EQ(digit_event('d'), 15);
  EXPECT_EQ(digit_event('e'), -1);
  EXPECT_EQ(digit_event(' '), -1);
  EXPECT_EQ(not_digits("12 3x#"), " x");
  EXPECT_EQ(not_digits("0123456789*#ABCDabcd"), "");

  uint8_t p[4];
  encode_telephone_event(TelephoneEvent{11, true, 10, 800}, p);
  EXPECT_EQ(p[0], 11);
  EXPECT_EQ(p[1], 0x80 | 10);
  EXPECT_EQ(p[2], 800 >> 8);
  EXPECT_EQ(p[3], 800 & 0xFF);
  // The receiver's parser reads back what we write.
  auto e = parse_telephone_event(p, 4);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->event, 11);
  EXPECT_TRUE(e->end);
  EXPECT_EQ(e->volume, 10);
  EXPECT_EQ(e->duration, 800);
}

TEST(Rfc4733Sender, OneDigitStartUpdatesThreeEndsThenAGap) {
  Rfc4733Sender s;
  EXPECT_TRUE(s.idle());
  EXPECT_FALSE(s.tick());
  s.add("5");
  std::vector<std::optional<EventPacket>> ticks;
  for (int i = 0; i < Rfc4733Sender::kDigitTicks; ++i) ticks.push_back(s.tick());
  EXPECT_TRUE(s.idle());
  const uint16_t durations[] = {160, 320, 480, 640, 800, 800, 800};
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(ticks[i]) << "tick " << i;
    EXPECT_EQ(ticks[i]->event.event, 5);
    EXPECT_EQ(ticks[i]->first, i == 0);
    EXPECT_EQ(ticks[i]->event.end, i >= 4) << "tick " << i;
    EXPECT_EQ(ticks[i]->event.duration, durations[i]);
    EXPECT_EQ(ticks[i]->event.volume, 10);
  }
  for (int i = 7; i < 10; ++i) EXPECT_FALSE(ticks[i]) << "tick " << i << " is in the gap";
}

TEST(Rfc4733Sender, DigitsFollowEachOther200MsApartAndBadCharactersAreSkipped) {
  Rfc4733Sender s;
  s.add("1x#");
  s.add("D");
  std::string starts;
  std::vector<int> start_ticks;
  int ends = 0;
  for (int t = 0; t < 60; ++t) {
    auto p = s.tick();
    if (!p) continue;
    if (p->first) {
      starts.push_back(event_digit(p->event.event));
      start_ticks.push_back(t);
    }
    ends += p->event.end;
  }
  EXPECT_EQ(starts, "1#D");
  EXPECT_EQ(start_ticks, (std::vector<int>{0, 10, 20}));
  EXPECT_EQ(ends, 9);
  EXPECT_TRUE(s.idle());
  s.add("7");  // after idle, a new run starts at once
  auto p = s.tick();
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->first);
  EXPECT_EQ(p->event.event, 7);
}

TEST(Rfc4733Sender, HeadersShareTheAudioStream) {
  RtpStreamShaper shaper(0x1234, 100, 8000);
  uint64_t now = 0;
  OutHeader h;
  for (int i = 0; i < 3; ++i, now += 160) h = shaper.local_frame(160, now);  // audio: seq 100..102
  Rfc4733Sender s;
  s.add("4");
  std::vector<OutHeader> ev;
  for (int i = 0; i < Rfc4733Sender::kDigitTicks; ++i, now += 160)
    if (auto p = s.tick()) ev.push_back(shaper.event(p->first, now));
  ASSERT_EQ(ev.size(), 7u);
  EXPECT_TRUE(ev[0].marker);
  EXPECT_EQ(ev[0].ts, 8000u + 3 * 160);  // where the audio would have gone on
  for (size_t i = 0; i < ev.size(); ++i) {
    EXPECT_EQ(ev[i].seq, 103 + i);
    EXPECT_EQ(ev[i].ts, ev[0].ts);
    EXPECT_EQ(ev[i].ssrc, 0x1234u);
    if (i) {
      EXPECT_FALSE(ev[i].marker);
    }
  }
  // Audio after the digit: a new talkspurt, its timestamp where the wall clock is.
  h = shaper.local_frame(160, now);
  EXPECT_TRUE(h.marker);
  EXPECT_EQ(h.seq, 110);
  EXPECT_EQ(h.ts, 8000u + 3 * 160 + 10 * 160);
}

TEST(InbandDtmfSender, TonesThatTheDetectorHears) {
  InbandDtmfSender tx;
  int16_t frame[kFrameSamples];
  EXPECT_FALSE(tx.next_frame(frame));
  tx.add("4x#B");
  InbandDtmfDetector rx;
  std::string heard;
  int frames = 0;
  while (tx.next_frame(frame) && frames < 200) {
    ++frames;
    heard += rx.process(frame, kFrameSamples);
  }
  for (int i = 0; i < 10; ++i) {  // silence after: the last tone ends
    int16_t quiet[kFrameSamples] = {};
    heard += rx.process(quiet, kFrameSamples);
  }
  EXPECT_EQ(heard, "4#B");
  EXPECT_GE(frames, 3 * 5 + 2 * 5);  // three 100 ms tones, 100 ms gaps between them
  EXPECT_LE(frames, 3 * 10 + 1);
}

}  // namespace
}  // namespace plateau::media
