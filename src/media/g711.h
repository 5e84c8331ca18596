// g711.h — G.711 µ-law (PCMU, RTP payload type 0) and A-law (PCMA, payload type 8)
// for whole buffers of 8 kHz samples.
//
// The code values are spandsp's (linear_to_ulaw and friends); decoding goes
// through 256-entry tables built from them once, at static initialisation.
// Thread-safety: pure functions over caller buffers, any thread, no allocation.
// `in` and `out` must not overlap.
#pragma once

#include <cstddef>
#include <cstdint>

namespace plateau::media {

inline constexpr uint8_t kPayloadPcmu = 0;
inline constexpr uint8_t kPayloadPcma = 8;

void ulaw_encode(const int16_t* in, uint8_t* out, size_t n);
void ulaw_decode(const uint8_t* in, int16_t* out, size_t n);
void alaw_encode(const int16_t* in, uint8_t* out, size_t n);
void alaw_decode(const uint8_t* in, int16_t* out, size_t n);

// By payload type: 8 is A-law, anything else µ-law (callers only negotiate 0 or 8).
void g711_encode(uint8_t payload_type, const int16_t* in, uint8_t* out, size_t n);
void g711_decode(uint8_t payload_type, const uint8_t* in, int16_t* out, size_t n);

}  // namespace plateau::media
