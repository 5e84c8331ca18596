#include "sip/media_leg.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "media/g711.h"

namespace plateau::sip {

namespace {
// Wall time in 8 kHz samples, for RTP timestamp continuity across sources.
uint64_t now_samples() {
  using namespace std::chrono;
  return static_cast<uint64_t>(duration_cast<microseconds>(steady_clock::now().time_since_epoch()).count()) * 8 /
         1000;
}
}  // namespace

void SampleFifo::push(const int16_t* s, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (size_ == kCap) {  // full: drop the oldest
      head_ = (head_ + 1) % kCap;
      --size_;
    }
    buf_[(head_ + size_) % kCap] = s[i];
    ++size_;
  }
}

void SampleFifo::pop_frame(int16_t out[160]) {
  size_t n = std::min<size_t>(160, size_);
  for (size_t i = 0; i < n; ++i) out[i] = buf_[(head_ + i) % kCap];
  std::fill(out + n, out + 160, int16_t{0});
  head_ = (head_ + n) % kCap;
  size_ -= n;
}

MediaLeg::MediaLeg(LegId leg, MediaCounters* counters) : leg_(leg), counters_(counters) {}

MediaLeg::~MediaLeg() {
  if (peer_ && peer_->peer_ == this) peer_->peer_ = nullptr;
  mem_deref(rtp_);
  mem_deref(txbuf_);
}

Status MediaLeg::open(const struct sa* ip, uint16_t min_port, uint16_t max_port) {
  int err = rtp_listen(&rtp_, IPPROTO_UDP, ip, min_port, max_port, false, &MediaLeg::rtp_recv, nullptr, this);
  if (err) return make_error("media.rtp_port", std::string("no free RTP port: ") + std::strerror(err));
  txbuf_ = mbuf_alloc(12 + 320);
  if (!txbuf_) return make_error("media.nomem", "out of memory");
  return {};
}

uint16_t MediaLeg::local_port() const { return rtp_ ? sa_port(rtp_local(rtp_)) : 0; }

void MediaLeg::set_remote(const struct sa* addr, int pt, int te_pt) {
  if (addr && sa_isset(addr, SA_ALL)) {
    sa_cpy(&remote_, addr);
    have_remote_ = true;
  }
  pt_ = pt;
  te_pt_ = te_pt;
}

void MediaLeg::play(media::Player player) {
  player_ = std::move(player);
  playing_ = true;
  prompt_done_ = false;
}

void MediaLeg::stop_playing() { playing_ = false; }

bool MediaLeg::take_prompt_done() {
  bool d = prompt_done_;
  prompt_done_ = false;
  return d;
}

void MediaLeg::bridge_to(MediaLeg* peer) {
  leave_mix();
  peer_ = peer;
  playing_ = false;
}

void MediaLeg::unbridge() { peer_ = nullptr; }

void MediaLeg::join_mix(media::MixInput* input) {
  if (peer_ && peer_->peer_ == this) peer_->peer_ = nullptr;
  peer_ = nullptr;
  mix_in_ = input;
  playing_ = false;
}

void MediaLeg::leave_mix() { mix_in_ = nullptr; }

void MediaLeg::send_digits(const std::string& digits) {
  if (te_pt_ >= 0) {
    if (!digits_tx_) digits_tx_ = std::make_unique<media::Rfc4733Sender>();
    digits_tx_->add(digits);
  } else {
    if (!tones_tx_) tones_tx_ = std::make_unique<media::InbandDtmfSender>();
    tones_tx_->add(digits);
  }
}

bool MediaLeg::tick_digits() {
  sending_digit_ = false;
  if (digits_tx_ && !digits_tx_->idle()) {
    if (auto p = digits_tx_->tick()) {
      uint8_t payload[4];
      media::encode_telephone_event(p->event, payload);
      send(shaper_.event(p->first, now_samples()), static_cast<uint8_t>(te_pt_), payload, sizeof payload);
      sending_digit_ = true;
    }
  } else if (tones_tx_) {
    int16_t pcm[media::kFrameSamples];
    if (tones_tx_->next_frame(pcm)) {
      send_local(pcm);
      sending_digit_ = true;
    } else {
      tones_tx_.reset();
    }
  }
  return sending_digit_;
}

void MediaLeg::tick() {
  if (!have_remote_) return;
  if (tick_digits()) return;  // what plays waits for the digit (the player does not move on)
  if (!playing_ || peer_ || mix_in_) return;
  int16_t pcm[160];
  if (!player_.next_frame(pcm)) {
    playing_ = false;
    prompt_done_ = true;
    return;
  }
  send_local(pcm);
}

void MediaLeg::send_audio(const int16_t pcm[media::kFrameSamples]) {
  if (sending_digit_ || !have_remote_) return;
  send_local(pcm);
}

