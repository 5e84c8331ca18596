#include "media/g711.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <vector>

namespace plateau::media {
namespace {

// Reference points from ITU-T G.711 tables.
TEST(G711, KnownCodeValues) {
  int16_t zero = 0;
  uint8_t code = 0;
  ulaw_encode(&zero, &code, 1);
  EXPECT_EQ(code, 0xFF);
  alaw_encode(&zero, &code, 1);
  EXPECT_EQ(code, 0xD5);

  const uint8_t ucodes[] = {0x00, 0x80, 0xFF, 0x7F};
  int16_t lin[4];
  ulaw_decode(ucodes, lin, 4);
  EXPECT_EQ(lin[0], -32124);
  EXPECT_EQ(lin[1], 32124);
  EXPECT_EQ(lin[2], 0);
  EXPECT_EQ(lin[3], 0);

  const uint8_t acodes[] = {0xD5, 0x55, 0xAA, 0x2A};
  alaw_decode(acodes, lin, 4);
  EXPECT_EQ(lin[0], 8);
  EXPECT_EQ(lin[1], -8);
  EXPECT_EQ(lin[2], 32256);
  EXPECT_EQ(lin[3], -32256);
}

// Every code decodes to a value that encodes back to the same code (µ-law's
// negative zero 0x7F is the one code that maps onto another).
TEST(G711, EveryCodeRoundTrips) {
  std::vector<uint8_t> codes(256);
  for (int i = 0; i < 256; ++i) codes[static_cast<size_t>(i)] = static_cast<uint8_t>(i);
  std::vector<int16_t> lin(256);
  std::vector<uint8_t> again(256);

  ulaw_decode(codes.data(), lin.data(), 256);
  ulaw_encode(lin.data(), again.data(), 256);
  for (int i = 0; i < 256; ++i) {
    if (i == 0x7F) continue;
    EXPECT_EQ(again[static_cast<size_t>(i)], i) << "ulaw code " << i;
  }

  alaw_decode(codes.data(), lin.data(), 256);
  alaw_encode(lin.data(), again.data(), 256);
  for (int i = 0; i < 256; ++i) EXPECT_EQ(again[static_cast<size_t>(i)], i) << "alaw code " << i;
}

// The quantisation error of a full-scale sweep stays within G.711's step size
// (about 1/16 of the magnitude, plus the smallest step near zero).
TEST(G711, SweepErrorWithinStepSize) {
  std::vector<int16_t> in;
  for (int v = -32768; v <= 32767; v += 7) in.push_back(static_cast<int16_t>(v));
  std::vector<uint8_t> enc(in.size());
  std::vector<int16_t> out(in.size());
  for (uint8_t pt : {kPayloadPcmu, kPayloadPcma}) {
    g711_encode(pt, in.data(), enc.data(), in.size());
    g711_decode(pt, enc.data(), out.data(), in.size());
    for (size_t i = 0; i < in.size(); ++i) {
      const int err = std::abs(in[i] - out[i]);
      const int bound = std::abs(in[i]) / 16 + 40;
      ASSERT_LE(err, bound) << "pt " << int(pt) << " sample " << in[i];
    }
  }
}

TEST(G711, ToneSurvivesCodecWithHighSnr) {
  std::vector<int16_t> tone(160);
  for (size_t i = 0; i < tone.size(); ++i)
    tone[i] = static_cast<int16_t>(8000 * std::sin(2 * M_PI * 440 * i / 8000.0));
  for (uint8_t pt : {kPayloadPcmu, kPayloadPcma}) {
    uint8_t enc[160];
    int16_t dec[160];
    g711_encode(pt, tone.data(), enc, 160);
    g711_decode(pt, enc, dec, 160);
    double sig = 0, noise = 0;
    for (size_t i = 0; i < 160; ++i) {
      sig += double(tone[i]) * tone[i];
      noise += double(tone[i] - dec[i]) * (tone[i] - dec[i]);
    }
    EXPECT_GT(10 * std::log10(sig / noise), 30.0) << "pt " << int(pt);
  }
}

}  // namespace
}  // namespace plateau::media
