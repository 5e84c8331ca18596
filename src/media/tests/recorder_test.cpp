#include "media/recorder.h"

#include <gtest/gtest.h>
#include <sndfile.h>
#include <sys/stat.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <vector>

#include "media/prompt.h"
#include "media/tests/temp_dir.h"

namespace plateau::media {
namespace {

using test::TempDir;

struct WavRead {
  SF_INFO info{};
  std::vector<int16_t> frames;  // interleaved
  bool ok = false;
};

WavRead read_wav(const std::string& path) {
  WavRead r;
  SNDFILE* sf = sf_open(path.c_str(), SFM_READ, &r.info);
  if (!sf) return r;
  r.frames.resize(static_cast<size_t>(r.info.frames * r.info.channels));
  const sf_count_t got = sf_readf_short(sf, r.frames.data(), r.info.frames);
  r.ok = got == r.info.frames;
  sf_close(sf);
  return r;
}

double channel_energy(const WavRead& r, int ch) {
  double e = 0;
  for (size_t i = static_cast<size_t>(ch); i < r.frames.size(); i += 2)
    e += double(r.frames[i]) * r.frames[i];
  return e;
}

std::vector<int16_t> tone(size_t n, double hz) {
  std::vector<int16_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<int16_t>(10000 * std::sin(2 * M_PI * hz * i / 8000.0));
  return v;
}

// Writes `seconds` of caller tone / agent silence in 20 ms frames.
void write_call(RecordingWriter& w, RecHandle h, int seconds) {
  const auto left = tone(static_cast<size_t>(seconds) * 8000, 440);
  const std::vector<int16_t> silence(160, 0);
  for (size_t off = 0; off < left.size(); off += 160) w.write(h, left.data() + off, silence.data(), 160);
}

class RecorderFormats : public ::testing::TestWithParam<RecordingFormat> {};

TEST_P(RecorderFormats, ThreeSecondsOfToneLeftSilenceRight) {
  TempDir dir;
  const std::string path = dir / "recordings/2026/11/22/call-1.wav";  // folders do not exist yet
  int calls = 0;
  Status result = make_error("unset", "");
  {
    RecorderOptions opt;
    opt.format = GetParam();
    RecordingWriter w(opt);
    RecHandle h = w.open(path);
    ASSERT_TRUE(h.valid());
    write_call(w, h, 3);
    w.close(h, [&](Status st) {
      ++calls;
      result = st;
    });
    w.drain();
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(result.ok()) << result.error().message;
    EXPECT_EQ(w.stats().opened, 1u);
    EXPECT_EQ(w.stats().closed, 1u);
  }
  EXPECT_EQ(calls, 1);  // not called again at shutdown
  WavRead r = read_wav(path);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.info.channels, 2);
  EXPECT_EQ(r.info.samplerate, 8000);
  EXPECT_EQ(r.info.frames, 24000);
  EXPECT_EQ(r.info.format & SF_FORMAT_TYPEMASK, SF_FORMAT_WAV);
  EXPECT_EQ(r.info.format & SF_FORMAT_SUBMASK,
            GetParam() == RecordingFormat::Ulaw ? SF_FORMAT_ULAW : SF_FORMAT_PCM_16);
  // A 10000-amplitude sine has mean power 5e7 per sample.
  EXPECT_GT(channel_energy(r, 0) / 24000, 4e7);
  EXPECT_EQ(channel_energy(r, 1), 0.0);
  // Disk rate: µ-law is one byte per sample.
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  const off_t data = 24000 * 2 * (GetParam() == RecordingFormat::Ulaw ? 1 : 2);
  EXPECT_GE(st.st_size, data);
  EXPECT_LT(st.st_size, data + 200);
}

INSTANTIATE_TEST_SUITE_P(Formats, RecorderFormats,
                         ::testing::Values(RecordingFormat::Ulaw, RecordingFormat::Pcm16));

// One leg (a voicemail): mono, the same format, beside a stereo call recording
// on the same writer; each ignores the other kind of write.
TEST_P(RecorderFormats, MonoRecordingOfOneLegIsReadableAsAPrompt) {
  TempDir dir;
  const std::string mono = dir / "voicemail/2026/12/01/7.wav", stereo = dir / "call.wav";
  RecorderOptions opt;
  opt.format = GetParam();
  RecordingWriter w(opt);
  RecHandle hm = w.open(mono, 1);
  RecHandle hs = w.open(stereo);
  const auto voice = tone(12000, 1000);  // 1.5 s: three full 0.5 s blocks
  for (size_t off = 0; off < voice.size(); off += 160) {
    w.write_mono(hm, voice.data() + off, 160);
    w.write(hm, voice.data() + off, voice.data() + off, 160);  // ignored: not stereo
    w.write(hs, voice.data() + off, voice.data() + off, 160);
    w.write_mono(hs, voice.data() + off, 160);  // ignored: not mono
  }
  w.write_mono(hm, voice.data(), 80);  // and a partial block, written by close
  int closed = 0;
  for (RecHandle h : {hm, hs}) {
    w.close(h, [&](Status st) {
      EXPECT_TRUE(st.ok()) << st.error().message;
      ++closed;
    });
  }
  w.drain();
  EXPECT_EQ(closed, 2);

  WavRead r = read_wav(mono);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.info.channels, 1);
  EXPECT_EQ(r.info.samplerate, 8000);
  EXPECT_EQ(r.info.frames, 12080);
  EXPECT_EQ(r.info.format & SF_FORMAT_SUBMASK,
            GetParam() == RecordingFormat::Ulaw ? SF_FORMAT_ULAW : SF_FORMAT_PCM_16);
  EXPECT_EQ(read_wav(stereo).info.frames, 12000);
  EXPECT_EQ(read_wav(stereo).info.channels, 2);

