#include "media/player.h"

#include <algorithm>

namespace plateau::media {

Player::Player(PcmBuffer pcm, bool loop) : pcm_(std::move(pcm)), loop_(loop) {}

Player::Player(const std::vector<PcmBuffer>& sequence) {
  for (const PcmBuffer& b : sequence) {
    if (!b || b->empty()) continue;
    if (!pcm_)
      pcm_ = b;
    else
      more_.push_back(b);
  }
}

bool Player::finished() const {
  if (!pcm_ || pcm_->empty()) return true;
  return !loop_ && part_ + 1 >= parts() && pos_ >= part(part_)->size();
}

size_t Player::position() const {
  size_t n = pos_;
  for (size_t i = 0; i < part_; ++i) n += part(i)->size();
  return n;
}

bool Player::next_frame(int16_t out[kFrameSamples]) {
  if (finished()) return false;
  size_t filled = 0;
  while (filled < kFrameSamples) {
    const std::vector<int16_t>* s = part(part_).get();
    if (pos_ >= s->size()) {
      if (part_ + 1 < parts()) {  // the next buffer of a sequence
        ++part_;
        pos_ = 0;
        continue;
      }
      if (!loop_) {
        std::fill(out + filled, out + kFrameSamples, int16_t{0});
        break;
      }
      pos_ = 0;
    }
    const size_t n = std::min(kFrameSamples - filled, s->size() - pos_);
    std::copy_n(s->data() + pos_, n, out + filled);
    filled += n;
    pos_ += n;
  }
  return true;
}

}  // namespace plateau::media
