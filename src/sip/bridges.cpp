// bridges.cpp — Bridge, Conference and Unbridge: which of a call's legs hear
// each other. A bridge relays the packets of two answered legs to each other as
// they come (whatever kinds: caller and agent, agent and a dialled customer,
// caller and a dialled external number); a conference mixes 2..N legs on the
// media tick (media/mixer.h): each hears the sum of the others, in its own
// codec, on its own RTP stream. Unbridge (hold, the start of a transfer) ends
// the call's group: the legs stay up and hear silence until a prompt or the
// next Bridge or Conference. The call's recording (call_recordings.cpp) goes on
// through all of this.
//
// Telephony thread only.
#include <spdlog/spdlog.h>

#include "common/next_id.h"
#include "sip/b2bua.h"
#include "sip/session_common.h"

namespace plateau::sip {

namespace {

std::string leg_list(const std::vector<LegId>& ids) {
  std::string s;
  for (LegId id : ids) s += (s.empty() ? "" : ", ") + std::to_string(id.value);
  return s;
}

}  // namespace

void B2bua::bridge(const model::Bridge& cmd) {
  join(cmd.call, {cmd.caller_leg, cmd.agent_leg}, false, cmd.record_path, "bridge");
}

void B2bua::conference(const model::Conference& cmd) {
  join(cmd.call, cmd.legs, true, cmd.record_path, "conference");
}

void B2bua::unbridge(const model::Unbridge& cmd) {
  auto it = groups_.find(cmd.call);
  if (it == groups_.end()) {
    spdlog::info("call {}: unbridge: the call has no bridge or conference", call_label(cmd.call));
    return;
  }
  spdlog::info("call {}: {} of legs {} ended (unbridge){}", call_label(cmd.call),
               it->second->mixed ? "conference" : "bridge", leg_list(it->second->legs),
               call_recs_.count(cmd.call) ? ", the recording goes on" : "");
  dissolve_group(cmd.call);
}

void B2bua::join(CallId call, const std::vector<LegId>& ids, bool mixed, const std::string& record_path,
                 const char* what) {
  std::string refused;
  if (ids.size() < 2) refused = "it takes two legs at least";
  for (size_t i = 0; i < ids.size() && refused.empty(); ++i) {
    for (size_t j = 0; j < i && refused.empty(); ++j) {
      if (ids[j] == ids[i])
        refused = ids.size() == 2 ? "a leg cannot be bridged with itself"
                                  : "leg " + std::to_string(ids[i].value) + " is named twice";
    }
    auto it = legs_.find(ids[i]);
    if (!refused.empty()) break;
    if (it == legs_.end())
      refused = "leg " + std::to_string(ids[i].value) + " is gone";
    else if (!it->second->inbound() && !it->second->answered)
      refused = std::string(to_string(it->second->kind)) + " leg " + std::to_string(ids[i].value) +
                " has not answered";
  }
  if (!refused.empty()) {
    spdlog::warn("call {}: no {} of legs {}: {}", call_label(call), what, leg_list(ids), refused);
    if (!call_recs_.count(call)) emit(model::RecordingClosed{call, "", false});
    return;
  }
  // A leg is in one group, a call has one: the legs leave theirs, the call's old one ends.
  for (LegId id : ids) leave_group(id);
  dissolve_group(call);
  std::vector<Leg*> legs;
  for (LegId id : ids) {
    legs.push_back(legs_.at(id).get());
    answer_inbound(legs.back());
  }
  auto g = std::make_unique<Group>();
  g->call = call;
  g->legs = ids;
  g->mixed = mixed || ids.size() > 2;
  if (!g->mixed) {
    legs[0]->media->bridge_to(legs[1]->media.get());
    legs[1]->media->bridge_to(legs[0]->media.get());
  } else {
    for (Leg* leg : legs) {
      g->inputs.push_back(std::make_unique<media::MixInput>());
      leg->media->join_mix(g->inputs.back().get());
    }
  }
  for (LegId id : ids) group_of_leg_[id] = call;
  groups_[call] = std::move(g);
  if (ids.size() == 2 && !mixed) {
    spdlog::info("call {}: bridged {} leg {} and {} leg {}", call_label(call), to_string(legs[0]->kind),
                 ids[0].value, to_string(legs[1]->kind), ids[1].value);
  } else {
    spdlog::info("call {}: conference of legs {}", call_label(call), leg_list(ids));
  }
  record_call(call, ids.front(), record_path);
}

void B2bua::leave_group(LegId id) {
  auto it = group_of_leg_.find(id);
  if (it == group_of_leg_.end()) return;
  const CallId call = it->second;
  Group* g = groups_.at(call).get();
  if (!g->mixed || g->legs.size() <= 2) return dissolve_group(call);  // a bridge, or nobody left to hear
  for (size_t i = 0; i < g->legs.size(); ++i) {
    if (g->legs[i] != id) continue;
    if (auto lit = legs_.find(id); lit != legs_.end()) lit->second->media->leave_mix();
    g->legs.erase(g->legs.begin() + static_cast<std::ptrdiff_t>(i));
    g->inputs.erase(g->inputs.begin() + static_cast<std::ptrdiff_t>(i));
    break;
  }
  group_of_leg_.erase(it);
  spdlog::info("call {}: leg {} left the conference; legs {} go on", call_label(call), id.value,
               leg_list(g->legs));
}

void B2bua::dissolve_group(CallId call) {
  auto it = groups_.find(call);
  if (it == groups_.end()) return;
  for (LegId id : it->second->legs) {
    group_of_leg_.erase(id);
    if (auto lit = legs_.find(id); lit != legs_.end()) {
      lit->second->media->unbridge();
      lit->second->media->leave_mix();
    }
  }
  groups_.erase(it);
}

// One frame to every leg of every conference: the others' frames summed.
void B2bua::mix_conferences() {
  for (auto& [call, g] : groups_) {
    if (!g->mixed) continue;
    const size_t n = g->legs.size();
    mix_buf_.resize(2 * n * media::kFrameSamples);
    mix_in_.resize(n);
    mix_out_.resize(n);
    for (size_t i = 0; i < n; ++i) {
      int16_t* in = mix_buf_.data() + i * media::kFrameSamples;
      g->inputs[i]->pop_frame(in);
      mix_in_[i] = in;
      mix_out_[i] = mix_buf_.data() + (n + i) * media::kFrameSamples;
    }
    media::mix_minus(mix_in_.data(), mix_out_.data(), n);
    for (size_t i = 0; i < n; ++i) {
      if (auto lit = legs_.find(g->legs[i]); lit != legs_.end()) lit->second->media->send_audio(mix_out_[i]);
    }
  }
}

}  // namespace plateau::sip
