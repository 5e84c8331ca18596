// client.h — asynchronous HTTP(S) requests to a tenant's webhook (the IVR's
// "ask the company's system" step), on the app loop, with one deadline for the
// whole exchange.
//
// A Client is made once (it holds the TLS context with the trust store and the
// metric handles); send() starts one independent exchange: resolve (async),
// connect, TLS handshake (https), write the request, read the reply. Each
// exchange owns itself: it lives until `done` has been called, even if the
// Client or the caller is gone. Any number may run at once; none blocks, and
// the Client has no thread of its own. One connection per request
// (`Connection: close`), HTTP/1.1.
//
// `done` is called exactly once, never from inside send(), on a thread running
// the io_context (the app thread), with:
//   - an HttpReply for every HTTP response, whatever its status: a 404 or a 500
//     is the caller's to judge (interim 1xx responses are skipped);
//   - an Error otherwise, with one of these codes:
//       webhook.bad_url      the URL is refused by parse_url() (url.h)
//       webhook.bad_request  a header name or value is invalid (CR/LF, not a
//                            token), a header Plateau sets itself (Host,
//                            Content-Length, Transfer-Encoding, Connection),
//                            a timeout <= 0 or a size limit of 0
//       webhook.timeout      no complete reply within spec.timeout, counted from
//                            send() (resolve, connect, handshake, write, read)
//       webhook.connect      the name does not resolve, the connection is refused
//                            or unreachable, or it breaks while writing/reading
//       webhook.tls          handshake failed: certificate not trusted, host name
//                            mismatch (the message says which), no common protocol
//       webhook.too_large    the body exceeds spec.max_response_bytes, or the
//                            header exceeds 16 KiB
//       webhook.http         the reply is not HTTP (malformed status line or
//                            header, bad chunking), or the server closed the
//                            connection before a complete reply
// Messages name the host and port and the phase, never the query or headers
// (they may carry keys).
//
// TLS: TLS 1.2 or later; the peer is verified against the system CA store
// (ca-certificates, OpenSSL's default paths) or ClientOptions::ca_file, and
// against the URL's host (DNS name or IP address in the certificate); SNI is
// the host name (not sent for an IP address). spec.verify_tls = false skips
// both checks (the traffic is still encrypted, but not authenticated).
//
// Shutdown: done runs only from the io_context's run(). When the io_context is
// stopped, exchanges in flight stay suspended (they resume if run() is called
// again); when it is destroyed, they are destroyed with it and their `done` is
// destroyed without being called. So `done` should capture ids or weak
// references, not objects whose destruction reaches other services.
//
// Thread-safety: create() and send() may be called from any thread; a Client
// is immutable after create().
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"

namespace boost::asio {
class io_context;
}

namespace plateau::metrics {
class Registry;
}

namespace plateau::webhook {

enum class Method { get, post };

struct HttpRequestSpec {
  Method method = Method::post;
  std::string url;  // http:// or https:// (see url.h)
  // Sent as given, after Host, User-Agent and (when absent here) Accept:
  // application/json and, with a body, Content-Type: application/json.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // JSON text; may be empty
  std::chrono::milliseconds timeout{3000};
  size_t max_response_bytes = 64 * 1024;  // limit on the body
  bool verify_tls = true;
};

struct HttpReply {
  int status = 0;
  std::string body;
  std::string content_type;  // the Content-Type header as received ("" when absent)
  int64_t elapsed_ms = 0;    // from send() to the complete reply
};

using Done = std::function<void(Result<HttpReply>)>;

struct ClientOptions {
  std::string ca_file;                    // PEM bundle to trust instead of the system store ("" = system)
  metrics::Registry* registry = nullptr;  // when set: plateau_webhook_requests_total, plateau_webhook_seconds
};

class Client {
 public:
  struct Shared;

  // Error "webhook.tls" when the trust store cannot be loaded.
  static Result<std::unique_ptr<Client>> create(boost::asio::io_context& io, ClientOptions options = {});

  Client(boost::asio::io_context& io, std::shared_ptr<const Shared> shared);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  void send(const HttpRequestSpec& spec, Done done) const;

 private:
  boost::asio::io_context& io_;
  std::shared_ptr<const Shared> shared_;
};

}  // namespace plateau::webhook
