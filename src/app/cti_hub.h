// cti_hub.h — the CTI event stream: the core's log events, translated
// (cti::Translator), serialised once each and fanned out to the WebSocket
// clients subscribed to their topics; the protocol of `GET /api/v1/ws` and
// `GET /api/v1/snapshot?topic=` (docs/CTI.md).
//
// Client → server: {"id", "type": "subscribe"|"unsubscribe", "topics": [...]},
// {"id", "type": "snapshot", "topic"}, {"id", "type": "ping"}; each answered by
// exactly one {"type": "response", "id", "ok", "error"?, "data"?}. Topics are
// checked against the connection's principal (cti::access): a topic of a
// tenant it does not see answers "cti.not_found", like a topic that does not
// exist.
//
// App thread only: CallService feeds on_log() as the core logs; the server's
// WebSocket callbacks run on the same io_context.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/router.h"
#include "cti/translator.h"
#include "http/router.h"
#include "metrics/registry.h"

namespace plateau::app {

class CtiHub {
 public:
  // `router` gives the views snapshots are made of; it must outlive the hub.
  CtiHub(const core::Router& router, metrics::Registry& registry, std::function<int64_t()> clock_ms);

  // One log event of the core, as it happens.
  void on_log(const core::LogEvent& ev);

  // `GET /api/v1/ws` (WebSocket) and `GET /api/v1/snapshot`.
  void add_routes(http::Router& r);

  size_t clients() const { return clients_.size(); }

  // The state of `supervision:<tenant>` topics (snapshots and their existence):
  // nullopt for a tenant without agents or queues. Set once, by SupervisionService.
  using SupervisionSource = std::function<std::optional<nlohmann::json>(const std::string& tenant)>;
  void set_supervision_source(SupervisionSource source) { supervision_ = std::move(source); }
  // Tenants whose supervision topic has at least one subscriber now.
  std::vector<std::string> supervised_tenants() const;
  // An event the app makes itself (not a translated log event) on `topic`:
  // seq given, serialised once, queued to every subscriber.
  void publish(const cti::Topic& topic, const std::string& name, int64_t ts_ms, nlohmann::json data);

 private:
  struct Client {
    std::shared_ptr<http::WebSocket> ws;
    std::shared_ptr<const auth::Principal> principal;
    std::set<std::string> topics;
  };

  void opened(std::shared_ptr<http::WebSocket> ws, const http::Request& req);
  void message(uint64_t id, const std::string& text);
  void closed(uint64_t id);
  // The topic if the principal may see it and it exists; otherwise the error {code, message}.
  std::variant<cti::Topic, nlohmann::json> checked(const auth::Principal& p, const nlohmann::json& topic) const;
  std::optional<cti::Snapshot> snapshot(const cti::Topic& t) const;
  uint64_t seq(const std::string& topic) const;
  void fan_out(const std::string& topic, const std::shared_ptr<const std::string>& message);
  void count_connections();

  const core::Router& router_;
  metrics::Registry& registry_;
  metrics::Gauge& clients_gauge_;
  metrics::Counter& sent_;
  metrics::Counter& dropped_;
  std::function<int64_t()> clock_ms_;
  cti::Translator translator_;
  std::unordered_map<uint64_t, Client> clients_;
  std::unordered_map<std::string, std::set<uint64_t>> subscribers_;  // by topic
  SupervisionSource supervision_;
  std::unordered_map<std::string, uint64_t> app_seq_;  // seq of the topics publish() serves
};

}  // namespace plateau::app
