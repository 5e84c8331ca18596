// HTTPS over real sockets on 127.0.0.1 with certificates made by the openssl
// command for the test: verification against the trust store, host names, SNI.
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

#include "webhook/client.h"
#include "webhook/tests/call.h"
#include "webhook/tests/raw_server.h"

namespace plateau::webhook {
namespace {

namespace fs = std::filesystem;
namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using testing::call;
using testing::RawServer;

const std::string kReply =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"ok\":true}";

class WebhookTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/plateau-webhook-tls-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    // "good": valid for localhost and 127.0.0.1; "other": for other.example only.
    make_cert("good", "DNS:localhost,IP:127.0.0.1");
    make_cert("other", "DNS:other.example");
    std::ofstream both(dir_ / "both.pem");
    both << read(dir_ / "good.crt") << read(dir_ / "other.crt");
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static void make_cert(const std::string& name, const std::string& san) {
    std::string cmd =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=" +
        name + " -addext subjectAltName=" + san + " -keyout " + (dir_ / (name + ".key")).string() + " -out " +
        (dir_ / (name + ".crt")).string() + " 2>/dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  static std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  std::unique_ptr<ssl::context> server_context(const std::string& name) {
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
    ctx->use_certificate_chain_file((dir_ / (name + ".crt")).string());
    ctx->use_private_key_file((dir_ / (name + ".key")).string(), ssl::context::pem);
    return ctx;
  }

  std::unique_ptr<Client> client(const std::string& ca_file = {}) {
    auto c = Client::create(io_, {.ca_file = ca_file});
    EXPECT_TRUE(c) << c.error().message;
    return std::move(c.value());
  }

  HttpRequestSpec spec(const std::string& host, uint16_t port, bool verify = true) {
    HttpRequestSpec s;
    s.url = "https://" + host + ":" + std::to_string(port) + "/hook";
    s.body = "{}";
    s.verify_tls = verify;
    return s;
  }

  inline static fs::path dir_;
  asio::io_context io_;
};

TEST_F(WebhookTlsTest, SelfSignedRefusedAgainstTheSystemStore) {
  auto ctx = server_context("good");
  RawServer server(io_, RawServer::Mode::answer, kReply, ctx.get());
  auto r = call(io_, *client(), spec("localhost", server.port()));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "webhook.tls");
  EXPECT_NE(r.error().message.find("self-signed certificate"), std::string::npos) << r.error().message;
  EXPECT_TRUE(server.seen().requests.empty());
}

TEST_F(WebhookTlsTest, SelfSignedAcceptedWithoutVerification) {
  auto ctx = server_context("other");  // not even the right name
  RawServer server(io_, RawServer::Mode::answer, kReply, ctx.get());
  auto r = call(io_, *client(), spec("localhost", server.port(), false));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "{\"ok\":true}");
  ASSERT_EQ(server.seen().requests.size(), 1u);
  EXPECT_EQ(server.seen().requests[0].body(), "{}");
}

TEST_F(WebhookTlsTest, TrustedCertificateMustNameTheHost) {
  auto good = server_context("good");
  auto other = server_context("other");
  RawServer good_server(io_, RawServer::Mode::answer, kReply, good.get());
  RawServer other_server(io_, RawServer::Mode::answer, kReply, other.get());
  auto trusting = client((dir_ / "both.pem").string());

  auto r = call(io_, *trusting, spec("localhost", good_server.port()));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->status, 200);
  r = call(io_, *trusting, spec("127.0.0.1", good_server.port()));  // IP address in the certificate
  ASSERT_TRUE(r) << r.error().message;
  // SNI carries the host name, and nothing for an IP address.
  EXPECT_EQ(good_server.seen().server_names, (std::vector<std::string>{"localhost", ""}));

  r = call(io_, *trusting, spec("localhost", other_server.port()));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "webhook.tls");
  EXPECT_NE(r.error().message.find("hostname mismatch"), std::string::npos) << r.error().message;
}

TEST_F(WebhookTlsTest, PlainHttpServerIsATlsError) {
  RawServer plain(io_, RawServer::Mode::answer, kReply);
  auto r = call(io_, *client(), spec("127.0.0.1", plain.port()));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "webhook.tls") << r.error().message;
}

TEST_F(WebhookTlsTest, MissingCaFileIsRefusedAtCreation) {
  auto c = Client::create(io_, {.ca_file = (dir_ / "missing.pem").string()});
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, "webhook.tls");
}

}  // namespace
}  // namespace plateau::webhook
