// counters.h — additive report counters, per (interval start, queue, agent).
//
// Every KPI is a ratio or an average of these sums (kpi.h), so counters of
// small intervals roll up into hours, days, weeks and months by addition.
//
// Pure; any thread.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>

namespace plateau::report {

// Agent states counted in reports (logged_out is not counted).
enum class State { ready, reserved, busy, wrap_up, not_ready };
inline constexpr std::array<std::string_view, 5> kStateNames = {"ready", "reserved", "busy", "wrap_up", "not_ready"};
// -1 for "logged_out" and unknown names.
int state_index(std::string_view name);

struct Counters {
  int64_t offered = 0;           // O: contacts that entered the queue (agent rows: offers rung to the agent)
  int64_t answered = 0;          // A
  int64_t answered_within = 0;   // A_T: wait <= T
  int64_t abandoned = 0;         // Ab
  int64_t abandoned_within = 0;  // Ab_T: wait <= T
  int64_t short_abandoned = 0;   // Ab_S: wait <= S
  int64_t answered_wait_ms = 0;  // queue entry to answer (ring included), answered contacts
  int64_t handled = 0;           // answered contacts whose call ended
  int64_t talk_ms = 0;           // answer to end, hold excluded
  int64_t hold_ms = 0;
  int64_t wrap_ms = 0;           // after-call work of the agent who answered
  int64_t ring_no_answer = 0;
  int64_t transfers = 0;
  std::array<int64_t, 5> state_ms{};          // time in each State
  std::map<std::string, int64_t> not_ready_ms;  // not-ready time by reason

  Counters& operator+=(const Counters& o);
  int64_t logged_in_ms() const;
  int64_t state(State s) const { return state_ms[static_cast<size_t>(s)]; }
};

struct Key {
  int64_t start = 0;  // interval start, UTC ms
  std::string queue, agent;
  auto operator<=>(const Key& o) const { return std::tie(start, queue, agent) <=> std::tie(o.start, o.queue, o.agent); }
  bool operator==(const Key&) const = default;
};

using Table = std::map<Key, Counters>;

}  // namespace plateau::report
