// builtin.h — the handlers every Plateau server exposes; the app registers them:
//   router.get("/healthz", healthz_handler(version, checks));
//   router.get("/metrics", metrics_handler(registry));
//
// /healthz answers {"status":"ok","version":...,"uptime_s":...,"checks":{...}}
// with 200, or "status":"degraded" with 503 when a check fails. /metrics answers
// the registry's Prometheus text (text/plain; version=0.0.4).
//
// The handlers run on the app thread. `checks` is called there on every request:
// keep it cheap (read cached state). The registry must outlive the server.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "http/handler.h"

namespace plateau::metrics {
class Registry;
}

namespace plateau::http {

struct HealthCheck {
  std::string name;  // "store", "sip"
  bool ok = true;
  std::string detail;  // shown as is; no secrets
};
using HealthChecks = std::function<std::vector<HealthCheck>()>;

// Uptime counts from the call to healthz_handler (at server start).
Handler healthz_handler(std::string version, HealthChecks checks = {});

Handler metrics_handler(const metrics::Registry& registry);

inline constexpr const char* kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace plateau::http
