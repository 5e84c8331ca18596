// call_service.h — runs the routing core on the app loop: feeds it telephony
// events and agent commands, arms one timer for its next deadline, and carries
// out what it answers (commands to the telephony thread, records and events to
// the store worker).
//
// App thread only, except on_telephony_event(), which any thread may call (it
// posts onto the app loop).
#pragma once

#include <functional>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "common/clock.h"
#include "core/router.h"
#include "app/metrics_bridge.h"
#include "sip/telephony.h"
#include "store/worker.h"
#include "webhook/client.h"

namespace plateau::app {

enum class AgentCommand { Ready, NotReady, EndWrapUp, Login, Logout };

class CallService {
 public:
  CallService(boost::asio::io_context& io, const Clock& clock, core::DirectoryPtr dir, std::string recording_dir,
              store::StoreWorker& store, MetricsBridge& metrics);

  void attach(sip::Telephony* telephony) { telephony_ = telephony; }
  // The client for IVR webhooks (none: webhook steps take their fallback).
  void attach(webhook::Client* webhooks) { webhooks_ = webhooks; }
  // Called with each log event of the core as it happens, before it goes to
  // the store (the CTI event stream). App thread.
  void on_log_event(std::function<void(const core::LogEvent&)> sink) { log_sink_ = std::move(sink); }
  // The published IVR flows for new calls. App thread.
  void set_flows(ivr::FlowSetPtr flows) { router_.set_flows(std::move(flows)); }
  // Any thread.
  void on_telephony_event(model::TelephonyEvent ev);
  // App thread.
  // `arg`: the not-ready reason, the disposition for EndWrapUp (with `note`),
  // the chosen phone for Login ("" = the agent's default phone).
  Status agent_command(AgentCommand cmd, const std::string& tenant, const std::string& login, const std::string& arg,
                       const std::string& note = "");
  // Call control on the agent's current contact (core/router.h). App thread.
  Status call_action(const std::string& tenant, const std::string& login, core::CallAction action);
  Status send_digits(const std::string& tenant, const std::string& login, const std::string& digits);
  Status transfer(const std::string& tenant, const std::string& login, const core::TransferRequest& t);
  // Supervision of live calls and forced states (core/router.h). App thread.
  Result<std::string> monitor(const std::string& tenant, const std::string& call_id, model::MonitorMode mode,
                              const std::string& phone, const std::string& actor);
  Status set_monitor_mode(const std::string& tenant, const std::string& id, model::MonitorMode mode,
                          const std::string& actor);
  Status stop_monitor(const std::string& tenant, const std::string& id, const std::string& actor);
  Status force_state(const std::string& tenant, const std::string& login, const std::string& state,
                     const std::string& reason, const std::string& actor);
  // Pause or resume the recording of the agent's call; `actor` is who asked. App thread.
  Status pause_recording(const std::string& tenant, const std::string& login, bool paused, const std::string& actor);
  Status set_directory(core::DirectoryPtr dir);
  // Pending callbacks from the store take their place again (at start).
  void restore_callbacks(const std::vector<core::CallbackEntry>& pending);
  // The server stops: records of the calls in progress go to the store worker.
  void shutdown();
  const core::Router& router() const { return router_; }
  // The directory in force (the last one set). App thread.
  core::DirectoryPtr directory() const { return dir_; }
  // Called on the store worker's thread, once committed, with each log event
  // stored, in log order (the live queue_log file). Set before the first call.
  void on_event_committed(std::function<void(const store::EventRecord&)> sink) { committed_sink_ = std::move(sink); }
  // Called on the app thread with each new directory (after the core took it).
  void on_directory(std::function<void(core::DirectoryPtr)> sink) { directory_sink_ = std::move(sink); }

 private:
  void apply(std::vector<core::Output> outs);
  Status carry_out(Result<std::vector<core::Output>> r);
  void rearm();
  // IVR requests carried out (call_service_ivr.cpp).
  void lookup(const core::CustomerLookup& l);
  void call_webhook(const core::WebhookCall& w);
  void store_voicemail(const core::VoicemailEntry& v);

  boost::asio::io_context& io_;
  const Clock& clock_;
  core::Router router_;
  store::StoreWorker& store_;
  MetricsBridge& metrics_;
  sip::Telephony* telephony_ = nullptr;
  webhook::Client* webhooks_ = nullptr;
  std::function<void(const core::LogEvent&)> log_sink_;
  std::function<void(const store::EventRecord&)> committed_sink_;
  std::function<void(core::DirectoryPtr)> directory_sink_;
  boost::asio::steady_timer timer_;
  int64_t armed_for_ = -1;
  core::DirectoryPtr dir_;
};

}  // namespace plateau::app
