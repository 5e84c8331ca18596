// wav_cues.h — labelled points in a WAV file: a "cue " chunk (one cue point
// per mark, at a frame of the data) and a "LIST" chunk of type "adtl" holding
// one "labl" per cue point (its label, NUL-terminated). Audio editors
// (Audacity labels, sox, ffprobe) and players that ignore them alike read the
// file; the recordings mark their pauses with them (sip/call_recordings.cpp).
//
// Pure functions, except append_cue_chunks and read_cue_points (a file).
// Any thread (the recording writer thread appends).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace plateau::media {

struct CuePoint {
  uint32_t frame = 0;  // sample frame of the data chunk
  std::string label;
  friend bool operator==(const CuePoint&, const CuePoint&) = default;
};

// The bytes of the "cue " chunk then the "LIST"/"adtl" chunk (ids 1..n, in order).
std::string cue_chunks(const std::vector<CuePoint>& cues);

// Appends cue_chunks(cues) to a closed RIFF/WAVE file and fixes the RIFF size
// ("media.rec_cues" when the file is not a WAV or cannot be written).
Status append_cue_chunks(const std::string& path, const std::vector<CuePoint>& cues);

// The labelled cue points of a WAV file, in cue order ("media.rec_cues" if it
// is not a WAV); a file without cues gives none.
Result<std::vector<CuePoint>> read_cue_points(const std::string& path);

}  // namespace plateau::media
