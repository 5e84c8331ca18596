#include "media/dtmf.h"

#include <algorithm>

#include <spandsp.h>

namespace plateau::media {

std::optional<TelephoneEvent> parse_telephone_event(const uint8_t* p, size_t len) {
  if (!p || len < 4) return std::nullopt;
  TelephoneEvent e;
  e.event = p[0];
  e.end = (p[1] & 0x80) != 0;
  e.volume = p[1] & 0x3F;
  e.duration = static_cast<uint16_t>((p[2] << 8) | p[3]);
  return e;
}

char event_digit(uint8_t event) {
  static constexpr char kDigits[] = "0123456789*#ABCD";
  return event < 16 ? kDigits[event] : '\0';
}

std::optional<char> Rfc4733Receiver::on_packet(uint32_t rtp_ts, const uint8_t* payload, size_t len,
                                               int64_t now_ms) {
  auto e = parse_telephone_event(payload, len);
  if (!e) return std::nullopt;
  Seen* same = nullptr;
  for (size_t i = 0; i < count_; ++i)
    if (seen_[i].ts == rtp_ts) same = &seen_[i];
  if (same) {
    const bool repressed = same->ended && now_ms - same->last_ms >= kRepressGapMs;
    same->last_ms = now_ms;
    if (!repressed) {
      same->ended = same->ended || e->end;
      return std::nullopt;
    }
    same->ended = e->end;
  } else {
    seen_[next_] = Seen{rtp_ts, e->end, now_ms};
    next_ = (next_ + 1) % kRemembered;
    count_ = std::min(count_ + 1, kRemembered);
  }
  const char d = event_digit(e->event);
  if (d == '\0') return std::nullopt;
  return d;
}

void InbandDtmfDetector::Free::operator()(dtmf_rx_state_s* s) const { dtmf_rx_free(s); }

InbandDtmfDetector::InbandDtmfDetector() : rx_(dtmf_rx_init(nullptr, nullptr, nullptr)) {}

InbandDtmfDetector::~InbandDtmfDetector() = default;

std::string InbandDtmfDetector::process(const int16_t* pcm, size_t n) {
  std::string out;
  if (!rx_ || n == 0) return out;
  dtmf_rx(rx_.get(), pcm, static_cast<int>(n));
  char buf[16];
  size_t got;
  while ((got = dtmf_rx_get(rx_.get(), buf, static_cast<int>(sizeof buf - 1))) > 0) out.append(buf, got);
  return out;
}

}  // namespace plateau::media
