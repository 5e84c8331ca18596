#include "media/rtp_stream.h"

#include <random>

namespace plateau::media {
namespace {

std::mt19937& rng() {
  thread_local std::mt19937 gen{std::random_device{}()};
  return gen;
}

constexpr uint64_t kTalkspurtGap = 800;  // 100 ms without local frames
constexpr int kMaxForwardJump = 1000;    // 20 s of loss: rather a restarted sender
constexpr int kMaxBackwardJump = 200;    // 4 s late: the same

}  // namespace

RtpStreamShaper::RtpStreamShaper()
    : RtpStreamShaper(static_cast<uint32_t>(rng()()), static_cast<uint16_t>(rng()()),
                      static_cast<uint32_t>(rng()())) {}

RtpStreamShaper::RtpStreamShaper(uint32_t ssrc, uint16_t first_seq, uint32_t first_ts)
    : ssrc_(ssrc), next_seq_(first_seq), last_ts_(first_ts) {}

uint32_t RtpStreamShaper::rebase(uint64_t now) const {
  if (!sent_any_) return last_ts_;
  const uint64_t elapsed = now > last_now_ ? now - last_now_ : 0;
  const uint64_t step = elapsed > last_step_ ? elapsed : last_step_;
  return last_ts_ + static_cast<uint32_t>(step);  // modulo 2^32, as RTP wants
}

void RtpStreamShaper::sent_newest(uint16_t seq, uint32_t ts, uint64_t now) {
  next_seq_ = static_cast<uint16_t>(seq + 1);
  last_ts_ = ts;
  last_now_ = now;
  sent_any_ = true;
}

OutHeader RtpStreamShaper::local_frame(uint32_t samples, uint64_t now) {
  OutHeader h;
  h.ssrc = ssrc_;
  const bool paused = sent_any_ && now > last_now_ && now - last_now_ > last_step_ + kTalkspurtGap;
  if (source_ != Source::kLocal || paused) {
    h.marker = true;
    h.ts = rebase(now);
    source_ = Source::kLocal;
  } else {
    h.ts = next_local_ts_;
  }
  h.seq = next_seq_;
  next_local_ts_ = h.ts + samples;
  last_step_ = samples;
  sent_newest(h.seq, h.ts, now);
  return h;
}

OutHeader RtpStreamShaper::relay(uint16_t in_seq, uint32_t in_ts, uint32_t in_ssrc, bool marker,
                                 uint64_t now) {
  OutHeader h;
  h.ssrc = ssrc_;
  bool new_source = source_ != Source::kRelay || in_ssrc != in_ssrc_;
  const int jump = static_cast<int16_t>(static_cast<uint16_t>(in_seq - in_newest_seq_));
  if (!new_source && (jump > kMaxForwardJump || jump < -kMaxBackwardJump)) new_source = true;

  if (new_source) {
    const uint32_t base = rebase(now);
    source_ = Source::kRelay;
    in_ssrc_ = in_ssrc;
    in_first_seq_ = in_seq;
    seq_offset_ = static_cast<uint16_t>(next_seq_ - in_seq);
    ts_offset_ = base - in_ts;
  } else if (static_cast<int16_t>(static_cast<uint16_t>(in_seq - in_first_seq_)) < 0) {
    h.drop = true;  // older than the switch: its number was given to the previous source
  }
  h.seq = static_cast<uint16_t>(in_seq + seq_offset_);
  h.ts = in_ts + ts_offset_;
  h.marker = new_source || marker;

  if (new_source || jump > 0) {
    if (!new_source) {
      const uint32_t per_packet = (in_ts - in_newest_ts_) / static_cast<uint32_t>(jump);
      if (per_packet > 0 && per_packet <= 8000) last_step_ = per_packet;
    }
    in_newest_seq_ = in_seq;
    in_newest_ts_ = in_ts;
    sent_newest(h.seq, h.ts, now);
  }
  return h;
}

OutHeader RtpStreamShaper::event(bool first, uint64_t now) {
  OutHeader h;
  h.ssrc = ssrc_;
  if (first || source_ != Source::kEvent) {
    const bool contiguous =
        source_ == Source::kLocal && now >= last_now_ && now - last_now_ <= last_step_ + kTalkspurtGap;
    event_ts_ = contiguous ? next_local_ts_ : rebase(now);
    event_now_ = now;
    source_ = Source::kEvent;
    h.marker = true;
  }
  h.ts = event_ts_;
  h.seq = next_seq_;
  // The stream's time goes on under the event: what follows is rebased from here.
  const uint64_t elapsed = now > event_now_ ? now - event_now_ : 0;
  last_step_ = 160;
  sent_newest(h.seq, event_ts_ + static_cast<uint32_t>(elapsed), now);
  return h;
}

}  // namespace plateau::media
