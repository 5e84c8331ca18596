// mixer.h — a conference of 2..N parties on the 20 ms media tick: each party
// hears the sum of the others (mix_minus), or of those it may hear (mix_matrix).
//
// Written here rather than taken from a library: spandsp, our DSP library, has
// no conference mixer, and the job is small — per tick, the 160 samples of
// every party added up in 32 bits, then for each party that total minus its own
// samples, saturated to 16 bits (a hard clip, which only loud parties talking at
// once reach; G.711 has no headroom to keep anyway). Decoding and re-encoding
// (each receiver in its own codec) stay with the legs (g711.h).
//
// MixInput is what one party sent, decoded, as its packets come (at the
// sender's pace), taken one frame per tick: a small jitter buffer. It hands out
// nothing (silence) until two frames are in, so that a packet that comes just
// after a tick is not lost; when it runs dry it fills up to two frames again;
// when more than kMaxFrames wait (a sender faster than our clock, a burst after
// a network stall) the oldest are dropped down to two frames, so the delay
// stays bounded.
//
// Pure: no clock, no I/O, no allocation; no locks. Thread: the telephony thread
// (one MixInput per party of a conference).
#pragma once

#include <cstddef>
#include <cstdint>

#include "media/pcm.h"

namespace plateau::media {

class MixInput {
 public:
  static constexpr size_t kPrefillFrames = 2;
  static constexpr size_t kMaxFrames = 8;  // 160 ms

  // Appends decoded samples (any count).
  void push(const int16_t* samples, size_t n);
  // Fills `out` with the next frame and returns true, or fills it with silence
  // and returns false while the buffer fills (at the start, after running dry).
  bool pop_frame(int16_t out[kFrameSamples]);
  size_t buffered() const { return size_; }  // samples waiting
  void clear();

 private:
  static constexpr size_t kCap = (kMaxFrames + 1) * kFrameSamples;
  int16_t buf_[kCap] = {};
  size_t head_ = 0, size_ = 0;
  bool filling_ = true;
};

// For each party i of `parties`: out[i][k] = the sum over j != i of in[j][k],
// saturated to [-32768, 32767], for k < samples. `in` and `out` hold `parties`
// pointers to buffers of `samples` samples; no out buffer may overlap an in
// buffer.
void mix_minus(const int16_t* const* in, int16_t* const* out, size_t parties, size_t samples = kFrameSamples);

// Who hears whom, for a call with supervisors (listen, whisper): for each
// party i, out[i][k] = the sum over j != i with hears[i * parties + j] != 0 of
// in[j][k], saturated to [-32768, 32767]. `hears` is a parties x parties
// matrix, row i for what party i hears; its diagonal is ignored (nobody hears
// itself). A matrix of ones is mix_minus.
void mix_matrix(const int16_t* const* in, int16_t* const* out, const uint8_t* hears, size_t parties,
                size_t samples = kFrameSamples);

}  // namespace plateau::media
