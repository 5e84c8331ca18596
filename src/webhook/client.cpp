#include "webhook/client.h"

#include <array>
#include <optional>

#include <boost/asio/io_context.hpp>

#include "webhook/exchange.h"
#include "webhook/request.h"
#include "webhook/shared.h"

namespace plateau::webhook {

namespace ssl = boost::asio::ssl;

namespace {

// Every value of the result label, registered up front so that rates start at 0.
constexpr std::array<std::string_view, 12> kResults = {"2xx",          "3xx",     "4xx",     "5xx",
                                                       "other_status", "timeout", "connect", "tls",
                                                       "too_large",    "http",    "bad_url", "bad_request"};

}  // namespace

void Client::Shared::record(const Result<HttpReply>& outcome, double secs) const {
  if (seconds) seconds->observe(secs);
  std::string_view label = result_label(outcome);
  for (const auto& [name, counter] : results)
    if (name == label) counter->inc();
}

Result<std::unique_ptr<Client>> Client::create(boost::asio::io_context& io, ClientOptions options) {
  std::optional<ssl::context> made;
  try {
    made.emplace(ssl::context::tls_client);
  } catch (const boost::system::system_error& e) {  // SSL_CTX_new failed
    return make_error("webhook.tls", std::string("webhook: cannot make a TLS context: ") + e.what());
  }
  ssl::context& ctx = *made;
  ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                  ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::no_compression);
  boost::system::error_code ec;
  if (options.ca_file.empty()) {
    ctx.set_default_verify_paths(ec);
    if (ec) return make_error("webhook.tls", "webhook: cannot load the system CA store: " + ec.message());
  } else {
    ctx.load_verify_file(options.ca_file, ec);
    if (ec)
      return make_error("webhook.tls",
                        "webhook: cannot load the CA file " + options.ca_file + ": " + ec.message());
  }
  auto shared = std::make_shared<Shared>(std::move(ctx));
  if (options.registry) {
    for (auto label : kResults)
      shared->results.emplace_back(
          label, &options.registry->counter(metrics::Metric::webhook_requests_total, {label}));
    shared->seconds = &options.registry->histogram(metrics::Metric::webhook_seconds);
  }
  return std::make_unique<Client>(io, std::move(shared));
}

Client::Client(boost::asio::io_context& io, std::shared_ptr<const Shared> shared)
    : io_(io), shared_(std::move(shared)) {}

Client::~Client() = default;

void Client::send(const HttpRequestSpec& spec, Done done) const {
  std::make_shared<Exchange>(io_, shared_, spec, std::move(done))->start();
}

}  // namespace plateau::webhook
