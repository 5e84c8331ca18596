// player.h — a source of 20 ms frames over one prompt buffer.
//
// A Player reads a shared immutable PcmBuffer (from PromptLibrary) and hands
// out 160 samples per media tick. Once: the last partial frame is padded with
// silence, then next_frame() returns false. Loop (music on hold): wraps to the
// start forever. A playlist (greeting, then music) is the caller replacing one
// Player with the next when the first returns false.
//
// Thread: one Player belongs to one media leg on the telephony thread; not
// shared. next_frame() copies samples and never allocates, locks or blocks.
// Constructing/copying a Player only touches the buffer's atomic refcount.
#pragma once

#include "media/pcm.h"

namespace plateau::media {

class Player {
 public:
  Player() = default;  // plays nothing: next_frame() returns false
  explicit Player(PcmBuffer pcm, bool loop = false);

  // Fills out[0..159]. Returns false (and leaves `out` alone) once a non-looping
  // prompt is over, or if the buffer is empty or absent.
  bool next_frame(int16_t out[kFrameSamples]);

  bool looping() const { return loop_; }
  bool finished() const;
  size_t position() const { return pos_; }  // samples played since the (last) start
  void rewind() { pos_ = 0; }

 private:
  PcmBuffer pcm_;
  size_t pos_ = 0;
  bool loop_ = false;
};

}  // namespace plateau::media
