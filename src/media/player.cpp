#include "media/player.h"

#include <algorithm>

namespace plateau::media {

Player::Player(PcmBuffer pcm, bool loop) : pcm_(std::move(pcm)), loop_(loop) {}

bool Player::finished() const { return !pcm_ || pcm_->empty() || (!loop_ && pos_ >= pcm_->size()); }

bool Player::next_frame(int16_t out[kFrameSamples]) {
  if (finished()) return false;
  const std::vector<int16_t>& s = *pcm_;
  size_t filled = 0;
  while (filled < kFrameSamples) {
    if (pos_ >= s.size()) {
      if (!loop_) {
        std::fill(out + filled, out + kFrameSamples, int16_t{0});
        break;
      }
      pos_ = 0;
    }
    const size_t n = std::min(kFrameSamples - filled, s.size() - pos_);
    std::copy_n(s.data() + pos_, n, out + filled);
    filled += n;
    pos_ += n;
  }
  return true;
}

}  // namespace plateau::media
