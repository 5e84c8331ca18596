// dtmf.h — keypad digits from a call: RFC 4733 telephone-events and in-band tones.
//
// Rfc4733Receiver turns the telephone-event packets of one RTP stream into
// digits, one per key press: an event is identified by its RTP timestamp (all
// packets of one event share it, RFC 4733 §2.5.1.2), so the updates while the
// key is held, the three retransmitted end packets and duplicates are all
// ignored once the digit was reported; so are late packets of an earlier press
// (timestamp up to 10 s behind the last one seen; further behind is taken as
// the sender restarting its stream). The digit is reported on the first
// packet seen of the event (lowest latency; still right if the start packets
// were lost). Events longer than 8 s, which RFC 4733 splits into segments with
// new timestamps, would count twice; no keypad sends them.
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
  // One telephone-event packet with its RTP timestamp; the digit if this
  // packet is the first seen of a new key press.
  std::optional<char> on_packet(uint32_t rtp_ts, const uint8_t* payload, size_t len);
  // Forget the last press (e.g. the sender's SSRC changed).
  void reset() { have_last_ = false; }

 private:
  static constexpr int32_t kLateWindow = 10 * 8000;
  bool have_last_ = false;
  uint32_t last_ts_ = 0;
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
