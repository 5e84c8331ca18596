// bench_media.cpp — per-frame costs of the media hot path (one 20 ms frame of
// one call): G.711 both ways, a player frame, the recorder write, RTP shaping.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "media/g711.h"
#include "media/player.h"
#include "media/recorder.h"
#include "media/rtp_stream.h"

namespace pm = plateau::media;

namespace {

std::vector<int16_t> tone() {
  std::vector<int16_t> v(pm::kFrameSamples);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int16_t>(9000 * std::sin(i * 0.3));
  return v;
}

void BM_UlawEncodeFrame(benchmark::State& state) {
  auto pcm = tone();
  uint8_t out[pm::kFrameSamples];
  for (auto _ : state) {
    pm::ulaw_encode(pcm.data(), out, pm::kFrameSamples);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_UlawEncodeFrame);

void BM_AlawDecodeFrame(benchmark::State& state) {
  uint8_t in[pm::kFrameSamples];
  for (size_t i = 0; i < pm::kFrameSamples; ++i) in[i] = static_cast<uint8_t>(i * 7);
  int16_t out[pm::kFrameSamples];
  for (auto _ : state) {
    pm::alaw_decode(in, out, pm::kFrameSamples);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_AlawDecodeFrame);

void BM_PlayerLoopFrame(benchmark::State& state) {
  auto buf = std::make_shared<const std::vector<int16_t>>(8000 * 20 + 37, int16_t{3});
  pm::Player p(buf, true);
  int16_t out[pm::kFrameSamples];
  for (auto _ : state) {
    p.next_frame(out);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_PlayerLoopFrame);

void BM_ShaperRelay(benchmark::State& state) {
  pm::RtpStreamShaper s;
  uint16_t seq = 0;
  uint32_t ts = 0;
  uint64_t now = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(s.relay(seq++, ts += 160, 42, false, now += 160));
  }
}
BENCHMARK(BM_ShaperRelay);

// Cost seen by the telephony thread: one stereo frame into the recording
// (the disk work happens on the writer thread and is not counted here).
void BM_RecorderWriteFrame(benchmark::State& state) {
  const std::string dir = "/tmp/plateau-media-bench-" + std::to_string(::getpid());
  {
    pm::RecordingWriter w;
    const int calls = static_cast<int>(state.range(0));
    std::vector<pm::RecHandle> h;
    for (int i = 0; i < calls; ++i) h.push_back(w.open(dir + "/" + std::to_string(i) + ".wav"));
    auto left = tone(), right = tone();
    size_t i = 0;
    for (auto _ : state) {
      w.write(h[i], left.data(), right.data(), pm::kFrameSamples);
      if (++i == h.size()) i = 0;
    }
    for (auto x : h) w.close(x, {});
    state.counters["dropped_blocks"] = static_cast<double>(w.stats().dropped_blocks);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}
// Bounded: each iteration is 20 ms of audio that really goes to disk.
BENCHMARK(BM_RecorderWriteFrame)->Arg(1)->Arg(200)->Iterations(100000);

}  // namespace

BENCHMARK_MAIN();
