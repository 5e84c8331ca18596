#include "media/dtmf.h"

#include <gtest/gtest.h>
#include <spandsp.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace plateau::media {
namespace {

std::vector<uint8_t> event_payload(uint8_t event, bool end, uint8_t volume, uint16_t duration) {
  return {event, static_cast<uint8_t>((end ? 0x80 : 0) | (volume & 0x3F)),
          static_cast<uint8_t>(duration >> 8), static_cast<uint8_t>(duration & 0xFF)};
}

TEST(Rfc4733, ParsesFields) {
  auto p = event_payload(11, true, 10, 1280);
  auto e = parse_telephone_event(p.data(), p.size());
  ASSERT_TRUE(e);
  EXPECT_EQ(e->event, 11);
  EXPECT_TRUE(e->end);
  EXPECT_EQ(e->volume, 10);
  EXPECT_EQ(e->duration, 1280);
  EXPECT_EQ(event_digit(e->event), '#');

  const uint8_t raw[] = {0x05, 0x3F, 0xFF, 0xFE};  // R bit clear, E clear, volume 63
  e = parse_telephone_event(raw, 4);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->event, 5);
  EXPECT_FALSE(e->end);
  EXPECT_EQ(e->volume, 63);
  EXPECT_EQ(e->duration, 0xFFFE);

  EXPECT_FALSE(parse_telephone_event(raw, 3));
  EXPECT_FALSE(parse_telephone_event(nullptr, 4));
  EXPECT_EQ(event_digit(0), '0');
  EXPECT_EQ(event_digit(10), '*');
  EXPECT_EQ(event_digit(15), 'D');
  EXPECT_EQ(event_digit(16), '\0');
}

// A sender's packets for one key press, 20 ms apart from `at_ms`: start, updates, three end packets.
void press(Rfc4733Receiver& rx, uint32_t ts, uint8_t event, std::string& digits, int64_t at_ms = 0) {
  std::vector<std::vector<uint8_t>> packets;
  for (uint16_t d = 160; d <= 800; d += 160) packets.push_back(event_payload(event, false, 10, d));
  for (int i = 0; i < 3; ++i) packets.push_back(event_payload(event, true, 10, 960));
  for (auto& p : packets) {
    if (auto d = rx.on_packet(ts, p.data(), p.size(), at_ms)) digits += *d;
    at_ms += 20;
  }
}

TEST(Rfc4733, OneDigitPerPressDespiteUpdatesAndRetransmittedEnds) {
  Rfc4733Receiver rx;
  std::string digits;
  press(rx, 1000, 1, digits);
  press(rx, 3000, 2, digits);
  press(rx, 5000, 2, digits);  // same key again: a new press (new timestamp)
  press(rx, 7000, 11, digits);
  EXPECT_EQ(digits, "122#");
}

TEST(Rfc4733, OnlyEndPacketsStillGiveTheDigitOnce) {
  Rfc4733Receiver rx;
  std::string digits;
  auto end = event_payload(10, true, 10, 800);
  for (int i = 0; i < 3; ++i)
    if (auto d = rx.on_packet(4242, end.data(), end.size(), i * 20)) digits += *d;
  EXPECT_EQ(digits, "*");
}

