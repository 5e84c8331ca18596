#include "media/g711.h"

#include <spandsp.h>

#include <array>

namespace plateau::media {
namespace {

struct DecodeTables {
  std::array<int16_t, 256> ulaw{};
  std::array<int16_t, 256> alaw{};
  DecodeTables() {
    for (int c = 0; c < 256; ++c) {
      ulaw[static_cast<size_t>(c)] = ulaw_to_linear(static_cast<uint8_t>(c));
      alaw[static_cast<size_t>(c)] = alaw_to_linear(static_cast<uint8_t>(c));
    }
  }
};

const DecodeTables& tables() {
  static const DecodeTables t;
  return t;
}

// Built before main() so that the first call on the telephony thread does not
// pay for it.
[[maybe_unused]] const DecodeTables& kWarm = tables();

}  // namespace

void ulaw_encode(const int16_t* in, uint8_t* out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = linear_to_ulaw(in[i]);
}

void alaw_encode(const int16_t* in, uint8_t* out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = linear_to_alaw(in[i]);
}

void ulaw_decode(const uint8_t* in, int16_t* out, size_t n) {
  const auto& t = tables().ulaw;
  for (size_t i = 0; i < n; ++i) out[i] = t[in[i]];
}

void alaw_decode(const uint8_t* in, int16_t* out, size_t n) {
  const auto& t = tables().alaw;
  for (size_t i = 0; i < n; ++i) out[i] = t[in[i]];
}

void g711_encode(uint8_t payload_type, const int16_t* in, uint8_t* out, size_t n) {
  if (payload_type == kPayloadPcma)
    alaw_encode(in, out, n);
  else
    ulaw_encode(in, out, n);
}

void g711_decode(uint8_t payload_type, const uint8_t* in, int16_t* out, size_t n) {
  if (payload_type == kPayloadPcma)
    alaw_decode(in, out, n);
  else
    ulaw_decode(in, out, n);
}

}  // namespace plateau::media
