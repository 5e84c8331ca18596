// event_reader.h — streams one tenant's events of a time range to the report
// engine, from its own read-only SQLite connection.
//
// The store worker keeps the only writing connection; a reader opens another
// one, read-only, on the report's thread. In WAL mode a reader sees the last
// committed state and neither blocks nor waits for the writer, so a report of
// a month never delays a call record. Rows are stepped one at a time (no
// result set in memory): memory does not depend on the range.
//
// Order: by id (the order events were appended). The id range of
// [from, to) is found through the (tenant, ts_ms) index, then walked through
// (tenant, id) (store migration 10); rows outside [from, to) are skipped.
//
// Thread: one owner thread (the report thread); not thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "report/event.h"

namespace plateau::store {

class EventReader {
 public:
  // Errors: "store.io" (no such database, not readable), "store.busy".
  static Result<std::unique_ptr<EventReader>> open(const std::string& path);
  ~EventReader();
  EventReader(const EventReader&) = delete;
  EventReader& operator=(const EventReader&) = delete;

  struct AgentSeed {
    std::string agent, state, reason;
    int64_t since_ms = 0;
  };
  // Each agent's last agent.state in [before_ms - lookback_ms, before_ms): the
  // state it was in at before_ms.
  Result<std::vector<AgentSeed>> agent_states_before(std::string_view tenant, int64_t before_ms, int64_t lookback_ms);

  // Calls `f` for each event of the tenant with ts_ms in [from_ms, to_ms) whose
  // kind the report engine reads (report::report_kinds()), in id order.
  // Returns the number of events read.
  Result<int64_t> for_each(std::string_view tenant, int64_t from_ms, int64_t to_ms,
                           const std::function<void(const report::Event&)>& f);

 private:
  struct Impl;
  explicit EventReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace plateau::store