TEST(Rfc4733, LatePacketOfEarlierPressIsIgnoredButRestartedStreamIsNot) {
  Rfc4733Receiver rx;
  std::string digits;
  auto five = event_payload(5, true, 10, 800);
  auto six = event_payload(6, false, 10, 160);
  if (auto d = rx.on_packet(10'000, five.data(), 4, 0)) digits += *d;
  if (auto d = rx.on_packet(12'000, six.data(), 4, 100)) digits += *d;
  if (auto d = rx.on_packet(10'000, five.data(), 4, 120)) digits += *d;  // late retransmission
  EXPECT_EQ(digits, "56");
  // The sender restarts its stream with timestamps far behind: new presses.
  if (auto d = rx.on_packet(12'000u - 1'000'000u, five.data(), 4, 500)) digits += *d;
  EXPECT_EQ(digits, "565");
  // Timestamps wrap around 2^32 without losing presses.
  if (auto d = rx.on_packet(0xFFFFFF00u, six.data(), 4, 1000)) digits += *d;
  if (auto d = rx.on_packet(0x00000100u, five.data(), 4, 1500)) digits += *d;
  if (auto d = rx.on_packet(0x00000100u, five.data(), 4, 1520)) digits += *d;
  EXPECT_EQ(digits, "56565");
}

TEST(Rfc4733, ReplayedPressesWithReusedTimestampsCountOnceEach) {
  // A sender replaying recorded presses (sipp's dtmf_2833 pcaps) reuses their timestamps, older or equal.
  Rfc4733Receiver rx;
  std::string digits;
  press(rx, 23'200, 2, digits, 0);
  press(rx, 13'280, 1, digits, 400);     // behind the last one: still a new press
  press(rx, 17'632, 0, digits, 800);
  press(rx, 17'632, 0, digits, 1200);    // the same recording again, well after its end
  press(rx, 17'632, 0, digits, 1200 + 140 + Rfc4733Receiver::kRepressGapMs - 1);  // too soon: a retransmission
  EXPECT_EQ(digits, "2100");
}

TEST(Rfc4733, NonDigitEventsAreNotReported) {
  Rfc4733Receiver rx;
  auto flash = event_payload(16, false, 10, 160);
  EXPECT_FALSE(rx.on_packet(100, flash.data(), 4, 0));
}

std::vector<int16_t> spandsp_tones(const char* digits) {
  dtmf_tx_state_t* tx = dtmf_tx_init(nullptr);
  dtmf_tx_put(tx, digits, -1);
  std::vector<int16_t> out;
  int16_t buf[160];
  int n;
  while ((n = dtmf_tx(tx, buf, 160)) > 0) out.insert(out.end(), buf, buf + n);
  dtmf_tx_free(tx);
  out.insert(out.end(), 800, 0);  // trailing silence so the last digit ends
  return out;
}

std::string detect_in_frames(const std::vector<int16_t>& pcm) {
  InbandDtmfDetector det;
  std::string got;
  for (size_t i = 0; i + 160 <= pcm.size(); i += 160) got += det.process(pcm.data() + i, 160);
  return got;
}

TEST(InbandDtmf, DetectsSpandspGeneratedDigitsExactly) {
  EXPECT_EQ(detect_in_frames(spandsp_tones("1234#")), "1234#");
  EXPECT_EQ(detect_in_frames(spandsp_tones("90*D")), "90*D");
}

// Independent of spandsp's generator: tones summed from sines, 80 ms on, 80 ms off.
TEST(InbandDtmf, DetectsSummedSines) {
  const std::string digits = "1234#";
  auto freqs = [](char d) -> std::pair<double, double> {
    switch (d) {
      case '1':
        return {697, 1209};
      case '2':
        return {697, 1336};
      case '3':
        return {697, 1477};
      case '4':
        return {770, 1209};
      default:
        return {941, 1477};  // '#'
    }
  };
  std::vector<int16_t> pcm(800, 0);
  for (char d : digits) {
    const auto [fl, fh] = freqs(d);
    for (int i = 0; i < 640; ++i) {
      const double t = i / 8000.0;
      pcm.push_back(
          static_cast<int16_t>(6000 * std::sin(2 * M_PI * fl * t) + 6000 * std::sin(2 * M_PI * fh * t)));
    }
    pcm.insert(pcm.end(), 640, 0);
  }
  EXPECT_EQ(detect_in_frames(pcm), digits);
}

TEST(InbandDtmf, SpeechLikeToneIsNotADigit) {
  std::vector<int16_t> pcm(16000);
  for (size_t i = 0; i < pcm.size(); ++i)
    pcm[i] = static_cast<int16_t>(8000 * std::sin(2 * M_PI * 440 * i / 8000.0));
  EXPECT_EQ(detect_in_frames(pcm), "");
}

}  // namespace
}  // namespace plateau::media
