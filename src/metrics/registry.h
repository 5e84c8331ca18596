// registry.h — the live values of the catalogue's metrics, and their rendering
// as Prometheus text.
//
// Usage: look a series up once (catalogue entry + label values, in the order of
// the catalogue's label names) and keep the handle:
//   Counter& invites = reg.counter(Metric::sip_requests_total, {"INVITE", "in"});
//   invites.inc();                       // any thread, lock-free
// Label values must come from bounded sets (see catalogue.h): never a phone
// number, call id or agent id.
//
// Thread-safety: every member function may be called from any thread. Looking
// up a new label combination takes the registry's mutex; updates through a
// handle (inc, set, observe) are lock-free atomics and never block. Handles stay
// valid for the registry's lifetime. render() takes the mutex to walk the series
// and reads the atomics without stopping writers, so a histogram's _sum may lag
// its buckets by the observations in flight; _count always equals the +Inf bucket.
//
// Misuse (wrong type for the metric, wrong number of label values) is a bug in
// the caller: it is logged once per metric and the handle returned then counts
// into a sink that is never rendered.
#pragma once

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/catalogue.h"

namespace plateau::metrics {

class Counter {
 public:
  void inc(uint64_t n = 1) noexcept { v_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const noexcept { return v_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> v_{0};
};

class Gauge {
 public:
  void set(double v) noexcept { v_.store(v, std::memory_order_relaxed); }
  void inc(double d = 1) noexcept { v_.fetch_add(d, std::memory_order_relaxed); }
  void dec(double d = 1) noexcept { v_.fetch_sub(d, std::memory_order_relaxed); }
  double value() const noexcept { return v_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> v_{0};
};

class Histogram {
 public:
  // bounds: ascending upper bounds without +Inf; must outlive the histogram.
  explicit Histogram(const std::vector<double>& bounds);

  // NaN is ignored; values above the last bound land in +Inf only.
  void observe(double v) noexcept;

  struct Snapshot {
    std::vector<uint64_t> cumulative;  // one per bound, then +Inf
    double sum = 0;
    uint64_t count = 0;  // == cumulative.back()
  };
  Snapshot snapshot() const;
  const std::vector<double>& bounds() const { return bounds_; }

 private:
  const std::vector<double>& bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // bounds_.size() + 1, not cumulative
  std::atomic<double> sum_{0};
};

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  Counter& counter(Metric m, std::initializer_list<std::string_view> labels = {});
  Gauge& gauge(Metric m, std::initializer_list<std::string_view> labels = {});
  Histogram& histogram(Metric m, std::initializer_list<std::string_view> labels = {});

  // Same, with label values in a vector (for callers that build them).
  Counter& counter(Metric m, const std::vector<std::string>& labels);
  Gauge& gauge(Metric m, const std::vector<std::string>& labels);
  Histogram& histogram(Metric m, const std::vector<std::string>& labels);

  // The text exposition format (version 0.0.4): every catalogue entry in table
  // order with HELP and TYPE, then its series sorted by label values. Metrics
  // without labels always show a sample (0 until updated).
  std::string render() const;

 private:
  struct Family;
  Family* checked(Metric m, Type want, size_t nlabels);  // caller holds mu_

  mutable std::mutex mu_;
  std::vector<std::unique_ptr<Family>> families_;  // indexed by Metric; guarded by mu_
  Counter sink_counter_;
  Gauge sink_gauge_;
  std::unique_ptr<Histogram> sink_histogram_;
};

// Sets plateau_build_info{version} to 1 and plateau_process_start_time_seconds.
void record_process_info(Registry& reg, std::string_view version, double start_epoch_seconds);

}  // namespace plateau::metrics
