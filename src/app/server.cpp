#include "app/server.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/spdlog.h>

#include "app/api_routes.h"
#include "app/cti_hub.h"
#include "app/supervision_service.h"
#include "app/api_token.h"
#include "app/auth_routes.h"
#include "app/auth_service.h"
#include "app/background.h"
#include "app/quality_routes.h"
#include "app/recording_purge.h"
#include "app/call_service.h"
#include "app/flow_service.h"
#include "app/flows.h"
#include "app/customer_import.h"
#include "app/export_routes.h"
#include "app/queue_log_file.h"
#include "app/metrics_bridge.h"
#include "app/report_routes.h"
#include "app/users_file.h"
#include "core/directory.h"
#include "http/static_files.h"
#include "media/prompt.h"
#include "media/prompt_generate.h"
#include "media/prompt_texts.h"
#include "media/recorder.h"
#include "provision/provision.h"
#include "sip/telephony.h"
#include "store/sqlite_store.h"
#include "store/worker.h"
#include "webhook/client.h"

namespace plateau::app {

namespace asio = boost::asio;
namespace fs = std::filesystem;

namespace {

std::string under(const std::string& data_dir, const std::string& p) {
  return fs::path(p).is_absolute() ? p : (fs::path(data_dir) / p).string();
}

void setup_logging(const config::Config& cfg) {
  if (!cfg.log_file.empty()) {
    try {
      spdlog::set_default_logger(spdlog::basic_logger_mt("plateau", cfg.log_file));
    } catch (const spdlog::spdlog_ex& e) {
      spdlog::error("log.file: {}: {}", cfg.log_file, e.what());
    }
  }
  spdlog::set_level(spdlog::level::from_str(cfg.log_level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  spdlog::flush_on(spdlog::level::info);
}

Status ensure_dir(const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return make_error("data_dir", dir + ": " + ec.message());
  return {};
}

// Applies the configured provisioning file, or the shipped demo on an empty database.
Status provision_at_start(const config::Config& cfg, store::Store& store) {
  if (!cfg.provision_file.empty()) {
    auto p = provision::parse_file(cfg.provision_file);
    if (!p) return p.error();
    auto summary = store.apply_provisioning(*p, cfg.sip_realm);
    if (!summary) return summary.error();
    spdlog::info("provisioning: applied {}", cfg.provision_file);
    return {};
  }
  auto has = store.has_tenants();
  if (!has) return has.error();
  if (*has || !cfg.provision_demo) return {};
  auto p = provision::parse_string(provision::demo_provisioning(), "demo provisioning");
  if (!p) return p.error();
  auto summary = store.apply_provisioning(*p, cfg.sip_realm);
  if (!summary) return summary.error();
  // The demo's IVR flows, published as version 1.
  for (const ShippedFlow& f : demo_flows()) {
    auto flow = check_for_publication(f.text, f.name, *p);
    if (!flow) return flow.error();
    auto version = store.publish_flow(flow->tenant, flow->name, f.text, SystemClock().now_ms());
    if (!version) return version.error();
  }
  spdlog::info("provisioning: the database was empty, applied the shipped demo (tenant \"demo\", IVR flows)");
  auto customers = import_customer_csv(store, "demo", crm::demo_customers());
  if (!customers) return customers.error();
  spdlog::info("crm: imported the shipped demo customers: {}", to_text(*customers));
  auto users = parse_users_file(demo_users(), "demo users");
  if (!users) return users.error();
  if (Status st = create_users(store, *users, SystemClock().now_ms()); !st) return st;
  spdlog::info("auth: created the demo's {} users (data/demo/users.toml; for the demo only)", users->size());
  return {};
}

// The directory of the web desktop: http.web_dir, or web/dist found from the
// working directory or the binary; nullopt (and nothing served) when the
// default finds none. A configured directory without index.html is an error.
Result<std::optional<fs::path>> web_dir(const config::Config& cfg) {
  std::error_code ec;
  if (!cfg.http_web_dir.empty()) {
    fs::path dir = fs::absolute(cfg.http_web_dir, ec);
    if (ec || !fs::is_regular_file(dir / "index.html", ec))
      return make_error("http.web_dir", "http.web_dir: " + cfg.http_web_dir +
                                            " holds no index.html (build the desktop with: make build)");
    return std::optional<fs::path>(dir);
  }
  fs::path cwd = fs::current_path(ec);
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return http::find_web_dir(cwd, exe);
}

}  // namespace

int provision_command(const config::Config& cfg, const std::string& file) {
  if (Status st = ensure_dir(cfg.data_dir); !st) {
    std::fprintf(stderr, "plateau: %s\n", st.error().message.c_str());
    return 1;
  }
  auto p = provision::parse_file(file);
  if (!p) {
    std::fprintf(stderr, "plateau: %s\n", p.error().message.c_str());
    return 2;
  }
  auto store = store::open_sqlite(under(cfg.data_dir, cfg.store_path));
  if (!store) {
    std::fprintf(stderr, "plateau: %s\n", store.error().message.c_str());
    return 1;
  }
  auto summary = (*store)->apply_provisioning(*p, cfg.sip_realm);
  if (!summary) {
    std::fprintf(stderr, "plateau: %s\n", summary.error().message.c_str());
    return 1;
  }
  std::printf("%s", store::to_text(*summary).c_str());
  return 0;
}

int crm_import_command(const config::Config& cfg, const std::string& tenant, const std::string& file,
                       const std::string& country) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  if (!in || !(text << in.rdbuf())) {
    std::fprintf(stderr, "plateau: cannot read %s: %s\n", file.c_str(), std::strerror(errno));
    return 2;
  }
  if (Status st = ensure_dir(cfg.data_dir); !st) {
    std::fprintf(stderr, "plateau: %s\n", st.error().message.c_str());
    return 1;
  }
  auto store = store::open_sqlite(under(cfg.data_dir, cfg.store_path));
  if (!store) {
    std::fprintf(stderr, "plateau: %s\n", store.error().message.c_str());
    return 1;
  }
  auto done = import_customer_csv(**store, tenant, text.str(), country);
  if (!done) {
    std::fprintf(stderr, "plateau: %s: %s\n", file.c_str(), done.error().message.c_str());
    return done.error().code == "crm.bad_file" ? 2 : 1;
  }
  std::printf("%s", to_text(*done).c_str());
  return done->parsed.rejected.empty() ? 0 : 3;
}

int serve(const config::Config& cfg) {
  setup_logging(cfg);
  auto fail = [](const Error& e) {
    spdlog::critical("{}", e.message);
    return 1;
  };
  if (Status st = ensure_dir(cfg.data_dir); !st) return fail(st.error());

  // Store, provisioning, directory.
  auto opened = store::open_sqlite(under(cfg.data_dir, cfg.store_path));
  if (!opened) return fail(opened.error());
  std::unique_ptr<store::Store> store = std::move(opened.value());
  if (Status st = provision_at_start(cfg, *store); !st) return fail(st.error());
  auto prov = store->load_provisioning();
  if (!prov) return fail(prov.error());
  auto directory = std::make_shared<const core::Directory>(std::move(prov.value()));
  auto callbacks = store->pending_callbacks();
  if (!callbacks) return fail(callbacks.error());
  auto published = store->latest_flows();
  if (!published) return fail(published.error());
  ivr::FlowSetPtr flows = load_flows(*published);

  // Prompts (generated once with espeak-ng), recordings.
  const std::string prompts_dir = under(cfg.data_dir, cfg.prompts_dir);
  if (Status st = media::generate_missing(prompts_dir); !st) return fail(st.error());
  for (const auto& [key, flow] : flows->all()) {
    // Prompts of flows published offline (`plateau flow publish`) or removed since.
    if (Status st = media::generate_prompts(prompts_dir, prompt_texts(*flow)); !st)
      spdlog::error("ivr: prompts of flow {}/{}: {}", flow->tenant, flow->name, st.error().message);
  }
  auto prompts = std::make_shared<media::PromptLibrary>();
  if (Status st = prompts->load(prompts_dir); !st) return fail(st.error());
  metrics::Registry registry;
  metrics::record_process_info(registry, PLATEAU_VERSION, static_cast<double>(SystemClock().now_ms()) / 1000.0);
  media::RecorderOptions rec_options;
  rec_options.on_error = [&registry](const Error& e) {
    registry.counter(metrics::Metric::recording_errors_total).inc();
    spdlog::error("recording: {}", e.message);
  };
  media::RecordingWriter recorder(rec_options);

  auto token = load_or_create_api_token(cfg.http_api_token, cfg.data_dir);
  if (!token) return fail(token.error());
  auto users = store->load_users();
  if (!users) return fail(users.error());
  auto sessions = store->live_sessions(SystemClock().now_ms());
  if (!sessions) return fail(sessions.error());
  // Today's events, so that the wallboard's counters survive a restart.
  auto today = todays_events(*store, *directory, SystemClock().now_ms());
  if (!today) return fail(today.error());

  store::StoreWorker worker(std::move(store));
  asio::io_context io(1);
  SystemClock clock;
  MetricsBridge metrics(registry);
  CallService calls(io, clock, directory, cfg.recording_dir, worker, metrics);
  calls.set_flows(flows);
  CtiHub cti(calls.router(), registry, [&clock] { return clock.now_ms(); });
  SupervisionService supervision(io, calls.router(), cti, registry, [&clock] { return clock.now_ms(); });
  supervision.replay(today.value());
  spdlog::info("supervision: {} events of today read back", today->size());
  today->clear();
  calls.on_log_event([&cti, &supervision](const core::LogEvent& ev) {
    cti.on_log(ev);
    supervision.on_log(ev);
  });
  // The live queue_log file: lines appended on the store worker once each event is committed.
  std::unique_ptr<QueueLogFile> queue_log;
  if (!cfg.reports_queue_log_file.empty()) {
    queue_log = std::make_unique<QueueLogFile>(under(cfg.data_dir, cfg.reports_queue_log_file), directory);
    calls.on_event_committed([q = queue_log.get()](const store::EventRecord& e) { q->append(e); });
    calls.on_directory([q = queue_log.get()](core::DirectoryPtr d) { q->set_directory(std::move(d)); });
    spdlog::info("reports: queue_log lines appended to {}", queue_log->path_of("{tenant}"));
  }
  Background background;
  FlowService flow_service(io, calls, worker, background, prompts_dir, flows);
  auto webhooks = webhook::Client::create(io, {"", &registry});
  if (!webhooks) return fail(webhooks.error());
  calls.attach(webhooks->get());

  sip::TelephonySettings ts;
  ts.listen_host = cfg.sip_listen.host;
  ts.listen_port = cfg.sip_listen.port;
  ts.tcp = cfg.sip_tcp;
  ts.advertise = cfg.sip_advertise;
  ts.realm = cfg.sip_realm;
  ts.register_min_expires_s = cfg.sip_register_min_expires;
  ts.register_max_expires_s = cfg.sip_register_max_expires;
  ts.auth_fail_limit = cfg.sip_auth_fail_limit;
  ts.auth_fail_window_s = cfg.sip_auth_fail_window;
  ts.auth_block_s = cfg.sip_auth_block;
  ts.rtp_port_min = static_cast<uint16_t>(cfg.rtp_port_min);
  ts.rtp_port_max = static_cast<uint16_t>(cfg.rtp_port_max);
  ts.data_dir = cfg.data_dir;
  ts.recording = cfg.recording_enabled;
  ts.tick_seconds = &registry.histogram(metrics::Metric::media_tick_seconds);
  ts.setup_seconds = &registry.histogram(metrics::Metric::call_setup_seconds);
  auto telephony = sip::Telephony::start(ts, directory, prompts, &recorder,
                                         [&calls](model::TelephonyEvent ev) { calls.on_telephony_event(std::move(ev)); });
  if (!telephony) return fail(telephony.error());
  calls.attach(telephony->get());
  flow_service.attach(telephony->get());
  calls.restore_callbacks(callbacks.value());
  if (!callbacks->empty()) spdlog::info("acd: {} queued callbacks restored", callbacks->size());

  ApiContext api{io,
                 calls,
                 worker,
                 registry,
                 metrics,
                 *telephony->get(),
                 clock.now_ms(),
                 [&clock] { return clock.now_ms(); },
                 cfg.sip_realm,
                 flow_service};
  AuthService auth(io, clock, worker, *token, {.session_ms = int64_t{cfg.auth_session_seconds} * 1000});
  auth.load(std::move(users.value()), std::move(sessions.value()));
  auto web = web_dir(cfg);
  if (!web) return fail(web.error());
  http::Router routes = make_routes(api);
  add_auth_routes(routes, auth, api);
  add_agent_view_routes(routes, api);
  add_export_routes(routes, api);
  ReportService reports(under(cfg.data_dir, cfg.store_path));
  add_report_routes(routes, api, reports);
  const std::string recording_root =
      std::filesystem::path(cfg.recording_dir).is_absolute() ? cfg.recording_dir : std::string();
  RecordingPurge purge(io, worker, background, calls, cfg.data_dir, recording_root, [&clock] { return clock.now_ms(); });
  QualityContext quality{cfg.data_dir, recording_root, &purge, {}};
  add_recording_routes(routes, api, quality);
  add_evaluation_routes(routes, api);
  cti.add_routes(routes);
  supervision.add_routes(routes);
  if (*web) {
    routes.fallback(http::static_files_handler({.root = **web}));
    spdlog::info("http: serving the agent desktop from {}", (*web)->string());
  } else {
    spdlog::info("http: no web/dist found, the agent desktop is not served (build it with: make build)");
  }
  auto http = http::start(io, cfg.http_listen.host, cfg.http_listen.port, std::move(routes),
                          auth.authenticator());
  if (!http) {
    telephony->get()->stop();
    return fail(http.error());
  }
  spdlog::info("http: listening on {}:{}", cfg.http_listen.host, (*http)->port());

  // Retention: a purge a minute after start (first the ones cut short), then every hour.
  purge.start(std::chrono::seconds(cfg.recording_purge_delay), std::chrono::hours(1));

  // Gauges (agents by state, queues, telephony counters) refreshed every second.
  asio::steady_timer gauges(io);
  std::function<void()> refresh = [&] {
    metrics.refresh(calls.router(), telephony->get()->stats(), worker);
    gauges.expires_after(std::chrono::seconds(1));
    gauges.async_wait([&](const boost::system::error_code& ec) {
      if (!ec) refresh();
    });
  };
  refresh();
  supervision.start();

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int sig) {
    spdlog::info("plateau: signal {}, stopping", sig);
    (*http)->stop();
    gauges.cancel();
    supervision.stop();
    purge.stop();
    calls.shutdown();  // records of calls in progress, committed by the worker's drain below
    flow_service.attach(nullptr);
    telephony->get()->stop();
    io.stop();
  });
  spdlog::info("plateau: ready (data in {})", cfg.data_dir);
  io.run();
  background.stop();
  worker.stop();  // drains: every acknowledged record is on disk
  spdlog::info("plateau: stopped");
  return 0;
}

}  // namespace plateau::app
