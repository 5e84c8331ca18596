// telephony_driver.cpp — a test-only program: the telephony layer (sip::Telephony)
// on its own, without the routing core, so that tests can send it the commands
// the core will send (Dial, PlaySequence, Bridge ...) and see every event.
//
//   telephony_driver --sip-listen 127.0.0.1:5060 --prompts DIR --data-dir DIR
//                    [--provision-file FILE] [--rtp-ports 10000-20000]
//
// stdin: one command per line, JSON, named by "cmd" with the fields of the
// model:: struct of the same name (ids as numbers):
//   {"cmd":"Dial","call":7,"leg":8,"tenant":"t1","number":"0612","gateway":"127.0.0.1:5070","caller_id":"0522"}
//   {"cmd":"RingPhone","call":7,"leg":9,"username":"2001","caller":"0612","caller_name":"callback",
//    "auto_answer":false}
//   {"cmd":"PlayPrompt","leg":8,"prompt":"welcome","language":"fr","loop":false}
//   {"cmd":"PlaySequence","leg":8,"prompts":["a","b"],"language":"fr"}
//   {"cmd":"StopPrompt","leg":8}
//   {"cmd":"HangupLeg","leg":8,"code":0,"reason":"test"}
//   {"cmd":"Bridge","call":7,"caller_leg":8,"agent_leg":9,"record_path":"rec/7.wav"}
//   {"cmd":"RecordLeg","call":7,"leg":8,"path":"voicemail/7.wav","max_ms":60000}
//   {"cmd":"StopRecording","leg":8}
//   {"cmd":"Unbridge","call":7}
//   {"cmd":"Conference","call":7,"legs":[8,9,10],"record_path":"rec/7.wav"}
//   {"cmd":"Monitor","call":7,"leg":11,"agent_leg":9,"mode":"whisper"}
//   {"cmd":"SendDigits","leg":8,"digits":"12#"}
//   {"cmd":"PauseRecording","call":7,"paused":true}
//   {"cmd":"Stats"}   -> {"event":"Stats", ...TelephonyStats, refreshed once a second}
//   {"cmd":"SetPrompts","dir":"DIR"}  -> loads DIR as a new library, publishes it
//                        (Telephony::set_prompts), answers {"event":"PromptsLoaded",
//                        "prompts":N,"error":"" or the load error}
// stdout: one event per line, {"event":"LegAnswered","leg":8,"t_ms":...} and so
// on, with every field of the event; t_ms is a monotonic clock in milliseconds.
// A bad line is answered {"event":"Error","message":...}. End of stdin: the
// telephony thread stops (calls in progress are hung up) and the program exits 0.
// Logs go to stderr.
//
// Threads: main() reads stdin and posts commands; events arrive on the
// telephony thread and are queued; one writer thread prints them.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/directory.h"
#include "media/prompt.h"
#include "media/recorder.h"
#include "provision/provision.h"
#include "sip/telephony.h"
#include "store/ha1.h"

namespace {

using nlohmann::json;
using namespace plateau;

// Any thread.
int64_t mono_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Lines for stdout, written by one thread. push(): any thread.
class Printer {
 public:
  Printer() : thread_([this] { run(); }) {}
  ~Printer() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  void push(json j) {
    j["t_ms"] = mono_ms();
    {
      std::lock_guard lock(mu_);
      lines_.push_back(j.dump());
    }
    cv_.notify_one();
  }

