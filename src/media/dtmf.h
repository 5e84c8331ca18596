// dtmf.h — keypad digits from a call: RFC 4733 telephone-events and in-band tones.
//
// Rfc4733Receiver turns the telephone-event packets of one RTP stream into
// digits, one per key press: an event is identified by its RTP timestamp (all
// packets of one event share it, RFC 4733 §2.5.1.2), so the updates while the
// key is held, the three retransmitted end packets, duplicates and late
// packets of an earlier press (one of the last kRemembered timestamps) are all
// ignored once the digit was reported. A timestamp seen before counts as a new
// press only when its event had ended and nothing of it came for
// kRepressGapMs: senders that replay recorded packets (test tools, some
// gateways) reuse timestamps, while the retransmitted end packets of a real
// press follow it within tens of milliseconds. The digit is reported on the
// first packet seen of the event (lowest latency; still right if the start
// packets were lost). Events longer than 8 s, which RFC 4733 splits into
// segments with new timestamps, would count twice; no keypad sends them.
//
// InbandDtmfDetector runs spandsp's DTMF receiver over decoded 8 kHz audio,
// for peers that send the tones in the audio instead.
//
// Thread: each object belongs to one media leg on the telephony thread; no
// locks. Neither allocates per packet/frame (process() returns a std::string
// of at most a few digits, kept within its small-string buffer).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <array>
#include <optional>
#include <string>

struct dtmf_rx_state_s;  // spandsp

namespace plateau::media {

struct TelephoneEvent {
  uint8_t event = 0;      // 0-9, 10 '*', 11 '#', 12-15 'A'-'D', others: not digits
  bool end = false;       // E bit
  uint8_t volume = 0;     // 0..63, -dBm0
  uint16_t duration = 0;  // in RTP timestamp units
};

// Parses the first 4-byte event of a telephone-event payload; nullopt if shorter.
std::optional<TelephoneEvent> parse_telephone_event(const uint8_t* payload, size_t len);

// The keypad character of an event code, or '\0' if it is not a DTMF digit.
char event_digit(uint8_t event);

class Rfc4733Receiver {
 public:
  static constexpr size_t kRemembered = 8;
  static constexpr int64_t kRepressGapMs = 200;

  // One telephone-event packet with its RTP timestamp, arrived at `now_ms`
  // (any monotonic clock); the digit if this packet is the first seen of a
  // new key press.
  std::optional<char> on_packet(uint32_t rtp_ts, const uint8_t* payload, size_t len, int64_t now_ms);
  // Forget the presses seen (e.g. the sender's SSRC changed).
  void reset() { count_ = 0; }

 private:
  struct Seen {
    uint32_t ts = 0;
    bool ended = false;
    int64_t last_ms = 0;
  };
  std::array<Seen, kRemembered> seen_{};
  size_t count_ = 0, next_ = 0;  // filled entries; where the next new press goes
};

class InbandDtmfDetector {
 public:
  InbandDtmfDetector();
  ~InbandDtmfDetector();
  InbandDtmfDetector(const InbandDtmfDetector&) = delete;
  InbandDtmfDetector& operator=(const InbandDtmfDetector&) = delete;

  // Feeds decoded samples (any count); returns the digits whose tone ended in
  // them, in order (usually none).
  std::string process(const int16_t* pcm, size_t n);

 private:
  struct Free {
    void operator()(dtmf_rx_state_s* s) const;
  };
  std::unique_ptr<dtmf_rx_state_s, Free> rx_;
};

}  // namespace plateau::media
