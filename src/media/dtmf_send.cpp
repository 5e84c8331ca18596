#include "media/dtmf_send.h"

#include <algorithm>

#include <spandsp.h>

namespace plateau::media {

int digit_event(char d) {
  if (d >= '0' && d <= '9') return d - '0';
  if (d == '*') return 10;
  if (d == '#') return 11;
  if (d >= 'A' && d <= 'D') return 12 + (d - 'A');
  if (d >= 'a' && d <= 'd') return 12 + (d - 'a');
  return -1;
}

void encode_telephone_event(const TelephoneEvent& e, uint8_t out[4]) {
  out[0] = e.event;
  out[1] = static_cast<uint8_t>((e.end ? 0x80 : 0) | (e.volume & 0x3F));
  out[2] = static_cast<uint8_t>(e.duration >> 8);
  out[3] = static_cast<uint8_t>(e.duration & 0xFF);
}

std::string not_digits(std::string_view digits) {
  std::string bad;
  for (char d : digits)
    if (digit_event(d) < 0) bad.push_back(d);
  return bad;
}

void Rfc4733Sender::add(std::string_view digits) {
  if (idle()) {  // forget what was sent: the queue does not grow for ever
    queue_.clear();
    pos_ = 0;
    step_ = 0;
  }
  for (char d : digits)
    if (int ev = digit_event(d); ev >= 0) queue_.push_back(static_cast<char>(ev));
}

std::optional<EventPacket> Rfc4733Sender::tick() {
  if (idle()) return std::nullopt;
  const int step = step_;
  const uint8_t code = static_cast<uint8_t>(queue_[pos_]);
  if (++step_ == kDigitTicks) {
    step_ = 0;
    ++pos_;
  }
  if (step >= kToneTicks - 1 + kEndRepeats) return std::nullopt;  // the gap
  EventPacket p;
  p.first = step == 0;
  p.event.event = code;
  p.event.volume = kVolume;
  p.event.end = step >= kToneTicks - 1;
  p.event.duration = static_cast<uint16_t>(std::min(step + 1, kToneTicks) * static_cast<int>(kFrameSamples));
  return p;
}

void InbandDtmfSender::Free::operator()(dtmf_tx_state_s* s) const { dtmf_tx_free(s); }

InbandDtmfSender::InbandDtmfSender() : tx_(dtmf_tx_init(nullptr)) {
  if (!tx_) return;
  dtmf_tx_set_level(tx_.get(), -10, 0);
  dtmf_tx_set_timing(tx_.get(), 100, 100);
}

InbandDtmfSender::~InbandDtmfSender() = default;

void InbandDtmfSender::add(std::string_view digits) {
  if (!tx_) return;
  std::string keys;
  for (char d : digits) {
    const int ev = digit_event(d);
    if (ev >= 0) keys.push_back(ev >= 12 ? static_cast<char>('A' + ev - 12) : d);
  }
  if (!keys.empty()) dtmf_tx_put(tx_.get(), keys.c_str(), static_cast<int>(keys.size()));
}

bool InbandDtmfSender::next_frame(int16_t out[kFrameSamples]) {
  if (!tx_) return false;
  int16_t pcm[kFrameSamples];
  const int n = dtmf_tx(tx_.get(), pcm, static_cast<int>(kFrameSamples));
  if (n <= 0) return false;
  std::copy(pcm, pcm + n, out);
  std::fill(out + n, out + kFrameSamples, int16_t{0});
  return true;
}

}  // namespace plateau::media
