// Labelled cue points: the chunk bytes, and a recording whose marks are cue
// points that libsndfile still reads as the same audio.
#include "media/wav_cues.h"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <vector>

#include "media/recorder.h"
#include "media/tests/temp_dir.h"

namespace plateau::media {
namespace {

using test::TempDir;

TEST(WavCues, ChunkBytes) {
  const std::string c = cue_chunks({{8000, "ab"}});
  // "cue " + size 28 + count 1 + (id 1, pos 8000, "data", 0, 0, 8000)
  ASSERT_EQ(c.size(), 8u + 28u + 8u + 4u + 8u + 4u + 4u);
  EXPECT_EQ(c.substr(0, 4), "cue ");
  EXPECT_EQ(static_cast<unsigned char>(c[4]), 28);
  EXPECT_EQ(c.substr(36, 4), "LIST");
  EXPECT_EQ(c.substr(44, 8), std::string("adtllabl"));
  EXPECT_EQ(c.substr(c.size() - 4, 4), std::string("ab\0\0", 4));  // NUL and the pad byte
  EXPECT_TRUE(cue_chunks({}).empty());
}

TEST(WavCues, RecordingMarksBecomeCuePoints) {
  TempDir dir;
  const std::string path = dir / "rec.wav";
  std::vector<int16_t> left(160, 1000), right(160, -1000);
  {
    RecordingWriter w;
    RecHandle h = w.open(path);
    for (int i = 0; i < 50; ++i) w.write(h, left.data(), right.data(), 160);  // 1 s
    w.mark(h, "recording paused");
    for (int i = 0; i < 100; ++i) w.write(h, left.data(), right.data(), 160);  // 2 s
    w.mark(h, "recording resumed");
    for (int i = 0; i < 25; ++i) w.write(h, left.data(), right.data(), 160);
    Status closed = make_error("unset", "");
    w.close(h, [&closed](Status st) { closed = st; });
    w.drain();
    ASSERT_TRUE(closed.ok()) << closed.error().message;
  }
  auto cues = read_cue_points(path);
  ASSERT_TRUE(cues) << cues.error().message;
  EXPECT_EQ(*cues, (std::vector<CuePoint>{{8000, "recording paused"}, {24000, "recording resumed"}}));
  SF_INFO info{};
  SNDFILE* sf = sf_open(path.c_str(), SFM_READ, &info);
  ASSERT_NE(sf, nullptr) << sf_strerror(nullptr);
  EXPECT_EQ(info.frames, 175 * 160);
  EXPECT_EQ(info.channels, 2);
  sf_close(sf);
  EXPECT_EQ(read_cue_points(dir / "missing.wav").error().code, "media.rec_cues");
}

}  // namespace
}  // namespace plateau::media
