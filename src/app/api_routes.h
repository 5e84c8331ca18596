// api_routes.h — the HTTP API of the telephony core: health, metrics, call
// records (JSON and CSV), agents and queues, and the minimal agent state
// commands, the event log, provisioning changes applied without a restart, the
// IVR's flows, voicemails and report, the CRM's customers (customer_routes.h)
// and the state of opening-hours schedules.
//
// Handlers run on the app thread; store queries go through the store worker
// and answer from there (Responder is thread-safe).
#pragma once

#include <boost/asio/io_context.hpp>

#include "app/call_service.h"
#include "app/flow_service.h"
#include "app/metrics_bridge.h"
#include "http/server.h"
#include "metrics/registry.h"
#include "sip/telephony.h"
#include "store/worker.h"

namespace plateau::app {

struct ApiContext {
  boost::asio::io_context& io;
  CallService& calls;
  store::StoreWorker& store;
  metrics::Registry& registry;
  MetricsBridge& metrics;
  sip::Telephony& telephony;
  int64_t started_ms;
  std::function<int64_t()> clock_ms;
  std::string sip_realm;  // for phone secrets of a provisioning posted to the API
  FlowService& flows;
};

http::Router make_routes(ApiContext& ctx);
// The IVR's routes (api_ivr_routes.cpp): flows, voicemails, the IVR report.
void add_ivr_routes(http::Router& r, ApiContext& ctx);

// GET /api/v1/schedules/{tenant}/{name}?at=<epoch ms>: whether the schedule is
// open at `at` (default: now) and when that changes (api_schedules.cpp).
void add_schedule_routes(http::Router& r, ApiContext& ctx);

// Call control on an agent's current contact, the agent's own view and the
// tenant's codes (call_control_routes.cpp, docs/API.md "Call control").
void add_call_control_routes(http::Router& r, ApiContext& ctx);

// Supervisors on live calls (listen, whisper, barge) and forced agent states
// (monitor_routes.cpp, docs/API.md "Supervision").
void add_monitor_routes(http::Router& r, ApiContext& ctx);

}  // namespace plateau::app
