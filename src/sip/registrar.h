// registrar.h — REGISTER handling for agent phones: digest authentication,
// bindings with expiry, several contacts per phone, un-register, and blocking
// of sources that fail authentication repeatedly.
//
// Telephony thread only. Credentials come from the current Directory (HA1 of
// each phone); bindings live in memory (phones re-register after a restart).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/directory.h"
#include "sip/auth_throttle.h"
#include "sip/nonce.h"
#include "sip/re.h"

namespace plateau::sip {

struct RegistrarSettings {
  std::string realm = "plateau";
  int min_expires_s = 60;
  int max_expires_s = 3600;
  int auth_fail_limit = 10;
  int auth_fail_window_s = 60;
  int auth_block_s = 300;
};

struct Binding {
  std::string contact_uri;  // as registered, e.g. "sip:2001@127.0.0.1:5071"
  std::string source;       // "ip:port" the REGISTER came from
  enum sip_transp tp = SIP_TRANSP_UDP;
  int64_t expires_at_ms = 0;
  std::string call_id;
};

class Registrar {
 public:
  // Called when a phone's first contact is added or its last one removed.
  using ChangeHandler = std::function<void(const std::string& username, bool registered, int contacts)>;

  Registrar(struct sip* sip, RegistrarSettings settings, ChangeHandler on_change);

  void set_directory(core::DirectoryPtr dir) { dir_ = std::move(dir); }
  // Handles a REGISTER (answers it, or drops it if the source is blocked).
  void handle(const struct sip_msg* msg, int64_t now_ms);
  // Whether requests from this source are dropped (blocked by the throttle).
  bool blocked(const struct sa* src, int64_t now_ms) const;
  // Expires bindings and forgets stale throttle entries; call every second.
  void sweep(int64_t now_ms);
  // Current contacts of a phone, newest first.
  std::vector<Binding> contacts(const std::string& username) const;
  // Whether `src` is the address of a registered phone.
  bool is_registered_source(const struct sa* src) const;

  size_t registered_phones() const { return bindings_.size(); }
  size_t blocked_sources(int64_t now_ms) const { return throttle_.blocked_count(now_ms); }
  uint64_t auth_failures() const { return auth_failures_; }

 private:
  void challenge(const struct sip_msg* msg, bool stale, int64_t now_ms);
  void fail(const struct sip_msg* msg, const std::string& source, int64_t now_ms, const char* why);
  void reply_ok(const struct sip_msg* msg, const std::string& username, int64_t now_ms);

  struct sip* sip_;
  RegistrarSettings s_;
  ChangeHandler on_change_;
  core::DirectoryPtr dir_;
  NonceIssuer nonces_;
  AuthThrottle throttle_;
  std::map<std::string, std::vector<Binding>> bindings_;  // username -> contacts
  uint64_t auth_failures_ = 0;
};

std::string sa_to_string(const struct sa* sa);  // "ip:port"
std::string sa_ip(const struct sa* sa);         // "ip"
std::string pl_str(const struct pl& pl);

}  // namespace plateau::sip
