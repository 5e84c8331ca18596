// throttle.h — slows down password guessing at login: per login and per
// remote address, each failure past a few free ones doubles the wait before
// the next attempt is even checked (1 s, 2 s, 4 s ... up to a maximum). A
// success clears the key's failures (the API clears the login's, never the
// address's: one valid account must not open the door for guesses at others).
// A key with no failure for `forget_ms` starts again from zero.
//
// The same design as the SIP registrar's sip::AuthThrottle (explicit times,
// bounded memory, sweep()), with a doubling delay instead of a fixed block.
// Pure logic with explicit times; one thread (the app thread).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace plateau::auth {

struct ThrottleSettings {
  int free_failures = 3;            // failures before any delay
  int64_t first_delay_ms = 1000;    // after the first failure past the free ones; doubles after each
  int64_t max_delay_ms = 15 * 60'000;
  int64_t forget_ms = 15 * 60'000;  // a key without failure this long is forgotten
  size_t max_keys = 100'000;        // beyond, the keys with the oldest failure are dropped
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleSettings s = {}) : s_(s) {}

  // Milliseconds to wait before `key` may try again (0: it may now).
  int64_t wait_ms(const std::string& key, int64_t now_ms) const;
  void failure(const std::string& key, int64_t now_ms);
  void success(const std::string& key) { entries_.erase(key); }
  // Forgets stale keys; call now and then.
  void sweep(int64_t now_ms);
  size_t tracked() const { return entries_.size(); }
  const ThrottleSettings& settings() const { return s_; }

 private:
  struct Entry {
    int failures = 0;
    int64_t last_failure_ms = 0;
    int64_t blocked_until_ms = 0;
  };
  bool stale(const Entry& e, int64_t now_ms) const {
    return now_ms - e.last_failure_ms >= s_.forget_ms && now_ms >= e.blocked_until_ms;
  }
  ThrottleSettings s_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace plateau::auth