  auto pcm = read_prompt_wav(mono);  // a voicemail can be played back as a prompt
  ASSERT_TRUE(pcm.ok()) << pcm.error().message;
  ASSERT_EQ(pcm->size(), 12080u);
  for (size_t i = 0; i < 12000; i += 37) EXPECT_NEAR((*pcm)[i], voice[i], 16 + std::abs(voice[i]) / 16) << i;
}

// A recording still open (as if the server died now) is already a valid WAV
// holding every block handed to the writer.
TEST(Recorder, OpenRecordingHasAValidHeaderAfterEachBlock) {
  TempDir dir;
  const std::string path = dir / "live.wav";
  RecordingWriter w;
  RecHandle h = w.open(path);
  write_call(w, h, 3);  // six full 0.5 s blocks
  const std::vector<int16_t> frame(160, 1000);
  w.write(h, frame.data(), frame.data(), 160);  // a partial block stays in memory
  w.drain();
  WavRead r = read_wav(path);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.info.channels, 2);
  EXPECT_EQ(r.info.frames, 24000);
  bool closed_ok = false;
  w.close(h, [&](Status st) { closed_ok = st.ok(); });
  w.drain();
  EXPECT_TRUE(closed_ok);
  EXPECT_EQ(read_wav(path).info.frames, 24160);
}

