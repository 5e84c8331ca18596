// next_id.h — process-wide unique ids for calls and legs.
//
// Any thread: a relaxed atomic counter; ids are never reused within a process.
#pragma once

#include <atomic>
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
