// agent_state.h — the agent states, one catalogue.
//
// Thread-safety: constants only.
#pragma once

#include <array>
#include <string_view>

namespace plateau::acd {

enum class AgentState { LoggedOut, Ready, Reserved, Busy, WrapUp, NotReady };

inline constexpr std::array<AgentState, 6> kAgentStates = {AgentState::LoggedOut, AgentState::Ready,
                                                           AgentState::Reserved,  AgentState::Busy,
                                                           AgentState::WrapUp,    AgentState::NotReady};

constexpr std::string_view to_string(AgentState s) {
  switch (s) {
    case AgentState::LoggedOut: return "logged_out";
    case AgentState::Ready: return "ready";
    case AgentState::Reserved: return "reserved";
    case AgentState::Busy: return "busy";
    case AgentState::WrapUp: return "wrap_up";
    case AgentState::NotReady: return "not_ready";
  }
  return "logged_out";
}

}  // namespace plateau::acd