TEST(Recorder, TwoHundredConcurrentRecordingsFromOneThread) {
  TempDir dir;
  constexpr int kCalls = 200;
  std::atomic<int> ok{0}, failed{0}, total_callbacks{0};
  std::vector<int> per_call(kCalls, 0);
  {
    RecordingWriter w;
    std::vector<RecHandle> handles;
    for (int i = 0; i < kCalls; ++i)
      handles.push_back(
          w.open(dir / ("rec/" + std::to_string(i % 7) + "/call" + std::to_string(i) + ".wav")));
    std::vector<int16_t> left(160), right(160);
    for (int f = 0; f < 100; ++f) {  // 2 s of 20 ms ticks
      for (int i = 0; i < kCalls; ++i) {
        for (int k = 0; k < 160; ++k) {
          left[static_cast<size_t>(k)] = static_cast<int16_t>(i * 100 + 1);  // call-specific level
          right[static_cast<size_t>(k)] = static_cast<int16_t>(-(i * 100 + 1));
        }
        w.write(handles[static_cast<size_t>(i)], left.data(), right.data(), 160);
      }
    }
    for (int i = 0; i < kCalls; ++i) {
      w.close(handles[static_cast<size_t>(i)], [&, i](Status st) {
        ++per_call[static_cast<size_t>(i)];
        ++total_callbacks;
        (st.ok() ? ok : failed)++;
      });
    }
    w.drain();
    EXPECT_EQ(w.stats().dropped_blocks, 0u);
    EXPECT_EQ(w.stats().pending_blocks, 0u);
    // Closed handles are dead: writing to or closing them again changes nothing.
    w.write(handles[0], left.data(), right.data(), 160);
    Status again;
    w.close(handles[0], [&](Status st) { again = st; });
    w.drain();
    EXPECT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, "media.rec_handle");
  }
  EXPECT_EQ(ok.load(), kCalls);
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(total_callbacks.load(), kCalls);
  for (int c : per_call) EXPECT_EQ(c, 1);
  for (int i = 0; i < kCalls; ++i) {
    WavRead r = read_wav(dir / ("rec/" + std::to_string(i % 7) + "/call" + std::to_string(i) + ".wav"));
    ASSERT_TRUE(r.ok) << i;
    ASSERT_EQ(r.info.frames, 16000) << i;
    // Each file holds its own call's audio (no mix-up between recordings).
    const int level = i * 100 + 1;
    EXPECT_NEAR(r.frames[0], level, level / 16 + 40) << i;
    EXPECT_NEAR(r.frames[1], -level, level / 16 + 40) << i;
    EXPECT_EQ(r.frames[r.frames.size() - 2], r.frames[0]) << i;
  }
}

TEST(Recorder, UncreatableFileIsReportedNotFatal) {
  TempDir dir;
  // A regular file where a folder should be: the path cannot be created.
  {
    std::FILE* f = std::fopen((dir / "blocker").c_str(), "w");
    std::fclose(f);
  }
  std::vector<Error> errors;
  RecorderOptions opt;
  opt.on_error = [&](const Error& e) { errors.push_back(e); };
  RecordingWriter w(opt);
  RecHandle h = w.open(dir / "blocker/sub/x.wav");
  write_call(w, h, 1);
  Status st;
  int calls = 0;
  w.close(h, [&](Status s) {
    st = s;
    ++calls;
  });
  w.drain();
  EXPECT_EQ(calls, 1);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "media.rec_open");
  EXPECT_NE(st.error().message.find("blocker/sub/x.wav"), std::string::npos);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(w.stats().open_errors, 1u);
  EXPECT_EQ(w.stats().opened, 0u);
}

TEST(Recorder, NeverClosedRecordingIsFinalisedAtShutdown) {
  TempDir dir;
  const std::string path = dir / "forgotten.wav";
  {
    RecordingWriter w;
    RecHandle h = w.open(path);
    const std::vector<int16_t> frame(160, 500);
    for (int i = 0; i < 10; ++i) w.write(h, frame.data(), frame.data(), 160);  // under one block
  }
  WavRead r = read_wav(path);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.info.frames, 1600);
}

TEST(Recorder, FullQueueDropsBlocksInsteadOfGrowing) {
  TempDir dir;
  RecorderOptions opt;
  opt.block_frames = 160;
  opt.max_pending_blocks = 0;  // everything is "too much backlog"
  RecordingWriter w(opt);
  RecHandle h = w.open(dir / "dropped.wav");
  const std::vector<int16_t> frame(160, 1);
  for (int i = 0; i < 5; ++i) w.write(h, frame.data(), frame.data(), 160);
  w.close(h, {});
  w.drain();
  EXPECT_EQ(w.stats().dropped_blocks, 5u);
  EXPECT_EQ(read_wav(dir / "dropped.wav").info.frames, 0);
}

}  // namespace
}  // namespace plateau::media
