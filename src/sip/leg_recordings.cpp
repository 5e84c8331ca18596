// leg_recordings.cpp — RecordLeg and StopRecording: what one leg sends (a
// caller leaving a voicemail) recorded to a mono WAV, one 20 ms frame per
// media tick, silence where no packet came, so the file lasts the real time.
//
// The leg keeps everything else: what plays to it, its digits, a bridge.
// Files are written by the recording writer thread; LegRecorded leaves from
// there once the file is closed and synced.
//
// Telephony thread only (but the close callbacks, on the writer thread).
#include <spdlog/spdlog.h>

#include "common/next_id.h"
#include "sip/b2bua.h"

namespace plateau::sip {

void B2bua::record_leg(const model::RecordLeg& cmd) {
  auto it = legs_.find(cmd.leg);
  std::string refused;
  if (cmd.path.empty())
    refused = "no path";
  else if (it == legs_.end())
    refused = "the leg is gone";
  else if (!it->second->inbound() && !it->second->answered)
    refused = std::string("the ") + to_string(it->second->kind) + " leg has not answered";
  if (!refused.empty()) {
    spdlog::warn("call {}: no recording of leg {}: {}", call_label(cmd.call), cmd.leg.value, refused);
    emit(model::LegRecorded{cmd.call, cmd.leg, "", 0, false});
    return;
  }
  end_leg_recording(cmd.leg, "a new recording of the leg starts");
  Leg* leg = it->second.get();
  answer_inbound(leg);
  auto rec = std::make_unique<LegRec>();
  rec->call = cmd.call;
  rec->leg = cmd.leg;
  rec->path = cmd.path;
  rec->max_samples = cmd.max_ms > 0 ? int64_t{cmd.max_ms} * media::kSampleRate / 1000 : 0;
  rec->rec = recorder_->open(data_path(cmd.path), 1);
  leg->media->set_leg_tap(&rec->fifo);
  spdlog::info("call {}: recording the {} leg {} to {} (at most {} ms)", call_label(cmd.call),
               to_string(leg->kind), cmd.leg.value, cmd.path,
               cmd.max_ms > 0 ? std::to_string(cmd.max_ms) : "unlimited");
  leg_recs_[cmd.leg] = std::move(rec);
}

void B2bua::stop_recording(const model::StopRecording& cmd) { end_leg_recording(cmd.leg, "stopped"); }

void B2bua::end_leg_recording(LegId id, const char* why) {
  auto it = leg_recs_.find(id);
  if (it == leg_recs_.end()) return;
  std::unique_ptr<LegRec> rec = std::move(it->second);
  leg_recs_.erase(it);
  if (auto lit = legs_.find(id); lit != legs_.end()) lit->second->media->set_leg_tap(nullptr);
  const int64_t duration_ms = rec->samples * 1000 / media::kSampleRate;
  spdlog::info("call {}: recording of leg {} ends ({}): {} ms", call_label(rec->call), id.value, why,
               duration_ms);
  auto sink = sink_;
  recorder_->close(rec->rec, [sink, call = rec->call, id, path = rec->path, duration_ms](Status st) {
    if (!st)
      spdlog::error("call {}: recording {} of leg {}: {}", call_label(call), path, id.value,
                    st.error().message);
    sink(st ? model::LegRecorded{call, id, path, duration_ms, true}
            : model::LegRecorded{call, id, "", 0, false});
  });
}

// One mono frame per recorded leg; the ones that reached max_ms end here.
void B2bua::write_leg_recordings() {
  int16_t frame[media::kFrameSamples];
  std::vector<LegId> full;
  for (auto& [id, rec] : leg_recs_) {
    rec->fifo.pop_frame(frame);
    recorder_->write_mono(rec->rec, frame, media::kFrameSamples);
    rec->samples += static_cast<int64_t>(media::kFrameSamples);
    if (rec->max_samples && rec->samples >= rec->max_samples) full.push_back(id);
  }
  for (LegId id : full) end_leg_recording(id, "max_ms reached");
}

}  // namespace plateau::sip
