#include "sip/auth_throttle.h"

namespace plateau::sip {

AuthThrottle::AuthThrottle(int limit, int64_t window_ms, int64_t block_ms, size_t max_sources)
    : limit_(limit), window_ms_(window_ms), block_ms_(block_ms), max_sources_(max_sources) {}

bool AuthThrottle::blocked(const std::string& source, int64_t now_ms) const {
  auto it = entries_.find(source);
  return it != entries_.end() && it->second.blocked_until > now_ms;
}

bool AuthThrottle::failure(const std::string& source, int64_t now_ms) {
  if (entries_.size() >= max_sources_ && !entries_.count(source)) sweep(now_ms);
  if (entries_.size() >= max_sources_ && !entries_.count(source)) return false;  // under a flood: stay bounded
  Entry& e = entries_[source];
  if (now_ms - e.window_start > window_ms_) {
    e.window_start = now_ms;
    e.failures = 0;
  }
  ++e.failures;
  if (e.failures >= limit_ && e.blocked_until <= now_ms) {
    e.blocked_until = now_ms + block_ms_;
    return true;
  }
  return false;
}

void AuthThrottle::success(const std::string& source) { entries_.erase(source); }

void AuthThrottle::sweep(int64_t now_ms) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    const Entry& e = it->second;
    if (e.blocked_until <= now_ms && now_ms - e.window_start > window_ms_) it = entries_.erase(it);
    else ++it;
  }
}

size_t AuthThrottle::blocked_count(int64_t now_ms) const {
  size_t n = 0;
  for (const auto& [k, e] : entries_)
    if (e.blocked_until > now_ms) ++n;
  return n;
}

}  // namespace plateau::sip
