// metrics_bridge.h — feeds the metrics catalogue from the services: counters
// when a call ends, gauges from the routing core, the telephony counters and
// the store worker once a second.
//
// App thread (the registry's updates themselves are lock-free).
#pragma once

#include "core/router.h"
#include "metrics/registry.h"
#include "model/call_record.h"
#include "sip/telephony.h"
#include "store/worker.h"

namespace plateau::app {

class MetricsBridge {
 public:
  explicit MetricsBridge(metrics::Registry& registry);

  void call_ended(const model::CallRecord& rec);
  void refresh(const core::Router& router, const sip::TelephonyStats& tel, const store::StoreWorker& worker);

 private:
  metrics::Registry& r_;
  sip::TelephonyStats last_{};
  uint64_t store_commits_ = 0;
};

}  // namespace plateau::app
