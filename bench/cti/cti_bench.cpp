// CTI event fan-out benchmark: many WebSocket clients connected to a running
// Plateau (bench/cti.sh starts one), subscribed to agents' and the tenant's
// topics, while agent state changes are made at a given rate over the REST
// API. Each event carries the time the core logged it (ts_ms); each client
// notes when it arrives. Prints the latency median, p99 and maximum, the
// events received against those expected, and Plateau's CPU over the run.
//
// Threads: one io_context thread for every WebSocket client; one thread for
// the REST commands.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;

namespace {

double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct Options {
  std::string host = "127.0.0.1";
  uint16_t port = 18091;
  std::string token, tenant = "bench";
  int agents = 160, clients = 1000, supervisors = 10;
  double rate = 1.2;  // agent state changes per second
  double seconds = 30;
  int pid = 0;
};

struct Stats {
  std::mutex mu;
  std::vector<double> latencies;
  std::atomic<uint64_t> events{0}, responses{0}, failures{0};
  std::atomic<bool> measuring{false};
};

class WsClient : public std::enable_shared_from_this<WsClient> {
 public:
  WsClient(asio::io_context& io, const Options& o, std::string topic, Stats& st)
      : ws_(io), o_(o), topic_(std::move(topic)), st_(st) {}

  void start(const tcp::endpoint& ep) {
    beast::get_lowest_layer(ws_).async_connect(ep, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->fail("connect", ec);
      self->ws_.async_handshake(self->o_.host, "/api/v1/ws?access_token=" + self->o_.token,
                                [self](beast::error_code ec2) {
                                  if (ec2) return self->fail("handshake", ec2);
                                  self->subscribe();
                                });
    });
  }

 private:
  void subscribe() {
    auto msg = std::make_shared<std::string>(R"({"id":1,"type":"subscribe","topics":[")" + topic_ + R"("]})");
    ws_.async_write(asio::buffer(*msg), [self = shared_from_this(), msg](beast::error_code ec, size_t) {
      if (ec) return self->fail("subscribe", ec);
      self->read();
    });
  }

  void read() {
    ws_.async_read(buf_, [self = shared_from_this()](beast::error_code ec, size_t) {
      if (ec) return self->fail("read", ec);
      self->on_message();
      self->read();
    });
  }

  void on_message() {
    const double t = now_ms();
    std::string_view s(static_cast<const char*>(buf_.data().data()), buf_.size());
    if (s.find("\"type\":\"response\"") != std::string_view::npos) {
      if (s.find("\"ok\":true") == std::string_view::npos) st_.failures++;
      st_.responses++;
    } else if (auto p = s.find("\"ts_ms\":"); p != std::string_view::npos && st_.measuring) {
      const double ts = std::strtod(std::string(s.substr(p + 8, 20)).c_str(), nullptr);
      st_.events++;
      std::lock_guard lock(st_.mu);
      st_.latencies.push_back(t - ts);
    }
    buf_.consume(buf_.size());
  }

  void fail(const char* what, beast::error_code ec) {
    if (ec == asio::error::operation_aborted) return;
    st_.failures++;
    std::fprintf(stderr, "client %s: %s: %s\n", topic_.c_str(), what, ec.message().c_str());
  }

  websocket::stream<beast::tcp_stream> ws_;
  const Options& o_;
  std::string topic_;
  Stats& st_;
  beast::flat_buffer buf_;
};

