// media_leg.h — the RTP side of one SIP leg: a socket pair from the RTP port
// range, the negotiated codec, what is played to the remote party (a prompt, a
// music loop, the other leg's voice relayed, a conference's mix, digits), what
// it sends us (decoded for the recordings, a conference and DTMF).
//
// Telephony thread only. Outgoing frames are paced by the shared media tick
// (MediaEngine), never by a timer per leg. Relayed packets go out as they come.
// Whatever the source, the remote party gets one RTP stream (rtp_stream.h).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "common/ids.h"
#include "common/result.h"
#include "media/dtmf.h"
#include "media/dtmf_send.h"
#include "media/mixer.h"
#include "media/player.h"
#include "media/rtp_stream.h"
#include "sip/re.h"

namespace plateau::sip {

// A small FIFO of decoded samples received from one party, drained 160 samples
// per tick by the recorder. Overflows drop the oldest samples.
class SampleFifo {
 public:
  void push(const int16_t* s, size_t n);
  // Fills `out` with 160 samples (silence where none were received).
  void pop_frame(int16_t out[160]);

 private:
  static constexpr size_t kCap = 1600;  // 200 ms
  int16_t buf_[kCap] = {};
  size_t head_ = 0, size_ = 0;
};

struct MediaCounters {
  uint64_t rx_packets = 0, tx_packets = 0, rx_lost = 0;
};

class MediaLeg {
 public:
  using DigitHandler = std::function<void(char)>;

  MediaLeg(LegId leg, MediaCounters* counters);
  ~MediaLeg();
  MediaLeg(const MediaLeg&) = delete;
  MediaLeg& operator=(const MediaLeg&) = delete;

  // Binds an RTP port in [min_port, max_port] on `ip`.
  Status open(const struct sa* ip, uint16_t min_port, uint16_t max_port);
  uint16_t local_port() const;
  LegId leg() const { return leg_; }

  // Remote address and negotiated payload types (pt 0 = PCMU, 8 = PCMA;
  // te_pt = telephone-event payload type or -1).
  void set_remote(const struct sa* addr, int pt, int te_pt);
  int payload_type() const { return pt_; }
  int telephone_event_pt() const { return te_pt_; }

  void play(media::Player player);  // replaces what plays; not used while bridged
  void stop_playing();
  bool playing() const { return playing_; }
  // Set when a non-looping prompt reached its end; cleared by the caller.
  bool take_prompt_done();

  // Relay what this leg receives to `peer` (and stop local playback).
  void bridge_to(MediaLeg* peer);
  void unbridge();
  // Conference: what this leg receives goes (decoded) to `input`, and what it
  // hears is given by the mixer (send_audio); local playback stops. A bridge
  // ends first. leave_mix() ends it (the owner of the input calls it before
  // freeing it).
  void join_mix(media::MixInput* input);
  void leave_mix();
  bool mixed() const { return mix_in_ != nullptr; }
  // Sends one 20 ms frame of audio made for this leg (a conference's mix), in
  // its codec; nothing while a digit's packets go out.
  void send_audio(const int16_t pcm[media::kFrameSamples]);
  // Queues DTMF digits (0-9 * # A-D; other characters are skipped): RFC 4733
  // events if a telephone-event payload type was negotiated, else tones. While
  // a digit is sent, the leg's other audio (relayed, mixed, played) is held back.
  void send_digits(const std::string& digits);
  // Where the decoded audio this leg receives also goes: the bridge's
  // recording (rx tap) and the leg's own recording (leg tap, RecordLeg); each
  // may be null. The owner of a FIFO clears the pointer before freeing it.
  void set_rx_tap(SampleFifo* tap) { rx_tap_ = tap; }
  void set_leg_tap(SampleFifo* tap) { leg_tap_ = tap; }
  // Where the decoded audio sent to this leg also goes (what it hears: the
  // other party, the mix, a prompt), for the call's recording; may be null.
  void set_heard_tap(SampleFifo* tap) { heard_tap_ = tap; }
  // Digits from RFC 4733 events, or from in-band tones when no telephone-event
  // payload type was negotiated.
  void set_digit_handler(DigitHandler h) { on_digit_ = std::move(h); }

  // Sends one 20 ms frame if something is playing, or the next packet of
  // digits being sent. Called by the media tick (before the conferences mix).
  void tick();

 private:
  static void rtp_recv(const struct sa* src, const struct rtp_header* hdr, struct mbuf* mb, void* arg);
  void on_rtp(const struct sa* src, const struct rtp_header* hdr, struct mbuf* mb);
  void send(const media::OutHeader& h, uint8_t pt, const uint8_t* payload, size_t len);
  // Encodes a frame in the leg's codec and sends it as local audio.
  void send_local(const int16_t pcm[media::kFrameSamples]);
  // The digits' packet or tone of this tick, if any (true: audio is held back).
  bool tick_digits();
  void relay_in(const struct rtp_header* hdr, const uint8_t* payload, size_t len, int src_pt, int src_te_pt);

  LegId leg_;
  MediaCounters* counters_;
  struct rtp_sock* rtp_ = nullptr;
  struct mbuf* txbuf_ = nullptr;
  struct sa remote_ {};
  bool have_remote_ = false;
  int pt_ = 0, te_pt_ = -1;
  media::RtpStreamShaper shaper_;
  media::Player player_;
  bool playing_ = false, prompt_done_ = false;
  MediaLeg* peer_ = nullptr;
  SampleFifo* rx_tap_ = nullptr;
  SampleFifo* leg_tap_ = nullptr;
  SampleFifo* heard_tap_ = nullptr;
  media::MixInput* mix_in_ = nullptr;
  std::unique_ptr<media::Rfc4733Sender> digits_tx_;
  std::unique_ptr<media::InbandDtmfSender> tones_tx_;
  bool sending_digit_ = false;  // this tick's digit packet or tone went out: other audio waits
  media::Rfc4733Receiver dtmf_rx_;
  std::unique_ptr<media::InbandDtmfDetector> inband_;
  DigitHandler on_digit_;
  bool seen_rtp_ = false;
  uint16_t last_seq_ = 0;
};

}  // namespace plateau::sip
