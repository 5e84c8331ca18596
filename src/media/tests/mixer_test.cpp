#include "media/mixer.h"

#include <gtest/gtest.h>

#include <vector>

namespace plateau::media {
namespace {

std::vector<int16_t> frame_of(int16_t v) { return std::vector<int16_t>(kFrameSamples, v); }

TEST(MixMinus, EachPartyHearsTheSumOfTheOthers) {
  auto a = frame_of(100), b = frame_of(-30), c = frame_of(7);
  a[5] = 1000;
  std::vector<int16_t> oa(kFrameSamples), ob(kFrameSamples), oc(kFrameSamples);
  const int16_t* in[] = {a.data(), b.data(), c.data()};
  int16_t* out[] = {oa.data(), ob.data(), oc.data()};
  mix_minus(in, out, 3);
  EXPECT_EQ(oa[0], -30 + 7);
  EXPECT_EQ(ob[0], 100 + 7);
  EXPECT_EQ(oc[0], 100 - 30);
  EXPECT_EQ(ob[5], 1000 + 7);
  EXPECT_EQ(oa[5], -23);
}

TEST(MixMinus, TwoPartiesSwapAndNobodyHearsItself) {
  auto a = frame_of(1234), b = frame_of(-4321);
  std::vector<int16_t> oa(kFrameSamples), ob(kFrameSamples);
  const int16_t* in[] = {a.data(), b.data()};
  int16_t* out[] = {oa.data(), ob.data()};
  mix_minus(in, out, 2);
  EXPECT_EQ(oa, b);
  EXPECT_EQ(ob, a);
}

TEST(MixMinus, SaturatesInsteadOfWrapping) {
  auto a = frame_of(30000), b = frame_of(20000), c = frame_of(-32768), d = frame_of(-20000), e = frame_of(0);
  std::vector<int16_t> o[5];
  for (auto& v : o) v.resize(kFrameSamples);
  {
    const int16_t* in[] = {a.data(), b.data(), e.data()};
    int16_t* out[] = {o[0].data(), o[1].data(), o[2].data()};
    mix_minus(in, out, 3);
    EXPECT_EQ(o[2][0], 32767);  // 50000 clipped, not -15536
    EXPECT_EQ(o[0][0], 20000);
  }
  {
    const int16_t* in[] = {c.data(), d.data(), e.data()};
    int16_t* out[] = {o[0].data(), o[1].data(), o[2].data()};
    mix_minus(in, out, 3);
    EXPECT_EQ(o[2][0], -32768);  // -52768 clipped
    EXPECT_EQ(o[1][0], -32768);
  }
  {
    // The total overflows 16 bits, the parts heard do not: computed in 32 bits.
    const int16_t* in[] = {a.data(), b.data(), c.data(), d.data()};
    int16_t* out[] = {o[0].data(), o[1].data(), o[2].data(), o[3].data()};
    mix_minus(in, out, 4);
    EXPECT_EQ(o[2][0], 30000);  // 30000 + 20000 - 20000
    EXPECT_EQ(o[3][0], 30000 + 20000 - 32768);
  }
}

TEST(MixMatrix, EachPartyHearsOnlyWhomItsRowNames) {
  // Caller, agent, a supervisor who whispers to the agent: the caller hears
  // the agent only, the agent both, the supervisor both.
  auto a = frame_of(100), b = frame_of(-30), c = frame_of(7);
  std::vector<int16_t> oa(kFrameSamples), ob(kFrameSamples), oc(kFrameSamples);
  const int16_t* in[] = {a.data(), b.data(), c.data()};
  int16_t* out[] = {oa.data(), ob.data(), oc.data()};
  const uint8_t hears[] = {1, 1, 0,   // the diagonal is ignored
                           1, 0, 1,
                           1, 1, 0};
  mix_matrix(in, out, hears, 3);
  EXPECT_EQ(oa, b);
  EXPECT_EQ(ob[0], 100 + 7);
  EXPECT_EQ(oc[0], 100 - 30);
}

TEST(MixMatrix, AllOnesIsMixMinusAndNobodyHeardIsSilence) {
  auto a = frame_of(30000), b = frame_of(20000), c = frame_of(-5);
  a[9] = -1;
  std::vector<int16_t> o1[3], o2[3];
  for (auto& v : o1) v.resize(kFrameSamples);
  for (auto& v : o2) v.resize(kFrameSamples);
  const int16_t* in[] = {a.data(), b.data(), c.data()};
  int16_t* out1[] = {o1[0].data(), o1[1].data(), o1[2].data()};
  int16_t* out2[] = {o2[0].data(), o2[1].data(), o2[2].data()};
  const uint8_t all[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
  mix_minus(in, out1, 3);
  mix_matrix(in, out2, all, 3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(o1[i], o2[i]) << "party " << i;
  EXPECT_EQ(o2[2][0], 32767);  // saturated like mix_minus
  const uint8_t none[9] = {};
  mix_matrix(in, out2, none, 3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(o2[i], frame_of(0)) << "party " << i;
}

TEST(MixInput, WaitsForTwoFramesThenHandsThemOutInOrder) {
  MixInput in;
  int16_t out[kFrameSamples];
  auto f1 = frame_of(1), f2 = frame_of(2), f3 = frame_of(3);
  EXPECT_FALSE(in.pop_frame(out));
  EXPECT_EQ(out[0], 0);
  in.push(f1.data(), kFrameSamples);
  EXPECT_FALSE(in.pop_frame(out));  // one frame: still filling
  EXPECT_EQ(out[kFrameSamples - 1], 0);
  in.push(f2.data(), kFrameSamples);
  ASSERT_TRUE(in.pop_frame(out));
  EXPECT_EQ(out[0], 1);
  in.push(f3.data(), kFrameSamples);
  ASSERT_TRUE(in.pop_frame(out));
  EXPECT_EQ(out[0], 2);
  ASSERT_TRUE(in.pop_frame(out));
  EXPECT_EQ(out[0], 3);
  // Dry: silence, and it fills up to two frames again before handing any out.
  EXPECT_FALSE(in.pop_frame(out));
  EXPECT_EQ(out[0], 0);
  in.push(f1.data(), kFrameSamples);
  EXPECT_FALSE(in.pop_frame(out));
  in.push(f2.data(), kFrameSamples);
  EXPECT_TRUE(in.pop_frame(out));
  EXPECT_EQ(out[0], 1);
}

TEST(MixInput, PacketsOfAnySizeAndABoundedDelay) {
  MixInput in;
  int16_t out[kFrameSamples];
  std::vector<int16_t> ramp(kFrameSamples * 20);
  for (size_t i = 0; i < ramp.size(); ++i) ramp[i] = static_cast<int16_t>(i);
  in.push(ramp.data(), 100);  // 12.5 ms and 27.5 ms packets
  in.push(ramp.data() + 100, 220);
  ASSERT_TRUE(in.pop_frame(out));
  EXPECT_EQ(out[0], 0);
  EXPECT_EQ(out[159], 159);
  EXPECT_EQ(in.buffered(), 160u);
  // A burst of 20 frames (400 ms): only the newest two are kept.
  in.clear();
  in.push(ramp.data(), ramp.size());
  EXPECT_EQ(in.buffered(), MixInput::kPrefillFrames * kFrameSamples);
  ASSERT_TRUE(in.pop_frame(out));
  EXPECT_EQ(out[0], static_cast<int16_t>(18 * kFrameSamples));
  ASSERT_TRUE(in.pop_frame(out));
  EXPECT_EQ(out[159], static_cast<int16_t>(20 * kFrameSamples - 1));
}

}  // namespace
}  // namespace plateau::media
