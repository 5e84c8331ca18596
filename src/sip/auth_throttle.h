// auth_throttle.h — blocks source addresses that fail authentication too often.
//
// Pure logic with explicit times: `limit` failures within `window_ms` block the
// source for `block_ms`. Memory is bounded: entries older than the window are
// forgotten by sweep(), and at most `max_sources` are tracked (the oldest are
// dropped first). Runs on the telephony thread only (not thread-safe).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace plateau::sip {

class AuthThrottle {
 public:
  AuthThrottle(int limit, int64_t window_ms, int64_t block_ms, size_t max_sources = 100000);

  // Whether requests from `source` are to be dropped at `now_ms`.
  bool blocked(const std::string& source, int64_t now_ms) const;
  // Records a failed authentication; returns true if it made the source blocked.
  bool failure(const std::string& source, int64_t now_ms);
  // A success forgives past failures.
  void success(const std::string& source);
  // Forgets stale entries; call now and then (e.g. every few seconds).
  void sweep(int64_t now_ms);
  size_t blocked_count(int64_t now_ms) const;
  size_t tracked() const { return entries_.size(); }

 private:
  struct Entry {
    int failures = 0;
    int64_t window_start = 0;
    int64_t blocked_until = 0;
  };
  int limit_;
  int64_t window_ms_, block_ms_;
  size_t max_sources_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace plateau::sip
