#include "media/player.h"

#include <gtest/gtest.h>

#include <numeric>

namespace plateau::media {
namespace {

PcmBuffer ramp(size_t n) {
  std::vector<int16_t> v(n);
  std::iota(v.begin(), v.end(), int16_t{1});
  return std::make_shared<const std::vector<int16_t>>(std::move(v));
}

TEST(Player, OncePadsLastFrameThenEnds) {
  Player p(ramp(400));  // 2.5 frames
  int16_t f[kFrameSamples];
  ASSERT_TRUE(p.next_frame(f));
  EXPECT_EQ(f[0], 1);
  EXPECT_EQ(f[159], 160);
  ASSERT_TRUE(p.next_frame(f));
  EXPECT_EQ(f[0], 161);
  ASSERT_TRUE(p.next_frame(f));
  EXPECT_EQ(f[0], 321);
  EXPECT_EQ(f[79], 400);
  EXPECT_EQ(f[80], 0);
  EXPECT_EQ(f[159], 0);
  EXPECT_TRUE(p.finished());
  f[0] = 77;
  EXPECT_FALSE(p.next_frame(f));
  EXPECT_EQ(f[0], 77);
  EXPECT_FALSE(p.next_frame(f));
}

TEST(Player, ExactMultipleHasNoExtraFrame) {
  Player p(ramp(320));
  int16_t f[kFrameSamples];
  EXPECT_TRUE(p.next_frame(f));
  EXPECT_TRUE(p.next_frame(f));
  EXPECT_FALSE(p.next_frame(f));
}

TEST(Player, LoopWrapsAcrossFrameBoundaryForever) {
  Player p(ramp(100), /*loop=*/true);  // shorter than a frame: wraps inside one frame
  int16_t f[kFrameSamples];
  for (int frame = 0; frame < 50; ++frame) {
    ASSERT_TRUE(p.next_frame(f));
    for (size_t i = 0; i < kFrameSamples; ++i) {
      const size_t global = static_cast<size_t>(frame) * kFrameSamples + i;
      ASSERT_EQ(f[i], static_cast<int16_t>(global % 100 + 1)) << "frame " << frame << " i " << i;
    }
  }
  EXPECT_FALSE(p.finished());
}

TEST(Player, EmptyOrNullPlaysNothingEvenInLoop) {
  int16_t f[kFrameSamples];
  EXPECT_FALSE(Player().next_frame(f));
  Player looped(std::make_shared<const std::vector<int16_t>>(), true);
  EXPECT_FALSE(looped.next_frame(f));
}

TEST(Player, PlaylistIsCallerSwitchingPlayers) {
  auto greeting = ramp(200);
  auto music = std::make_shared<const std::vector<int16_t>>(std::vector<int16_t>(160, 5));
  Player current(greeting);
  int16_t f[kFrameSamples];
  int frames = 0;
  bool on_music = false;
  while (frames < 5) {
    if (!current.next_frame(f)) {
      ASSERT_FALSE(on_music);
      current = Player(music, true);
      on_music = true;
      continue;
    }
    ++frames;
  }
  EXPECT_TRUE(on_music);
  EXPECT_EQ(f[0], 5);
  EXPECT_EQ(greeting.use_count(), 1);  // the finished player released nothing it should keep
}

PcmBuffer constant(size_t n, int16_t v) {
  return std::make_shared<const std::vector<int16_t>>(std::vector<int16_t>(n, v));
}

TEST(Player, SequencePlaysBuffersBackToBackThenEnds) {
  // 100 + 300 + 40 samples: the first frame holds the end of one and the start of the next.
  Player p(std::vector<PcmBuffer>{constant(100, 1), constant(300, 2), constant(40, 3)});
  EXPECT_FALSE(p.looping());
  int16_t f[kFrameSamples];
  ASSERT_TRUE(p.next_frame(f));
  EXPECT_EQ(f[0], 1);
  EXPECT_EQ(f[99], 1);
  EXPECT_EQ(f[100], 2);
  EXPECT_EQ(f[159], 2);
  ASSERT_TRUE(p.next_frame(f));
  EXPECT_EQ(f[0], 2);
  EXPECT_EQ(p.position(), 320u);
  ASSERT_TRUE(p.next_frame(f));
  EXPECT_EQ(f[79], 2);
  EXPECT_EQ(f[80], 3);
  EXPECT_EQ(f[119], 3);
  EXPECT_EQ(f[120], 0);  // the last frame is padded with silence
  EXPECT_TRUE(p.finished());
  EXPECT_EQ(p.position(), 440u);
  EXPECT_FALSE(p.next_frame(f));
}

TEST(Player, SequenceSkipsAbsentAndEmptyBuffers) {
  auto empty = std::make_shared<const std::vector<int16_t>>();
  Player p(std::vector<PcmBuffer>{nullptr, constant(160, 7), empty, nullptr, constant(160, 9), nullptr});
  int16_t f[kFrameSamples];
  ASSERT_TRUE(p.next_frame(f));
  EXPECT_EQ(f[0], 7);
  ASSERT_TRUE(p.next_frame(f));
  EXPECT_EQ(f[0], 9);
  EXPECT_FALSE(p.next_frame(f));
}

TEST(Player, SequenceOfNothingPlaysNothing) {
  int16_t f[kFrameSamples];
  EXPECT_FALSE(Player(std::vector<PcmBuffer>{}).next_frame(f));
  auto empty = std::make_shared<const std::vector<int16_t>>();
  EXPECT_FALSE(Player(std::vector<PcmBuffer>{nullptr, empty}).next_frame(f));
  EXPECT_TRUE(Player(std::vector<PcmBuffer>{nullptr}).finished());
}

TEST(Player, SequenceRewindsToItsFirstBuffer) {
  Player p(std::vector<PcmBuffer>{constant(160, 1), constant(160, 2)});
  int16_t f[kFrameSamples];
  ASSERT_TRUE(p.next_frame(f));
  ASSERT_TRUE(p.next_frame(f));
  EXPECT_EQ(f[0], 2);
  p.rewind();
  EXPECT_EQ(p.position(), 0u);
  ASSERT_TRUE(p.next_frame(f));
  EXPECT_EQ(f[0], 1);
}

}  // namespace
}  // namespace plateau::media
