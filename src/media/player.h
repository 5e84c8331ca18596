// player.h — a source of 20 ms frames over one prompt buffer, or over several
// played one after the other (an announcement built from pieces: "position",
// "n_3", "wait_estimate" ...).
//
// A Player reads shared immutable PcmBuffers (from PromptLibrary) and hands
// out 160 samples per media tick. Once: the last partial frame is padded with
// silence, then next_frame() returns false. Loop (music on hold, one buffer
// only): wraps to the start forever. A sequence plays its buffers back to back
// with no silence between them (a frame may hold the end of one and the start
// of the next), once; absent or empty buffers in it are skipped. A playlist of
// different kinds (greeting, then music) is the caller replacing one Player
// with the next when the first returns false.
//
// Thread: one Player belongs to one media leg on the telephony thread; not
// shared. next_frame() copies samples and never allocates, locks or blocks.
// Constructing/copying a one-buffer Player only touches the buffer's atomic
// refcount; a sequence holds a vector of the buffers after the first.
#pragma once

#include <vector>

#include "media/pcm.h"

namespace plateau::media {

class Player {
 public:
  Player() = default;  // plays nothing: next_frame() returns false
  explicit Player(PcmBuffer pcm, bool loop = false);
  // The buffers in order, once; null and empty ones are left out.
  explicit Player(const std::vector<PcmBuffer>& sequence);

  // Fills out[0..159]. Returns false (and leaves `out` alone) once a non-looping
  // prompt is over, or if there is nothing to play.
  bool next_frame(int16_t out[kFrameSamples]);

  bool looping() const { return loop_; }
  bool finished() const;
  size_t position() const;  // samples played since the (last) start, across the buffers of a sequence
  void rewind() {
    part_ = 0;
    pos_ = 0;
  }

 private:
  const PcmBuffer& part(size_t i) const { return i == 0 ? pcm_ : more_[i - 1]; }
  size_t parts() const { return pcm_ ? 1 + more_.size() : 0; }

  PcmBuffer pcm_;                // the first (or only) buffer; null or empty: nothing to play
  std::vector<PcmBuffer> more_;  // a sequence's buffers after the first, all non-empty
  size_t part_ = 0;              // the buffer playing: 0 is pcm_, i is more_[i - 1]
  size_t pos_ = 0;               // samples of it played
  bool loop_ = false;
};

}  // namespace plateau::media
