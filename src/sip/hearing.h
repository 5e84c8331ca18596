// hearing.h — who hears whom in a call that supervisors monitor (model::Monitor):
//  - the parties of the call's bridge or conference (caller, agent, a
//    consulted or conferenced target) hear one another, as without them;
//  - a supervisor hears every party, and the other supervisors who speak in
//    the call (whisper, barge);
//  - a listening supervisor is heard by nobody, a whispering one by the
//    monitored agent only (the party `agent`), a barging one by everybody.
//
// Pure (no libre): any thread; used by the media tick (bridges.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/call_events.h"

namespace plateau::sip {

struct MonitorSeat {
  static constexpr size_t kNoAgent = static_cast<size_t>(-1);
  model::MonitorMode mode = model::MonitorMode::Listen;
  size_t agent = kNoAgent;  // the monitored agent's index among the parties; kNoAgent: not in the call now
};

// The n x n matrix for media::mix_matrix, n = parties + monitors.size(): the
// parties first, then the monitors in order; row i says whom i hears.
std::vector<uint8_t> hearing_matrix(size_t parties, const std::vector<MonitorSeat>& monitors);

}  // namespace plateau::sip