 private:
  void run() {
    std::unique_lock lock(mu_);
    for (;;) {
      cv_.wait(lock, [this] { return done_ || !lines_.empty(); });
      while (!lines_.empty()) {
        std::string line = std::move(lines_.front());
        lines_.pop_front();
        lock.unlock();
        std::fputs((line + "\n").c_str(), stdout);
        std::fflush(stdout);
        lock.lock();
      }
      if (done_) return;
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> lines_;
  bool done_ = false;
  std::thread thread_;
};

// Telephony thread (the sink): the event as JSON.
json to_json(const model::TelephonyEvent& ev) {
  return std::visit(
      [](const auto& e) -> json {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, model::InboundCall>)
          return {{"event", "InboundCall"}, {"call", e.call.value},
                  {"leg", e.leg.value},     {"sip_call_id", e.sip_call_id},
                  {"tenant", e.tenant},     {"number", e.number},
                  {"caller", e.caller}};
        else if constexpr (std::is_same_v<T, model::CallRejected>)
          return {{"event", "CallRejected"},
                  {"call", e.call.value},
                  {"number", e.number},
                  {"code", e.code},
                  {"reason", e.reason}};
        else if constexpr (std::is_same_v<T, model::LegRinging>)
          return {{"event", "LegRinging"}, {"leg", e.leg.value}};
        else if constexpr (std::is_same_v<T, model::LegAnswered>)
          return {{"event", "LegAnswered"}, {"leg", e.leg.value}};
        else if constexpr (std::is_same_v<T, model::LegEnded>)
          return {{"event", "LegEnded"}, {"leg", e.leg.value}, {"code", e.code}, {"reason", e.reason}};
        else if constexpr (std::is_same_v<T, model::PromptDone>)
          return {{"event", "PromptDone"}, {"leg", e.leg.value}};
        else if constexpr (std::is_same_v<T, model::RecordingClosed>)
          return {{"event", "RecordingClosed"}, {"call", e.call.value}, {"path", e.path}, {"ok", e.ok}};
        else if constexpr (std::is_same_v<T, model::PhoneRegistration>)
          return {{"event", "PhoneRegistration"},
                  {"username", e.username},
                  {"registered", e.registered},
                  {"contacts", e.contacts}};
        else if constexpr (std::is_same_v<T, model::Digit>)
          return {{"event", "Digit"}, {"leg", e.leg.value}, {"digit", std::string(1, e.digit)}};
        else if constexpr (std::is_same_v<T, model::LegRecorded>)
          return {{"event", "LegRecorded"}, {"call", e.call.value},         {"leg", e.leg.value},
                  {"path", e.path},         {"duration_ms", e.duration_ms}, {"ok", e.ok}};
        else
          static_assert(sizeof(T) == 0, "an event the driver does not print");
      },
      ev);
}

// Main thread: a command line as the model's command (throws json errors on bad input).
model::TelephonyCommand to_command(const json& j) {
  const std::string cmd = j.at("cmd").get<std::string>();
  auto leg = [&](const char* k) { return LegId{j.at(k).get<uint64_t>()}; };
  auto call = [&] { return CallId{j.at("call").get<uint64_t>()}; };
  auto str = [&](const char* k) { return j.value(k, std::string()); };
  if (cmd == "Dial")
    return model::Dial{call(), leg("leg"), str("tenant"), str("number"), str("gateway"), str("caller_id")};
  if (cmd == "RingPhone")
    return model::RingPhone{call(),        leg("leg"),         str("username"),
                            str("caller"), str("caller_name"), j.value("auto_answer", false)};
  if (cmd == "PlayPrompt")
    return model::PlayPrompt{leg("leg"), str("prompt"), str("language"), j.value("loop", false)};
  if (cmd == "PlaySequence")
    return model::PlaySequence{leg("leg"), j.at("prompts").get<std::vector<std::string>>(), str("language")};
  if (cmd == "StopPrompt") return model::StopPrompt{leg("leg")};
  if (cmd == "HangupLeg") return model::HangupLeg{leg("leg"), j.value("code", 0), str("reason")};
  if (cmd == "Bridge") return model::Bridge{call(), leg("caller_leg"), leg("agent_leg"), str("record_path")};
  if (cmd == "AnswerLeg") return model::AnswerLeg{leg("leg")};
  if (cmd == "RecordLeg") return model::RecordLeg{call(), leg("leg"), str("path"), j.value("max_ms", 0)};
  if (cmd == "StopRecording") return model::StopRecording{leg("leg")};
  if (cmd == "Unbridge") return model::Unbridge{call()};
  if (cmd == "Conference") {
    std::vector<LegId> legs;
    for (const auto& l : j.at("legs")) legs.push_back(LegId{l.get<uint64_t>()});
    return model::Conference{call(), std::move(legs), str("record_path")};
  }
  if (cmd == "SendDigits") return model::SendDigits{leg("leg"), str("digits")};
  if (cmd == "Monitor") {
    auto mode = model::monitor_mode_from(str("mode"));
    if (!mode) throw std::invalid_argument("mode must be listen, whisper or barge");
    return model::Monitor{call(), leg("leg"), leg("agent_leg"), *mode};
  }
  if (cmd == "PauseRecording") return model::PauseRecording{call(), j.value("paused", true)};
  throw std::invalid_argument("unknown command \"" + cmd + "\"");
}

// Main thread: a TelephonyStats snapshot as a Stats event.
json stats_json(const sip::TelephonyStats& st) {
  json requests_out, requests_in, responses_out, responses_in;
  for (size_t m = 0; m < sip::kCountedMethods.size(); ++m) {
    requests_in[std::string(sip::kCountedMethods[m])] = st.sip.requests[0][m];
    requests_out[std::string(sip::kCountedMethods[m])] = st.sip.requests[1][m];
  }
  for (size_t c = 0; c < 6; ++c) {
    responses_in[std::to_string(c + 1) + "xx"] = st.sip.responses[0][c];
    responses_out[std::to_string(c + 1) + "xx"] = st.sip.responses[1][c];
  }
  return {{"event", "Stats"},
          {"rtp_rx", st.rtp_rx},
          {"rtp_tx", st.rtp_tx},
          {"inbound_legs", st.inbound_legs},
          {"agent_legs", st.agent_legs},
          {"dialled_legs", st.dialled_legs},
          {"recordings_active", st.recordings_active},
          {"requests_in", requests_in},
          {"requests_out", requests_out},
          {"responses_in", responses_in},
          {"responses_out", responses_out}};
}

struct Options {
  std::string host = "127.0.0.1";
  uint16_t port = 5060;
  std::string prompts, data_dir = ".", provision_file;
  uint16_t rtp_min = 10000, rtp_max = 20000;
};

// Main thread, at start.
bool parse_args(int argc, char** argv, Options* o) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--sip-listen") {
      const size_t colon = v.rfind(':');
      if (colon == std::string::npos) return false;
      o->host = v.substr(0, colon);
      o->port = static_cast<uint16_t>(std::stoi(v.substr(colon + 1)));
    } else if (k == "--prompts")
      o->prompts = v;
    else if (k == "--data-dir")
      o->data_dir = v;
    else if (k == "--provision-file")
      o->provision_file = v;
    else if (k == "--rtp-ports") {
      o->rtp_min = static_cast<uint16_t>(std::stoi(v.substr(0, v.find('-'))));
      o->rtp_max = static_cast<uint16_t>(std::stoi(v.substr(v.find('-') + 1)));
    } else
      return false;
  }
  return argc % 2 == 1 && !o->prompts.empty();
}

