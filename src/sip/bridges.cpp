// bridges.cpp — Bridge, Conference and Unbridge: which of a call's legs hear
// each other. A bridge relays the packets of two answered legs to each other as
// they come (whatever kinds: caller and agent, agent and a dialled customer,
// caller and a dialled external number); a conference mixes 2..N legs on the
// media tick (media/mixer.h): each hears the sum of the others, in its own
// codec, on its own RTP stream. Unbridge (hold, the start of a transfer) ends
// the call's group: the legs stay up and hear silence until a prompt or the
// next Bridge or Conference. Monitor adds a supervisor's leg to the call:
// it is mixed into the call's bridge or conference, now and after each
// Bridge or Conference of the call, with who hears whom by its mode
// (hearing.h; listen, whisper, barge); a bridge with a monitor is mixed. The
// call's recording (call_recordings.cpp) goes on through all of this.
//
// Telephony thread only.
#include <algorithm>

#include <spdlog/spdlog.h>

#include "common/next_id.h"
#include "sip/b2bua.h"
#include "sip/hearing.h"
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
  // A leg is in one group, a call has one: the legs leave theirs (a monitor
  // named here becomes a party), the call's old one ends.
  for (LegId id : ids) {
    drop_monitor(id);
    leave_group(id);
  }
  dissolve_group(call);
  for (LegId id : ids) answer_inbound(legs_.at(id).get());
  wire_group(call, ids, mixed);
  const Group& g = *groups_.at(call);
  if (!g.mixed) {
    spdlog::info("call {}: bridged {} leg {} and {} leg {}", call_label(call), to_string(legs_.at(ids[0])->kind),
                 ids[0].value, to_string(legs_.at(ids[1])->kind), ids[1].value);
  } else {
    spdlog::info("call {}: {} of legs {}{}", call_label(call), ids.size() == 2 && !mixed ? "bridge" : "conference",
                 leg_list(ids), g.legs.size() > g.parties ? ", monitored" : "");
  }
  record_call(call, ids.front(), record_path);
}

void B2bua::wire_group(CallId call, const std::vector<LegId>& parties, bool conference) {
  auto g = std::make_unique<Group>();
  g->call = call;
  g->conference = conference;
  g->legs = parties;
  g->parties = parties.size();
  std::vector<MonitorSeat> seats;
  if (auto mit = monitors_.find(call); mit != monitors_.end()) {
    for (const MonitorLeg& m : mit->second) {
      if (!legs_.count(m.leg)) continue;
      MonitorSeat seat{m.mode, MonitorSeat::kNoAgent};
      for (size_t i = 0; i < parties.size(); ++i)
        if (parties[i] == m.agent_leg) seat.agent = i;
      seats.push_back(seat);
      g->legs.push_back(m.leg);
    }
  }
  g->mixed = conference || parties.size() > 2 || !seats.empty();
  std::vector<MediaLeg*> media;
  for (LegId id : g->legs) media.push_back(legs_.at(id)->media.get());
  if (!g->mixed) {
    media[0]->bridge_to(media[1]);
    media[1]->bridge_to(media[0]);
  } else {
    for (MediaLeg* m : media) {
      g->inputs.push_back(std::make_unique<media::MixInput>());
      m->join_mix(g->inputs.back().get());
    }
    if (!seats.empty()) g->hears = hearing_matrix(g->parties, seats);
  }
  for (LegId id : g->legs) group_of_leg_[id] = call;
  groups_[call] = std::move(g);
}

void B2bua::rewire_group(CallId call) {
  auto it = groups_.find(call);
  if (it == groups_.end()) return;
  const std::vector<LegId> parties(it->second->legs.begin(),
                                   it->second->legs.begin() + static_cast<std::ptrdiff_t>(it->second->parties));
  const bool conference = it->second->conference;
  dissolve_group(call);
  wire_group(call, parties, conference);
}

