// clock.h — injectable time source.
//
// Pure logic takes a Clock& so that tests and the simulator drive time by hand.
// SystemClock is thread-safe; ManualClock is for one thread (tests).
#pragma once

#include <chrono>
#include <cstdint>

namespace plateau {

// Milliseconds since the Unix epoch, UTC.
using EpochMs = int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual EpochMs now_ms() const = 0;        // wall clock, UTC, for records
  virtual int64_t monotonic_ms() const = 0;  // for durations and timers
};

class SystemClock final : public Clock {
 public:
  EpochMs now_ms() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
  int64_t monotonic_ms() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
  }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(EpochMs start = 1'700'000'000'000) : now_(start) {}
  EpochMs now_ms() const override { return now_; }
  int64_t monotonic_ms() const override { return now_; }
  void advance_ms(int64_t ms) { now_ += ms; }

 private:
  EpochMs now_;
};

}  // namespace plateau
