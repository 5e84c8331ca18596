// next_id.h — process-wide unique ids for calls and legs, and the printable call id.
//
// Any thread: a relaxed atomic counter; ids are never reused within a process.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <cstdint>

#include "common/ids.h"

namespace plateau {

inline uint64_t next_id_value() {
  static std::atomic<uint64_t> counter{0};
  return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}

template <class IdT>
IdT next_id() {
  return IdT{next_id_value()};
}

}  // namespace plateau

namespace plateau {

// The printable id of a call, the same in every log line and in its call
// record: "c-<process start, ms, hex>-<call number, hex>", unique across restarts.
inline std::string call_label(CallId id) {
  static const unsigned long long process_start_ms = static_cast<unsigned long long>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  char buf[48];
  std::snprintf(buf, sizeof buf, "c-%llx-%06llx", process_start_ms, static_cast<unsigned long long>(id.value));
  return buf;
}

}  // namespace plateau
