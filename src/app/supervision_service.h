// supervision_service.h — the wallboard's live figures (supervision::Board)
// served two ways (docs/SUPERVISION.md):
//   - CTI topic `supervision:<tenant>`: the event `supervision.snapshot.v1`,
//     whose data is the whole snapshot, once a second for each tenant whose
//     topic has subscribers (none: no work). One snapshot is built and
//     serialised per tenant and second, whatever the number of clients.
//   - GET /api/v1/tenants/{tenant}/supervision (supervisor+): the same JSON.
// The board is fed with the core's log events as they happen, and at start
// with today's events read back from the event log.
//
// App thread only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include "app/cti_hub.h"
#include "core/router.h"
#include "http/router.h"
#include "metrics/registry.h"
#include "store/store.h"
#include "supervision/board.h"

namespace plateau::app {

// The events of the current local day of every tenant of `dir` (from the
// earliest of their midnights), in the order they were appended.
Result<std::vector<store::EventRecord>> todays_events(store::Store& store, const core::Directory& dir,
                                                      int64_t now_ms);

class SupervisionService {
 public:
  SupervisionService(boost::asio::io_context& io, const core::Router& router, CtiHub& hub,
                     metrics::Registry& registry, std::function<int64_t()> clock_ms);

  // Today's events read back from the event log, before any live event.
  void replay(const std::vector<store::EventRecord>& events);
  // One log event of the core, as it happens.
  void on_log(const core::LogEvent& ev);
  // GET /api/v1/tenants/{tenant}/supervision
  void add_routes(http::Router& r);
  // The once-a-second push; stop() cancels it.
  void start();
  void stop();

  // The snapshot of a tenant now; nullopt for a tenant that is not provisioned.
  std::optional<nlohmann::json> snapshot(const std::string& tenant);

 private:
  void wait();
  void tick();

  const core::Router& router_;
  CtiHub& hub_;
  metrics::Histogram& build_seconds_;
  std::function<int64_t()> clock_ms_;
  boost::asio::steady_timer timer_;
  supervision::Board board_;
};

}  // namespace plateau::app
