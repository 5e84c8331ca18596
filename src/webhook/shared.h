// shared.h — what every exchange of a Client shares (private to src/webhook):
// the TLS context (trust store, protocol floor) and the metric handles.
//
// Immutable after Client::create(); exchanges on any thread read it. OpenSSL
// allows one SSL_CTX to make connections on several threads at once.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/ssl/context.hpp>

#include "metrics/registry.h"
#include "webhook/client.h"

namespace plateau::webhook {

struct Client::Shared {
  explicit Shared(boost::asio::ssl::context&& ctx) : tls(std::move(ctx)) {}

  // Counts the outcome and its duration (no-op without a registry).
  void record(const Result<HttpReply>& outcome, double seconds) const;

  // mutable: asio's ssl::stream takes a non-const context; making a
  // connection only takes a reference on it.
  mutable boost::asio::ssl::context tls;
  std::vector<std::pair<std::string_view, metrics::Counter*>> results;  // by result label
  metrics::Histogram* seconds = nullptr;
};

}  // namespace plateau::webhook
