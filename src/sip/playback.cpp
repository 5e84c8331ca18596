// playback.cpp — PlayPrompt and StopPrompt: what a leg hears when it is not
// bridged. Prompts come from the shared read-only PromptLibrary; the
// media tick sends them 20 ms at a time and reports PromptDone at the end.
//
// Any leg: an inbound caller (answered or in early media: its 183 went out with
// the INVITE), an agent leg once answered. An outgoing leg that has not
// answered has no remote address yet: its playback starts when it answers.
//
// Telephony thread only.
#include <spdlog/spdlog.h>

#include "sip/b2bua.h"

namespace plateau::sip {

void B2bua::play(const model::PlayPrompt& cmd) {
  auto it = legs_.find(cmd.leg);
  if (it == legs_.end()) return;
  auto pcm = prompts_->get(cmd.prompt, cmd.language);
  if (!pcm) {
    spdlog::warn("leg {}: no prompt \"{}\" ({})", cmd.leg.value, cmd.prompt, cmd.language);
    if (!cmd.loop) emit(model::PromptDone{cmd.leg});
    return;
  }
  it->second->media->play(media::Player(pcm, cmd.loop));
}

void B2bua::stop_prompt(const model::StopPrompt& cmd) {
  if (auto it = legs_.find(cmd.leg); it != legs_.end()) it->second->media->stop_playing();
}

}  // namespace plateau::sip
