// call_recordings.cpp — a call's stereo recording: one file per call, opened
// by the first Bridge or Conference of the call that names a path, written one
// frame per media tick whatever the call does (bridged, held, transferred,
// conferenced), closed when the call's first leg ends (RecordingClosed). Left
// channel: what that first leg says; right: what it hears — the other party,
// the conference, the music while it is held, silence — so the file lasts the
// call's real time and a hold shows in it.
//
// PauseRecording (card payments): silence on both channels while paused, so
// the file keeps the call's real time; each boundary gets a 250 ms 1 kHz tone
// on both channels and a labelled cue point (media/wav_cues.h).
//
// Files are written by the recording writer thread; RecordingClosed leaves
// from there once the file is closed and synced.
//
// Telephony thread only (but the close callbacks, on the writer thread).
#include <spdlog/spdlog.h>

#include <cmath>

#include "common/next_id.h"
#include "sip/b2bua.h"

namespace plateau::sip {

void B2bua::record_call(CallId call, LegId first, const std::string& path) {
  if (auto it = call_recs_.find(call); it != call_recs_.end()) {
    if (!path.empty() && path != it->second->path)
      spdlog::info("call {}: the recording goes on in {} ({} not opened)", call_label(call), it->second->path,
                   path);
    return;
  }
  std::string refused;
  if (!s_.recording || path.empty())
    refused = "none asked";
  else if (auto it = call_rec_of_leg_.find(first); it != call_rec_of_leg_.end())
    refused =
        "leg " + std::to_string(first.value) + " is recorded for call " + call_label(it->second) + " already";
  auto lit = legs_.find(first);
  if (refused.empty() && lit == legs_.end()) refused = "leg " + std::to_string(first.value) + " is gone";
  if (!refused.empty()) {
    if (!path.empty()) spdlog::warn("call {}: no recording: {}", call_label(call), refused);
    emit(model::RecordingClosed{call, "", false});
    return;
  }
  auto rec = std::make_unique<CallRec>();
  rec->call = call;
  rec->first = first;
  rec->path = path;
  rec->rec = recorder_->open(data_path(path));
  lit->second->media->set_rx_tap(&rec->said);
  lit->second->media->set_heard_tap(&rec->heard);
  spdlog::info("call {}: recording to {} (left: leg {})", call_label(call), path, first.value);
  call_rec_of_leg_[first] = call;
  call_recs_[call] = std::move(rec);
}

void B2bua::end_call_recording_of(LegId first) {
  if (auto it = call_rec_of_leg_.find(first); it != call_rec_of_leg_.end()) close_call_recording(it->second);
}

void B2bua::close_call_recording(CallId call) {
  auto it = call_recs_.find(call);
  if (it == call_recs_.end()) return;
  std::unique_ptr<CallRec> rec = std::move(it->second);
  call_recs_.erase(it);
  call_rec_of_leg_.erase(rec->first);
  if (auto lit = legs_.find(rec->first); lit != legs_.end()) {
    lit->second->media->set_rx_tap(nullptr);
    lit->second->media->set_heard_tap(nullptr);
  }
  spdlog::info("call {}: recording {} ends", call_label(call), rec->path);
  auto sink = sink_;
  recorder_->close(rec->rec, [sink, call, path = rec->path](Status st) {
    if (!st) spdlog::error("call {}: recording {}: {}", call_label(call), path, st.error().message);
    sink(model::RecordingClosed{call, path, st.ok()});
  });
}

namespace {

constexpr int kPauseToneSamples = 2000;  // 250 ms at 8 kHz
constexpr double kPauseToneHz = 1000.0;
constexpr double kPauseToneLevel = 8000.0;  // about -12 dBFS

}  // namespace

void B2bua::pause_recording(const model::PauseRecording& cmd) {
  auto it = call_recs_.find(cmd.call);
  if (it == call_recs_.end() || it->second->paused == cmd.paused) return;
  CallRec& rec = *it->second;
  rec.paused = cmd.paused;
  rec.tone_left = kPauseToneSamples;
  rec.tone_pos = 0;
  recorder_->mark(rec.rec, cmd.paused ? "recording paused" : "recording resumed");
  spdlog::info("call {}: recording {} {}", call_label(cmd.call), rec.path, cmd.paused ? "paused" : "resumed");
}

// One stereo frame per recorded call: what its first leg said, what it heard
// (silence while paused, the tone at a pause's boundaries).
void B2bua::write_recordings() {
  int16_t left[media::kFrameSamples], right[media::kFrameSamples];
  for (auto& [call, rec] : call_recs_) {
    rec->said.pop_frame(left);
    rec->heard.pop_frame(right);
    if (rec->paused) {
      std::fill(std::begin(left), std::end(left), int16_t{0});
      std::fill(std::begin(right), std::end(right), int16_t{0});
    }
    for (size_t i = 0; i < media::kFrameSamples && rec->tone_left > 0; ++i, --rec->tone_left, ++rec->tone_pos) {
      const auto v = static_cast<int16_t>(kPauseToneLevel * std::sin(2 * M_PI * kPauseToneHz * rec->tone_pos / 8000.0));
      left[i] = right[i] = v;
    }
    recorder_->write(rec->rec, left, right, media::kFrameSamples);
  }
}

}  // namespace plateau::sip
