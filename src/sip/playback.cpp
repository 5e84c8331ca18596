// playback.cpp — PlayPrompt, PlaySequence and StopPrompt: what a leg hears when
// it is not bridged; SendDigits: DTMF to a leg (RFC 4733 events or tones,
// media/dtmf_send.h), bridged or not. Prompts come from the shared read-only PromptLibrary; the
// media tick sends them 20 ms at a time and reports PromptDone at the end.
//
// Any leg: an inbound caller (answered or in early media: its 183 went out with
// the INVITE), an agent or dialled leg once answered. An outgoing leg that has
// not answered has no remote address yet: its playback starts when it answers.
//
// Telephony thread only.
#include <spdlog/spdlog.h>

#include "common/next_id.h"
#include "media/dtmf_send.h"
#include "sip/b2bua.h"
#include "sip/session_common.h"

namespace plateau::sip {

void B2bua::set_prompts(std::shared_ptr<const media::PromptLibrary> prompts) {
  if (!prompts) return;
  // Players hold their own references to the buffers they play (PcmBuffer is a
  // shared_ptr): what plays now plays to its end from the old library.
  prompts_ = std::move(prompts);
  missing_prompts_.clear();  // a prompt still missing is worth one more warning
  spdlog::info("sip: new prompt library ({} prompts)", prompts_->size());
}

media::PcmBuffer B2bua::prompt(const std::string& name, const std::string& language, LegId leg) {
  media::PcmBuffer pcm = prompts_->get(name, language);
  if (!pcm && missing_prompts_.insert(language + "/" + name).second)
    spdlog::warn("leg {}: no prompt \"{}\" ({}) in any language; skipped (said once per prompt)", leg.value,
                 name, language);
  return pcm;
}

void B2bua::play(const model::PlayPrompt& cmd) {
  auto it = legs_.find(cmd.leg);
  if (it == legs_.end()) return;
  media::PcmBuffer pcm = prompt(cmd.prompt, cmd.language, cmd.leg);
  if (!pcm) {
    if (!cmd.loop) emit(model::PromptDone{cmd.leg});
    return;
  }
  it->second->media->play(media::Player(std::move(pcm), cmd.loop));
}

void B2bua::play_sequence(const model::PlaySequence& cmd) {
  auto it = legs_.find(cmd.leg);
  if (it == legs_.end()) return;
  std::vector<media::PcmBuffer> parts;
  parts.reserve(cmd.prompts.size());
  for (size_t i = 0; i < cmd.prompts.size(); ++i) {
    const bool own = i < cmd.languages.size() && !cmd.languages[i].empty();
    parts.push_back(prompt(cmd.prompts[i], own ? cmd.languages[i] : cmd.language, cmd.leg));
  }
  media::Player player(parts);
  if (player.finished()) {  // nothing to play: what played stops, and the sequence is over at once
    it->second->media->stop_playing();
    emit(model::PromptDone{cmd.leg});
    return;
  }
  it->second->media->play(std::move(player));
}

void B2bua::stop_prompt(const model::StopPrompt& cmd) {
  if (auto it = legs_.find(cmd.leg); it != legs_.end()) it->second->media->stop_playing();
}

void B2bua::send_digits(const model::SendDigits& cmd) {
  auto it = legs_.find(cmd.leg);
  std::string refused;
  if (it == legs_.end())
    refused = "the leg is gone";
  else if (!it->second->answered)
    refused = std::string("the ") + to_string(it->second->kind) + " leg has not answered";
  else if (cmd.digits.size() > kMaxDigits)
    refused = "more than " + std::to_string(kMaxDigits) + " digits";
  if (!refused.empty()) {
    spdlog::warn("leg {}: digits \"{}\" not sent: {}", cmd.leg.value, cmd.digits, refused);
    return;
  }
  if (const std::string bad = media::not_digits(cmd.digits); !bad.empty())
    spdlog::warn("leg {}: \"{}\" are not DTMF digits; skipped", cmd.leg.value, bad);
  MediaLeg& media = *it->second->media;
  spdlog::info("call {}: sending digits {} to the {} leg {} ({})", call_label(it->second->call), cmd.digits,
               to_string(it->second->kind), cmd.leg.value,
               media.telephone_event_pt() >= 0 ? "RFC 4733 events" : "in-band tones");
  media.send_digits(cmd.digits);
}

}  // namespace plateau::sip
