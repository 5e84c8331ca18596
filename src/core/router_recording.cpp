// router_recording.cpp — the agent pauses and resumes its call's recording
// from the desktop (card payments): the telephony layer writes silence while
// paused and marks both boundaries in the file (model::PauseRecording); the
// record keeps the total paused time and the number of pauses.
#include <nlohmann/json.hpp>

#include "core/router.h"

namespace plateau::core {

Result<std::vector<Output>> Router::pause_recording(const std::string& tenant, const std::string& login, bool paused,
                                                    const std::string& actor) {
  acd::AgentId agent;
  auto found = agent_call(tenant, login, agent);
  if (!found) return found.error();
  Call& c = **found;
  if (c.recording.empty() || c.recording_mono < 0)
    return make_error("cti.bad_state", "the call of agent " + login + " is not recorded");
  if (c.recording_paused == paused)
    return make_error("cti.bad_state", std::string("the recording of the call is ") +
                                           (paused ? "paused already" : "not paused"));
  const int64_t now = clock_.monotonic_ms();
  if (paused) {
    c.recording_paused_mono = now;
    c.recording_pauses++;
  } else {
    c.recording_paused_ms += now - c.recording_paused_mono;
    c.recording_paused_mono = -1;
  }
  c.recording_paused = paused;
  std::vector<Output> out;
  out.emplace_back(model::PauseRecording{c.id, paused});
  log(out, c.tenant, paused ? "recording.paused" : "recording.resumed", &c, login,
      nlohmann::json{{"actor", actor}, {"offset_ms", now - c.recording_mono}}.dump());
  return out;
}

}  // namespace plateau::core