void MediaLeg::send_local(const int16_t pcm[media::kFrameSamples]) {
  uint8_t payload[media::kFrameSamples];
  if (pt_ == 8) media::alaw_encode(pcm, payload, media::kFrameSamples);
  else media::ulaw_encode(pcm, payload, media::kFrameSamples);
  send(shaper_.local_frame(media::kFrameSamples, now_samples()), static_cast<uint8_t>(pt_), payload,
       media::kFrameSamples);
  if (heard_tap_) heard_tap_->push(pcm, media::kFrameSamples);
}

void MediaLeg::send(const media::OutHeader& h, uint8_t pt, const uint8_t* payload, size_t len) {
  if (!have_remote_ || !rtp_) return;
  struct rtp_header hdr {};
  hdr.ver = 2;
  hdr.m = h.marker;
  hdr.pt = pt;
  hdr.seq = h.seq;
  hdr.ts = h.ts;
  hdr.ssrc = h.ssrc;
  txbuf_->pos = 0;
  txbuf_->end = 0;
  if (rtp_hdr_encode(txbuf_, &hdr) || mbuf_write_mem(txbuf_, payload, len)) return;
  txbuf_->pos = 0;
  if (0 == udp_send(static_cast<struct udp_sock*>(rtp_sock(rtp_)), &remote_, txbuf_)) ++counters_->tx_packets;
}

void MediaLeg::rtp_recv(const struct sa* src, const struct rtp_header* hdr, struct mbuf* mb, void* arg) {
  static_cast<MediaLeg*>(arg)->on_rtp(src, hdr, mb);
}

void MediaLeg::on_rtp(const struct sa* src, const struct rtp_header* hdr, struct mbuf* mb) {
  ++counters_->rx_packets;
  // Symmetric RTP: answer where the packets come from (NAT, or an SDP that lied).
  if (!have_remote_ || !sa_cmp(src, &remote_, SA_ALL)) {
    sa_cpy(&remote_, src);
    have_remote_ = true;
  }
  if (seen_rtp_) {
    uint16_t gap = static_cast<uint16_t>(hdr->seq - last_seq_);
    if (gap > 1 && gap < 1000) counters_->rx_lost += gap - 1u;
    if (gap < 0x8000) last_seq_ = hdr->seq;
  } else {
    seen_rtp_ = true;
    last_seq_ = hdr->seq;
  }
  const uint8_t* payload = mbuf_buf(mb);
  const size_t len = mbuf_get_left(mb);

  if (te_pt_ >= 0 && hdr->pt == te_pt_) {
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now().time_since_epoch())
                               .count();
    if (auto digit = dtmf_rx_.on_packet(hdr->ts, payload, len, now_ms); digit && on_digit_) on_digit_(*digit);
    if (peer_) relay_in(hdr, payload, len, pt_, te_pt_);
    return;
  }
  if (hdr->pt != 0 && hdr->pt != 8) return;  // comfort noise and the like: ignored
  if (len == 0 || len > 1280) return;
  int16_t pcm[1280];
  if (hdr->pt == 8) media::alaw_decode(payload, pcm, len);
  else media::ulaw_decode(payload, pcm, len);
  if (rx_tap_) rx_tap_->push(pcm, len);
  if (leg_tap_) leg_tap_->push(pcm, len);
  if (mix_in_) mix_in_->push(pcm, len);
  if (on_digit_ && te_pt_ < 0) {  // tones in the audio only when the caller cannot send RFC 4733 events
    if (!inband_) inband_ = std::make_unique<media::InbandDtmfDetector>();
    for (char d : inband_->process(pcm, len)) on_digit_(d);
  }
  if (peer_) relay_in(hdr, payload, len, hdr->pt, te_pt_);
}

// Forwards one received packet to the peer leg, transcoding between PCMU and
// PCMA if the two legs negotiated different codecs.
void MediaLeg::relay_in(const struct rtp_header* hdr, const uint8_t* payload, size_t len, int src_pt,
                        int src_te_pt) {
  MediaLeg* p = peer_;
  if (p->sending_digit_) return;  // our digit's packets own the stream for now
  const media::OutHeader h = p->shaper_.relay(hdr->seq, hdr->ts, hdr->ssrc, hdr->m, now_samples());
  if (h.drop) return;
  if (src_te_pt >= 0 && hdr->pt == src_te_pt) {
    if (p->te_pt_ >= 0) p->send(h, static_cast<uint8_t>(p->te_pt_), payload, len);
    return;
  }
  if (src_pt == p->pt_ && !p->heard_tap_) {
    p->send(h, static_cast<uint8_t>(p->pt_), payload, len);
    return;
  }
  int16_t pcm[1280];
  uint8_t out[1280];
  if (src_pt == 8) media::alaw_decode(payload, pcm, len);
  else media::ulaw_decode(payload, pcm, len);
  if (p->heard_tap_) p->heard_tap_->push(pcm, len);
  if (src_pt == p->pt_) {
    p->send(h, static_cast<uint8_t>(p->pt_), payload, len);
    return;
  }
  if (p->pt_ == 8) media::alaw_encode(pcm, out, len);
  else media::ulaw_encode(pcm, out, len);
  p->send(h, static_cast<uint8_t>(p->pt_), out, len);
}

}  // namespace plateau::sip
