#include "media/mixer.h"

#include <algorithm>

namespace plateau::media {

void MixInput::push(const int16_t* samples, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (size_ == kCap) {  // full: drop the oldest
      head_ = (head_ + 1) % kCap;
      --size_;
    }
    buf_[(head_ + size_) % kCap] = samples[i];
    ++size_;
  }
  if (size_ > kMaxFrames * kFrameSamples) {  // too far behind: keep the newest two frames
    const size_t drop = size_ - kPrefillFrames * kFrameSamples;
    head_ = (head_ + drop) % kCap;
    size_ -= drop;
  }
}

bool MixInput::pop_frame(int16_t out[kFrameSamples]) {
  if (filling_ && size_ >= kPrefillFrames * kFrameSamples) filling_ = false;
  if (filling_ || size_ < kFrameSamples) {
    std::fill(out, out + kFrameSamples, int16_t{0});
    filling_ = true;
    return false;
  }
  for (size_t i = 0; i < kFrameSamples; ++i) out[i] = buf_[(head_ + i) % kCap];
  head_ = (head_ + kFrameSamples) % kCap;
  size_ -= kFrameSamples;
  return true;
}

void MixInput::clear() {
  head_ = size_ = 0;
  filling_ = true;
}

void mix_minus(const int16_t* const* in, int16_t* const* out, size_t parties, size_t samples) {
  for (size_t k = 0; k < samples; ++k) {
    int32_t total = 0;
    for (size_t i = 0; i < parties; ++i) total += in[i][k];
    for (size_t i = 0; i < parties; ++i)
      out[i][k] = static_cast<int16_t>(std::clamp<int32_t>(total - in[i][k], -32768, 32767));
  }
}

void mix_matrix(const int16_t* const* in, int16_t* const* out, const uint8_t* hears, size_t parties,
                size_t samples) {
  for (size_t i = 0; i < parties; ++i) {
    const uint8_t* row = hears + i * parties;
    for (size_t k = 0; k < samples; ++k) {
      int32_t sum = 0;
      for (size_t j = 0; j < parties; ++j)
        if (j != i && row[j]) sum += in[j][k];
      out[i][k] = static_cast<int16_t>(std::clamp<int32_t>(sum, -32768, 32767));
    }
  }
}

}  // namespace plateau::media
