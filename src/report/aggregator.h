// aggregator.h — the KPI engine's streaming part: events in id order in,
// counters per 15-minute interval (and per queue or agent) out.
//
// What counts where (docs/REPORTS.md):
// - A contact is the call between its first queue entry (call.queued) and its
//   end (call.ended); it counts in the interval, and the queue, where it first
//   entered a queue, whatever happens later (transfer, overflow). Only contacts
//   that entered within [from, to) count; their later events are read past
//   `to` (the reader reads ahead) so a call that ends after `to` is complete.
// - Agent state time is time: each stretch (between two agent.state events of
//   the agent) is cut at the range and at 15-minute boundaries.
// - Wrap-up time of a contact: the wrap_up stretch that follows the answer by
//   the agent, added to the contact's row.
// Memory: the calls in progress (forgotten at call.ended, or after
// `max_open_ms` when an end was never logged), one entry per agent, and the
// counters (intervals x queues or agents): bounded whatever the number of
// events.
//
// Pure; one owner thread.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "report/counters.h"
#include "report/event.h"
#include "report/zone.h"

namespace plateau::report {

enum class By { tenant, queue, agent };

struct Options {
  int64_t from_ms = 0, to_ms = 0;  // [from, to), UTC
  By by = By::tenant;
  std::string queue, agent;  // filters, "" = all
  int64_t sl_ms = 20'000;    // T
  int64_t short_ms = 5'000;  // S
  // Each agent's queues (login -> queue names): queue rows count an agent's
  // state time in each of its queues; the queue filter keeps its agents.
  std::map<std::string, std::vector<std::string>> agent_queues;
  int64_t max_open_ms = 24LL * 3600 * 1000;  // a call with no end logged is forgotten after this
  // With a zone, counters are kept per interval of `interval` in it (what
  // roll_up would give, in less memory); without, per 15 minutes (UTC
  // boundaries, which are local ones in every zone).
  std::optional<Zone> zone;
  Interval interval = Interval::m15;
};

class Aggregator {
 public:
  explicit Aggregator(Options o);

  // An agent's state before the range (its last agent.state before `from`):
  // its stretch runs from `since_ms` until its next event.
  void seed_agent(const std::string& agent, const std::string& state, const std::string& reason, int64_t since_ms);
  // The next event (id order).
  void add(const Event& e);
  // No more events: stretches still open run until `end_ms` (clipped to `to`).
  void finish(int64_t end_ms);

  // Counters per (interval start, queue, agent) for the rows of `by`.
  const Table& table() const { return table_; }
  // The whole range, each fact counted once (not per queue of an agent).
  const Counters& total() const { return total_; }
  size_t open_contacts() const { return open_.size(); }
  const Options& options() const { return o_; }

 private:
  struct Contact {
    std::string queue;
    int64_t entry_ms = 0;
    int64_t answer_ms = -1;
    std::string agent;
    int64_t hold_since = -1, hold_ms = 0;
    bool left = false;  // left the queues by an overflow (not an abandon)
  };
  struct Agent {
    bool known = false;
    int64_t since = 0;
    std::string state, reason;
    bool has_last = false;  // the contact it answered last, for its wrap-up
    int64_t last_entry = 0;
    std::string last_queue;
  };
  template <class F>
  void contact_fact(int64_t entry_ms, const std::string& queue, const std::string& agent, F f, bool agent_only = false);
  void stretch(const std::string& agent, const std::string& state, const std::string& reason, int64_t from, int64_t to);
  void on_agent(const Event& e);
  void forget_old(int64_t now);
  int64_t bucket(int64_t ms) const;
  int64_t bucket_end(int64_t start) const;

  Options o_;
  Table table_;
  Counters total_;
  std::unordered_map<std::string, Contact> open_;
  std::deque<std::pair<int64_t, std::string>> by_entry_;  // (entry, call id), for forgetting
  std::unordered_map<std::string, Agent> agents_;
};

}  // namespace plateau::report
