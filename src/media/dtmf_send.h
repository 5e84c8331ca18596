// dtmf_send.h — keypad digits sent to a party: RFC 4733 telephone-event
// packets, or in-band tones for a party that negotiated no telephone-event.
//
// Rfc4733Sender schedules the packets of each digit on the 20 ms media tick
// (RFC 4733 §2.5.1): the first packet of an event (the sender marks it, new
// RTP timestamp), an update every tick with the duration so far, the end packet
// (E bit, full duration) sent three times, one tick apart (§2.5.1.4); 100 ms of
// tone (5 ticks, duration 800) and 100 ms between digits (the two retransmitted
// end packets fall in that gap). Volume 10 (-10 dBm0), as keypads send.
//
// InbandDtmfSender makes the tones (spandsp's DTMF generator, -10 dBm0 per
// tone, 100 ms on, 100 ms off) for the same digits, one frame per tick.
//
// Both take 0-9 * # A-D (a-d too); other characters are skipped and returned
// by accept(), so the caller can say what it refused. Thread: one sender per
// media leg, on the telephony thread; no locks. Neither allocates per tick.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "media/dtmf.h"
#include "media/pcm.h"

struct dtmf_tx_state_s;  // spandsp

namespace plateau::media {

// The event code of a keypad character (0-15), or -1.
int digit_event(char digit);

// Writes the 4-byte telephone-event payload of `e` (R bit clear).
void encode_telephone_event(const TelephoneEvent& e, uint8_t out[4]);

// The characters of `digits` that are not keypad digits (in order), "" if none.
std::string not_digits(std::string_view digits);

// One telephone-event packet to send at this tick.
struct EventPacket {
  TelephoneEvent event;
  bool first = false;  // the first packet of the event: new timestamp, marker bit
};

class Rfc4733Sender {
 public:
  static constexpr int kToneTicks = 5;    // 100 ms
  static constexpr int kEndRepeats = 3;   // end packets
  static constexpr int kDigitTicks = 10;  // tone + gap: 200 ms from one digit's start to the next
  static constexpr uint8_t kVolume = 10;

  // Queues the keypad digits of `digits` after those waiting.
  void add(std::string_view digits);
  // Advances one tick: the packet to send now, if any. While a digit's packets
  // go out (first to last end packet) its audio must not: RFC 4733 §2.5.1.3.
  std::optional<EventPacket> tick();
  bool idle() const { return pos_ >= queue_.size(); }

 private:
  std::string queue_;  // the digits, as event codes
  size_t pos_ = 0;     // the digit being sent
  int step_ = 0;       // tick within it, 0 .. kDigitTicks - 1
};

class InbandDtmfSender {
 public:
  InbandDtmfSender();
  ~InbandDtmfSender();
  InbandDtmfSender(const InbandDtmfSender&) = delete;
  InbandDtmfSender& operator=(const InbandDtmfSender&) = delete;

  void add(std::string_view digits);
  // The next 20 ms of tones and gaps; false (out untouched) once all are sent.
  bool next_frame(int16_t out[kFrameSamples]);

 private:
  struct Free {
    void operator()(dtmf_tx_state_s* s) const;
  };
  std::unique_ptr<dtmf_tx_state_s, Free> tx_;
};

}  // namespace plateau::media
