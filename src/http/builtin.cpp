#include "http/builtin.h"

#include <chrono>

#include <nlohmann/json.hpp>

#include "metrics/registry.h"

namespace plateau::http {

Handler healthz_handler(std::string version, HealthChecks checks) {
  const auto started = std::chrono::steady_clock::now();
  return [version = std::move(version), checks = std::move(checks), started](const Request&,
                                                                             Responder responder) {
    nlohmann::json body;
    bool ok = true;
    nlohmann::json detail = nlohmann::json::object();
    if (checks) {
      for (const HealthCheck& c : checks()) {
        ok = ok && c.ok;
        detail[c.name] = {{"ok", c.ok}, {"detail", c.detail}};
      }
    }
    body["status"] = ok ? "ok" : "degraded";
    body["version"] = version;
    body["uptime_s"] =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count();
    body["checks"] = std::move(detail);
    responder.send(
        json_response(ok ? 200 : 503, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  };
}

Handler metrics_handler(const metrics::Registry& registry) {
  return [&registry](const Request&, Responder responder) {
    responder.send(text_response(200, registry.render(), kPrometheusContentType));
  };
}

}  // namespace plateau::http
