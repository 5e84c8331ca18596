// board.h — the live supervision figures of every tenant (docs/SUPERVISION.md):
// today's counters per queue and per agent, fed by the core's log events as
// they happen (and by today's events read back from the event log at start,
// so that a restart does not zero the wallboard), joined at snapshot time with
// the live state of the ACD (contacts waiting, agents by state, estimated
// wait) and the queue's thresholds.
//
// "Today" is since local midnight in the tenant's time zone. Per queue:
//   offered   (O)    contacts that entered the queue (call.queued, or an overflow into it);
//   answered  (A)    of those, answered by an agent (call.answered); their wait, queue entry to
//                    answer (ring time included), makes the ASA; A_T those answered within the
//                    queue's sl_threshold;
//   abandoned (Ab)   of those, ended by the caller while waiting or ringing (outcome abandoned);
//                    Ab_T within the threshold, Ab_S within kShortAbandonS (short);
//   service level    A_T / (A + Ab - Ab_T), "abandons before T neutral" (DOMAIN.md); null
//                    while its denominator is 0.
// Per agent: contacts handled (a stretch busy, then wrap-up, is one contact, counted when
// the agent leaves it) and the average handle time (talk + hold + wrap-up) of those.
//
// Pure logic; the app thread owns the one instance.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/directory.h"
#include "core/router.h"

namespace plateau::supervision {

// Abandons within this many seconds are short (DOMAIN.md: 5 to 10 s).
inline constexpr int kShortAbandonS = 5;

// The service-level variant the wallboard shows, and its formula.
inline constexpr const char* kSlVariant = "sl_neutral";
inline constexpr const char* kSlFormula = "A_T / (A + Ab - Ab_T)";

struct QueueCounts {
  int offered = 0, answered = 0, answered_within = 0;
  int abandoned = 0, abandoned_within = 0, short_abandoned = 0;
  int64_t answered_wait_ms = 0;  // total wait of the answered ones
  bool operator==(const QueueCounts&) const = default;
};

struct AgentCounts {
  int handled = 0;
  int64_t handle_ms = 0;
  bool operator==(const AgentCounts&) const = default;
};

enum class Level { Ok, Amber, Red };
const char* to_string(Level l);
// Worse when higher (waiting, longest wait, ASA): red from `red`, amber from `amber`.
Level level_high(double value, int amber, int red);
// Worse when lower (service level in %): red below `red`, amber below `amber`.
Level level_low(double value, int amber, int red);

// A_T / (A + Ab - Ab_T), or nullopt when the denominator is 0.
std::optional<double> service_level(const QueueCounts& c);
// Mean wait of the answered ones in seconds, or nullopt when none was answered.
std::optional<double> asa_s(const QueueCounts& c);

class Board {
 public:
  // One log event of the core, in the order logged. The directory gives the
  // tenant's time zone and the queue's service-level threshold.
  void on_event(const core::LogEvent& ev, const core::Directory& dir);
  // After today's events were read back at start: the calls and handling
  // stretches they left open died with the previous process.
  void end_of_replay();

  // The snapshot of one tenant at `now_ms` (supervision.snapshot.v1's data):
  // {"tenant", "ts_ms", "day_start_ms", "time_zone", "queues": [...], "agents": [...]}.
  nlohmann::json snapshot(const std::string& tenant, int64_t now_ms, const core::Directory& dir,
                          const std::vector<core::AgentView>& agents,
                          const std::vector<core::QueueView>& queues);

  // Today's counters (zero when nothing happened today).
  QueueCounts queue_counts(const std::string& tenant, const std::string& queue) const;
  AgentCounts agent_counts(const std::string& tenant, const std::string& login) const;
  size_t calls_tracked() const { return calls_.size(); }

 private:
  struct Day {
    int64_t start_ms = 0, end_ms = 0;  // 0, 0: not started
    std::map<std::string, QueueCounts> queues;
    std::map<std::string, AgentCounts> agents;
  };
  enum class Phase { New, Waiting, Answered, Left };
  struct CallTrack {
    std::string tenant, queue, caller;
    int64_t entered_ms = 0;
    Phase phase = Phase::New;
  };
  struct Contact {
    std::string call_id, caller, queue;
  };
  struct Handling {
    int64_t since_ms = -1;  // entered busy; -1 when not handling
  };

  // The tenant's day containing ts_ms (a new day starts with zero counters).
  Day& day(const std::string& tenant, int64_t ts_ms, const core::Directory& dir);
  CallTrack& track(const core::LogEvent& ev);
  void on_agent_state(const core::LogEvent& ev, const nlohmann::json& d, Day& today);

  std::unordered_map<std::string, Day> days_;          // by tenant
  std::unordered_map<std::string, CallTrack> calls_;   // by call id, calls in progress
  std::deque<std::string> arrival_;                    // call ids, oldest first (bounds calls_)
  std::map<std::pair<std::string, std::string>, Contact> last_contact_;   // (tenant, login)
  std::map<std::pair<std::string, std::string>, Handling> handling_;      // (tenant, login)
};

}  // namespace plateau::supervision
