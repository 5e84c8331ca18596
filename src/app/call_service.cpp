#include "app/call_service.h"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

namespace plateau::app {

namespace asio = boost::asio;

CallService::CallService(asio::io_context& io, const Clock& clock, core::DirectoryPtr dir, std::string recording_dir,
                         store::StoreWorker& store, MetricsBridge& metrics)
    : io_(io), clock_(clock), router_(clock, dir, std::move(recording_dir)), store_(store),
      metrics_(metrics), timer_(io), dir_(std::move(dir)) {}

void CallService::on_telephony_event(model::TelephonyEvent ev) {
  asio::post(io_, [this, ev = std::move(ev)] { apply(router_.on_event(ev)); });
}

Status CallService::agent_command(AgentCommand cmd, const std::string& tenant, const std::string& login,
                                  const std::string& arg, const std::string& note) {
  Result<std::vector<core::Output>> r = [&] {
    switch (cmd) {
      case AgentCommand::Ready: return router_.set_ready(tenant, login);
      case AgentCommand::NotReady: return router_.set_not_ready(tenant, login, arg);
      case AgentCommand::EndWrapUp: return router_.end_wrapup(tenant, login, arg, note);
      case AgentCommand::Login: return router_.login(tenant, login, arg);
      case AgentCommand::Logout: return router_.logout(tenant, login);
    }
    return router_.set_ready(tenant, login);
  }();
  if (!r) return r.error();
  apply(std::move(r.value()));
  return {};
}

Status CallService::carry_out(Result<std::vector<core::Output>> r) {
  if (!r) return r.error();
  apply(std::move(r.value()));
  return {};
}

Status CallService::call_action(const std::string& tenant, const std::string& login, core::CallAction action) {
  return carry_out(router_.call_action(tenant, login, action));
}

Status CallService::send_digits(const std::string& tenant, const std::string& login, const std::string& digits) {
  return carry_out(router_.send_digits(tenant, login, digits));
}

Status CallService::transfer(const std::string& tenant, const std::string& login, const core::TransferRequest& t) {
  return carry_out(router_.transfer(tenant, login, t));
}

Result<std::string> CallService::monitor(const std::string& tenant, const std::string& call_id,
                                         model::MonitorMode mode, const std::string& phone, const std::string& actor) {
  auto r = router_.monitor(tenant, call_id, mode, phone, actor);
  if (!r) return r.error();
  apply(std::move(r.value().out));
  return r.value().monitor;
}

Status CallService::set_monitor_mode(const std::string& tenant, const std::string& id, model::MonitorMode mode,
                                     const std::string& actor) {
  return carry_out(router_.set_monitor_mode(tenant, id, mode, actor));
}

Status CallService::stop_monitor(const std::string& tenant, const std::string& id, const std::string& actor) {
  return carry_out(router_.stop_monitor(tenant, id, actor));
}

Status CallService::force_state(const std::string& tenant, const std::string& login, const std::string& state,
                                const std::string& reason, const std::string& actor) {
  return carry_out(router_.force_state(tenant, login, state, reason, actor));
}

Status CallService::pause_recording(const std::string& tenant, const std::string& login, bool paused,
                                    const std::string& actor) {
  return carry_out(router_.pause_recording(tenant, login, paused, actor));
}

Status CallService::set_directory(core::DirectoryPtr dir) {
  auto r = router_.set_directory(dir);
  if (!r) return r.error();
  apply(std::move(r.value()));
  dir_ = dir;
  if (directory_sink_) directory_sink_(dir);
  if (telephony_) telephony_->set_directory(std::move(dir));
  return {};
}

void CallService::restore_callbacks(const std::vector<core::CallbackEntry>& pending) {
  for (const auto& cb : pending) apply(router_.restore_callback(cb));
}

void CallService::shutdown() {
  timer_.cancel();
  telephony_ = nullptr;  // its legs are hung up by its own stop
  apply(router_.shutdown());
}

void CallService::apply(std::vector<core::Output> outs) {
  for (auto& o : outs) {
    if (auto* cmd = std::get_if<model::TelephonyCommand>(&o)) {
      if (telephony_) telephony_->post(std::move(*cmd));
    } else if (auto* rec = std::get_if<model::CallRecord>(&o)) {
      metrics_.call_ended(*rec);
      spdlog::info("call {} [{}]: ended {} ({}), queue {}, agent {}, wait {} ms, talk {} ms", rec->id,
                   rec->sip_call_id, model::to_string(rec->outcome), rec->reason, rec->queue,
                   rec->agent.empty() ? "-" : rec->agent, rec->wait_ms, rec->talk_ms);
      // Committed first; only then is the call forgotten.
      auto id_text = rec->id;
      store_.post(
          [r = *rec](store::Store& s) { return s.insert_call(r); },
          [this, id_text, rec_copy = *rec](Status st) {
            asio::post(io_, [this, st, id_text, rec_copy] {
              if (!st) spdlog::error("call {}: call record NOT stored: {}", id_text, st.error().message);
              router_.on_record_committed(id_text);
            });
          });
    } else if (auto* cb = std::get_if<core::CallbackEntry>(&o)) {
      // The caller hears "registered" only once the callback is committed.
      store_.post([e = *cb](store::Store& s) { return s.save_callback(e); },
                  [this, e = *cb](Status st) {
                    asio::post(io_, [this, st, e] {
                      if (!st) {
                        spdlog::error("callback {}: NOT stored: {}", e.id, st.error().message);
                        return;
                      }
                      if (e.state == "pending" && e.attempts == 0) apply(router_.on_callback_committed(e.id));
                    });
                  });
    } else if (auto* l = std::get_if<core::CustomerLookup>(&o)) {
      lookup(*l);
    } else if (auto* w = std::get_if<core::WebhookCall>(&o)) {
      call_webhook(*w);
    } else if (auto* v = std::get_if<core::VoicemailEntry>(&o)) {
      store_voicemail(*v);
    } else if (auto* ev = std::get_if<core::LogEvent>(&o)) {
      if (log_sink_) log_sink_(*ev);
      store::EventRecord e{ev->ts_ms, ev->tenant, ev->kind, ev->call_id, ev->agent, ev->data_json};
      if (committed_sink_)
        store_.post([e](store::Store& s) { return s.append_event(e); },
                    [e, sink = committed_sink_](Status st) {
                      if (st) sink(e);
                    });
      else
        store_.post([e](store::Store& s) { return s.append_event(e); });
    }
  }
  rearm();
}

// One timer for the core: the earliest of its deadlines.
void CallService::rearm() {
  auto next = router_.next_deadline();
  if (!next) {
    if (armed_for_ >= 0) timer_.cancel();
    armed_for_ = -1;
    return;
  }
  if (armed_for_ == *next) return;
  armed_for_ = *next;
  const int64_t delay = std::max<int64_t>(0, *next - clock_.monotonic_ms());
  timer_.expires_after(std::chrono::milliseconds(delay));
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    armed_for_ = -1;
    apply(router_.on_time());
  });
}


}  // namespace plateau::app
