// callback.h — a queued callback: a caller who left the line keeping its
// place, to be called back. Stored before the caller is told it is registered,
// updated after each attempt, and reloaded at start.
//
// Thread-safety: plain value.
#pragma once

#include <cstdint>
#include <string>

namespace plateau::model {

struct Callback {
  std::string id;  // the printable id of the call that asked for it
  std::string tenant, queue;
  std::string number;        // the customer's number, called back
  int64_t requested_ms = 0;  // UTC ms; its place in line
  int attempts = 0;          // calls to the customer made so far
  std::string state;         // "pending", "done", "gave_up"
};

}  // namespace plateau::model