// One keep-alive REST connection.
class Rest {
 public:
  Rest(asio::io_context& io, const Options& o) : s_(io), o_(o) {
    s_.connect(tcp::endpoint(asio::ip::make_address(o.host), o.port));
  }
  int post(const std::string& path, const std::string& body) {
    bhttp::request<bhttp::string_body> req(bhttp::verb::post, path, 11);
    req.set(bhttp::field::host, o_.host);
    req.set(bhttp::field::authorization, "Bearer " + o_.token);
    req.set(bhttp::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    bhttp::write(s_, req);
    bhttp::response<bhttp::string_body> res;
    bhttp::read(s_, buf_, res);
    return res.result_int();
  }

 private:
  tcp::socket s_;
  const Options& o_;
  beast::flat_buffer buf_;
};

double cpu_seconds(int pid) {
  if (pid <= 0) return 0;
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(f, line);
  std::istringstream in(line.substr(line.rfind(')') + 2));
  std::string field;
  double ut = 0, st = 0;
  for (int i = 3; i <= 15 && in >> field; ++i) {
    if (i == 14) ut = std::stod(field);
    if (i == 15) st = std::stod(field);
  }
  return (ut + st) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::string agent_login(int i) { return std::to_string(10000 + i); }

}  // namespace

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"CTI event fan-out over WebSocket: latency from the core to the clients"};
  app.add_option("--host", o.host);
  app.add_option("--port", o.port);
  app.add_option("--token", o.token)->required();
  app.add_option("--tenant", o.tenant);
  app.add_option("--agents", o.agents, "agents 10000.. of the tenant, logged in and toggled");
  app.add_option("--clients", o.clients, "WebSocket clients in all");
  app.add_option("--supervisors", o.supervisors, "of which subscribed to the tenant's topic (every event)");
  app.add_option("--rate", o.rate, "agent state changes per second");
  app.add_option("--seconds", o.seconds, "measured time");
  app.add_option("--pid", o.pid, "Plateau's pid, for its CPU time");
  CLI11_PARSE(app, argc, argv);

  asio::io_context io;
  Stats st;
  const tcp::endpoint ep(asio::ip::make_address(o.host), o.port);
  std::vector<std::shared_ptr<WsClient>> clients;
  for (int i = 0; i < o.clients; ++i) {
    std::string topic = i < o.supervisors ? "tenant:" + o.tenant
                                          : "agent:" + o.tenant + ":" + agent_login((i - o.supervisors) % o.agents);
    clients.push_back(std::make_shared<WsClient>(io, o, topic, st));
    clients.back()->start(ep);
  }
  std::thread io_thread([&] { io.run(); });

  asio::io_context rest_io;
  Rest rest(rest_io, o);
  for (int i = 0; i < o.agents; ++i) {
    const std::string base = "/api/v1/agents/" + o.tenant + "/" + agent_login(i);
    rest.post(base + "/login", "{}");
    rest.post(base + "/ready", "{}");
  }
  for (int i = 0; i < 200 && st.responses < static_cast<uint64_t>(o.clients); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::printf("clients subscribed: %llu of %d (failures %llu)\n", (unsigned long long)st.responses.load(),
              o.clients, (unsigned long long)st.failures.load());

  // Each state change goes to the agent's topic (its desktops) and the tenant's (the supervisors).
  const int per_agent = (o.clients - o.supervisors) / o.agents;
  std::vector<bool> ready(o.agents, true);
  std::mt19937 rng(42);
  std::exponential_distribution<double> gap(o.rate);
  std::uniform_int_distribution<int> pick(0, o.agents - 1);
  st.measuring = true;
  const double cpu0 = cpu_seconds(o.pid);
  const auto t0 = std::chrono::steady_clock::now();
  auto next = t0;
  uint64_t changes = 0, expected = 0;
  while (std::chrono::steady_clock::now() - t0 < std::chrono::duration<double>(o.seconds)) {
    std::this_thread::sleep_until(next);
    next += std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(gap(rng)));
    const int a = pick(rng);
    const std::string base = "/api/v1/agents/" + o.tenant + "/" + agent_login(a);
    int code = ready[a] ? rest.post(base + "/not-ready", R"({"reason":"break"})") : rest.post(base + "/ready", "{}");
    if (code != 200) {
      std::fprintf(stderr, "agent %s: %d\n", agent_login(a).c_str(), code);
      continue;
    }
    ready[a] = !ready[a];
    ++changes;
    const int desktops = per_agent + ((a < (o.clients - o.supervisors) % o.agents) ? 1 : 0);
    expected += desktops + o.supervisors;
  }
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const double cpu1 = cpu_seconds(o.pid);
  st.measuring = false;

  std::vector<double> l;
  {
    std::lock_guard lock(st.mu);
    l = st.latencies;
  }
  std::sort(l.begin(), l.end());
  auto pct = [&](double p) { return l.empty() ? 0.0 : l[std::min(l.size() - 1, static_cast<size_t>(p * l.size()))]; };
  std::printf("state changes: %llu in %.1f s (%.2f/s); events received %zu of %llu expected\n",
              (unsigned long long)changes, elapsed, changes / elapsed, l.size(), (unsigned long long)expected);
  std::printf("latency core -> client (ms): median %.2f, p99 %.2f, max %.2f\n", pct(0.5), pct(0.99),
              l.empty() ? 0.0 : l.back());
  if (o.pid > 0)
    std::printf("plateau CPU: %.1f %% of one core (%.2f s over %.1f s)\n", 100.0 * (cpu1 - cpu0) / elapsed,
                cpu1 - cpu0, elapsed);
  std::printf("client failures: %llu\n", (unsigned long long)st.failures.load());
  io.stop();
  io_thread.join();
  return 0;
}