// Main thread, at start: the provisioned objects (phones get the ha1 the store
// would derive), or none.
Result<core::DirectoryPtr> directory(const Options& o, const std::string& realm) {
  model::Provisioning p;
  if (!o.provision_file.empty()) {
    auto parsed = provision::parse_file(o.provision_file);
    if (!parsed) return parsed.error();
    p = std::move(parsed.value());
    for (auto& ph : p.phones) {
      auto ha1 = store::compute_ha1(ph.username, realm, ph.password);
      if (!ha1) return ha1.error();
      ph.ha1 = *ha1;
    }
  }
  return core::DirectoryPtr(std::make_shared<const core::Directory>(std::move(p)));
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("driver"));
  spdlog::set_level(spdlog::level::debug);
  spdlog::set_pattern("%H:%M:%S.%e %^%l%$ %v");
  spdlog::flush_on(spdlog::level::debug);
  Options o;
  try {
    if (!parse_args(argc, argv, &o)) throw std::invalid_argument("usage");
  } catch (const std::exception&) {
    std::fprintf(stderr,
                 "usage: telephony_driver --sip-listen HOST:PORT --prompts DIR [--data-dir DIR] "
                 "[--provision-file FILE] [--rtp-ports MIN-MAX]\n");
    return 2;
  }
  auto prompts = std::make_shared<media::PromptLibrary>();
  if (Status st = prompts->load(o.prompts); !st) spdlog::warn("prompts: {}", st.error().message);
  sip::TelephonySettings ts;
  ts.listen_host = o.host;
  ts.listen_port = o.port;
  ts.rtp_port_min = o.rtp_min;
  ts.rtp_port_max = o.rtp_max;
  ts.data_dir = o.data_dir;
  auto dir = directory(o, ts.realm);
  if (!dir) {
    spdlog::critical("{}", dir.error().message);
    return 1;
  }
  media::RecordingWriter recorder;
  Printer printer;
  auto telephony = sip::Telephony::start(ts, *dir, prompts, &recorder,
                                         [&printer](model::TelephonyEvent ev) { printer.push(to_json(ev)); });
  if (!telephony) {
    spdlog::critical("{}", telephony.error().message);
    return 1;
  }
  printer.push({{"event", "Ready"}});
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    try {
      const json j = json::parse(line);
      if (j.at("cmd") == "Stats") {
        printer.push(stats_json((*telephony)->stats()));
      } else if (j.at("cmd") == "SetPrompts") {
        auto lib = std::make_shared<media::PromptLibrary>();
        const Status st = lib->load(j.at("dir").get<std::string>());
        const size_t n = lib->size();
        (*telephony)->set_prompts(std::move(lib));
        printer.push({{"event", "PromptsLoaded"}, {"prompts", n}, {"error", st ? "" : st.error().message}});
      } else
        (*telephony)->post(to_command(j));
    } catch (const std::exception& e) {
      printer.push({{"event", "Error"}, {"message", std::string(e.what()) + " in: " + line}});
    }
  }
  (*telephony)->stop();
  return 0;
}
