// pcm.h — the audio unit shared by prompts, players and recordings: 8 kHz mono
// signed 16-bit samples, 20 ms (160 samples) per media tick.
//
// A PcmBuffer is immutable once built, so it is shared between threads without
// locks (shared_ptr's count is atomic).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace plateau::media {

inline constexpr int kSampleRate = 8000;
inline constexpr size_t kFrameSamples = 160;  // 20 ms at 8 kHz

using PcmBuffer = std::shared_ptr<const std::vector<int16_t>>;

}  // namespace plateau::media
