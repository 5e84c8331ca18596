// recorder.h — call recordings (stereo) and one-leg recordings (mono: a
// voicemail), written by one background thread.
//
// Format: WAV, 8 kHz, 2 channels (1 = the caller, 2 = what the caller hears:
// the agent, a conference, the music on hold; see sip/call_recordings.cpp) or
// 1 channel, G.711 µ-law by default (WAV format tag 7; RecordingFormat::Pcm16
// for 16-bit PCM).
// µ-law halves the disk rate (16 KB/s per stereo call instead of 32) and loses
// nothing audible: the audio reached us as G.711 already. Every player, sox
// and libsndfile (so media::read_prompt_wav) read it.
//
// Files are written as the call goes, in blocks of RecorderOptions::block_frames
// (0.5 s by default), so an hour-long call holds one block in memory, not the
// hour. libsndfile rewrites the WAV header after every block written
// (SFC_SET_UPDATE_HEADER_AUTO), so if the server dies the file is a valid WAV
// holding everything up to the last block written; close() finalises it and
// makes it durable (fsync of the file and of its folder) before on_closed.
// Parent folders of the path are created (mkdir -p).
//
// Threads:
//  - open(), write(), close() are for ONE producer thread, the telephony
//    thread (they are not safe to call from two threads at once). They never
//    touch the disk and never wait for it: write() copies samples into the
//    recording's block; a full block is moved to the writer's queue under a
//    mutex held for a push. If the disk falls behind by more than
//    max_pending_blocks, further blocks are dropped and counted rather than
//    letting memory grow.
//  - The writer thread (one per RecordingWriter, for all recordings) creates,
//    writes and closes files, and calls on_closed and on_error.
//  - stats() from any thread. drain() from any thread but the writer's; it
//    waits for the disk, so never from the telephony thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/result.h"

namespace plateau::media {

// Names one recording on the producer side; a value, stale handles are
// recognised (generation) and ignored.
struct RecHandle {
  uint32_t slot = 0;
  uint32_t generation = 0;  // 0: no recording
  bool valid() const { return generation != 0; }
};

enum class RecordingFormat { Ulaw, Pcm16 };

struct RecorderOptions {
  RecordingFormat format = RecordingFormat::Ulaw;
  size_t block_frames = 4000;        // frames handed to the writer at a time (0.5 s)
  size_t max_pending_blocks = 4096;  // queue bound (~64 MB of 16-bit stereo blocks)
  // Writer thread: a file could not be created or written. Also logged.
  std::function<void(const Error&)> on_error;
};

struct RecorderStats {
  uint64_t opened = 0;  // files created
  uint64_t closed = 0;  // on_closed calls made
  uint64_t open_errors = 0;
  uint64_t write_errors = 0;
  uint64_t dropped_blocks = 0;  // blocks not written because the queue was full
  uint64_t pending_blocks = 0;  // blocks waiting for the disk now
};

class RecordingWriter {
 public:
  explicit RecordingWriter(RecorderOptions options = {});
  // Writes what is queued, finalises recordings that were never closed (their
  // partial block included), then stops the writer thread. Producer thread.
  ~RecordingWriter();
  RecordingWriter(const RecordingWriter&) = delete;
  RecordingWriter& operator=(const RecordingWriter&) = delete;

  // Producer thread. Starts a recording to `path` with `channels` (2: a call,
  // written with write(); 1: one leg, written with write_mono()); the file is
  // created on the writer thread. Failures there are reported through
  // on_error / the log and the status given to on_closed; the handle stays
  // usable (writes are dropped).
  RecHandle open(const std::string& path, int channels = 2);

  // Producer thread. Appends `samples` frames to a stereo recording: left[i]
  // is the caller, right[i] the agent. Unknown or closed handles, and mono
  // recordings, are ignored. No allocation except when the writer has no
  // spare block to give back (start-up, backlog).
  void write(RecHandle h, const int16_t* left, const int16_t* right, size_t samples);

  // Producer thread. Appends `samples` frames to a mono recording (stereo
  // ones ignore it), with the same rules as write().
  void write_mono(RecHandle h, const int16_t* samples, size_t count);

  // Producer thread. Marks the point reached so far (the frames written) with
  // `label`: at close the file gets a cue point there, named by a LIST/adtl
  // labl chunk (see wav_cues.h). Ignored for unknown handles.
  void mark(RecHandle h, const std::string& label);

  // Producer thread. Queues what is buffered and the closing of the file; the
  // handle is dead on return. on_closed (may be empty) is then called exactly
  // once on the writer thread, after the file is closed and synced to disk: ok
  // if the file was created, fully written and synced, else the first error
  // ("media.rec_open", "media.rec_write", "media.rec_sync", "media.rec_handle"
  // for an unknown handle).
  void close(RecHandle h, std::function<void(Status)> on_closed);

  // Waits until the writer has carried out everything queued before the call.
  void drain();

  RecorderStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace plateau::media
