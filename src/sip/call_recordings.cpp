// call_recordings.cpp — a call's stereo recording: one file per call, opened
// by the first Bridge or Conference of the call that names a path, written one
// frame per media tick whatever the call does (bridged, held, transferred,
// conferenced), closed when the call's first leg ends (RecordingClosed). Left
// channel: what that first leg says; right: what it hears — the other party,
// the conference, the music while it is held, silence — so the file lasts the
// call's real time and a hold shows in it.
//
// Files are written by the recording writer thread; RecordingClosed leaves
// from there once the file is closed and synced.
//
// Telephony thread only (but the close callbacks, on the writer thread).
#include <spdlog/spdlog.h>

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

// One stereo frame per recorded call: what its first leg said, what it heard.
void B2bua::write_recordings() {
  int16_t left[media::kFrameSamples], right[media::kFrameSamples];
  for (auto& [call, rec] : call_recs_) {
    rec->said.pop_frame(left);
    rec->heard.pop_frame(right);
    recorder_->write(rec->rec, left, right, media::kFrameSamples);
  }
}

}  // namespace plateau::sip
