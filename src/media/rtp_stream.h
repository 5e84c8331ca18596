// rtp_stream.h — one consistent outgoing RTP stream per receiver while what
// feeds it changes (prompt, music, the other party's voice relayed).
//
// The receiver sees one SSRC, sequence numbers that go up by one per packet
// sent, and timestamps that keep moving forward with wall time. On each change
// of source (local <-> relay, or the relayed party's SSRC changing, or its
// sequence numbers jumping as if it restarted) the first packet gets the
// marker bit and the timestamp is rebased: last timestamp sent + the wall time
// elapsed since it was sent (at least the length of that packet). Within a
// relayed source, sequence and timestamp are shifted by a fixed offset, so
// losses stay visible as gaps and reordering is kept as it came. Local frames
// are contiguous; a pause of more than 100 ms between local frames starts a
// new talkspurt (marker, timestamp jumps by the pause), as RFC 3551 asks.
//
// Telephone-events (RFC 4733, digits we send) take the same SSRC and sequence:
// the first packet of an event has the marker and the stream's current
// timestamp, its updates and end packets repeat that timestamp; the stream's
// time keeps moving with the wall clock, so what follows the event (local or
// relayed) is rebased past it like any change of source.
//
// Pure: the caller gives the time as `now_samples`, a monotonic count of 8 kHz
// sample periods (e.g. monotonic milliseconds * 8); no clock of its own.
// Thread: one shaper per outgoing stream, on the telephony thread; no locks,
// no allocation.
#pragma once

#include <cstdint>

namespace plateau::media {

struct OutHeader {
  uint16_t seq = 0;
  uint32_t ts = 0;
  uint32_t ssrc = 0;
  bool marker = false;
  // A relayed packet from before the switch to its source arrived late:
  // sending it would reuse a sequence number already sent. Skip it.
  bool drop = false;
};

class RtpStreamShaper {
 public:
  RtpStreamShaper();  // random SSRC, first sequence number and timestamp (RFC 3550)
  RtpStreamShaper(uint32_t ssrc, uint16_t first_seq, uint32_t first_ts);

  // Header for a locally generated frame of `samples` samples.
  OutHeader local_frame(uint32_t samples, uint64_t now_samples);

  // Header for a packet received from the other party and sent on.
  OutHeader relay(uint16_t in_seq, uint32_t in_ts, uint32_t in_ssrc, bool marker, uint64_t now_samples);

  // Header for a telephone-event packet: `first` starts an event.
  OutHeader event(bool first, uint64_t now_samples);

  uint32_t ssrc() const { return ssrc_; }

 private:
  enum class Source : uint8_t { kNone, kLocal, kRelay, kEvent };
  uint32_t rebase(uint64_t now_samples) const;
  void sent_newest(uint16_t seq, uint32_t ts, uint64_t now_samples);

  uint32_t ssrc_;
  Source source_ = Source::kNone;
  uint16_t next_seq_;         // one past the newest sequence number sent
  uint32_t last_ts_;          // timestamp of the newest packet sent (first_ts before any)
  uint32_t last_step_ = 160;  // its length in samples, as far as known
  uint64_t last_now_ = 0;     // when it was sent
  bool sent_any_ = false;

  uint32_t next_local_ts_ = 0;

  uint32_t event_ts_ = 0;   // timestamp of the event being sent
  uint64_t event_now_ = 0;  // when its first packet was sent

  uint32_t in_ssrc_ = 0;
  uint16_t in_first_seq_ = 0;  // first relayed seq of the current source
  uint16_t in_newest_seq_ = 0;
  uint32_t in_newest_ts_ = 0;
  uint16_t seq_offset_ = 0;  // out = in + offset (mod 2^16)
  uint32_t ts_offset_ = 0;   // out = in + offset (mod 2^32)
};

}  // namespace plateau::media
