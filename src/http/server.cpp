#include "http/server.h"

#include <cctype>

#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "http/session.h"

namespace plateau::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct Server::Impl : std::enable_shared_from_this<Impl> {
  Impl(asio::io_context& io, std::shared_ptr<const SessionConfig> cfg)
      : io(io), acceptor(io), retry(io), cfg(std::move(cfg)) {}

  void accept() {
    acceptor.async_accept(
        asio::make_strand(io), [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
          if (self->stopped) return;
          if (ec) {
            // Out of descriptors and the like: back off instead of spinning on the error.
            spdlog::warn("http: accept: {}", ec.message());
            self->retry.expires_after(std::chrono::milliseconds(100));
            self->retry.async_wait([self](boost::system::error_code wec) {
              if (!wec && !self->stopped) self->accept();
            });
            return;
          }
          auto session = std::make_shared<Session>(std::move(socket), self->cfg);
          std::erase_if(self->sessions, [](const std::weak_ptr<Session>& w) { return w.expired(); });
          self->sessions.push_back(session);
          session->start();
          self->accept();
        });
  }

  void stop() {
    if (stopped) return;
    stopped = true;
    boost::system::error_code ec;
    acceptor.close(ec);
    retry.cancel();
    for (auto& w : sessions)
      if (auto s = w.lock()) s->close();
    sessions.clear();
  }

  asio::io_context& io;
  tcp::acceptor acceptor;
  asio::steady_timer retry;
  std::shared_ptr<const SessionConfig> cfg;
  std::vector<std::weak_ptr<Session>> sessions;  // open connections, for stop()
  uint16_t port = 0;
  bool stopped = false;
};

Server::Server(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { stop(); }
uint16_t Server::port() const { return impl_->port; }
void Server::stop() { impl_->stop(); }

namespace {

std::string lower_first(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

}  // namespace

Result<std::unique_ptr<Server>> start(asio::io_context& io, const std::string& host, uint16_t port,
                                      Router router, Authenticator authenticate, Limits limits) {
  const std::string where = host + ":" + std::to_string(port);
  try {
    boost::system::error_code ec;
    tcp::endpoint endpoint;
    auto address = asio::ip::make_address(host, ec);
    if (!ec) {
      endpoint = tcp::endpoint(address, port);
    } else {
      tcp::resolver resolver(io);
      auto results = resolver.resolve(host, std::to_string(port), ec);
      if (ec || results.empty())
        return make_error("http.address", "http.address: " + where + ": cannot resolve the host (" +
                                              lower_first(ec ? ec.message() : "no address") + ")");
      endpoint = results.begin()->endpoint();
    }

    auto cfg =
        std::make_shared<SessionConfig>(SessionConfig{std::move(router), std::move(authenticate), limits});
    auto impl = std::make_shared<Server::Impl>(io, std::move(cfg));
    auto fail = [&](const char* step) {
      return make_error("http.bind",
                        "http.bind: " + where + ": " + lower_first(ec.message()) +
                            (std::string_view(step) == "bind" ? "" : std::string(" (") + step + ")"));
    };
    impl->acceptor.open(endpoint.protocol(), ec);
    if (ec) return fail("open");
    impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (ec) return fail("reuse_address");
    impl->acceptor.bind(endpoint, ec);
    if (ec) return fail("bind");
    impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return fail("listen");
    impl->port = impl->acceptor.local_endpoint(ec).port();
    if (ec) return fail("local_endpoint");
    impl->accept();
    return std::make_unique<Server>(std::move(impl));
  } catch (const std::exception& e) {
    return make_error("http.bind", "http.bind: " + where + ": " + e.what());
  }
}

}  // namespace plateau::http
