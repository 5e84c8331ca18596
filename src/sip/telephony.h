// telephony.h — the telephony loop: SIP (UDP and TCP), registrar, B2BUA legs,
// RTP media and the shared 20 ms media tick, all on ONE thread running libre.
//
// Public API (no libre types): start() spawns the thread and returns once the
// sockets are bound (or with the bind error). post(), set_directory() and
// set_prompts() may be called from any thread; they cross into the telephony
// thread through libre's mqueue, in the order they were called. Events are
// handed to `sink` ON THE TELEPHONY THREAD, but for RecordingClosed and
// LegRecorded, which come from the recording writer thread once their file is
// closed: the sink must only post them elsewhere (e.g. asio::post onto the app
// loop).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/result.h"
#include "core/directory.h"
#include "model/call_events.h"
#include "sip/sip_counters.h"

namespace plateau::metrics {
class Histogram;
}  // namespace plateau::metrics

namespace plateau::media {
class PromptLibrary;
class RecordingWriter;
}  // namespace plateau::media

namespace plateau::sip {

struct TelephonySettings {
  std::string listen_host = "0.0.0.0";
  uint16_t listen_port = 5060;
  bool tcp = true;
  std::string advertise;  // address in Contact and SDP; "" = derived from the listen address
  std::string realm = "plateau";
  int register_min_expires_s = 60;
  int register_max_expires_s = 3600;
  int auth_fail_limit = 10;
  int auth_fail_window_s = 60;
  int auth_block_s = 300;
  uint16_t rtp_port_min = 10000;
  uint16_t rtp_port_max = 20000;
  std::string data_dir;   // recordings are written under it
  bool recording = true;
  // Observed on the telephony thread when set (lock-free handles of the metrics registry).
  metrics::Histogram* tick_seconds = nullptr;   // duration of each media tick
  metrics::Histogram* setup_seconds = nullptr;  // INVITE received -> first answer (183) sent
};

// Counters read by the metrics exporter from any thread.
struct TelephonyStats {
  SipCounts sip;
  uint64_t rtp_rx = 0, rtp_tx = 0, rtp_lost = 0;
  uint64_t auth_failures = 0;
  int64_t inbound_legs = 0, agent_legs = 0, registered_phones = 0, blocked_sources = 0, recordings_active = 0;
  int64_t dialled_legs = 0;  // outgoing legs placed by Dial
};

class Telephony {
 public:
  using EventSink = std::function<void(model::TelephonyEvent)>;

  static Result<std::unique_ptr<Telephony>> start(const TelephonySettings& settings, core::DirectoryPtr directory,
                                                 std::shared_ptr<const media::PromptLibrary> prompts,
                                                 media::RecordingWriter* recorder, EventSink sink);
  ~Telephony();  // stops the thread (calls in progress are hung up)

  void post(model::TelephonyCommand cmd);
  void set_directory(core::DirectoryPtr directory);
  // Publishes a new prompt library (e.g. after flow prompts were generated):
  // commands posted after this call play from it. Prompts playing when it
  // arrives play on from the buffers they hold. The library must not change
  // once published (load it first). Null is ignored.
  void set_prompts(std::shared_ptr<const media::PromptLibrary> prompts);
  // A snapshot of the counters (refreshed by the telephony thread every second).
  TelephonyStats stats() const;
  void stop();

  class Impl;

 private:
  explicit Telephony(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace plateau::sip
