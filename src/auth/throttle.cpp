#include "auth/throttle.h"

#include <algorithm>

namespace plateau::auth {

int64_t LoginThrottle::wait_ms(const std::string& key, int64_t now_ms) const {
  auto it = entries_.find(key);
  if (it == entries_.end() || stale(it->second, now_ms)) return 0;
  return std::max<int64_t>(0, it->second.blocked_until_ms - now_ms);
}

void LoginThrottle::failure(const std::string& key, int64_t now_ms) {
  auto it = entries_.find(key);
  if (it != entries_.end() && stale(it->second, now_ms)) {
    entries_.erase(it);
    it = entries_.end();
  }
  if (it == entries_.end()) {
    if (entries_.size() >= s_.max_keys) sweep(now_ms);
    while (entries_.size() >= s_.max_keys) {
      auto oldest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
        return a.second.last_failure_ms < b.second.last_failure_ms;
      });
      entries_.erase(oldest);
    }
    it = entries_.emplace(key, Entry{}).first;
  }
  Entry& e = it->second;
  ++e.failures;
  e.last_failure_ms = now_ms;
  const int over = e.failures - s_.free_failures;
  if (over <= 0) return;
  int64_t delay = s_.first_delay_ms;
  for (int i = 1; i < over && delay < s_.max_delay_ms; ++i) delay *= 2;
  e.blocked_until_ms = now_ms + std::min(delay, s_.max_delay_ms);
}

void LoginThrottle::sweep(int64_t now_ms) {
  std::erase_if(entries_, [&](const auto& kv) { return stale(kv.second, now_ms); });
}

}  // namespace plateau::auth