void B2bua::monitor(const model::Monitor& cmd) {
  auto it = legs_.find(cmd.leg);
  std::string refused;
  if (it == legs_.end())
    refused = "the leg is gone";
  else if (!it->second->inbound() && !it->second->answered)
    refused = std::string(to_string(it->second->kind)) + " leg has not answered";
  else if (auto g = group_of_leg_.find(cmd.leg); g != group_of_leg_.end() && !monitor_of_leg_.count(cmd.leg))
    refused = "the leg is a party of call " + call_label(g->second);
  if (!refused.empty()) {
    spdlog::warn("call {}: no monitor on leg {}: {}", call_label(cmd.call), cmd.leg.value, refused);
    return;
  }
  if (auto old = monitor_of_leg_.find(cmd.leg); old != monitor_of_leg_.end() && old->second != cmd.call)
    drop_monitor(cmd.leg);
  answer_inbound(it->second.get());
  auto& list = monitors_[cmd.call];
  MonitorLeg* m = nullptr;
  for (auto& x : list)
    if (x.leg == cmd.leg) m = &x;
  const bool known = m != nullptr;
  if (!m) m = &list.emplace_back();
  m->leg = cmd.leg;
  m->agent_leg = cmd.agent_leg;
  m->mode = cmd.mode;
  monitor_of_leg_[cmd.leg] = cmd.call;
  spdlog::info("call {}: leg {} {} (agent leg {}){}", call_label(cmd.call), cmd.leg.value,
               known ? std::string("now in ") + model::to_string(cmd.mode) : std::string("monitors in ") + model::to_string(cmd.mode),
               cmd.agent_leg.value, groups_.count(cmd.call) ? "" : "; the call has no bridge now");
  auto git = groups_.find(cmd.call);
  if (git == groups_.end()) {
    it->second->media->stop_playing();
    return;
  }
  Group& g = *git->second;
  if (known && g.mixed && group_of_leg_.count(cmd.leg)) {
    // A new mode: who hears whom changes on the next tick; the buffers stay.
    std::vector<MonitorSeat> seats;
    for (size_t k = g.parties; k < g.legs.size(); ++k) {
      for (const auto& x : list) {
        if (x.leg != g.legs[k]) continue;
        MonitorSeat seat{x.mode, MonitorSeat::kNoAgent};
        for (size_t i = 0; i < g.parties; ++i)
          if (g.legs[i] == x.agent_leg) seat.agent = i;
        seats.push_back(seat);
      }
    }
    g.hears = hearing_matrix(g.parties, seats);
    return;
  }
  rewire_group(cmd.call);
}

void B2bua::drop_monitor(LegId id) {
  auto it = monitor_of_leg_.find(id);
  if (it == monitor_of_leg_.end()) return;
  const CallId call = it->second;
  monitor_of_leg_.erase(it);
  if (auto mit = monitors_.find(call); mit != monitors_.end()) {
    std::erase_if(mit->second, [&](const MonitorLeg& m) { return m.leg == id; });
    if (mit->second.empty()) monitors_.erase(mit);
  }
  spdlog::info("call {}: leg {} monitors no more", call_label(call), id.value);
  if (auto g = group_of_leg_.find(id); g != group_of_leg_.end() && g->second == call) rewire_group(call);
}

void B2bua::leave_group(LegId id) {
  auto it = group_of_leg_.find(id);
  if (it == group_of_leg_.end()) return;
  const CallId call = it->second;
  Group* g = groups_.at(call).get();
  std::vector<LegId> parties(g->legs.begin(), g->legs.begin() + static_cast<std::ptrdiff_t>(g->parties));
  const auto pos = std::find(parties.begin(), parties.end(), id);
  if (pos == parties.end()) return rewire_group(call);  // a monitor: the parties go on
  // A bridge, or nobody left to hear: the group ends (its monitors hear silence).
  if (!g->mixed || g->parties <= 2) return dissolve_group(call);
  parties.erase(pos);
  const bool conference = true;  // what was mixed stays mixed
  dissolve_group(call);
  wire_group(call, parties, conference);
  spdlog::info("call {}: leg {} left the conference; legs {} go on", call_label(call), id.value,
               leg_list(parties));
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

// One frame to every leg of every conference: the others' frames summed (or
// those it may hear, with monitors).
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
    if (g->hears.empty()) media::mix_minus(mix_in_.data(), mix_out_.data(), n);
    else media::mix_matrix(mix_in_.data(), mix_out_.data(), g->hears.data(), n);
    for (size_t i = 0; i < n; ++i) {
      if (auto lit = legs_.find(g->legs[i]); lit != legs_.end()) lit->second->media->send_audio(mix_out_[i]);
    }
  }
}

}  // namespace plateau::sip
