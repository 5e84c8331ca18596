// bridges.cpp — Bridge: two answered legs relay each other's RTP (whatever
// kinds: caller and agent, agent and a dialled customer, caller and a dialled
// external number), with an optional stereo recording fed by the media tick.
//
// Telephony thread only.
#include <spdlog/spdlog.h>

#include "common/next_id.h"
#include "sip/b2bua.h"
#include "sip/session_common.h"

namespace plateau::sip {

void B2bua::bridge(const model::Bridge& cmd) {
  auto a = legs_.find(cmd.caller_leg);
  auto b = legs_.find(cmd.agent_leg);
  std::string refused;
  if (cmd.caller_leg == cmd.agent_leg)
    refused = "a leg cannot be bridged with itself";
  else if (a == legs_.end())
    refused = "leg " + std::to_string(cmd.caller_leg.value) + " is gone";
  else if (b == legs_.end())
    refused = "leg " + std::to_string(cmd.agent_leg.value) + " is gone";
  for (auto it : {a, b}) {
    if (refused.empty() && !it->second->inbound() && !it->second->answered)
      refused = std::string(to_string(it->second->kind)) + " leg " + std::to_string(it->first.value) +
                " has not answered";
  }
  if (!refused.empty()) {
    spdlog::warn("call {}: no bridge of legs {} and {}: {}", call_label(cmd.call), cmd.caller_leg.value,
                 cmd.agent_leg.value, refused);
    emit(model::RecordingClosed{cmd.call, "", false});
    return;
  }
  Leg* caller = a->second.get();
  Leg* agent = b->second.get();
  // One bridge per leg and per call: a new one replaces what was there (its recording is closed).
  close_bridge_of(cmd.caller_leg);
  close_bridge_of(cmd.agent_leg);
  close_bridge(cmd.call);
  for (Leg* leg : {caller, agent}) answer_inbound(leg);
  caller->media->bridge_to(agent->media.get());
  agent->media->bridge_to(caller->media.get());
  auto br = std::make_unique<BridgeRec>();
  br->call = cmd.call;
  br->a = cmd.caller_leg;
  br->b = cmd.agent_leg;
  br->path = cmd.record_path;
  if (s_.recording && !cmd.record_path.empty()) {
    br->rec = recorder_->open(data_path(cmd.record_path));
    br->recording = true;
    caller->media->set_rx_tap(&br->fa);
    agent->media->set_rx_tap(&br->fb);
  } else {
    emit(model::RecordingClosed{cmd.call, "", false});
  }
  spdlog::info("call {}: bridged {} leg {} and {} leg {}{}", call_label(cmd.call), to_string(caller->kind),
               cmd.caller_leg.value, to_string(agent->kind), cmd.agent_leg.value,
               br->recording ? ", recording to " + cmd.record_path : "");
  bridge_of_leg_[cmd.caller_leg] = cmd.call;
  bridge_of_leg_[cmd.agent_leg] = cmd.call;
  bridges_[cmd.call] = std::move(br);
}

void B2bua::close_bridge_of(LegId id) {
  if (auto it = bridge_of_leg_.find(id); it != bridge_of_leg_.end()) close_bridge(it->second);
}

void B2bua::close_bridge(CallId call) {
  auto bit = bridges_.find(call);
  if (bit == bridges_.end()) return;
  BridgeRec* br = bit->second.get();
  for (LegId l : {br->a, br->b}) {
    bridge_of_leg_.erase(l);
    if (auto lit = legs_.find(l); lit != legs_.end()) {
      lit->second->media->unbridge();
      lit->second->media->set_rx_tap(nullptr);
    }
  }
  if (br->recording) {
    std::string path = br->path;
    auto sink = sink_;
    recorder_->close(br->rec, [sink, call, path](Status st) {
      if (!st) spdlog::error("call {}: recording {}: {}", call_label(call), path, st.error().message);
      sink(model::RecordingClosed{call, path, st.ok()});
    });
  }
  bridges_.erase(bit);
}

// One stereo frame per recorded bridge: caller_leg left, agent_leg right.
void B2bua::write_recordings() {
  int16_t left[160], right[160];
  for (auto& [call, br] : bridges_) {
    if (!br->recording) continue;
    br->fa.pop_frame(left);
    br->fb.pop_frame(right);
    recorder_->write(br->rec, left, right, 160);
  }
}

}  // namespace plateau::sip
